"""The plan against what actually happens: per indicator, subject and year.

Each indicator names the plan path it is held against (``compare_with``):

``jobs``
    the growth engine's trajectory of the monitoring dimension, per pillar; the back-cast
    milestones towards the goal are a second path, and the Monte Carlo ensemble gives
    p5/p50/p95 bands.
``spending``
    the yearly costs of each project and organisation-cost line (cash needs).
``coverage``
    the yearly coverage per funding source (cash needs, all lines).
``space_m2``
    the yearly space demand of the trajectory (all functions).
``hires``
    the yearly hires needed per education level (talent model).
``acquisitions``
    the jobs the back-cast needs from acquisition, per year.

Status rules and the gap (actual - plan, in the indicator's unit) are in
:mod:`clusterplan.monitor.indicators`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from numpy.typing import NDArray

from clusterplan import disclosure
from clusterplan.io.sheets import Cell
from clusterplan.model.backcast import backcast
from clusterplan.model.finance import cash_needs
from clusterplan.model.growth import trajectory
from clusterplan.model.space import space_assumptions, space_balance
from clusterplan.model.talent import talent_assumptions, talent_balance
from clusterplan.model.uncertainty import BAND_LABELS, simulate
from clusterplan.monitor.actuals import Actuals
from clusterplan.monitor.indicators import (
    STATUSES,
    Indicator,
    Monitoring,
    Status,
    monitoring_of,
    status_of,
)
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

PathKey = tuple[str | None, int]
"""(subject, year); subject None is the cluster total."""

NOT_COMPARED = "not_compared"
"""Key in :attr:`Comparison.counts` of indicators held against no plan figure."""


def _with_totals(per_subject: Mapping[PathKey, float]) -> dict[PathKey, float]:
    out = dict(per_subject)
    totals: dict[int, float] = {}
    for (_, year), value in per_subject.items():
        totals[year] = totals.get(year, 0.0) + value
    for year, value in totals.items():
        out[None, year] = value
    return out


def _path(
    subjects: Sequence[str], years: Sequence[int], values: NDArray[Any]
) -> dict[PathKey, float]:
    """``values [subject, year]`` as a path per (subject, year), with the cluster totals."""
    return _with_totals(
        {
            (subject, year): float(values[k, i])
            for k, subject in enumerate(subjects)
            for i, year in enumerate(years)
        }
    )


def _indicator(plan: Plan, indicator: Indicator | str) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    return monitoring_of(plan).indicator(indicator)


def _dimension(plan: Plan, dimension: str | None) -> str:
    if dimension is not None:
        return dimension
    mon = plan.monitoring
    return mon.dimension if mon is not None else plan.employment.last_dimension


def plan_path(
    plan: Plan, indicator: Indicator | str, dimension: str | None = None
) -> dict[PathKey, float]:
    """The plan's value per (subject, year) for an indicator; subject None = the total.

    Empty when the indicator is compared with nothing (``compare_with: none``).
    """
    ind = _indicator(plan, indicator)
    dim = _dimension(plan, dimension)
    kind = ind.compare_with
    out: dict[PathKey, float] = {}
    if kind == "jobs":
        t = trajectory(plan, dim)
        return _path(t.pillars, t.years, t.jobs)
    if kind in ("spending", "coverage"):
        needs = cash_needs(plan)
        if kind == "spending":
            return _path(needs.line_ids, needs.years, needs.cost_meur)
        return _path(needs.sources, needs.years, needs.by_source("all"))
    if kind in ("space_m2", "hires"):
        if kind == "space_m2" and plan.space is None:
            return out  # an optional part: no space study to hold the floor area against
        t = trajectory(plan, dim)
        if kind == "space_m2":
            space = space_balance(t.jobs, t.years, space_assumptions(plan))
            demand = space.total_demand_m2
            for i, year in enumerate(space.years):
                out[None, year] = float(demand[i])
            return out
        if plan.talent is None:
            return out  # an optional section: no hires to hold the inflow against
        talent = talent_balance(t.jobs, t.years, talent_assumptions(plan))
        return _path(talent.levels, talent.years, talent.need)
    if kind == "acquisitions":
        if plan.employment.goal is None:
            return out  # an optional part: no goal, so no gap for acquisition to fill
        cast = backcast(plan)  # its own delivered dimension: the gap acquisition must fill
        for i, year in enumerate(cast.years):
            out[None, year] = float(cast.gap_total[i])
        return out
    return out


@dataclass(frozen=True)
class ComparisonRow:
    """Plan against actual for one subject (None = cluster total) and year."""

    subject: str | None
    year: int
    plan: float | None
    actual: float | None
    gap: float | None
    status: Status
    milestone: float | None = None
    band: dict[str, float] | None = None
    organisations: int = 0
    suppressed: bool = False

    @property
    def observed(self) -> bool:
        """Whether the year has an actual: shown, or withheld by the disclosure rule
        (:attr:`suppressed`, its actual removed from this copy)."""
        return self.actual is not None or self.suppressed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field."""
        return asdict(self)


@dataclass(frozen=True)
class IndicatorComparison:
    """One indicator: its definition, its rule and every (subject, year) row."""

    indicator: Indicator
    rule: str
    rows: tuple[ComparisonRow, ...]

    def row(self, subject: str | None, year: int) -> ComparisonRow | None:
        """The row of a subject and year (None if absent)."""
        for r in self.rows:
            if r.subject == subject and r.year == year:
                return r
        return None

    def latest(self, until: int | None = None) -> ComparisonRow | None:
        """The cluster-total row of the latest year (up to ``until``) with an actual and a
        plan value, else the latest with an actual, else None.

        An actual withheld by the disclosure rule counts (:attr:`ComparisonRow.observed`):
        a reader who may not see it gets its year with the actual, gap and status withheld,
        not an earlier year as if that were the latest."""
        rows = [
            r
            for r in self.rows
            if r.subject is None and r.observed and (until is None or r.year <= until)
        ]
        both = [r for r in rows if r.plan is not None]
        return max(both or rows, key=lambda r: r.year) if rows else None

    @property
    def status(self) -> Status:
        """Status of the latest cluster-total row (:meth:`latest`; ``no_data`` when it has
        no plan value or its actual is withheld)."""
        last = self.latest()
        return last.status if last is not None else "no_data"

    @property
    def counted(self) -> str:
        """What :attr:`Comparison.counts` counts it as: its :attr:`status`, or
        :data:`NOT_COMPARED` when it is held against no plan figure."""
        return self.status if self.indicator.compared else NOT_COMPARED

    @property
    def withheld(self) -> int:
        """How many of its figures the disclosure rule withheld (:meth:`Comparison.disclosed`)."""
        return sum(1 for r in self.rows if r.suppressed)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        ind = self.indicator
        return {
            "id": ind.id,
            "label_nl": ind.label_nl,
            "label_en": ind.label_en,
            "unit": ind.unit,
            "subject": ind.subject,
            "compare_with": ind.compare_with,
            "direction": ind.direction,
            "confidential": ind.confidential,
            "rule": self.rule,
            "status": self.status,
            "rows": [r.to_dict() for r in self.rows],
        }


@dataclass(frozen=True)
class Comparison:
    """Plan against actual for every indicator of the plan."""

    dimension: str
    indicators: tuple[IndicatorComparison, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def indicator(self, indicator_id: str) -> IndicatorComparison:
        """The comparison of one indicator (KeyError if absent)."""
        for c in self.indicators:
            if c.indicator.id == indicator_id:
                return c
        raise KeyError(indicator_id)

    @property
    def withheld(self) -> int:
        """How many figures the disclosure rule withheld, over every indicator."""
        return sum(c.withheld for c in self.indicators)

    def disclosed(self, min_organisations: int) -> Comparison:
        """A copy fit for anyone: the disclosure rule (:func:`clusterplan.disclosure.withheld`)
        on every confidential indicator, its subjects the parts and the cluster total their
        total, each built from its ``organisations``. A figure of 1 to
        ``min_organisations - 1`` organisations is withheld (actual, gap and status removed,
        ``suppressed`` set), and so is a year's cluster total when any of its subjects is
        withheld (else the withheld figure would follow by subtraction). A figure of no
        organisation names no partner and is shown (the actuals of a confidential indicator
        name one as they are read, ``organisation_required``).

        The table keeps its parts (``keep="parts"``) and gives up the total: each subject is
        held against its own plan path, so its rows are the table, and one total row is less
        to withhold than every other subject of the year. Other indicators count no
        organisations and are left whole."""
        out = []
        for c in self.indicators:
            if not c.indicator.confidential:
                out.append(c)
                continue
            subjects = list(dict.fromkeys(r.subject for r in c.rows if r.subject is not None))
            years = sorted({r.year for r in c.rows})
            count = {(r.subject, r.year): r.organisations for r in c.rows if r.actual is not None}
            hidden = disclosure.withheld(
                [[count.get((s, y), 0) for y in years] for s in subjects],
                [count.get((None, y), 0) for y in years],
                min_organisations,
                keep="parts",
            )
            at = {y: t for t, y in enumerate(years)}
            part = {s: g for g, s in enumerate(subjects)}
            rows = []
            for r in c.rows:
                t = at[r.year]
                hide = hidden.totals[t] if r.subject is None else hidden.parts[part[r.subject]][t]
                if hide and r.actual is not None:
                    r = replace(r, actual=None, gap=None, status="no_data", suppressed=True)
                rows.append(r)
            out.append(replace(c, rows=tuple(rows)))
        return replace(self, indicators=tuple(out), counts=_counts(out))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "dimension": self.dimension,
            "counts": dict(self.counts),
            "indicators": [c.to_dict() for c in self.indicators],
        }


def _bands(plan: Plan, monitoring: Monitoring, dimension: str) -> dict[PathKey, dict[str, float]]:
    settings = monitoring.nowcast
    # The bands do not depend on the goal; a plan without one gets its base total as a
    # stand-in (only the unused "reached" flags read it).
    emp = plan.employment
    ens = simulate(
        plan,
        settings.band_samples,
        settings.seed,
        dimension=dimension,
        goal_jobs=None if emp.goal is not None else emp.base_total,
        goal_year=None if emp.goal is not None else emp.target_year,
    )
    bands = ens.bands()
    total = ens.total_summary()
    out: dict[PathKey, dict[str, float]] = {}
    for k, pillar in enumerate(ens.pillars):
        for i, year in enumerate(ens.years):
            out[pillar, year] = {label: float(bands[label][k, i]) for label in BAND_LABELS}
    for year, row in total.items():
        out[None, year] = {label: row[label] for label in BAND_LABELS}
    return out


def _milestones(plan: Plan) -> dict[PathKey, float]:
    if plan.employment.goal is None:
        return {}  # an optional part: no goal, no milestones towards it
    cast = backcast(plan)
    return _path(cast.pillars, cast.years, cast.milestones)


def _order(subject: str | None, known: list[str]) -> tuple[int, int, str]:
    if subject is None:
        return (1, 0, "")
    return (0, known.index(subject) if subject in known else len(known), subject)


def compare_indicator(
    plan: Plan,
    indicator: Indicator,
    actuals: Actuals,
    dimension: str | None = None,
    *,
    bands: Mapping[PathKey, dict[str, float]] | None = None,
    milestones: Mapping[PathKey, float] | None = None,
) -> IndicatorComparison:
    """Plan against actual for one indicator (rows for every subject and year of either)."""
    monitoring = monitoring_of(plan)
    rule = monitoring.rule(indicator.rule)
    path = plan_path(plan, indicator, dimension)
    subjects: set[str | None] = {s for s, _ in path}
    subjects |= set(actuals.subjects(indicator.id))
    years = sorted({y for _, y in path} | set(actuals.years(indicator.id)))
    if path or actuals.years(indicator.id):
        subjects.add(None)
    known = {
        "pillar": plan.pillar_ids,
        "source": list(plan.finance.source_ids),
        "project": [p.id for p in plan.finance.projects]
        + [o.id for o in plan.finance.organisation],
        "education_level": list(EDUCATION_LEVELS),
    }.get(indicator.subject, [])
    rows = []
    for subject in sorted(subjects, key=lambda s: _order(s, known)):
        series = actuals.series(indicator.id, subject) if subject is not None else {}
        for year in years:
            actual = actuals.total(indicator.id, year) if subject is None else series.get(year)
            planned = path.get((subject, year))
            if actual is None and planned is None:
                continue
            gap = None if actual is None or planned is None else actual - planned
            rows.append(
                ComparisonRow(
                    subject=subject,
                    year=year,
                    plan=planned,
                    actual=actual,
                    gap=gap,
                    status=status_of(actual, planned, rule, indicator.direction),
                    milestone=None if milestones is None else milestones.get((subject, year)),
                    band=None if bands is None else bands.get((subject, year)),
                    organisations=actuals.organisations(indicator.id, subject, year)
                    if indicator.confidential
                    else 0,
                )
            )
    return IndicatorComparison(indicator, rule.id, tuple(rows))


def compare(plan: Plan, actuals: Actuals, dimension: str | None = None) -> Comparison:
    """Plan against actual for every indicator of the plan's monitoring part.

    Jobs rows carry the back-cast milestone and the ensemble band (p5/p50/p95) of the
    dimension (``monitoring.nowcast.band_samples`` samples, its seed).
    """
    monitoring = monitoring_of(plan)
    dim = _dimension(plan, dimension)
    needs_jobs = any(i.compare_with == "jobs" for i in monitoring.indicators)
    bands = _bands(plan, monitoring, dim) if needs_jobs else None
    milestones = _milestones(plan) if needs_jobs else None
    out = []
    for ind in monitoring.indicators:
        is_jobs = ind.compare_with == "jobs"
        out.append(
            compare_indicator(
                plan,
                ind,
                actuals,
                dim,
                bands=bands if is_jobs else None,
                milestones=milestones if is_jobs else None,
            )
        )
    return Comparison(dim, tuple(out), _counts(out))


def _counts(indicators: Sequence[IndicatorComparison]) -> dict[str, int]:
    counts = {s: 0 for s in (*STATUSES, NOT_COMPARED)}
    for c in indicators:
        counts[c.counted] += 1
    return counts


COMPARISON_COLUMNS: tuple[str, ...] = (
    "indicator",
    "unit",
    "subject",
    "year",
    "plan",
    "actual",
    "gap",
    "status",
    "milestone",
    "p5",
    "p50",
    "p95",
    "organisations",
    "suppressed",
)


def comparison_grid(comparison: Comparison) -> list[list[Cell]]:
    """Every row of a comparison as one table (header first), for downloads and annexes;
    write it with :func:`clusterplan.io.export.export_tables`."""
    grid: list[list[Cell]] = [list(COMPARISON_COLUMNS)]
    for c in comparison.indicators:
        for r in c.rows:
            band = r.band or {}
            grid.append(
                [
                    c.indicator.id,
                    c.indicator.unit,
                    r.subject or "",
                    r.year,
                    r.plan,
                    r.actual,
                    r.gap,
                    r.status,
                    r.milestone,
                    band.get("p5"),
                    band.get("p50"),
                    band.get("p95"),
                    r.organisations,
                    "yes" if r.suppressed else "",
                ]
            )
    return grid
