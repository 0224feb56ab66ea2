"""Read YAML keeping the line of every node, so errors can name the line.

This module and its siblings in ``clusterplan.io`` are the only places that open files.

Plan files are read defensively: only regular files (no FIFO, device or directory, no
symlink that leaves the plan folder or loops), at most :data:`MAX_YAML_BYTES`, parsed
once by libyaml when it is available, without aliases (a plan never needs them, and they
are how a small file expands into gigabytes) and at most :data:`MAX_YAML_DEPTH` levels
deep. Every refusal is a :class:`YamlError`: one line naming the file and the reason.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from clusterplan.errors import ClusterplanError, Coded, localise
from clusterplan.i18n import Count
from clusterplan.io.export import system_reason

Path_ = tuple[str | int, ...]

MAX_YAML_BYTES = 4 * 1024 * 1024
"""Largest plan file read (4 MiB). The bundled plan's largest file is under 20 KB, so this
leaves room for a plan two hundred times as detailed, while a file at the limit still
checks in seconds (see ``tests/plan/test_safe_reading.py``); a bigger file is almost
certainly a mistake (a dump, a device, a generated file) and is refused before parsing."""

MAX_YAML_DEPTH = 32
"""Deepest nesting of mappings and lists accepted. The plan schema nests at most six
levels; 32 leaves room for free-form notes and stops pathological nesting early."""

MAX_QUOTED_CHARS = 80
"""Longest value quoted in an error message; longer values are cut with an ellipsis so
that a 20 MB cell does not become a 20 MB message."""

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _cut(text: str, limit: int) -> str | Coded:
    """``text``, or when longer than ``limit`` its start with a note of its full length
    (a coded text, in the reader's language where it is shown)."""
    if len(text) <= limit:
        return text
    return Coded("text.shortened", {"start": text[:limit], "length": Count(len(text))})


def shorten(value: object, limit: int = MAX_QUOTED_CHARS) -> str | Coded:
    """``repr(value)`` for a message, cut to ``limit`` characters with a note of its full
    length in the reader's language (a parameter of the message that quotes it)."""
    return _cut(repr(value), limit)


def shorten_message(text: str, limit: int = 4 * MAX_QUOTED_CHARS, lang: str = "en") -> str:
    """A message cut to ``limit`` characters (a reason may quote a huge value); the note of
    its full length in ``lang``."""
    return localise(_cut(text, limit), lang)


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and the 1-based line of every node by path."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int | None:
        """The line of the deepest known node on ``loc`` (or None)."""
        probe = tuple(loc)
        while True:
            if probe in self.lines:
                return self.lines[probe]
            if not probe:
                return None
            probe = probe[:-1]


class YamlError(ClusterplanError):
    """A YAML file that cannot be parsed."""

    default_code = "yaml.detail"

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(code="yaml.problem", params={"reason": reason})

    def text(self, lang: str | None = None) -> str:
        """Where and why in ``lang`` (default: this run's language)."""
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {localise(self.reason, lang)}"


def _key(node: yaml.Node) -> str | int:
    value = node.value if isinstance(node, yaml.ScalarNode) else str(node.value)
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return str(value)


_ALIAS_REASON = Coded("yaml.alias")


def _walk(root: yaml.Node, path: Path) -> dict[Path_, int]:
    """The line of every node by path; refuses aliases (shared nodes), deep nesting and a
    key given twice in one mapping.

    Iterative, so neither deep nesting nor a recursive alias can exhaust the stack.
    """
    lines: dict[Path_, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Path_, int]] = [(root, (), root.start_mark.line + 1)]
    while stack:
        node, loc, line = stack.pop()
        if id(node) in seen:
            raise YamlError(path, line, _ALIAS_REASON)
        seen.add(id(node))
        if len(loc) > MAX_YAML_DEPTH:
            raise YamlError(path, line, Coded("yaml.too_deep", {"levels": MAX_YAML_DEPTH}))
        lines.setdefault(loc, line)
        if isinstance(node, yaml.MappingNode):
            first: dict[str | int, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise YamlError(path, key_node.start_mark.line + 1, Coded("yaml.key"))
                key, at = _key(key_node), key_node.start_mark.line + 1
                if key in first:  # the loader would keep the last silently
                    reason = Coded("yaml.duplicate_key", {"key": str(key), "line": first[key]})
                    raise YamlError(path, at, reason)
                first[key] = at
                child = (*loc, key)
                lines[child] = key_node.start_mark.line + 1
                stack.append((value_node, child, key_node.start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), item.start_mark.line + 1))
    return lines


_SYNTAX: tuple[tuple[str, str, bool], ...] = (
    ("tab character", "yaml.tab", False),
    ("did not find expected key", "yaml.indentation", False),
    ("did not find expected '-' indicator", "yaml.indentation", False),
    ("mapping values are not allowed", "yaml.colon", False),
    ("did not find expected ','", "yaml.unclosed", True),
    ("could not find expected ':'", "yaml.no_colon", True),
)
"""The parser's problems a plan's author meets most, each as ``(words of the parser's
problem, code of the reason, whether the line is where the construct began)``."""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, Coded]:
    """The line and the reason, in the catalogue's words, of a YAML syntax error (the
    parser's own English only for a problem :data:`_SYNTAX` does not know)."""
    problem, context = exc.problem or "", exc.context or ""
    code, at_start = "yaml.malformed", False
    params: dict[str, str] = {"detail": " ".join(p for p in (context, problem) if p)}
    for words, known, begun in _SYNTAX:
        if words in problem:
            code, at_start, params = known, begun, {}
            break
    else:
        if "cannot start any token" in problem and exc.problem_mark is not None:
            at, lines = exc.problem_mark, text.splitlines()
            found = lines[at.line][at.column : at.column + 1] if at.line < len(lines) else ""
            code, params = (
                ("yaml.tab", {}) if found == "\t" else ("yaml.bad_character", {"char": repr(found)})
            )
        elif "quoted scalar" in context and "end of stream" in problem:
            code, at_start, params = "yaml.unclosed_quote", True, {}
    where = (exc.context_mark if at_start else None) or exc.problem_mark or exc.context_mark
    return (where.line + 1 if where is not None else None), Coded(code, params)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text; raise :class:`YamlError` with the line on malformed input."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        lines = _walk(node, path) if node is not None else {}
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        line, reason = _syntax_problem(exc, text)
        raise YamlError(path, line, reason) from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, None, Coded("yaml.malformed", {"detail": str(exc)})) from exc
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(path=path, data=data, lines=lines)


def _refuse_unsafe_link(path: Path, root: Path | None) -> None:
    """Refuse a symlink that loops or dangles, and (with ``root``) a file that is not
    inside ``root`` once every link on its way (the file's or a folder's) is followed."""
    link = path.is_symlink()
    if not link and (root is None or not path.exists()):
        return  # not a link: read_limited names a missing or unreadable file
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        raise YamlError(path, None, Coded("yaml.link_loop")) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YamlError(path, None, Coded("yaml.link_loop")) from None
        shown = os.readlink(path) if link else path
        raise YamlError(path, None, Coded("yaml.link_missing", {"target": str(shown)})) from None
    if root is not None and not target.is_relative_to(root.resolve()):
        raise YamlError(path, None, Coded("yaml.link_outside", {"target": str(target)}))


def _kind(mode: int) -> Coded:
    if stat.S_ISDIR(mode):
        return Coded("file.directory")
    if stat.S_ISFIFO(mode):
        return Coded("file.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Coded("file.device")
    if stat.S_ISSOCK(mode):
        return Coded("file.socket")
    return Coded("file.other")


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` (links followed) is not a regular file to read, or None when it is.

    ``stat`` never blocks, so a FIFO is named before anything tries to read from it.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Coded("yaml.link_loop")
        if exc.errno == errno.ENOENT:
            return Coded("plan.file_missing")
        return Coded("table.cannot_read", {"detail": system_reason(exc, "read")})
    return (
        None
        if stat.S_ISREG(info.st_mode)
        else Coded("yaml.not_regular", {"kind": _kind(info.st_mode)})
    )


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`YamlError`.

    Opens without blocking (a FIFO would wait for a writer forever) and checks what was
    opened, so a file swapped for a device between check and read is still refused.
    """
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise YamlError(path, None, Coded("yaml.link_loop")) from None
        if exc.errno == errno.ENOENT:
            raise YamlError(path, None, Coded("plan.file_missing")) from None
        raise YamlError(
            path, None, Coded("table.cannot_read", {"detail": system_reason(exc, "read")})
        ) from None
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder in its words
        os.close(handle)
        raise YamlError(path, None, Coded("yaml.not_regular", {"kind": _kind(info.st_mode)}))
    with os.fdopen(handle, "rb") as stream:
        if info.st_size > limit:
            raise YamlError(
                path,
                None,
                Coded("yaml.too_large", {"size": Count(info.st_size), "limit": Count(limit)}),
            )
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise YamlError(
                path, None, Coded("table.cannot_read", {"detail": system_reason(exc, "read")})
            ) from None
    if len(data) > limit:
        raise YamlError(path, None, Coded("yaml.too_large_read", {"limit": Count(limit)}))
    return data


def read_yaml(path: Path, *, root: Path | None = None, limit: int = MAX_YAML_BYTES) -> YamlDocument:
    """Read and parse one YAML file safely (see the module docstring).

    ``root`` is the folder the file must stay in when it is a symlink (the plan folder).
    """
    _refuse_unsafe_link(path, root)
    data = read_limited(path, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, Coded("file.not_utf8", {"detail": exc.reason})) from exc
    return parse_yaml(text, path)


def write_yaml(path: Path, data: Any) -> None:
    """Write data as readable YAML (keys in given order, unicode kept)."""
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
