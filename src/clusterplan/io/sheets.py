"""Read and write one-table CSV and XLSX files (imports and exports of registries and leads).

Reading keeps each row's number in the file (the header is row 1), so errors can name
the row. Writing is atomic: the file is replaced only once the new content is complete.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from clusterplan.io.export import restore_text

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


class TableError(Exception):
    """A file that cannot be read as a table; names the file, row and column where known."""

    def __init__(self, file: str, row: int | None, column: str | None, reason: str) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.reason = reason
        where = file + (f", row {row}" if row else "") + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {reason}")


def _restored(value: Cell) -> Cell:
    return restore_text(value) if isinstance(value, str) else value


def _empty(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(file: str, raw: list[list[Cell]]) -> Table:
    while raw and all(_empty(c) for c in raw[-1]):
        raw.pop()
    if not raw:
        raise TableError(file, None, None, "the file is empty (a header row is required)")
    header = [str(c).strip() if c is not None else "" for c in raw[0]]
    while header and not header[-1]:
        header.pop()
    seen: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            raise TableError(file, 1, f"#{index + 1}", "empty column name in the header row")
        if name in seen:
            raise TableError(file, 1, name, "column appears twice in the header row")
        seen.add(name)
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if all(_empty(c) for c in values):
            continue
        extra = [c for c in values[len(header) :] if not _empty(c)]
        if extra:
            raise TableError(file, number, None, "more cells than columns in the header row")
        # restore_text: a name exported as "'=x" (formula neutralised) is read back as "=x".
        cells = {
            name: (_restored(values[i]) if i < len(values) else None)
            for i, name in enumerate(header)
        }
        rows.append(TableRow(number, cells))
    return Table(file, tuple(header), tuple(rows))


def parse_csv_text(text: str, file: str) -> Table:
    """Parse CSV text (comma or semicolon separated, detected from the header)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        raw: list[list[Cell]] = [
            list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise TableError(file, None, None, f"malformed CSV: {exc}") from exc
    return _table(file, raw)


def read_table(path: Path) -> Table:
    """Read a ``.csv`` (UTF-8) or ``.xlsx`` file (first sheet) as a table.

    Raises
    ------
    TableError
        When the file cannot be read, is not UTF-8 or a workbook, or its header is broken.
    """
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TableError(file, None, None, f"unsupported file type '{suffix}' (use .csv or .xlsx)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(file, None, None, f"cannot read file: {exc.strerror}") from exc
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TableError(file, None, None, f"not UTF-8 text: {exc.reason}") from exc
        return parse_csv_text(text, file)
    return parse_xlsx_bytes(data, file)


def parse_xlsx_bytes(data: bytes, file: str) -> Table:
    """Parse the first sheet of an XLSX workbook."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(file, None, None, f"not a readable XLSX workbook: {exc}") from exc
    sheet = book.worksheets[0]
    raw: list[list[Cell]] = []
    for values in sheet.iter_rows(values_only=True):
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
        raw.append(row)
    book.close()
    return _table(file, raw)


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
        raise TableError(str(path), None, None, str(exc)) from None


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


def dump_json(path: Path, data: Mapping[str, object] | Sequence[object]) -> None:
    """Write JSON atomically."""
    import json

    write_atomic(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
