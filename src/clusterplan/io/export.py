"""The one way tables leave the program as CSV or XLSX: downloads and CLI exports.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in
some, with a tab or carriage return) as a formula, so a name such as
``=HYPERLINK("http://evil", "click")`` typed into a form would become a live link or a
command in the file a colleague opens. As OWASP recommends, every *text* cell that
starts with one of these characters is written with a leading ``'``; numbers stay numbers
(a negative number is not a formula, the text ``"-1+1"`` is). XLSX cells are written
with an explicit type, so text is never stored as a formula.

:func:`restore_text` undoes :func:`neutralise` exactly, so a file exported here and
imported again gives back the original names.
"""

from __future__ import annotations

import csv
import errno
import io
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

from clusterplan.errors import ClusterplanError, Coded

Cell = str | int | float | bool | None
Grid = Sequence[Sequence[Cell]]

FORMATS: tuple[str, ...] = ("csv", "xlsx")

FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat a text cell as a formula (OWASP CSV
injection list)."""

ESCAPE = "'"
"""Prefix that makes a spreadsheet show the rest of the cell as text."""

XLSX_MAX_CELL_CHARS = 32_767
"""Longest text an XLSX cell may hold (Excel's limit); longer text is cut."""

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ILLEGAL_XML = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


class ExportError(ClusterplanError, ValueError):
    """A table that cannot be written where asked (the message names the file and why)."""

    default_code = "export.detail"


def needs_escape(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula (or it looks escaped)."""
    if len(text) < 2:
        return False  # "", or a lone "-" (a placeholder) is text in every spreadsheet
    if text[0] == ESCAPE:
        return needs_escape(text[1:])
    return text[0] in FORMULA_PREFIXES and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet: prefixed with ``'`` when it could be a formula.

    A text that already starts with ``'`` before a formula character gets one more, so
    :func:`restore_text` can tell the two apart.
    """
    return ESCAPE + text if needs_escape(text) else text


def restore_text(text: str) -> str:
    """The original of a text written by :func:`neutralise` (other texts unchanged)."""
    if text.startswith(ESCAPE) and needs_escape(text[1:]):
        return text[1:]
    return text


def safe_cell(value: Cell) -> Cell:
    """A cell ready to export: text neutralised, non-finite numbers as text, None kept."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return neutralise(str(value))


def _csv(grids: Mapping[str, Grid], titles: bool) -> bytes:
    buffer = io.StringIO()
    # CRLF as RFC 4180 says: the csv module then quotes a field holding a lone CR too, so
    # a CR inside a name can never split a row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    for index, (title, grid) in enumerate(grids.items()):
        if titles:
            if index:
                writer.writerow([])
            writer.writerow([neutralise(title)])
        for row in grid:
            cells = (safe_cell(c) for c in row)
            writer.writerow(["" if c is None else c for c in cells])
    return buffer.getvalue().encode("utf-8")


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", _ILLEGAL_XML.sub("", title)).strip("' ")[:31] or "data"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]} {n}"
    taken.add(name.lower())
    return name


def _xlsx(grids: Mapping[str, Grid], bold_header: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell as XlsxCell
    from openpyxl.styles import Font

    book = Workbook()
    taken: set[str] = set()
    for index, (title, grid) in enumerate(grids.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = _sheet_title(title, taken)
        width = 12
        for r, row in enumerate(grid, start=1):
            for c, raw in enumerate(row, start=1):
                value = safe_cell(raw)
                if value is None:
                    continue
                cell: XlsxCell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    text = _ILLEGAL_XML.sub("\ufffd", value)[:XLSX_MAX_CELL_CHARS]
                    cell.value = text
                    cell.data_type = "s"  # text, never a formula
                    if c == 1:
                        width = max(width, min(len(text), 80) + 2)
                else:
                    cell.value = value
                if r == 1 and bold_header:
                    cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_tables(grids: Mapping[str, Grid], fmt: str, *, titles: bool = True) -> bytes:
    """Tables (title to grid, header row first) as one CSV or XLSX file.

    CSV puts every grid in one file, each after a title row (``titles=False``: the grids
    only, for one-table import formats); XLSX gives every grid its own sheet with a bold
    header row. Every cell goes through :func:`safe_cell`.
    """
    if fmt == "csv":
        return _csv(grids, titles)
    if fmt == "xlsx":
        return _xlsx(grids, bold_header=True)
    raise ExportError(code="export.format", params={"format": fmt})


Operation = Literal["read", "write"]
"""What was done with a file when the system refused it: reading an input, or opening,
creating or writing a result."""

_READ_WRITE: Final = ("read", "write")

SYSTEM_REASONS: Final[Mapping[int, Mapping[Operation, str]]] = {
    errno.ENOENT: {"read": "table.no_such_file", "write": "system.no_such_path"},
    errno.ENOTDIR: dict.fromkeys(_READ_WRITE, "system.not_a_folder"),
    errno.EISDIR: {"read": "table.is_folder", "write": "system.is_folder"},
    errno.EACCES: {"read": "table.no_permission", "write": "system.no_permission"},
    errno.EPERM: {"read": "table.no_permission", "write": "system.no_permission"},
    errno.EROFS: {"write": "system.read_only"},
    errno.ENOSPC: {"write": "system.no_space"},
    errno.EDQUOT: {"write": "system.no_space"},
    errno.ENAMETOOLONG: dict.fromkeys(_READ_WRITE, "system.name_too_long"),
}
"""Why the system refused a file, by its ``errno``, in the catalogue's words for each
operation: reading a file ('no permission to read it') or writing one ('no permission',
'no space left on the disk'). The one declaration: every reader and writer of the core
takes its words from here; any other reason is the system's own text."""


def system_reason(exc: OSError, operation: Operation = "write") -> Coded | str:
    """Why the system refused a file in ``operation``, in the reader's words when
    :data:`SYSTEM_REASONS` knows it, else the system's own text."""
    code = SYSTEM_REASONS.get(exc.errno, {}).get(operation) if exc.errno is not None else None
    return Coded(code) if code else str(exc.strerror or exc)


def check_output(path: Path) -> None:
    """Raise :class:`ExportError` when ``path`` cannot be a result file (its folder is
    missing, or it is a folder): what a command checks before it computes a result."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(
            code="export.no_folder", params={"path": str(path), "folder": str(folder)}
        )
    if path.is_dir():
        raise ExportError(code="export.is_folder", params={"path": str(path)})


def write_output(path: Path, data: bytes) -> None:
    """Write a result file atomically, or raise :class:`ExportError` in one line.

    A reader sees the old or the new file, never half; a missing folder or a folder that
    cannot be written is named instead of a traceback.
    """
    from clusterplan.io.sheets import write_atomic

    check_output(path)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise ExportError(
            code="export.cannot_write",
            params={"path": str(path), "detail": system_reason(exc)},
        ) from None


def write_tables(path: Path, grids: Mapping[str, Grid], *, titles: bool = True) -> None:
    """Write tables to ``path`` as CSV or XLSX by its suffix (see :func:`export_tables`)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(code="export.file_type", params={"path": str(path)})
    write_output(path, export_tables(grids, fmt, titles=titles))


__all__ = [
    "ExportError",
    "check_output",
    "export_tables",
    "neutralise",
    "restore_text",
    "safe_cell",
    "write_output",
    "write_tables",
]
