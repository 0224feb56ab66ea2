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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from clusterplan.errors import Coded, ProblemsError
from clusterplan.io import cell_values
from clusterplan.io.sheets import (
    Cell,
    FileProblem,
    TableError,
    TableRow,
    cell_text,
    empty_cell,
    header_problems,
    read_table,
)
from clusterplan.monitor.indicators import Indicator, Monitoring, monitoring_of
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

REQUIRED_COLUMNS: tuple[str, ...] = ("indicator", "subject", "year", "value", "source")
OPTIONAL_COLUMNS: tuple[str, ...] = ("received", "organisation")
COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

PROBLEM_CODES: tuple[str, ...] = (
    "unreadable",  # the file cannot be read as a table (reason from the reader)
    "missing_column",
    "unknown_column",
    "empty_indicator",
    "unknown_indicator",  # params: value
    "unknown_subject",  # params: value, kind (pillar, project, source, ...), choices
    "unknown_subject_any",  # params: value, kind (too many subjects to list)
    "not_a_year",  # params: value
    "year_out_of_range",  # params: value, first, last, indicator
    "year_out_of_range_no_history",  # params: value, first, last, indicator
    "not_a_number",  # params: value
    "not_finite",  # params: value
    "negative",  # params: value
    "empty_source",
    "not_a_date",  # params: value
    "organisation_required",  # params: indicator
    "duplicate",  # params: first_row
)
"""Every :attr:`ActualsProblem.code`."""


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


@dataclass(frozen=True)
class ActualsProblem(FileProblem):
    """One thing wrong with a file of actuals: where, and why.

    ``reason`` is coded (:class:`~clusterplan.errors.Coded`: English as text, any language
    through ``reason.text(lang)``); ``code`` and ``params`` are its short code (see
    :data:`PROBLEM_CODES`) and plain parameters.
    """

    code: str = "unreadable"
    params: Mapping[str, str | int | float] = field(default_factory=dict)


class ActualsError(ProblemsError[ActualsProblem], ValueError):
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

    def of_indicator(self, indicator: str) -> tuple[Actual, ...]:
        """The rows of one indicator."""
        return tuple(a for a in self.rows if a.indicator == indicator)

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


def _text(cell: Cell) -> str:
    return cell_text(cell) or ""


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
    file: str
    indicators: dict[str, Indicator]
    subjects: dict[str, tuple[set[str], str]]
    history_from: int
    first_year: int
    last_year: int


def _parse_row(
    ctx: _Context, number: int, cells: Mapping[str, Cell], problems: list[ActualsProblem]
) -> Actual | None:
    before = len(problems)

    def bad(column: str, code: str, **params: Any) -> None:
        reason = Coded(f"actuals.{code}", params)
        shown = {
            k: v
            for k, v in params.items()
            if isinstance(v, str | int | float) and not isinstance(v, Coded)
        }
        problems.append(ActualsProblem(ctx.file, number, column, reason, code, shown))

    indicator_id = _text(cells.get("indicator"))
    indicator = ctx.indicators.get(indicator_id)
    if not indicator_id:
        bad("indicator", "empty_indicator")
    elif indicator is None:
        bad("indicator", "unknown_indicator", value=indicator_id, known=list(ctx.indicators))

    subject: str | None = _text(cells.get("subject")) or None
    if indicator is not None and subject is not None:
        allowed, what = ctx.subjects[indicator.subject]
        if subject not in allowed:
            choices = sorted(allowed) if 0 < len(allowed) <= 12 else []
            bad(
                "subject",
                "unknown_subject" if choices else "unknown_subject_any",
                value=subject,
                kind=indicator.subject,
                what=Coded(what),
                choices=choices,
            )

    year: int | None = None
    try:
        year = cell_values.whole(cells.get("year"))
    except cell_values.CellError:
        bad("year", "not_a_year", value=cell_values.shown(cells.get("year")))
    if year is not None and indicator is not None:
        first = ctx.history_from if indicator.history else ctx.first_year
        if not first <= year <= ctx.last_year:
            early = year < first and not indicator.history
            bad(
                "year",
                "year_out_of_range_no_history" if early else "year_out_of_range",
                value=year,
                first=first,
                last=ctx.last_year,
                indicator=indicator.id,
            )

    value: float | None = None
    raw_value = cells.get("value")
    try:
        value = cell_values.number(raw_value)
    except cell_values.CellError as exc:
        code = "not_finite" if exc.reason.code == cell_values.NOT_FINITE else "not_a_number"
        bad("value", code, value=cell_values.shown(raw_value))
    if value is not None and value < 0 and not (indicator is not None and indicator.allow_negative):
        bad("value", "negative", value=value)

    source = _text(cells.get("source"))
    if not source:
        bad("source", "empty_source")

    received: date | None = None
    if not empty_cell(cells.get("received")):
        try:
            received = cell_values.day(cells.get("received"))
        except cell_values.CellError:
            bad("received", "not_a_date", value=cell_values.shown(cells.get("received")))

    organisation = _text(cells.get("organisation")) or None
    if indicator is not None and indicator.confidential and organisation is None:
        bad("organisation", "organisation_required", indicator=indicator.id)

    if len(problems) > before or indicator is None or year is None or value is None:
        return None
    return Actual(indicator.id, subject, year, value, source, received, organisation)


def parse_actual_rows(
    rows: Iterable[TableRow | Mapping[str, Cell]],
    plan: Plan,
    file: str,
    columns: Sequence[str] | None = None,
) -> Actuals:
    """Actuals from rows already read (all or nothing; :class:`ActualsError` otherwise).

    ``rows`` are :class:`~clusterplan.io.sheets.TableRow` (their numbers name the rows) or
    plain mappings (numbered from 2, the header being row 1). ``columns``, when given, is
    the header, checked for missing and unknown columns.
    """
    monitoring = monitoring_of(plan)
    problems: list[ActualsProblem] = []
    if columns is not None:
        for c, reason in header_problems(columns, REQUIRED_COLUMNS, COLUMNS):
            missing = reason.code == "table.missing_column"
            code = "missing_column" if missing else "unknown_column"
            problems.append(
                ActualsProblem(file, 1, c, reason, code, {} if missing else {"value": c})
            )
        if problems:
            raise ActualsError(problems)
    ctx = _Context(
        file=file,
        indicators={i.id: i for i in monitoring.indicators},
        subjects=_subjects(plan),
        history_from=monitoring.history_from,
        first_year=plan.meta.horizon_start,
        last_year=plan.meta.horizon_end,
    )
    out: list[Actual] = []
    seen: dict[tuple[str, str | None, int, str | None], int] = {}
    for index, row in enumerate(rows):
        if isinstance(row, TableRow):
            number, cells = row.number, row.cells
        else:
            number, cells = index + 2, row
        actual = _parse_row(ctx, number, cells, problems)
        if actual is None:
            continue
        key = (actual.indicator, actual.subject, actual.year, actual.organisation)
        if key in seen:
            problems.append(
                ActualsProblem(
                    file,
                    number,
                    None,
                    Coded("actuals.duplicate", {"first_row": seen[key]}),
                    "duplicate",
                    {"first_row": seen[key]},
                )
            )
            continue
        seen[key] = number
        out.append(actual)
    if problems:
        raise ActualsError(problems)
    return Actuals.of(out, monitoring)


def read_actuals(path: Path | str, plan: Plan) -> Actuals:
    """Read a CSV/XLSX file of actuals (all or nothing; :class:`ActualsError` otherwise)."""
    path = Path(path)
    try:
        table = read_table(path)
    except TableError as exc:
        raise ActualsError([ActualsProblem(exc.file, exc.row, exc.column, exc.reason)]) from None
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
