"""Meeting requests and availability read from CSV/XLSX tables.

``a,b,priority``: one request per row (participant ids; priority 1 is highest, empty = 1).
``participant,slot``: one row per slot (0-based) in which a participant can meet; a
participant without rows is available in every slot. Every problem names file, row, column
and reason.
"""

from __future__ import annotations

from collections import defaultdict

from clusterplan.errors import Coded
from clusterplan.io import cell_values
from clusterplan.io.sheets import Cell, Table, TableError, cell_text, empty_cell

REQUEST_COLUMNS = ("a", "b", "priority")
AVAILABILITY_COLUMNS = ("participant", "slot")


def _require(table: Table, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise TableError(
            table.file, 1, missing[0], Coded("events.missing_column", {"header": ",".join(columns)})
        )


def _text(table: Table, row: int, column: str, value: Cell) -> str:
    text = cell_text(value)
    if text is None:
        raise TableError(table.file, row, column, Coded("events.participant_empty"))
    return text


def _whole(table: Table, row: int, column: str, value: Cell, low: int, high: int | None) -> int:
    try:
        number = cell_values.whole(value)
    except cell_values.CellError:
        shown = cell_values.shown(value)
        raise TableError(
            table.file, row, column, Coded("events.not_whole", {"value": shown})
        ) from None
    if number < low or (high is not None and number > high):
        if high is None:
            raise TableError(
                table.file, row, column, Coded("events.below", {"value": number, "low": low})
            )
        raise TableError(
            table.file,
            row,
            column,
            Coded("events.outside", {"value": number, "low": low, "high": high}),
        )
    return number


def requests_from_table(table: Table) -> list[tuple[str, str, int]]:
    """The requests as ``(a, b, priority)``, one per row."""
    _require(table, ("a", "b"))
    result = []
    for row in table.rows:
        a = _text(table, row.number, "a", row.cells.get("a"))
        b = _text(table, row.number, "b", row.cells.get("b"))
        if a == b:
            raise TableError(table.file, row.number, "b", Coded("schedule.meets_self", {"who": a}))
        raw = row.cells.get("priority")
        empty = empty_cell(raw)
        priority = 1 if empty else _whole(table, row.number, "priority", raw, 1, None)
        result.append((a, b, priority))
    return result


def availability_from_table(table: Table, slots: int) -> dict[str, frozenset[int]]:
    """The slots each listed participant can meet in."""
    _require(table, AVAILABILITY_COLUMNS)
    found: dict[str, set[int]] = defaultdict(set)
    for row in table.rows:
        who = _text(table, row.number, "participant", row.cells.get("participant"))
        slot = _whole(table, row.number, "slot", row.cells.get("slot"), 0, slots - 1)
        found[who].add(slot)
    return {who: frozenset(s) for who, s in found.items()}
