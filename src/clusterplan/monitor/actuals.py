"""Observed values (actuals) per indicator, subject and year, and how they are read.

A file of actuals is a CSV or XLSX table in long format with the header
``indicator,subject,year,value,source`` and the optional columns ``received`` (ISO date)
and ``organisation``. Reading is all or nothing: every problem is collected, each naming
the file, the row (the header is row 1), the column and the reason, and
:class:`ActualsError` is raised with all of them; no partial result is returned.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from clusterplan.errors import Coded, ProblemsError
from clusterplan.io import cell_values
from clusterplan.io.rows import RowReader, out_of_range
from clusterplan.io.sheets import Cell, FileProblem, TableError, TableRow, read_table
from clusterplan.monitor.indicators import Indicator, Monitoring, monitoring_of
from clusterplan.plan.bounds import GENERIC, JOBS
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

REQUIRED_COLUMNS: tuple[str, ...] = ("indicator", "subject", "year", "value", "source")
OPTIONAL_COLUMNS: tuple[str, ...] = ("received", "organisation")
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


@dataclass(frozen=True)
class Actual:
    """One observed value: indicator, subject (None = the cluster total), year, value.

    ``organisation`` is set for partner-submitted figures (confidential indicators).
    """

    indicator: str
    subject: str | None
    year: int
    value: float
    source: str
    received: date | None
    organisation: str | None = None


class ActualsError(ProblemsError[FileProblem], ValueError):
    """Actuals that cannot be used; ``problems`` lists everything wrong (nothing was read)."""

    default_code = "actuals.invalid"


def _combine(values: Sequence[float], aggregation: str) -> float:
    if aggregation == "mean":
        return math.fsum(values) / len(values)
    return math.fsum(values)


@dataclass(frozen=True)
class Actuals:
    """A set of actuals with lookups.

    ``aggregation`` maps indicator ids to how subjects add up (``sum``, ``mean``,
    ``last``); an indicator not in it adds up as ``sum``. Figures of several organisations
    for the same subject and year add up the same way.
    """

    rows: tuple[Actual, ...] = ()
    aggregation: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[Actual], plan: Plan | Monitoring | None = None) -> Actuals:
        """Actuals from rows, with the aggregations of the plan's indicators."""
        mon = plan if isinstance(plan, Monitoring) or plan is None else plan.monitoring
        agg = {i.id: i.aggregation for i in mon.indicators} if mon is not None else {}
        return cls(tuple(rows), agg)

    def __iter__(self) -> Iterator[Actual]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)

    @cached_property
    def _index(self) -> _Index:
        index = _Index()
        for a in self.rows:
            index.values[a.indicator, a.subject].setdefault(a.year, []).append(a.value)
            index.years[a.indicator].add(a.year)
            if a.organisation is not None:
                index.organisations[a.indicator, a.subject, a.year].add(a.organisation)
                index.organisations_all[a.indicator, a.year].add(a.organisation)
        for indicator, subject in index.values:
            index.subjects[indicator].add(subject)
        return index

    def indicators(self) -> list[str]:
        """Indicator ids that have at least one row, sorted."""
        return sorted(self._index.years)

    def subjects(self, indicator: str) -> list[str | None]:
        """Subjects of an indicator (None, the cluster total, first)."""
        found = self._index.subjects.get(indicator, set())
        return sorted(found, key=lambda s: (s is not None, s or ""))

    def years(self, indicator: str) -> list[int]:
        """Years with a value of an indicator, ascending."""
        return sorted(self._index.years.get(indicator, set()))

    def series(self, indicator: str, subject: str | None) -> dict[int, float]:
        """Year to value for one subject (None: the rows given as the cluster total)."""
        by_year = self._index.values.get((indicator, subject), {})
        how = self.aggregation.get(indicator, "sum")
        return {y: _combine(v, how) for y, v in sorted(by_year.items())}

    def organisations(self, indicator: str, subject: str | None, year: int) -> int:
        """How many organisations submitted a value (for the disclosure rule).

        For the cluster total (subject None): the organisations behind any subject of
        the year, since the total is built from all of them.
        """
        if subject is None:
            return len(self._index.organisations_all.get((indicator, year), set()))
        return len(self._index.organisations.get((indicator, subject, year), set()))

    def total(self, indicator: str, year: int) -> float | None:
        """The cluster figure of a year (None when there is none).

        A row given as the cluster total (empty subject) wins; otherwise the subjects'
        values add up by the indicator's aggregation. For ``last`` each subject's latest
        value up to the year is carried forward.
        """
        given = self.series(indicator, None)
        how = self.aggregation.get(indicator, "sum")
        if how == "last":
            earlier = [y for y in given if y <= year]
            if earlier:
                return given[max(earlier)]
        elif year in given:
            return given[year]
        values = []
        for subject in self.subjects(indicator):
            if subject is None:
                continue
            s = self.series(indicator, subject)
            if how == "last":
                earlier = [y for y in s if y <= year]
                if earlier:
                    values.append(s[max(earlier)])
            elif year in s:
                values.append(s[year])
        if not values:
            return None
        return _combine(values, "sum" if how == "last" else how)


@dataclass
class _Index:
    values: defaultdict[tuple[str, str | None], dict[int, list[float]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    years: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    subjects: defaultdict[str, set[str | None]] = field(default_factory=lambda: defaultdict(set))
    organisations: defaultdict[tuple[str, str | None, int], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    organisations_all: defaultdict[tuple[str, int], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )


# --------------------------------------------------------------------------- reading


def _subjects(plan: Plan) -> dict[str, tuple[set[str], str]]:
    """Allowed subject ids per subject kind, with the code of its description."""
    return {
        "pillar": (set(plan.pillar_ids), "actuals.subject.pillar"),
        "project": (
            {p.id for p in plan.finance.projects} | {o.id for o in plan.finance.organisation},
            "actuals.subject.project",
        ),
        "source": (set(plan.finance.source_ids), "actuals.subject.source"),
        "education_level": (set(EDUCATION_LEVELS), "actuals.subject.education_level"),
        "organisation": ({o.id for o in plan.organisations}, "actuals.subject.organisation"),
        "none": (set(), "actuals.subject.none"),
    }


@dataclass(frozen=True)
class _Context:
    indicators: dict[str, Indicator]
    subjects: dict[str, tuple[set[str], str]]
    history_from: int
    first_year: int
    last_year: int
    organisations: frozenset[str]


def _subject_problem(ctx: _Context, indicator: Indicator, subject: str) -> Coded | None:
    """Why ``subject`` is not one of the indicator's kind of subject, or None."""
    allowed, what = ctx.subjects[indicator.subject]
    if subject in allowed:
        return None
    choices = sorted(allowed) if 0 < len(allowed) <= 12 else []
    said = {"value": subject, "kind": indicator.subject, "what": Coded(what)}
    if choices:
        return Coded("actuals.unknown_subject", said | {"choices": choices})
    return Coded("actuals.unknown_subject_any", said)


def _year_problem(ctx: _Context, indicator: Indicator, year: int) -> Coded | None:
    """Why ``year`` is outside the indicator's years (from its history or from the plan's
    first year, to the horizon's end), or None."""
    first = ctx.history_from if indicator.history else ctx.first_year
    if first <= year <= ctx.last_year:
        return None
    span = {"value": year, "first": first, "last": ctx.last_year, "indicator": indicator.id}
    if year < first and not indicator.history:
        return Coded("actuals.year_out_of_range_no_history", span)
    return Coded("actuals.year_out_of_range", span)


def _parse_row(
    ctx: _Context, reader: RowReader, number: int, cells: Mapping[str, Cell]
) -> Actual | None:
    """The actual of one row; None once each of its problems is noted by ``reader``."""
    before = len(reader.problems)
    indicator_id = reader.required(number, cells, "indicator")
    indicator = None if indicator_id is None else ctx.indicators.get(indicator_id)
    if indicator_id is not None and indicator is None:
        known = {"value": indicator_id, "known": list(ctx.indicators)}
        reader.fail(number, "indicator", Coded("actuals.unknown_indicator", known))
    subject = reader.text(cells, "subject") or None
    if indicator is not None and subject is not None:
        if (problem := _subject_problem(ctx, indicator, subject)) is not None:
            reader.fail(number, "subject", problem)
    year = reader.whole(number, cells, "year", needed=True)
    if indicator is not None and year is not None:
        if (problem := _year_problem(ctx, indicator, year)) is not None:
            reader.fail(number, "year", problem)
    value = reader.cell(number, cells, "value", cell_values.number, needed=True)
    negative = indicator is not None and indicator.allow_negative
    if value is not None and value < 0 and not negative:
        reader.fail(number, "value", Coded("value.negative", {"value": value}))
    elif value is not None:
        bound = (
            JOBS
            if indicator is not None and indicator.unit == JOBS.unit and not negative
            else GENERIC
        )
        if (problem := bound.problem(value)) is not None:  # 1e308 jobs was shown as on track
            reader.fail(number, "value", out_of_range(problem, value))
    source = reader.required(number, cells, "source")
    received = reader.day(number, cells, "received", needed=False)
    organisation = reader.text(cells, "organisation") or None
    if indicator is not None and indicator.confidential and organisation is None:
        reader.fail(
            number,
            "organisation",
            Coded("actuals.organisation_required", {"indicator": indicator.id}),
        )
    if organisation is not None and organisation not in ctx.organisations:
        # a misspelt id would count as one more organisation under the disclosure rule
        reason = Coded("registry.unknown_organisation", {"value": organisation})
        reader.fail(number, "organisation", reason)
    if len(reader.problems) > before:
        return None
    assert indicator is not None and year is not None and value is not None and source
    return Actual(indicator.id, subject, year, value, source, received, organisation)


def parse_actual_rows(
    rows: Iterable[TableRow | Mapping[str, Cell]],
    plan: Plan,
    file: str,
    columns: Sequence[str] | None = None,
    organisations: Collection[str] | None = None,
) -> Actuals:
    """Actuals from rows already read (all or nothing; :class:`ActualsError` otherwise).

    ``rows`` are :class:`~clusterplan.io.sheets.TableRow` (their numbers name the rows) or
    plain mappings (numbered from 2, the header being row 1). ``columns``, when given, is
    the header, checked for missing and unknown columns. ``organisations`` are the ids an
    ``organisation`` cell may name (default: the plan's organisations; the platform's
    registry holds more). Every cell is read by :class:`~clusterplan.io.rows.RowReader`, so
    a refused cell is worded as in every import.
    """
    monitoring = monitoring_of(plan)
    reader = RowReader(file)
    if columns is not None:
        reader.header(columns, REQUIRED_COLUMNS, COLUMNS)
        reader.refuse(ActualsError)
    ctx = _Context(
        indicators={i.id: i for i in monitoring.indicators},
        subjects=_subjects(plan),
        history_from=monitoring.history_from,
        first_year=plan.meta.horizon_start,
        last_year=plan.meta.horizon_end,
        organisations=frozenset(
            (o.id for o in plan.organisations) if organisations is None else organisations
        ),
    )
    out: list[Actual] = []
    seen: dict[tuple[str, str | None, int, str | None], int] = {}
    for index, row in enumerate(rows):
        if isinstance(row, TableRow):
            number, cells = row.number, row.cells
        else:
            number, cells = index + 2, row
        actual = _parse_row(ctx, reader, number, cells)
        if actual is None:
            continue
        key = (actual.indicator, actual.subject, actual.year, actual.organisation)
        if key in seen:
            reader.fail(number, None, Coded("actuals.duplicate", {"first_row": seen[key]}))
            continue
        seen[key] = number
        out.append(actual)
    reader.refuse(ActualsError)
    return Actuals.of(out, monitoring)


def read_actuals(path: Path | str, plan: Plan) -> Actuals:
    """Read a CSV/XLSX file of actuals (all or nothing; :class:`ActualsError` otherwise)."""
    path = Path(path)
    try:
        table = read_table(path)
    except TableError as exc:
        problem = FileProblem(exc.file, exc.row, exc.column, exc.reason, sheet=exc.sheet)
        raise ActualsError([problem]) from None
    return parse_actual_rows(table.rows, plan, table.file, table.columns)


def actuals_grid(actuals: Actuals) -> list[list[Cell]]:
    """The actuals as a grid in the file format (header first), for a download: reading
    it back gives the same actuals. Write it with :mod:`clusterplan.io.sheets`."""
    grid: list[list[Cell]] = [list(COLUMNS)]
    for a in actuals:
        grid.append(
            [
                a.indicator,
                a.subject or "",
                a.year,
                a.value,
                a.source,
                a.received.isoformat() if a.received else "",
                a.organisation or "",
            ]
        )
    return grid
