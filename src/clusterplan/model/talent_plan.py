"""The talent programme: targets from the job path, supply as data, measures that close the gap.

For a job path (the back-cast milestones, or a growth dimension), per level *l* and year *t*:

- ``need[l, t]``: hires needed (:func:`clusterplan.model.talent.talent_balance`);
- ``supply[l, t]``: joiners from the education supply data
  (:mod:`clusterplan.model.talent_supply`); unknown (NaN) without supply data;
- ``effect[m, t]`` of a measure *m* from its ``from_year``: ``effect x join_share`` for
  ``graduates`` and ``retraining`` measures, ``effect`` for ``international`` and
  ``retention`` (hires recruited or leavers kept);
- ``gap_before = need - supply``; ``gap_after = gap_before - sum of the level's effects``
  (so a measure adding N graduates lowers the gap by N x its join share);
- a measure's cost per person = yearly cost / effective hires per year; the gap it closes
  is ``sum_t min(effect[m, t], max(gap_before[l, t], 0))`` (alone, against the gap before
  measures), and the ranking orders measures by gap closed per euro.

Targets are derived as the need per level in each interim year and the end goal; the
programme office adopts them (``talent.targets`` in the plan data, with who and why). The
probability of meeting a target is the share of an ensemble (supply and measure effects
drawn by ``talent.supply.factor`` and ``talent.measure.effect_factor``) in which supply plus
measures deliver at least the target's hires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from clusterplan.errors import Coded
from clusterplan.model.backcast import backcast
from clusterplan.model.demand_data import DemandDataError, FloatArray, draw, mapping
from clusterplan.model.growth import growth_assumptions, trajectory
from clusterplan.model.talent import talent_assumptions, talent_balance, talent_section
from clusterplan.model.talent_supply import Supply, SupplyData, SupplyShares, supply_joiners
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

BACKCAST = "backcast"
"""The job path of the back-cast milestones (the other paths are the growth dimensions), the
first of :func:`path_sources` and the default."""


def path_sources(plan: Plan) -> tuple[str, ...]:
    """Job paths targets can be derived from: the back-cast milestones or a growth dimension."""
    return (BACKCAST, *plan.employment.dimension_ids)


JOINING_KINDS: tuple[str, ...] = ("graduates", "retraining")
"""Measure kinds whose people join the cluster only by their join share."""


class TalentPlanMissing(DemandDataError):
    """Nothing to weigh the need against: no supply data and no measures."""


@dataclass(frozen=True)
class Measure:
    """A measure with its assumed yearly effect, cost and join share (None: unknown)."""

    id: str
    component: str
    name: str
    kind: str
    level: str
    from_year: int | None
    effect: float | None
    cost_keur: float | None
    join_share: float | None

    @property
    def hires_per_year(self) -> float | None:
        """Hires the measure brings per year: the effect times the join share where it
        applies (None when unknown)."""
        if self.effect is None:
            return None
        if self.kind in JOINING_KINDS:
            return None if self.join_share is None else self.effect * self.join_share
        return self.effect

    @property
    def cost_per_person_eur(self) -> float | None:
        """Yearly cost over yearly hires, in EUR (None when unknown or no hires)."""
        hires = self.hires_per_year
        if hires is None or self.cost_keur is None or hires <= 0:
            return None
        return 1000.0 * self.cost_keur / hires


def _optional(values: Mapping[str, Any], key: str) -> float | None:
    value = values.get(key)
    return None if value is None else float(value)


def talent_measures(plan: Plan) -> list[Measure]:
    """The plan's measures with their effect, cost and join share from the assumptions
    ``talent.measure.effect`` (people/yr), ``talent.measure.cost`` (k EUR/yr) and
    ``talent.measure.join_share`` (share); a measure absent from one is unknown there."""
    section = talent_section(plan)
    if not section.measures:
        return []
    effects = mapping(plan, "talent.measure.effect")
    costs = mapping(plan, "talent.measure.cost")
    shares = mapping(plan, "talent.measure.join_share")
    return [
        Measure(
            m.id,
            m.component,
            m.name_nl,
            m.kind,
            m.level,
            m.from_year,
            _optional(effects, m.id),
            _optional(costs, m.id),
            _optional(shares, m.id) if m.kind in JOINING_KINDS else None,
        )
        for m in section.measures
    ]


def measure_effects(measures: Sequence[Measure], years: Sequence[int]) -> FloatArray:
    """Hires per measure and year ``[measure, year]``: 0 before its from-year, NaN unknown."""
    out = np.zeros((len(measures), len(years)))
    year_axis = np.asarray(years)
    for i, m in enumerate(measures):
        running = year_axis >= (m.from_year if m.from_year is not None else year_axis[0])
        hires = m.hires_per_year
        out[i] = np.where(running, np.nan if hires is None else hires, 0.0)
    return out


def by_level(measures: Sequence[Measure], effects: FloatArray) -> FloatArray:
    """Measure effects summed per level ``[..., level, year]``."""
    out = np.zeros((*effects.shape[:-2], len(EDUCATION_LEVELS), effects.shape[-1]))
    for i, m in enumerate(measures):
        out[..., EDUCATION_LEVELS.index(m.level), :] += effects[..., i, :]
    return out


@dataclass(frozen=True)
class JobPath:
    """Jobs per pillar and year ``[pillar, year]`` a talent target is derived from."""

    source: str
    years: list[int]
    jobs: FloatArray


def job_path(plan: Plan, source: str = BACKCAST) -> JobPath:
    """The job path to the talent end goal: the back-cast milestones (held at the goal
    after the back-cast's target year) or a growth dimension's trajectory."""
    section = talent_section(plan)
    known = path_sources(plan)
    if source not in known:
        raise DemandDataError(
            code="talent.unknown_source", params={"value": source, "known": list(known)}
        )
    a = growth_assumptions(plan)
    until = min(max(section.goal_year, a.target_year), a.extension_until_year)
    if source != BACKCAST:
        path = trajectory(plan, source, a, until=until)
        return JobPath(source, list(path.years), np.asarray(path.jobs, dtype=float))
    bc = backcast(plan, assumptions=a)
    years = list(range(bc.years[0], max(until, bc.years[-1]) + 1))
    jobs = np.empty((len(bc.pillars), len(years)))
    jobs[:, : len(bc.years)] = bc.milestones
    jobs[:, len(bc.years) :] = bc.milestones[:, -1:]
    return JobPath(source, years, jobs)


@dataclass(frozen=True)
class TargetSet:
    """Targets per year and level; ``adopted`` says per year who set them and why (None:
    derived); ``adopted_from`` the job path an adopted target was taken from as derived
    (its reason, when it gives none, says so in the reader's language)."""

    years: list[int]
    derived: dict[int, dict[str, float | None]]
    in_force: dict[int, dict[str, float | None]]
    adopted: dict[int, tuple[str | None, str | None]]
    source: str
    adopted_from: dict[int, str] = field(default_factory=dict)


def derive_targets(plan: Plan, path: JobPath) -> dict[int, dict[str, float | None]]:
    """Hires needed per level in each interim year and the end goal (None: no demand
    year, e.g. the base year, whose hires need the jobs of the year before)."""
    section = talent_section(plan)
    need = talent_balance(path.jobs, path.years, talent_assumptions(plan))
    out: dict[int, dict[str, float | None]] = {}
    for year in [*section.interim_years, section.goal_year]:
        if year in need.years:
            i = need.years.index(year)
            out[year] = {lv: float(need.need[k, i]) for k, lv in enumerate(need.levels)}
        else:
            out[year] = dict.fromkeys(need.levels)
    return out


def targets(plan: Plan, path: JobPath) -> TargetSet:
    """Derived targets, and the targets in force: the adopted ones where the plan data
    has them, the derived ones elsewhere."""
    section = talent_section(plan)
    derived = derive_targets(plan, path)
    in_force = {y: dict(v) for y, v in derived.items()}
    adopted: dict[int, tuple[str | None, str | None]] = {}
    for t in section.targets:
        hires = {str(k): v for k, v in t.hires.items()}
        in_force[t.year] = {lv: hires.get(lv) for lv in EDUCATION_LEVELS}
        adopted[t.year] = (t.set_by, t.reason)
    adopted_from = {t.year: t.derived for t in section.targets if t.derived}
    return TargetSet(list(derived), derived, in_force, adopted, path.source, adopted_from)


@dataclass(frozen=True)
class MeasureRank:
    """A measure's effect over the years: hires, cost, gap closed and gap closed per euro."""

    measure: Measure
    hires: float
    cost_eur: float | None
    closed: float
    closed_per_meur: float | None


@dataclass(frozen=True)
class TalentPlan:
    """Need, supply, measures and the gap before and after them, per level and year."""

    years: list[int]
    levels: tuple[str, ...]
    need: FloatArray
    supply: FloatArray
    supply_detail: Supply | None
    measures: list[Measure]
    effects: FloatArray
    gap_before: FloatArray
    gap_after: FloatArray
    targets: TargetSet
    missing: list[str]

    def ranking(self) -> list[MeasureRank]:
        """Measures by gap closed per euro, best first (unknown cost last)."""
        ranks = []
        for i, m in enumerate(self.measures):
            row = self.levels.index(m.level)
            effect = self.effects[i]
            positive = np.maximum(self.gap_before[row], 0.0)
            closed = np.where(np.isnan(positive), effect, np.minimum(effect, positive))
            years_on = int(np.count_nonzero(effect))
            cost = None if m.cost_keur is None else 1000.0 * m.cost_keur * years_on
            total = float(np.nansum(closed))
            per = None if not cost else total / (cost / 1e6)
            ranks.append(MeasureRank(m, float(np.nansum(effect)), cost, total, per))
        return sorted(ranks, key=lambda r: (r.closed_per_meur is None, -(r.closed_per_meur or 0)))


def talent_plan(
    plan: Plan,
    supply: SupplyData | None,
    source: str = BACKCAST,
) -> TalentPlan:
    """The talent plan's gap before and after measures along a job path.

    Raises :class:`TalentPlanMissing` when there is neither supply data nor a measure.
    """
    measures = talent_measures(plan)  # refuses a plan without a talent section
    if supply is None and not measures:
        raise TalentPlanMissing(code="talent.nothing_to_weigh")
    missing: list[str] = []
    if supply is None:
        missing.append(Coded("talent.no_supply"))
    if not measures:
        missing.append(Coded("talent.no_measures"))
    path = job_path(plan, source)
    balance = talent_balance(path.jobs, path.years, talent_assumptions(plan))
    years = balance.years
    detail = None
    if supply is None:
        joiners = np.full((len(EDUCATION_LEVELS), len(years)), np.nan)
    else:
        detail = supply_joiners(supply, years, SupplyShares.of(plan))
        joiners = detail.joiners
        if detail.missing_shares:
            missing.append(Coded("talent.no_share", {"programmes": detail.missing_shares}))
    effects = measure_effects(measures, years)
    gap_before = balance.need - joiners
    gap_after = gap_before - by_level(measures, effects)
    unknown = [m.id for m in measures if m.hires_per_year is None]
    if unknown:
        missing.append(Coded("talent.unknown_effect", {"measures": unknown}))
    return TalentPlan(
        years,
        EDUCATION_LEVELS,
        balance.need,
        joiners,
        detail,
        measures,
        effects,
        gap_before,
        gap_after,
        targets(plan, path),
        missing,
    )


@dataclass(frozen=True)
class TargetOdds:
    """Per target year and level: the probability that supply plus measures deliver the
    target's hires (None where the target or the supply is unknown)."""

    samples: int
    probability: dict[int, dict[str, float | None]]


def target_probability(
    plan: Plan, result: TalentPlan, n: int, rng: np.random.Generator | int | None = None
) -> TargetOdds:
    """Sample supply and measure effects ``n`` times and count the targets met."""
    generator = np.random.default_rng(rng)
    supply_factor = draw(plan, "talent.supply.factor", 1.0, n, generator)
    effect_factor = draw(plan, "talent.measure.effect_factor", 1.0, n, generator)
    delivered = (
        result.supply[None] * supply_factor[:, None, None]
        + by_level(result.measures, result.effects)[None] * effect_factor[:, None, None]
    )
    out: dict[int, dict[str, float | None]] = {}
    for year, wanted in result.targets.in_force.items():
        row: dict[str, float | None] = {}
        for k, level in enumerate(result.levels):
            target = wanted.get(level)
            if year not in result.years or target is None:
                row[level] = None
                continue
            values = delivered[:, k, result.years.index(year)]
            row[level] = None if np.isnan(values).any() else float(np.mean(values >= target))
        out[year] = row
    return TargetOdds(n, out)


def inflow_against_targets(
    result: TalentPlan, actuals: Mapping[int, Mapping[str, float | None]]
) -> list[dict[str, Any]]:
    """Actual inflow per year and level (from the monitoring store) against the targets in
    force: one row per target year and level with an actual, with the share reached."""
    rows = []
    for year, wanted in result.targets.in_force.items():
        for level in result.levels:
            actual = (actuals.get(year) or {}).get(level)
            if actual is None:
                continue
            target = wanted.get(level)
            share = None if not target else actual / target
            rows.append(
                {"year": year, "level": level, "target": target, "actual": actual, "share": share}
            )
    return rows


INFLOW_INDICATOR = "inflow"
"""The monitoring indicator of the cluster's inflow per education level (its subject is
the level; ``monitoring.yaml`` compares it with the hires)."""


class ActualSeries(Protocol):
    """What the talent model reads of the monitoring store (``clusterplan.monitor.Actuals``)."""

    def series(self, indicator: str, subject: str | None) -> dict[int, float]: ...


def inflow_from_actuals(
    actuals: ActualSeries, indicator: str = INFLOW_INDICATOR
) -> dict[int, dict[str, float | None]]:
    """The monitored inflow per year and level from the monitoring store."""
    out: dict[int, dict[str, float | None]] = {}
    for level in EDUCATION_LEVELS:
        for year, value in actuals.series(indicator, level).items():
            out.setdefault(year, {})[level] = value
    return out
