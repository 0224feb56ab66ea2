"""Meeting requests and availability read from CSV/XLSX tables.

``a,b,priority,forced``: one request per row (participant ids; priority 1 is highest,
empty = 1; ``forced`` yes when the pair must meet, empty = no; the last two columns may be
left out).
``participant,slot``: one row per slot (0-based) in which a participant can meet; a
participant without rows is available in every slot. A file is read all or nothing, like
every import of the core: its header is checked by :func:`~clusterplan.io.sheets.header_problems`,
its cells by :mod:`clusterplan.io.cell_values`, and every problem (file, row, column and
reason) is collected before the file is refused with an :class:`EventTableError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clusterplan.errors import Coded, ProblemsError
from clusterplan.events.schedule import Pair, Request, pair_of
from clusterplan.io import cell_values
from clusterplan.io.sheets import (
    Cell,
    FileProblem,
    Table,
    TableError,
    cell_text,
    empty_cell,
    header_problems,
    read_table,
)

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


class _Problems:
    """The problems of one file, collected while it is read."""

    def __init__(self, table: Table) -> None:
        self.file = table.file
        self.found: list[FileProblem] = []

    def add(self, row: int | None, column: str | None, reason: Coded) -> None:
        self.found.append(FileProblem(self.file, row, column, reason))

    def header(self, table: Table, required: Sequence[str], known: Sequence[str]) -> None:
        """Refuse the file now when its header lacks a column or has one not ``known``."""
        for column, reason in header_problems(table.columns, required, known):
            self.add(1, column, reason)
        self.refuse()

    def refuse(self) -> None:
        """Raise :class:`EventTableError` when anything was found."""
        if self.found:
            raise EventTableError(self.found)


def _participant(problems: _Problems, row: int, column: str, value: Cell) -> str | None:
    text = cell_text(value)
    if text is None:
        problems.add(row, column, Coded("events.participant_empty"))
    return text


def _whole(
    problems: _Problems, row: int, column: str, value: Cell, low: int, high: int | None = None
) -> int | None:
    """The whole number of a cell (:func:`cell_values.whole`) from ``low`` up to ``high``
    (None: no maximum); None, with its problem added, otherwise."""
    try:
        number = cell_values.whole(value)
    except cell_values.CellError as exc:
        problems.add(row, column, exc.reason)
        return None
    if number < low:
        outside = Coded("value.at_least", {"low": low})
    elif high is not None and number > high:
        outside = Coded("value.at_most", {"high": high})
    else:
        return number
    problems.add(row, column, Coded("value.problem_got", {"problem": outside, "value": number}))
    return None


def requests_from_table(table: Table) -> RequestTable:
    """The requests, one per row, and the forced pairs (all or nothing:
    :class:`EventTableError` names every problem)."""
    problems = _Problems(table)
    problems.header(table, REQUIRED_REQUEST_COLUMNS, REQUEST_COLUMNS)
    result: list[Request] = []
    forced: set[Pair] = set()
    for row in table.rows:
        n = row.number
        a = _participant(problems, n, "a", row.cells.get("a"))
        b = _participant(problems, n, "b", row.cells.get("b"))
        if a is not None and a == b:
            problems.add(n, "b", Coded("schedule.meets_self", {"who": a}))
        raw = row.cells.get("priority")
        priority = 1 if empty_cell(raw) else _whole(problems, n, "priority", raw, 1)
        raw = row.cells.get("forced")
        try:
            must = not empty_cell(raw) and cell_values.flag(raw)
        except cell_values.CellError as exc:
            problems.add(n, "forced", exc.reason)
            must = False
        if a is not None and b is not None and priority is not None:
            result.append(Request(a, b, priority))
            if must:
                forced.add(pair_of(a, b))
    problems.refuse()
    return RequestTable(tuple(result), frozenset(forced))


def availability_from_table(table: Table, slots: int) -> dict[str, frozenset[int]]:
    """The slots each listed participant can meet in (all or nothing:
    :class:`EventTableError` names every problem)."""
    problems = _Problems(table)
    problems.header(table, AVAILABILITY_COLUMNS, AVAILABILITY_COLUMNS)
    found: dict[str, set[int]] = defaultdict(set)
    for row in table.rows:
        n = row.number
        who = _participant(problems, n, "participant", row.cells.get("participant"))
        slot = _whole(problems, n, "slot", row.cells.get("slot"), 0, slots - 1)
        if who is not None and slot is not None:
            found[who].add(slot)
    problems.refuse()
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
