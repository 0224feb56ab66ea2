"""The start-up portfolio's import files, checked: start-ups, jobs per year, funding rounds
and milestones.

Each file is read row by row with the rules every import shares (a cell by
:mod:`clusterplan.io.cell_values`, a range by :mod:`clusterplan.plan.bounds`, a header by
:func:`clusterplan.io.sheets.header_problems`) and the portfolio's own rules (a start-up's
years: :func:`clusterplan.ecosystem.startups.status_problems`); every problem is coded, so
each interface words it in its reader's language. What is stored is not known here: the
caller says which start-ups exist (:class:`Known`) and writes the checked rows.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from clusterplan.ecosystem.names import MAX_NAME_LENGTH
from clusterplan.ecosystem.startups import (
    FundingKind,
    Status,
    founding_problem,
    status_problems,
)
from clusterplan.errors import Coded
from clusterplan.i18n import Count
from clusterplan.io import cell_values
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import Cell, FileProblem, Table, header_problems
from clusterplan.plan.bounds import HEADCOUNT, MONEY_MEUR, YEAR
from clusterplan.plan.schema import ID_PATTERN, Taxonomy, id_from_name

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "startups": (
        ("name",),
        ("id", "organisation", "stage", "programme", "founded", "status", "status_year")
        + ("pillar", "segment"),
    ),
    "jobs": (("startup", "year", "jobs"), ()),
    "funding": (("startup", "date", "amount_meur", "kind"), ("investors",)),
    "milestones": (("startup", "date", "title"), ("done",)),
}
"""Per kind of file: its required and its optional columns."""

PROFILE: tuple[str, ...] = ("name", "organisation", "stage", "programme", "founded", "status")
PROFILE += ("status_year", "pillar", "segment")
"""A start-up's profile: what a start-ups file sets."""

LABELS: Mapping[str, str] = {
    "stage": "startup.stage",
    "programme": "startup.programme",
    "status": "startup.status",
    "kind": "startup.funding",
}
"""The enumeration (a kind of :data:`clusterplan.labels.ENUMERATIONS`) of each column that
holds a value of one: read, and written in a preview, by its words in either language."""

NEEDED_FOR_NEW = ("stage", "programme", "founded")
"""Columns a new start-up cannot do without (a stored one keeps its value)."""


@dataclass(frozen=True)
class Known:
    """A stored start-up as an import file may name it: its id, its name, its founding year
    and (for a start-ups file) its stored profile, by the columns of :data:`PROFILE`."""

    key: str
    name: str
    founded: int
    profile: Mapping[str, Any] = field(default_factory=dict)


class Register:
    """The stored start-ups, found by id or (in any case) by name."""

    def __init__(self, known: Iterable[Known]) -> None:
        items = list(known)
        self._found = {k.key: k for k in items}
        for k in items:
            self._found.setdefault(k.name.lower(), k)

    def get(self, text: str) -> Known | None:
        """The start-up with exactly this id (or lower-case name)."""
        return self._found.get(text)

    def find(self, ref: str) -> Known | None:
        """The start-up a cell names by its id or its name, in any case."""
        return self._found.get(ref) or self._found.get(ref.lower())


T = TypeVar("T")


@dataclass
class Checked(Generic[T]):
    """A file's rows as checked values, and every problem of the file (none: it can be
    written)."""

    rows: list[T]
    problems: list[FileProblem]


class Cells(RowReader):
    """Reads the cells of a portfolio file by the rules of every import
    (:class:`~clusterplan.io.rows.RowReader`), and names the start-up of a row."""

    def amount(self, number: int, cells: Mapping[str, Cell], column: str) -> float | None:
        """An amount of money (M EUR, :data:`~clusterplan.plan.bounds.MONEY_MEUR`), needed."""
        return self.bounded(number, cells, column, MONEY_MEUR, needed=True)

    def at_most(self, number: int, column: str, text: str | None, limit: int) -> bool:
        """Whether ``text`` of ``column`` fits in ``limit`` characters (what is stored keeps
        no more); a longer one is refused, naming its length and the limit
        (``import.too_long``)."""
        if text is None or len(text) <= limit:
            return True
        length = {"length": Count(len(text)), "limit": Count(limit)}
        self.fail(number, column, Coded("import.too_long", length))
        return False

    def startup(self, number: int, cells: Mapping[str, Cell], register: Register) -> Known | None:
        """The stored start-up the ``startup`` column names by id or name."""
        ref = self.required(number, cells, "startup")
        if ref is None:
            return None
        found = register.find(ref)
        if found is None:
            self.fail(number, "startup", Coded("startups.unknown_ref", {"ref": ref}))
        return found


def written(column: str, value: Any, lang: str | None) -> str:
    """A value of ``column`` as a file in ``lang`` holds it
    (:func:`~clusterplan.io.cell_values.written`; an enumeration by its words, yes and no in
    the language's): what a preview of an import shows for an old or a new value."""
    return cell_values.written(value, lang, LABELS.get(column))


def file_problems(table: Table, kind: str) -> list[FileProblem]:
    """What stops a file of ``kind`` before its rows are read: each required column it
    lacks, each column it should not have, and no data rows at all."""
    required, optional = COLUMNS[kind]
    problems = [
        FileProblem(table.file, 1, column, reason)
        for column, reason in header_problems(table.columns, required, required + optional)
    ]
    if not table.rows:
        problems.append(FileProblem(table.file, None, None, Coded("table.no_rows")))
    return problems


def _same(cells: Cells, number: int, column: str, first: int, what: str) -> None:
    reason = Coded("table.duplicate_row", {"row": first, "what": Coded(f"startups.same.{what}")})
    cells.fail(number, column, reason)


@dataclass(frozen=True)
class JobsRow:
    """A start-up's jobs in a year."""

    row: int
    startup: Known
    year: int
    jobs: int


def jobs_rows(table: Table, register: Register) -> Checked[JobsRow]:
    """The rows of a jobs file (``startup, year, jobs``): a year of
    :data:`~clusterplan.plan.bounds.YEAR`, not before the founding year, once per start-up;
    jobs within :data:`~clusterplan.plan.bounds.HEADCOUNT`."""
    cells = Cells(table.file)
    rows: list[JobsRow] = []
    seen: dict[tuple[str, int], int] = {}
    for r in table.rows:
        n, c = r.number, r.cells
        startup = cells.startup(n, c, register)
        year = cells.whole(n, c, "year", YEAR, needed=True)
        jobs = cells.whole(n, c, "jobs", HEADCOUNT, needed=True)
        if startup is None or year is None or jobs is None:
            continue
        if (startup.key, year) in seen:
            _same(cells, n, "year", seen[(startup.key, year)], "startup_year")
            continue
        seen[(startup.key, year)] = n
        if (problem := founding_problem(startup.founded, year)) is not None:
            cells.fail(n, "year", problem)
            continue
        rows.append(JobsRow(n, startup, year, jobs))
    return Checked(rows, cells.problems)


@dataclass(frozen=True)
class RoundRow:
    """A funding round of a start-up."""

    row: int
    startup: Known
    on: date
    amount_meur: float
    kind: FundingKind
    investors: str


def funding_rows(table: Table, register: Register) -> Checked[RoundRow]:
    """The rows of a funding file (``startup, date, amount_meur, kind[, investors]``): a date
    not before the founding year, an amount within
    :data:`~clusterplan.plan.bounds.MONEY_MEUR`, a kind of :class:`FundingKind`."""
    from clusterplan.labels import names  # labels reads the ecosystem's enumerations

    kinds = names(LABELS["kind"])
    cells = Cells(table.file)
    rows: list[RoundRow] = []
    for r in table.rows:
        n, c = r.number, r.cells
        startup = cells.startup(n, c, register)
        on = cells.day(n, c, "date")
        amount = cells.amount(n, c, "amount_meur")
        kind = cells.choice(n, c, "kind", kinds, needed=True)
        if startup is None or on is None or amount is None or kind is None:
            continue
        if (problem := founding_problem(startup.founded, on.year)) is not None:
            cells.fail(n, "date", problem)
            continue
        investors = cells.text(c, "investors")
        rows.append(RoundRow(n, startup, on, amount, FundingKind(kind), investors))
    return Checked(rows, cells.problems)


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone of a start-up (planned or done)."""

    row: int
    startup: Known
    on: date
    title: str
    done: bool


def milestone_rows(
    table: Table, register: Register, *, title_limit: int = MAX_NAME_LENGTH
) -> Checked[MilestoneRow]:
    """The rows of a milestones file (``startup, date, title[, done]``); ``title_limit``:
    the longest title kept."""
    cells = Cells(table.file)
    rows: list[MilestoneRow] = []
    for r in table.rows:
        n, c = r.number, r.cells
        startup = cells.startup(n, c, register)
        on = cells.day(n, c, "date")
        title = cells.required(n, c, "title")
        done = cells.flag(n, c, "done")
        fits = cells.at_most(n, "title", title, title_limit)
        if startup is None or on is None or title is None or not fits:
            continue
        rows.append(MilestoneRow(n, startup, on, title, done))
    return Checked(rows, cells.problems)


@dataclass(frozen=True)
class ProfileRow:
    """A start-up of a start-ups file: the stored one it updates (None: a new one), the id
    the file gives it ('' for none: made from its name) and its profile by the columns of
    :data:`PROFILE` (stored values where the file leaves a cell empty)."""

    row: int
    startup: Known | None
    ref: str
    values: dict[str, Any]


def _names(items: Iterable[Any]) -> dict[str, tuple[str, ...]]:
    """A taxonomy's items as a file names them: by id or Dutch name (whatever its language)."""
    return {item.id: (item.name_nl,) for item in items}


def profile_rows(
    table: Table,
    register: Register,
    *,
    organisations: Collection[str],
    taxonomy: Taxonomy,
    this_year: int,
    name_limit: int = MAX_NAME_LENGTH,
    id_limit: int = MAX_NAME_LENGTH,
) -> Checked[ProfileRow]:
    """The rows of a start-ups file (``name`` and any column of :data:`PROFILE`, ``id``):
    every row, with every problem of the file.

    A start-up is the stored one of its id, else of its name; a new one needs a value in
    each column of :data:`NEEDED_FOR_NEW` and is active unless the file says otherwise.
    ``organisations``: the registry's ids; ``this_year``: no founding or status change
    after it; ``name_limit`` and ``id_limit``: the longest name and id kept. Stages and programmes are the core's
    (:class:`~clusterplan.ecosystem.startups.StartUpStage`, ``Programme``), read in either
    language's words."""
    from clusterplan.labels import names  # labels reads the ecosystem's enumerations

    words: dict[str, Mapping[str, Iterable[str]]] = {
        **{column: names(LABELS[column]) for column in ("stage", "programme", "status")},
        "pillar": _names(taxonomy.pillars),
        "segment": _names(taxonomy.segments),
    }
    cells = Cells(table.file)
    rows: list[ProfileRow] = []
    seen: dict[str, int] = {}
    for r in table.rows:
        n, c = r.number, r.cells
        name = cells.required(n, c, "name")
        ref = cells.text(c, "id")
        org = cells.text(c, "organisation")
        if org and org not in organisations:
            cells.fail(n, "organisation", Coded("registry.unknown_organisation", {"value": org}))
        if ref and not re.fullmatch(ID_PATTERN, ref):
            cells.fail(n, "id", Coded("value.id_pattern", {"value": repr(ref)}))
        cells.at_most(n, "name", name, name_limit)
        cells.at_most(n, "id", ref, id_limit)
        stored = register.get(ref) if ref else (register.get(name.lower()) if name else None)
        values: dict[str, Any] = {"name": name, "organisation": org}
        for column in ("stage", "programme", "status", "pillar", "segment"):
            values[column] = cells.choice(n, c, column, words[column])
        values["founded"] = cells.whole(n, c, "founded")
        values["status_year"] = cells.whole(n, c, "status_year")
        for column in ("pillar", "segment"):
            values[column] = values[column] or ""
        if stored is None:
            for column in NEEDED_FOR_NEW:
                if values[column] is None and not cells.text(c, column):
                    cells.fail(n, column, Coded("startups.needed_for_new"))
            values["status"] = values["status"] or Status.ACTIVE.value
        else:
            for column in ("stage", "programme", "founded", "status"):
                if values[column] is None:
                    values[column] = stored.profile.get(column)
            for column in ("status_year", "organisation", "pillar", "segment"):
                if not cells.text(c, column):
                    values[column] = stored.profile.get(column)
        key = ref or (stored.key if stored else id_from_name(name or "") or "start-up")
        if key in seen:
            _same(cells, n, "id", seen[key], "startup")
        seen[key] = n
        if values["status"] == Status.ACTIVE and not cells.text(c, "status_year"):
            values["status_year"] = None  # an active start-up keeps no year of a past change
        problems = status_problems(
            values["founded"],
            values["status"],
            values["status_year"],
            typed=True,
            this_year=this_year,
        )
        for column, problem in problems.items():
            cells.fail(n, column, problem)
        rows.append(ProfileRow(n, stored, ref, values))
    return Checked(rows, cells.problems)
