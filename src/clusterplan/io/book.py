"""Read every sheet of an XLSX workbook as tables, within :class:`ReadLimits`.

The one-table reader (:mod:`clusterplan.io.sheets`) reads a workbook's first sheet; a plan
workbook has one sheet per part. The same limits apply: the file's size before it is read,
its unpacked size before openpyxl opens it, and rows, cells and cell lengths while each
sheet is streamed. A sheet whose header is broken is reported and the others still read, so
one import names every problem at once.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from clusterplan.errors import Coded
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import (
    LimitError,
    Table,
    TableError,
    _table,
    _xlsx_row,
    check_xlsx_size,
)


def read_xlsx_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of a regular ``.xlsx`` file of at most ``limits.max_bytes``."""
    file = str(path)
    if path.suffix.lower() != ".xlsx":
        raise TableError(file, None, None, Coded("table.unsupported_xlsx", {"suffix": path.suffix}))
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise TableError(file, None, None, Coded("table.not_regular"))
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise TableError(
            file, None, None, Coded("table.cannot_read", {"detail": str(exc.strerror)})
        ) from exc
    if len(data) > limits.max_bytes:
        raise LimitError(file, None, None, "bytes", len(data), limits.max_bytes)
    return data


def read_sheets(
    data: bytes, file: str, limits: ReadLimits | None = None
) -> tuple[dict[str, Table], list[TableError]]:
    """Every sheet of a workbook as a table (header row first), by sheet title.

    Returns the sheets that could be read and the errors of those that could not (each
    :class:`TableError` names the sheet as ``file, sheet 'title'``). A workbook over a
    size limit, or one that is not a workbook, raises instead.
    """
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    limits = limits or ReadLimits()
    if len(data) > limits.max_bytes:
        raise LimitError(file, None, None, "bytes", len(data), limits.max_bytes)
    check_xlsx_size(data, file, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TableError(file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})) from exc
    tables: dict[str, Table] = {}
    errors: list[TableError] = []
    cells = 0
    try:
        for sheet in book.worksheets:
            name = f"{file}, sheet '{sheet.title}'"
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            left = ReadLimits(
                max_bytes=limits.max_bytes,
                max_unpacked_bytes=limits.max_unpacked_bytes,
                max_rows=limits.max_rows,
                max_cell_chars=limits.max_cell_chars,
                max_cells=max(1, limits.max_cells - cells),
            )
            try:
                table = _table(
                    name, (_xlsx_row(v) for v in sheet.iter_rows(values_only=True)), left
                )
            except LimitError:
                raise
            except TableError as exc:
                errors.append(exc)
                continue
            cells += sum(len(r.cells) for r in table.rows) + len(table.columns)
            tables[str(sheet.title)] = table
    except (BadZipFile, KeyError, ValueError, OSError, TypeError, SyntaxError) as exc:
        if isinstance(exc, TableError):
            raise
        raise TableError(file, None, None, Coded("table.not_xlsx", {"detail": str(exc)})) from exc
    finally:
        book.close()
    return tables, errors
