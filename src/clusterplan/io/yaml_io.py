"""Read YAML keeping the line of every node, so errors can name the line.

This module and its siblings in ``clusterplan.io`` are the only places that open files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


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


class YamlError(Exception):
    """A YAML file that cannot be parsed."""

    def __init__(self, path: Path, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")


def _key(node: yaml.Node) -> str | int:
    value = node.value if isinstance(node, yaml.ScalarNode) else str(node.value)
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return str(value)


def _walk(node: yaml.Node, loc: Path_, lines: dict[Path_, int]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, _key(key_node))
            _walk(value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*loc, index), lines)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text; raise :class:`YamlError` with the line on malformed input."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlError(path, line, f"malformed YAML: {reason}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, None, f"malformed YAML: {exc}") from exc
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDocument(path=path, data=data, lines=lines)


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse one YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise YamlError(path, None, f"cannot read file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise YamlError(path, None, f"not UTF-8 text: {exc.reason}") from exc
    return parse_yaml(text, path)


def write_yaml(path: Path, data: Any) -> None:
    """Write data as readable YAML (keys in given order, unicode kept)."""
    path.write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
