"""Read and write one-table CSV and XLSX files (imports and exports of registries and leads).

Reading keeps each row's number in the file (the header is row 1), so errors can name
the row, and is bounded (:class:`~clusterplan.io.limits.ReadLimits`): a file over a limit is
refused with a :class:`LimitError` before the work the limit protects. Writing is atomic:
the file is replaced only once the new content is complete.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from clusterplan.errors import ClusterplanError, Coded, localise
from clusterplan.i18n import Count, Named, message
from clusterplan.io.export import restore_text, system_reason
from clusterplan.io.limits import ReadLimits

Cell = str | int | float | bool | None

SUFFIXES: tuple[str, ...] = (".csv", ".xlsx")


@dataclass(frozen=True)
class TableRow:
    """One data row: its number in the file (header = 1) and its cells by column."""

    number: int
    cells: Mapping[str, Cell]


@dataclass(frozen=True)
class Table:
    """A table read from a file: the file name, its columns in order and its data rows."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


def where_text(
    file: str,
    row: int | None,
    column: str | None,
    reason: object,
    lang: str | None = None,
    *,
    sheet: str | None = None,
) -> str:
    """``file, sheet 's', row 3, column 'x': reason`` in ``lang`` (the one way problems are
    located); what is not known (an empty file name, no sheet, row or column) is left out."""
    where = [file.text(lang) if isinstance(file, Named) else file] if file else []
    if sheet:
        where.append(message("table.sheet", {"sheet": sheet}, lang))
    if row:
        where.append(message("table.row", {"row": row}, lang))
    if column:
        where.append(message("table.column", {"column": column}, lang))
    text = localise(reason, lang)
    return f"{', '.join(where)}: {text}" if where else text


@dataclass(frozen=True)
class FileProblem:
    """Something wrong at a place in a file: the file, the row (header = 1; None: the whole
    file), the column (None: the whole row) and the reason (coded: English as text, any
    language through :meth:`text`); in a workbook, also the sheet."""

    file: str
    row: int | None
    column: str | None
    reason: str
    sheet: str | None = field(default=None, kw_only=True)

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str | None = None) -> str:
        """The problem in ``lang`` (default: this run's language)."""
        return where_text(self.file, self.row, self.column, self.reason, lang, sheet=self.sheet)


class TableError(ClusterplanError):
    """A file that cannot be read as a table; names the file, row and column where known
    (and the sheet, for a workbook read sheet by sheet: :func:`clusterplan.io.book.read_sheets`
    sets ``sheet``)."""

    default_code = "table.problem"

    def __init__(self, file: str, row: int | None, column: str | None, reason: str) -> None:
        self.file = file
        self.sheet: str | None = None
        self.row = row
        self.column = column
        self.reason = reason  # a Coded reason, or English text from a lower layer
        super().__init__(code=self.default_code, params={"reason": reason})

    def text(self, lang: str | None = None) -> str:
        """File, sheet, row, column and reason in ``lang`` (default: this run's language)."""
        return where_text(self.file, self.row, self.column, self.reason, lang, sheet=self.sheet)


def _restored(value: Cell) -> Cell:
    return restore_text(value) if isinstance(value, str) else value


def empty_cell(value: Cell) -> bool:
    """Whether a cell is empty: nothing, or only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


Limit = Literal["bytes", "unpacked_bytes", "rows", "cell_chars", "cells"]


class LimitError(TableError):
    """A file over one of the :class:`ReadLimits`: which limit, the value found (or a lower
    bound of it, since reading stops at the limit) and the maximum."""

    def __init__(
        self, file: str, row: int | None, column: str | None, limit: Limit, value: int, maximum: int
    ) -> None:
        self.limit = limit
        self.value = value
        self.maximum = maximum
        reason = Coded(f"limit.{limit}", {"value": Count(value), "maximum": Count(maximum)})
        super().__init__(file, row, column, reason)


def header_problems(
    columns: Sequence[str], required: Sequence[str], known: Sequence[str] | None = None
) -> list[tuple[str, Coded]]:
    """What is wrong with a header, column by column: each ``required`` column it lacks
    (``table.missing_column``) and, when ``known`` lists every column an import reads, each
    other column (``import.unknown_column``). Without ``known`` other columns are passed over
    (a file in a public data set's shape, with more columns than the import reads)."""
    problems = [(c, Coded("table.missing_column")) for c in required if c not in columns]
    if known is not None:
        listed = list(known)
        problems += [
            (c, Coded("import.unknown_column", {"known": listed}))
            for c in columns
            if c not in known
        ]
    return problems


def check_size(file: str, size: int, limits: ReadLimits) -> None:
    """Refuse a file of ``size`` bytes over ``limits.max_bytes`` (:class:`LimitError`), before
    a byte of it is read where the size is known first (an upload)."""
    if size > limits.max_bytes:
        raise LimitError(file, None, None, "bytes", size, limits.max_bytes)


_EMPTY_MARGIN = 1_000
"""Empty rows tolerated after the row limit (spreadsheets often keep formatted empty rows)."""


def _table(file: str, raw: Iterable[Sequence[Cell]], limits: ReadLimits | None = None) -> Table:
    """Build a table from rows as read, enforcing the row, cell and cell-length limits while
    reading: a row over the limit stops the reading (the rest of the file is never parsed)."""
    limits = limits or ReadLimits()
    rows_read: list[Sequence[Cell]] = []
    cell_count = 0
    for number, values in enumerate(raw, start=1):
        if number > limits.max_rows + 1 and (
            number > limits.max_rows + 1 + _EMPTY_MARGIN or any(not empty_cell(c) for c in values)
        ):
            raise LimitError(file, number, None, "rows", number - 1, limits.max_rows)
        cell_count += len(values)
        if cell_count > limits.max_cells:
            raise LimitError(file, number, None, "cells", cell_count, limits.max_cells)
        for index, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.max_cell_chars:
                column = _column_name(rows_read[0] if rows_read else [], index)
                raise LimitError(
                    file, number, column, "cell_chars", len(value), limits.max_cell_chars
                )
        if number <= limits.max_rows + 1:
            rows_read.append(values)
    while rows_read and all(empty_cell(c) for c in rows_read[-1]):
        rows_read.pop()
    if not rows_read:
        raise TableError(file, None, None, Coded("table.empty_file"))
    header = [str(c).strip() if c is not None else "" for c in rows_read[0]]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            raise TableError(file, 1, f"#{index + 1}", Coded("table.empty_column_name"))
        if name in seen:
            raise TableError(file, 1, name, Coded("table.duplicate_column"))
        seen.add(name)
    rows = []
    for number, values in enumerate(rows_read[1:], start=2):
        if all(empty_cell(c) for c in values):
            continue
        extra = [c for c in values[len(header) :] if not empty_cell(c)]
        if extra:
            raise TableError(file, number, None, Coded("table.extra_cells"))
        # restore_text: a name exported as "'=x" (formula neutralised) is read back as "=x".
        cells = {
            name: (_restored(values[i]) if i < len(values) else None)
            for i, name in enumerate(header)
        }
        rows.append(TableRow(number, cells))
    return Table(file, tuple(header), tuple(rows))


def cell_text(value: Cell) -> str | None:
    """A cell as trimmed text, None when empty; a whole number read as a float (a
    workbook's 12.0) is written as a whole number ("12")."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _column_name(header: Sequence[Cell], index: int) -> str:
    """The header's name of a column, or ``#n`` (1-based) when it has none."""
    if index < len(header) and header[index] is not None and str(header[index]).strip():
        return str(header[index]).strip()[:100]
    return f"#{index + 1}"


def parse_csv_text(text: str, file: str, limits: ReadLimits | None = None) -> Table:
    """Parse CSV text (comma or semicolon separated, detected from the header), streaming
    row by row within ``limits`` (default: :class:`ReadLimits` defaults)."""
    limits = limits or ReadLimits()
    first = text[: limits.max_cell_chars * 64].split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _table(file, reader, limits)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            # csv's own limit (131,072) is above ours: the cell is too long.
            raise LimitError(
                file,
                reader.line_num or None,
                None,
                "cell_chars",
                csv.field_size_limit(),
                limits.max_cell_chars,
            ) from exc
        raise TableError(
            file, reader.line_num or None, None, Coded("table.malformed_csv", {"detail": str(exc)})
        ) from exc


def read_table(path: Path, limits: ReadLimits | None = None) -> Table:
    """Read a ``.csv`` (UTF-8) or ``.xlsx`` file (first sheet) as a table.

    Only a regular file is read, and only when its size is within ``limits.max_bytes``
    (default: :class:`ReadLimits` defaults); nothing more than that is ever read.

    Raises
    ------
    TableError
        When the file cannot be read, is not UTF-8 or a workbook, or its header is broken;
        a :class:`LimitError` when it is over a limit.
    """
    limits = limits or ReadLimits()
    if path.is_dir():  # named as a folder, not as a file of an unsupported type
        reason = Coded("table.cannot_read", {"detail": Coded("table.is_folder")})
        raise TableError(str(path), None, None, reason)
    if (refused := suffix_problem(str(path))) is not None:
        raise refused
    return parse_table_bytes(read_file_bytes(path, limits), str(path), limits)


def read_file_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of a regular file of at most ``limits.max_bytes`` (nothing more is read).

    Raises :class:`TableError` when the file cannot be read or is not a regular file, and
    :class:`LimitError` when it is larger.
    """
    file = str(path)
    try:
        # Non-blocking open: a FIFO must not hang the reader; it is refused below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise TableError(file, None, None, Coded("table.not_regular"))
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        detail = system_reason(exc, "read")
        raise TableError(file, None, None, Coded("table.cannot_read", {"detail": detail})) from exc
    check_size(file, len(data), limits)
    return data


def header_text(columns: Sequence[str], required: Sequence[str]) -> str:
    """A file's header as a help or a page writes it: its columns in order, each optional
    one in brackets (``a,b[,priority][,forced]``), from the declaration of the columns."""
    return ",".join(c if c in required else f"[{c}]" for c in columns).replace(",[", "[,")


def suffix_problem(file: str) -> TableError | None:
    """Why a file of this name is not read as a table (its suffix is none of
    :data:`SUFFIXES`), or None: the one rule of every import, a command's or an upload's."""
    suffix = Path(file).suffix.lower()
    if suffix in SUFFIXES:
        return None
    return TableError(file, None, None, Coded("table.unsupported_type", {"suffix": suffix}))


def parse_table_bytes(data: bytes, file: str, limits: ReadLimits | None = None) -> Table:
    """A ``.csv`` (UTF-8) or ``.xlsx`` file's content (by the name's suffix) as a table."""
    limits = limits or ReadLimits()
    if (refused := suffix_problem(file)) is not None:
        raise refused
    check_size(file, len(data), limits)
    if Path(file).suffix.lower() == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError(
                file, None, None, Coded("table.not_utf8", {"detail": exc.reason})
            ) from exc
        return parse_csv_text(text, file, limits)
    return parse_xlsx_bytes(data, file, limits)


_CHUNK = 1024 * 1024
"""Bytes inflated at a time when an XLSX's unpacked size is counted."""


def check_xlsx_size(data: bytes, file: str, limits: ReadLimits) -> None:
    """Refuse a workbook whose zip members unpack to more than ``limits.max_unpacked_bytes``:
    first by the sizes the archive declares, then by inflating each member in chunks and
    counting (a forged size cannot pass). Nothing is kept in memory but one chunk."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})) from exc
    with archive:
        members = archive.infolist()
        declared = sum(m.file_size for m in members)
        if declared > limits.max_unpacked_bytes:
            raise LimitError(
                file, None, None, "unpacked_bytes", declared, limits.max_unpacked_bytes
            )
        total = 0
        try:
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > limits.max_unpacked_bytes:
                            raise LimitError(
                                file,
                                None,
                                None,
                                "unpacked_bytes",
                                total,
                                limits.max_unpacked_bytes,
                            )
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise TableError(
                file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})
            ) from exc


def parse_xlsx_bytes(data: bytes, file: str, limits: ReadLimits | None = None) -> Table:
    """Parse the first sheet of an XLSX workbook, within ``limits``: its size (packed and
    unpacked) is checked before openpyxl opens it, and rows are streamed (read-only mode),
    so reading stops at the first row over the limit. A workbook of several sheets names
    the one read with the file (a :class:`~clusterplan.i18n.Named` file, in either
    language), so every problem found in it says which sheet it is about."""
    limits = limits or ReadLimits()
    with open_workbook(data, file, limits) as book:
        if not book.worksheets:
            raise TableError(file, None, None, Coded("table.no_sheet"))
        first = book.worksheets[0]
        # one sheet: its name is said only where a problem depends on it (a formula's value)
        title: str | None = str(first.title)
        if len(book.worksheets) > 1:  # say which sheet was read: a notes sheet first had
            # given "row 1, column 'x': required column missing" of a file that has it
            file = Named(
                *(
                    f"{file}, {message('table.sheet', {'sheet': first.title}, lang)}"
                    for lang in ("nl", "en")
                )
            )
            title = None  # the file names it already
        return _table(file, sheet_rows(first, file, title), limits)


@contextmanager
def open_workbook(data: bytes, file: str, limits: ReadLimits) -> Iterator[Any]:
    """An XLSX workbook opened read-only once its size (packed and unpacked) is within
    ``limits``; what goes wrong reading it inside the block is a :class:`TableError`
    (``table.not_xlsx``), and the workbook is closed after it."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    check_size(file, len(data), limits)
    check_xlsx_size(data, file, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TableError(file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})) from exc
    try:
        yield book
    except (BadZipFile, KeyError, ValueError, OSError, TypeError, SyntaxError) as exc:
        if isinstance(exc, TableError):
            raise
        raise TableError(file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})) from exc
    finally:
        book.close()


def sheet_rows(sheet: Any, file: str, title: str | None = None) -> Iterator[list[Cell]]:
    """A worksheet's rows as cells, streamed (read-only mode); a cell without a value a
    table can take (a formula never calculated, a spreadsheet error such as ``#N/A``), in a
    named column, refuses the file (:func:`valueless_cells`), naming the sheet by ``title``
    (None: ``file`` names it already, or the caller does)."""
    # The sheet's declared dimensions can claim 16,384 columns: do not pad rows to them.
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    rows = (_xlsx_row(v) for v in sheet.iter_rows(values_only=True))
    refused = valueless_cells(sheet)
    return rows if not refused else _refusing(rows, file, title, refused)


_FORMULA_OR_ERROR = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?f[\s/>]|\st="e"')
"""The start of a cell's formula element (``<f>``, ``<f t="shared" .../>``, ``<x:f>``) in a
worksheet's XML, not that of any other element (``<font``, ``<formula1``, ``<filterColumn``),
or a cell's error type (``t="e"``)."""
_OVERLAP = 64
"""Bytes a chunk keeps of the one before, so that no element is missed across two."""


def valueless_cells(sheet: Any) -> dict[int, list[tuple[int, Coded]]]:
    """The cells of a read-only worksheet that hold no value a table can take, by row: each
    column (from 0) with why. A formula that no spreadsheet program has calculated (a
    workbook written by a program; a spreadsheet program stores the value with the formula):
    openpyxl reads it as empty, so a required value would seem missing and a figure blank,
    and an import that keeps the stored value of an empty cell would keep it silently. A
    spreadsheet error (``#N/A``, ``#DIV/0!``, a formula that failed): openpyxl reads it as
    that text, a name or a word of the file. A text formula whose value is empty
    (``t="str"``) is calculated. Cheap for a sheet with neither: its XML is only searched
    for one, and parsed only when it has one."""
    if not hasattr(sheet, "_get_source"):
        return {}
    with sheet._get_source() as source:
        tail = b""
        while chunk := source.read(1024 * 1024):
            if _FORMULA_OR_ERROR.search(tail + chunk):
                break
            tail = chunk[-_OVERLAP:]
        else:
            return {}
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.functions import iterparse

    refused: dict[int, list[tuple[int, Coded]]] = {}
    with sheet._get_source() as source:
        for _event, element in iterparse(source):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "row":
                element.clear()  # its cells are read: keep no tree of the sheet
            if tag != "c":
                continue
            children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
            value = children.get("v")
            kind, where = element.get("t"), element.get("r")
            reason = None
            if kind == "e":
                shown = value.text if value is not None and value.text else "#"
                reason = Coded("table.error_value", {"value": shown})
            elif (
                "f" in children
                and (value is None or not value.text)
                and kind not in ("str", "inlineStr")
            ):
                reason = Coded("table.formula_without_value")
            if reason is not None and where:
                row, column = coordinate_to_tuple(where)
                refused.setdefault(row, []).append((column - 1, reason))
            element.clear()
    return refused


def _refusing(
    rows: Iterable[list[Cell]],
    file: str,
    title: str | None,
    refused: Mapping[int, list[tuple[int, Coded]]],
) -> Iterator[list[Cell]]:
    """The rows, refused (:class:`TableError`) at the first cell of ``refused`` in the
    header or under a column name, with its reason."""
    header: list[Cell] = []
    for number, values in enumerate(rows, start=1):
        if number == 1:
            header = values
        for index, reason in refused.get(number, ()):
            if number == 1 or not empty_cell(header[index] if index < len(header) else None):
                error = TableError(file, number, _column_name(header, index), reason)
                error.sheet = title
                raise error
        yield values


def _xlsx_row(values: Iterable[object]) -> list[Cell]:
    row: list[Cell] = []
    for v in values:
        if v is None or isinstance(v, str | int | float | bool):
            row.append(v)
        elif isinstance(v, datetime.datetime):
            row.append(v.date().isoformat() if v.time() == datetime.time() else v.isoformat())
        elif isinstance(v, datetime.date):
            row.append(v.isoformat())
        else:
            row.append(str(v))
    return row


def grid_to_csv(grid: Sequence[Sequence[Cell]]) -> str:
    """A grid (header first) as CSV text (via :func:`clusterplan.io.export.export_tables`)."""
    from clusterplan.io.export import export_tables

    return export_tables({"data": grid}, "csv", titles=False).decode("utf-8")


def grid_to_xlsx(grid: Sequence[Sequence[Cell]], title: str = "data") -> bytes:
    """A grid (header first) as an XLSX workbook with one sheet (via ``export_tables``)."""
    from clusterplan.io.export import export_tables

    return export_tables({title: grid}, "xlsx")


def write_grid(path: Path, grid: Sequence[Sequence[Cell]]) -> None:
    """Write a grid as CSV or XLSX (by suffix), atomically: all or nothing."""
    from clusterplan.io.export import ExportError, write_tables

    try:
        write_tables(path, {"data": grid}, titles=False)
    except ExportError as exc:
        raise TableError(str(path), None, None, exc.coded) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file with ``data`` so that a reader sees the old or the new file, never half."""
    directory = path.resolve().parent
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
