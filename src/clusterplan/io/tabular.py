"""Write grids of cells as CSV or XLSX (one sheet per grid)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

Cell = str | int | float | None
Grid = Sequence[Sequence[Cell]]


def grids_to_csv(grids: Mapping[str, Grid]) -> str:
    """Several grids in one CSV text: a title row, the grid, a blank row between grids."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, (title, grid) in enumerate(grids.items()):
        if index:
            writer.writerow([])
        writer.writerow([title])
        for row in grid:
            writer.writerow(["" if c is None else c for c in row])
    return buffer.getvalue()


def grids_to_xlsx_bytes(grids: Mapping[str, Grid]) -> bytes:
    """Several grids as an XLSX workbook, one sheet each (bold header row)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = True
    for title, grid in grids.items():
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title[:31]
        for row in grid:
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = max(12, max(len(str(r[0] or "")) for r in grid) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to a file."""
    path.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a file."""
    path.write_text(text, encoding="utf-8")
