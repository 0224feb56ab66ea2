"""Meeting requests and availability read from CSV/XLSX tables.

``a,b,priority,forced``: one request per row (participant ids; priority 1 is highest,
empty = 1; ``forced`` yes when the pair must meet, empty = no; the last two columns may be
left out).
``participant,slot``: one row per slot (0-based) in which a participant can meet; a
participant without rows is available in every slot. A file is read all or nothing, like
every import of the core: its header is checked by :func:`~clusterplan.io.sheets.header_problems`,
its cells by :class:`~clusterplan.io.rows.RowReader` (the rules and ranges of every
import: a priority within :data:`~clusterplan.plan.bounds.PRIORITY`), and every problem
(file, row, column and reason) is collected before the file is refused with an
:class:`EventTableError`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from clusterplan.errors import Coded, ProblemsError
from clusterplan.events.schedule import Pair, Request, pair_of
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import FileProblem, Table, TableError, empty_cell, read_table
from clusterplan.plan.bounds import PRIORITY, Bound

REQUEST_COLUMNS = ("a", "b", "priority", "forced")
"""The columns of a requests file (``priority`` and ``forced`` may be left out)."""
REQUIRED_REQUEST_COLUMNS = ("a", "b")
AVAILABILITY_COLUMNS = ("participant", "slot")
"""The columns of an availability file (both required)."""


class EventTableError(ProblemsError[FileProblem], ValueError):
    """A requests or availability file that is refused; ``problems`` name file, row, column
    and reason of everything wrong with it (nothing of it is used)."""

    default_code = "events.invalid"


@dataclass(frozen=True)
class RequestTable:
    """A requests file read: its requests in file order and the pairs it forces."""

    requests: tuple[Request, ...]
    forced: frozenset[Pair]


def requests_from_table(table: Table) -> RequestTable:
    """The requests, one per row, and the forced pairs (all or nothing:
    :class:`EventTableError` names every problem)."""
    reader = RowReader(table.file)
    reader.header(table.columns, REQUIRED_REQUEST_COLUMNS, REQUEST_COLUMNS)
    reader.refuse(EventTableError)
    result: list[Request] = []
    forced: set[Pair] = set()
    for row in table.rows:
        n, cells = row.number, row.cells
        a = reader.required(n, cells, "a")
        b = reader.required(n, cells, "b")
        if a is not None and a == b:
            reader.fail(n, "b", Coded("schedule.meets_self", {"who": a}))
        given = not empty_cell(cells.get("priority"))
        priority = reader.whole(n, cells, "priority", PRIORITY) if given else 1
        must = reader.flag(n, cells, "forced")
        if a is not None and b is not None and priority is not None:
            result.append(Request(a, b, priority))
            if must:
                forced.add(pair_of(a, b))
    reader.refuse(EventTableError)
    return RequestTable(tuple(result), frozenset(forced))


def availability_from_table(table: Table, slots: int) -> dict[str, frozenset[int]]:
    """The slots each listed participant can meet in (all or nothing:
    :class:`EventTableError` names every problem)."""
    reader = RowReader(table.file)
    reader.header(table.columns, AVAILABILITY_COLUMNS, AVAILABILITY_COLUMNS)
    reader.refuse(EventTableError)
    slot_of_event = Bound(
        "slot", 0, slots - 1, "", "A slot of the event, counted from 0.", integer=True
    )
    found: dict[str, set[int]] = defaultdict(set)
    for row in table.rows:
        n, cells = row.number, row.cells
        who = reader.required(n, cells, "participant")
        slot = reader.whole(n, cells, "slot", slot_of_event, needed=True)
        if who is not None and slot is not None:
            found[who].add(slot)
    reader.refuse(EventTableError)
    return {who: frozenset(s) for who, s in found.items()}


def _read(path: Path) -> Table:
    """A table read from ``path``; a file that cannot be read is refused as one problem."""
    try:
        return read_table(path)
    except TableError as exc:
        problem = FileProblem(exc.file, exc.row, exc.column, exc.reason, sheet=exc.sheet)
        raise EventTableError([problem]) from None


def read_requests(path: Path) -> RequestTable:
    """Read a requests file (``.csv`` or ``.xlsx``): :func:`requests_from_table`."""
    return requests_from_table(_read(path))


def read_availability(path: Path, slots: int) -> dict[str, frozenset[int]]:
    """Read an availability file (``.csv`` or ``.xlsx``): :func:`availability_from_table`."""
    return availability_from_table(_read(path), slots)
