"""Talent need by education level against the region's supply of graduates and LLO.

For demand years t (every year after the base year), pillars p and levels l:

- expansion[l, t] = sum_p max(jobs[p, t] - jobs[p, t - 1], 0) * mix[p, l]
- replacement[l, t] = sum_p (retirement[p] + turnover[p]) * jobs[p, t - 1] * mix[p, l]
- need = expansion + replacement (hires per year);
- supply[l, t] = sum over the level's programmes running in t of
  graduates_per_year * join_share (LLO routes are programmes with ``route: llo``);
- gap = need - supply (positive: hires the regional programmes do not deliver).

A level whose supply depends on an unknown figure (no value in the plan, no assumption),
or that has no programme at all, has unknown supply (NaN), and so an unknown gap; it is
never read as zero. Jobs may carry leading sample axes ``[..., pillar, year]``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from clusterplan.errors import Coded
from clusterplan.model.demand_data import (
    DemandDataError,
    FloatArray,
    check_jobs,
    draw,
    mapping,
    vector,
)
from clusterplan.model.uncertainty import BAND_LABELS, BAND_PERCENTILES
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan, Talent

Origin = Literal["plan", "assumption", "unknown"]

NO_TALENT_SECTION = Coded("talent.no_section")
"""The one line every talent command and page gives for a plan without a talent section."""


class NoTalentSection(DemandDataError):
    """The plan has no talent section."""

    def __init__(self) -> None:
        super().__init__(code="talent.no_section")


def talent_section(plan: Plan) -> Talent:
    """The plan's talent section; :class:`NoTalentSection` when it has none."""
    if plan.talent is None:
        raise NoTalentSection()
    return plan.talent


@dataclass(frozen=True)
class SupplyProgramme:
    """A programme or LLO route as the talent model sees it.

    ``graduates_per_year`` and ``join_share`` are None when unknown; ``*_from`` says whether
    the value comes from the plan data, from an assumption, or is unknown.
    """

    id: str
    name: str
    level: str
    route: str
    graduates_per_year: float | None
    join_share: float | None
    from_year: int | None
    graduates_from: Origin
    join_share_from: Origin

    @property
    def yearly_joiners(self) -> float | None:
        """Graduates per year times the share joining the cluster (None if unknown)."""
        if self.graduates_per_year is None or self.join_share is None:
            return None
        return self.graduates_per_year * self.join_share


@dataclass(frozen=True)
class TalentAssumptions:
    """Every parameter of the talent model; defaults from :func:`talent_assumptions`.

    Attributes
    ----------
    pillars, levels
        Axes of ``level_mix``.
    retirement_rate, turnover_rate
        Yearly outflow per pillar ``[..., pillar]``; leading sample axes, when present,
        pair with the samples of the jobs.
    level_mix
        Share of each pillar's jobs by education level ``[pillar, level]``.
    programmes
        Supply lines.
    """

    pillars: tuple[str, ...]
    levels: tuple[str, ...]
    retirement_rate: FloatArray
    turnover_rate: FloatArray
    level_mix: FloatArray
    programmes: tuple[SupplyProgramme, ...]

    def __post_init__(self) -> None:
        n = len(self.pillars)
        for name in ("retirement_rate", "turnover_rate"):
            rate = getattr(self, name)
            if rate.shape[-1:] != (n,):
                raise DemandDataError(code="demand.per_pillar", params={"name": name})
            if ((rate < 0) | (rate > 1)).any():
                raise DemandDataError(code="demand.share_range", params={"name": name})
        if self.level_mix.shape != (n, len(self.levels)):
            raise DemandDataError(code="demand.level_mix_shape")
        if (self.level_mix < 0).any() or not np.allclose(self.level_mix.sum(axis=1), 1.0):
            raise DemandDataError(code="demand.level_mix_shares")
        for p in self.programmes:
            if p.level not in self.levels:
                raise DemandDataError(
                    code="demand.programme_unknown_level",
                    params={"programme": repr(p.id), "level": repr(p.level)},
                )
            if p.graduates_per_year is not None and p.graduates_per_year < 0:
                raise DemandDataError(
                    code="demand.programme_graduates_negative", params={"programme": repr(p.id)}
                )
            if p.join_share is not None and not 0 <= p.join_share <= 1:
                raise DemandDataError(
                    code="demand.programme_join_range", params={"programme": repr(p.id)}
                )


def _filled(plan_value: float | None, defaults: Any, key: str) -> tuple[float | None, Origin]:
    if plan_value is not None:
        return float(plan_value), "plan"
    if key in defaults and defaults[key] is not None:
        return float(defaults[key]), "assumption"
    return None, "unknown"


def talent_assumptions(plan: Plan) -> TalentAssumptions:
    """The talent model's parameters from the plan and ``assumptions/talent.yaml``.

    A programme's graduates or join share that the plan data leaves unknown takes the
    default of ``talent.graduates_per_year`` / ``talent.join_share`` when there is one,
    and otherwise stays unknown.
    """
    pillars = tuple(plan.pillar_ids)
    levels = EDUCATION_LEVELS
    graduates = mapping(plan, "talent.graduates_per_year")
    shares = mapping(plan, "talent.join_share")
    programmes = []
    for p in talent_section(plan).programmes:
        grads, grads_from = _filled(p.graduates_per_year, graduates, p.id)
        share, share_from = _filled(p.join_share, shares, p.id)
        programmes.append(
            SupplyProgramme(
                p.id, p.name, p.level, p.route, grads, share, p.from_year, grads_from, share_from
            )
        )
    return TalentAssumptions(
        pillars=pillars,
        levels=levels,
        retirement_rate=vector(plan, "talent.retirement_rate", pillars),
        turnover_rate=vector(plan, "talent.turnover_rate", pillars),
        level_mix=np.stack([vector(plan, f"talent.level_mix.{p}", levels) for p in pillars]),
        programmes=tuple(programmes),
    )


def sample_talent_assumptions(
    plan: Plan, n: int, rng: np.random.Generator | int | None = None
) -> TalentAssumptions:
    """``n`` sampled parameter sets: retirement and turnover rates ``[n, pillar]``.

    Each pillar's rate is drawn by the assumption's distribution around its default
    (``low`` and ``high`` bound every pillar); mixes and supply stay at their defaults.
    Sample ``i`` pairs with sample ``i`` of the jobs given to :func:`talent_balance`.
    """
    a = talent_assumptions(plan)
    generator = np.random.default_rng(rng)
    return dataclasses.replace(
        a,
        retirement_rate=draw(plan, "talent.retirement_rate", a.retirement_rate, n, generator),
        turnover_rate=draw(plan, "talent.turnover_rate", a.turnover_rate, n, generator),
    )


TalentBandOf = Literal["need", "gap"]
"""What a talent band spans: the hires needed or the gap (need less supply)."""


@dataclass(frozen=True)
class TalentBands:
    """An ensemble's percentiles per education level and demand year.

    Each array is ``[percentile, level, year]`` at
    :data:`~clusterplan.model.uncertainty.BAND_PERCENTILES` (low, middle, high).

    Attributes
    ----------
    need
        Of the hires needed (:attr:`TalentResult.need`).
    gap
        Of the gap (:attr:`TalentResult.gap`); NaN where the level's supply is unknown.
    """

    levels: tuple[str, ...]
    need: FloatArray
    gap: FloatArray

    def ends(self, of: TalentBandOf, level: str) -> tuple[FloatArray, FloatArray]:
        """The band's low and high end per year (the first and last percentile) of
        ``level``."""
        values: FloatArray = getattr(self, of)[:, self.levels.index(level)]
        return values[0], values[-1]

    def by_label(self, of: TalentBandOf, level: str) -> dict[str, FloatArray]:
        """Each percentile's values per year of ``level`` by its label (``p5`` ...,
        :data:`~clusterplan.model.uncertainty.BAND_LABELS`)."""
        values: FloatArray = getattr(self, of)[:, self.levels.index(level)]
        return dict(zip(BAND_LABELS, values, strict=True))


@dataclass(frozen=True)
class TalentResult:
    """Hires needed, supply and gap per education level and demand year.

    Arrays are ``[..., level, year]`` (supply ``[level, year]``), NaN where unknown.
    """

    years: list[int]
    levels: tuple[str, ...]
    expansion: FloatArray
    replacement: FloatArray
    need: FloatArray
    supply: FloatArray
    gap: FloatArray
    highlight_years: tuple[int, ...]
    programmes: tuple[SupplyProgramme, ...] = ()

    def at(self, year: int) -> dict[str, FloatArray] | None:
        """Need, supply and gap per level in ``year`` (None if it is not a demand year)."""
        if year not in self.years:
            return None
        i = self.years.index(year)
        return {
            "need": self.need[..., i],
            "supply": self.supply[..., i],
            "gap": self.gap[..., i],
        }

    @property
    def short_total(self) -> FloatArray:
        """Hires short per year ``[..., year]``, summed over the levels whose supply is
        known: each level's gap counted only where it is positive (a surplus of one level
        fills no gap of another); NaN in a year where no level's supply is known."""
        known = ~np.isnan(self.gap)
        short = np.where(known, np.maximum(self.gap, 0.0), 0.0).sum(axis=-2)
        return np.where(known.any(axis=-2), short, np.nan)

    def bands(self) -> TalentBands:
        """Percentiles per level and year of the hires needed and of the gap, all leading
        sample axes pooled; NaN stays NaN (unknown supply, so unknown gap)."""
        shape = (-1, len(self.levels), len(self.years))
        return TalentBands(
            levels=self.levels,
            need=np.percentile(self.need.reshape(shape), BAND_PERCENTILES, axis=0),
            gap=np.percentile(self.gap.reshape(shape), BAND_PERCENTILES, axis=0),
        )


def talent_supply(years: Sequence[int], a: TalentAssumptions) -> FloatArray:
    """Yearly joiners per level ``[level, year]``; NaN where a programme is unknown."""
    supply = np.zeros((len(a.levels), len(years)))
    year_axis = np.asarray(years)
    has_line = np.zeros(len(a.levels), dtype=bool)
    for p in a.programmes:
        row = a.levels.index(p.level)
        has_line[row] = True
        running = year_axis >= p.from_year if p.from_year is not None else np.ones_like(year_axis)
        joiners = p.yearly_joiners
        supply[row] += np.where(running.astype(bool), np.nan if joiners is None else joiners, 0.0)
    supply[~has_line] = np.nan
    return supply


@dataclass(frozen=True)
class OwnTalent:
    """Jobs of projects whose business case states their talent need, with that need's
    mix over education levels: ``jobs`` ``[project, pillar, year]``, ``mix``
    ``[project, level]`` (each row adds up to 1)."""

    jobs: FloatArray
    mix: FloatArray


def business_case_talent(plan: Plan, traj: Any, levels: Sequence[str]) -> OwnTalent | None:
    """The :class:`OwnTalent` of every project whose business case states a talent need,
    in a growth trajectory (:class:`clusterplan.model.growth.Trajectory`); None if none."""
    jobs, mixes = [], []
    for project in plan.finance.projects:
        case = project.business_case
        component = traj.components.get(project.id)
        if case is None or component is None or not component.any():
            continue
        counts = np.array([float(case.talent.get(level, 0)) for level in levels])  # type: ignore[call-overload]
        if counts.sum() <= 0:
            continue
        jobs.append(component)
        mixes.append(counts / counts.sum())
    if not jobs:
        return None
    return OwnTalent(jobs=np.stack(jobs), mix=np.stack(mixes))


def talent_balance(
    jobs: NDArray[Any],
    years: Sequence[int],
    assumptions: TalentAssumptions,
    highlight_years: Sequence[int] = (),
    supply: FloatArray | None = None,
    own: OwnTalent | None = None,
) -> TalentResult:
    """Hires needed by level against the supply of the region's programmes.

    Parameters
    ----------
    jobs
        Jobs ``[..., pillar, year]``; the first year is the base year.
    years
        Consecutive years of the jobs' last axis.
    assumptions
        See :func:`talent_assumptions`.
    highlight_years
        Years to single out (the plan's interim years and end goal).
    supply
        Joiners per level and demand year ``[level, year]`` from the education supply data
        (:func:`clusterplan.model.talent_supply.supply_joiners`); when given it replaces the
        programmes' constant supply.
    own
        Jobs of projects whose business case states their talent need
        (:func:`business_case_talent`): their new jobs are hired in the business case's
        mix of levels instead of their pillars' mix (replacement keeps the pillars' mix).

    Returns
    -------
    TalentResult
        For the demand years ``years[1:]``.
    """
    a = assumptions
    jobs = check_jobs(jobs, a.pillars, years)
    demand_years = list(years[1:])
    new = np.maximum(np.diff(jobs, axis=-1), 0.0)
    leaving = (a.retirement_rate + a.turnover_rate)[..., :, None] * jobs[..., :-1]
    if own is None:
        expansion = np.einsum("...pt,pl->...lt", new, a.level_mix)
    else:
        rest = np.maximum(np.diff(jobs - own.jobs.sum(axis=0), axis=-1), 0.0)
        own_new = np.maximum(np.diff(own.jobs.sum(axis=1), axis=-1), 0.0)  # [project, year]
        expansion = np.einsum("...pt,pl->...lt", rest, a.level_mix) + np.einsum(
            "jt,jl->lt", own_new, own.mix
        )
    replacement = np.einsum("...pt,pl->...lt", leaving, a.level_mix)
    need = expansion + replacement
    if supply is None:
        supply = talent_supply(demand_years, a)
    elif supply.shape != (len(a.levels), len(demand_years)):
        raise DemandDataError(code="demand.supply_shape")
    return TalentResult(
        years=demand_years,
        levels=a.levels,
        expansion=expansion,
        replacement=replacement,
        need=need,
        supply=supply,
        gap=need - supply,
        highlight_years=tuple(highlight_years),
        programmes=a.programmes,
    )
