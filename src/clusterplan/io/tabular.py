"""Write grids of cells as CSV or XLSX: kept for older callers, all via :mod:`.export`.

New code calls :func:`clusterplan.io.export.export_tables` or
:func:`clusterplan.io.export.write_output` directly; these names only delegate, so every
table still leaves through the one function that neutralises formulas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from clusterplan.io.export import export_tables, write_output

Cell = str | int | float | None
Grid = Sequence[Sequence[Cell]]


def grids_to_csv(grids: Mapping[str, Grid]) -> str:
    """Several grids in one CSV text (see :func:`export_tables`)."""
    return export_tables(grids, "csv").decode("utf-8")


def grids_to_xlsx_bytes(grids: Mapping[str, Grid]) -> bytes:
    """Several grids as an XLSX workbook, one sheet each (see :func:`export_tables`)."""
    return export_tables(grids, "xlsx")


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to a file (atomically; :class:`ExportError` names a missing folder)."""
    write_output(path, data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to a file (see :func:`write_bytes`)."""
    write_output(path, text.encode("utf-8"))
