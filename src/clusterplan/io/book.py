"""Read every sheet of an XLSX workbook as tables, within :class:`ReadLimits`.

The one-table reader (:mod:`clusterplan.io.sheets`) reads a workbook's first sheet; a plan
workbook has one sheet per part. The same limits apply: the file's size before it is read,
its unpacked size before openpyxl opens it, and rows, cells and cell lengths while each
sheet is streamed. A sheet whose header is broken is reported and the others still read, so
one import names every problem at once.
"""

from __future__ import annotations

from pathlib import Path

from clusterplan.errors import Coded
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import (
    LimitError,
    Table,
    TableError,
    _table,
    open_workbook,
    read_file_bytes,
    sheet_rows,
)


def read_xlsx_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of a regular ``.xlsx`` file of at most ``limits.max_bytes``."""
    if path.suffix.lower() != ".xlsx":
        raise TableError(
            str(path), None, None, Coded("table.unsupported_xlsx", {"suffix": path.suffix})
        )
    return read_file_bytes(path, limits)


def read_sheets(
    data: bytes, file: str, limits: ReadLimits | None = None
) -> tuple[dict[str, Table], list[TableError]]:
    """Every sheet of a workbook as a table (header row first), by sheet title.

    Returns the sheets that could be read and the errors of those that could not (each
    :class:`TableError` names the sheet in its ``sheet``). A workbook over a size limit
    (a sheet's too: the error names it), or one that is not a workbook, raises instead.
    """
    limits = limits or ReadLimits()
    tables: dict[str, Table] = {}
    errors: list[TableError] = []
    cells = 0
    with open_workbook(data, file, limits) as book:
        for sheet in book.worksheets:
            left = ReadLimits(
                max_bytes=limits.max_bytes,
                max_unpacked_bytes=limits.max_unpacked_bytes,
                max_rows=limits.max_rows,
                max_cell_chars=limits.max_cell_chars,
                max_cells=max(1, limits.max_cells - cells),
            )
            try:
                table = _table(file, sheet_rows(sheet, file), left)
            except TableError as exc:
                exc.sheet = str(sheet.title)
                if isinstance(exc, LimitError):
                    raise
                errors.append(exc)
                continue
            cells += sum(len(r.cells) for r in table.rows) + len(table.columns)
            tables[str(sheet.title)] = table
    return tables, errors
