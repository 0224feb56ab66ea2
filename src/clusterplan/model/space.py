"""Space demand against supply: the plan's campus and plots.

For demand years t (every year after the base year), functions f and pillars p:

- expansion[f, t] = sum_p new_jobs[p, t] * m2_per_job[p, f] * campus_share[p] * (1 - absorption[f]),
  with new_jobs the yearly rise of the running maximum of jobs (space is kept through a dip
  and not demanded twice);
- replacement[f, t] = replacement_rate * stock[f, t - 1], with stock the campus floor area
  occupied in the base year plus everything built since;
- demand = expansion + replacement.

Supply: each plot or building adds its area (plots times the floor ratio) in the year it
becomes available; a plot without a function (``bedrijfsruimte``) can serve any function.
Shortfall (cumulative, per function): what the demand so far exceeds the dedicated supply so
far, minus the flexible supply so far shared over the functions in proportion to their excess.

All arrays may carry leading sample axes: jobs ``[..., pillar, year]`` give results
``[..., function, year]``; nothing loops over samples.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from clusterplan.model.demand_data import (
    DemandDataError,
    FloatArray,
    check_jobs,
    draw,
    mapping,
    number,
    vector,
)
from clusterplan.model.uncertainty import BAND_LABELS, BAND_PERCENTILES
from clusterplan.plan import parts
from clusterplan.plan.schema import FLEXIBLE_SPACE, SPACE_FUNCTIONS, Plan

PLOT_YEARS = "space.plot_available_from"
"""The assumption of the year each plot the plan gives none for becomes available."""

SHORTFALL_TOLERANCE_M2 = 1e-6
"""Shortfalls smaller than this (rounding) count as none."""


@dataclass(frozen=True)
class SupplyLine:
    """A plot or building that supplies floor area from a year on.

    Attributes
    ----------
    id, name
        From the plan.
    floor_area_m2
        Floor area it supplies (plot area times the floor ratio; a building's own area).
    available_from
        First year it counts.
    function
        One of ``SPACE_FUNCTIONS``, or None when it can serve any function.
    year_from
        ``plan`` when the plan gives the year, ``assumption`` when the default is used.
    """

    id: str
    name: str
    floor_area_m2: float
    available_from: int
    function: str | None
    year_from: Literal["plan", "assumption"]


@dataclass(frozen=True)
class SpaceAssumptions:
    """Every parameter of the space model; defaults from :func:`space_assumptions`.

    Attributes
    ----------
    pillars, functions
        Axes of ``m2_per_job``.
    m2_per_job
        Gross floor area per job ``[..., pillar, function]`` (density times function mix);
        leading sample axes, when present, pair with the samples of the jobs.
    campus_share
        Share of each pillar's space that lands on or around the campus ``[pillar]``.
    absorption
        Share of new jobs' space met in existing buildings, by function ``[function]``.
    replacement_rate
        Share of the occupied campus stock leaving use per year: a number, or ``[...]``
        with the same leading sample axes as ``m2_per_job``.
    realised_before_m2
        Space realised before the model years (the plan's ``space.realised`` figure).
    supply
        Plots and buildings.
    """

    pillars: tuple[str, ...]
    functions: tuple[str, ...]
    m2_per_job: FloatArray
    campus_share: FloatArray
    absorption: FloatArray
    replacement_rate: float | FloatArray
    realised_before_m2: float
    supply: tuple[SupplyLine, ...]

    def __post_init__(self) -> None:
        shape = (len(self.pillars), len(self.functions))
        if self.m2_per_job.shape[-2:] != shape:
            raise DemandDataError(
                code="demand.m2_shape", params={"pillars": shape[0], "years": shape[1]}
            )
        rate = np.asarray(self.replacement_rate)
        if rate.ndim and rate.shape != self.m2_per_job.shape[:-2]:
            raise DemandDataError(code="demand.replacement_axes")
        if (self.m2_per_job < 0).any():
            raise DemandDataError(code="demand.m2_negative")
        for name, values in (("campus_share", self.campus_share), ("absorption", self.absorption)):
            if ((values < 0) | (values > 1)).any():
                raise DemandDataError(code="demand.share_range", params={"name": name})
        if self.campus_share.shape != (len(self.pillars),):
            raise DemandDataError(code="demand.campus_share_per_pillar")
        if self.absorption.shape != (len(self.functions),):
            raise DemandDataError(code="demand.absorption_per_function")
        if ((rate < 0) | (rate > 1)).any():
            raise DemandDataError(code="demand.replacement_range")
        for line in self.supply:
            if line.floor_area_m2 < 0:
                raise DemandDataError(code="demand.supply_negative", params={"line": repr(line.id)})
            if line.function is not None and line.function not in self.functions:
                raise DemandDataError(
                    code="demand.supply_unknown_function",
                    params={"line": repr(line.id), "function": repr(line.function)},
                )


def space_assumptions(plan: Plan) -> SpaceAssumptions:
    """The space model's parameters from the plan and ``assumptions/space.yaml``.

    A plot whose available-from year the plan leaves unknown gets the year of assumption
    ``space.plot_available_from``; without one there, :class:`DemandDataError`.
    """
    space = parts.space(plan)
    pillars = tuple(plan.pillar_ids)
    functions = SPACE_FUNCTIONS
    density = np.array([number(plan, f"space.m2_per_job.{f}") for f in functions])
    mix = np.stack([vector(plan, f"space.function_mix.{p}", functions) for p in pillars])
    years = mapping(plan, PLOT_YEARS)
    ratio = number(plan, "space.plot_floor_ratio")
    supply = []
    for plot in space.plots:
        year_from: Literal["plan", "assumption"]
        if plot.available_from is not None:
            year, year_from = plot.available_from, "plan"
        elif plot.id in years:
            year, year_from = int(years[plot.id]), "assumption"
        else:
            raise DemandDataError(
                code="space.plot_year",
                params={"id": plot.id, "assumption": plan.assumption_name(PLOT_YEARS)},
            )
        function = None if plot.function in (None, *FLEXIBLE_SPACE) else plot.function
        area = plot.area_m2 * (ratio if plot.kind == "plot" else 1.0)
        supply.append(SupplyLine(plot.id, plot.name, area, year, function, year_from))
    return SpaceAssumptions(
        pillars=pillars,
        functions=functions,
        m2_per_job=mix * density[None, :],
        campus_share=vector(plan, "space.campus_share", pillars),
        absorption=vector(plan, "space.existing_space_absorption", functions),
        replacement_rate=number(plan, "space.replacement_rate"),
        realised_before_m2=space.realised.value_m2,
        supply=tuple(supply),
    )


SpaceBandOf = Literal["demand", "demand_so_far", "shortfall_so_far"]
"""What a space band spans: the yearly demand, the demand so far or the shortfall so far
(all functions)."""


@dataclass(frozen=True)
class SpaceBands:
    """An ensemble's percentiles per demand year, over all functions.

    Each array is ``[percentile, year]`` at
    :data:`~clusterplan.model.uncertainty.BAND_PERCENTILES` (low, middle, high).

    Attributes
    ----------
    demand
        Of the yearly demand.
    demand_so_far
        Of the cumulative demand.
    shortfall_so_far
        Of the cumulative shortfall (:attr:`SpaceResult.total_shortfall_m2`).
    """

    demand: FloatArray
    demand_so_far: FloatArray
    shortfall_so_far: FloatArray

    def ends(self, of: SpaceBandOf) -> tuple[FloatArray, FloatArray]:
        """The band's low and high end per year (the first and last percentile)."""
        values: FloatArray = getattr(self, of)
        return values[0], values[-1]

    def by_label(self, of: SpaceBandOf) -> dict[str, FloatArray]:
        """Each percentile's values per year by its label (``p5`` ...,
        :data:`~clusterplan.model.uncertainty.BAND_LABELS`)."""
        values: FloatArray = getattr(self, of)
        return dict(zip(BAND_LABELS, values, strict=True))


@dataclass(frozen=True)
class SpaceResult:
    """Space demand, supply and shortfall per function and demand year.

    Arrays are ``[..., function, year]`` (leading sample axes as in the jobs given);
    ``years`` are the demand years (the base year has no demand of its own).

    Attributes
    ----------
    expansion_m2, replacement_m2, demand_m2
        Yearly demand and its two parts.
    supply_m2
        Yearly new dedicated supply ``[function, year]``.
    flexible_supply_m2
        Yearly new supply usable for any function ``[year]``.
    shortfall_m2
        Cumulative shortfall per function: demand so far not met by supply so far.
    """

    years: list[int]
    functions: tuple[str, ...]
    expansion_m2: FloatArray
    replacement_m2: FloatArray
    demand_m2: FloatArray
    supply_m2: FloatArray
    flexible_supply_m2: FloatArray
    shortfall_m2: FloatArray
    supply_total_m2: float
    realised_before_m2: float
    supply_lines: tuple[SupplyLine, ...] = ()

    @property
    def cumulative_demand_m2(self) -> FloatArray:
        """Demand so far per function, ``[..., function, year]``."""
        return np.cumsum(self.demand_m2, axis=-1)

    @property
    def total_demand_m2(self) -> FloatArray:
        """Yearly demand over all functions, ``[..., year]``."""
        return np.asarray(self.demand_m2.sum(axis=-2), dtype=np.float64)

    @property
    def total_supply_m2(self) -> FloatArray:
        """Yearly new supply over all functions, flexible included, ``[year]``."""
        return np.asarray(self.supply_m2.sum(axis=0) + self.flexible_supply_m2, dtype=np.float64)

    @property
    def total_demand_so_far_m2(self) -> FloatArray:
        """Demand so far over all functions, ``[..., year]``."""
        return np.cumsum(self.total_demand_m2, axis=-1)

    @property
    def total_supply_so_far_m2(self) -> FloatArray:
        """New supply so far over all functions, flexible included, ``[year]``."""
        return np.cumsum(self.total_supply_m2)

    @property
    def total_shortfall_m2(self) -> FloatArray:
        """Cumulative shortfall over all functions, ``[..., year]``."""
        return np.asarray(self.shortfall_m2.sum(axis=-2), dtype=np.float64)

    def cumulative_to(self, year: int) -> FloatArray:
        """Demand from the first demand year up to ``year`` per function, ``[..., function]``."""
        if year not in self.years:
            raise ValueError(f"{year} is not a demand year ({self.years[0]}-{self.years[-1]})")
        return self.cumulative_demand_m2[..., self.years.index(year)]

    def first_shortfall_year(self) -> NDArray[np.int64]:
        """First year with a shortfall, ``[...]``; -1 where there is none."""
        return _first_true(self.total_shortfall_m2 > SHORTFALL_TOLERANCE_M2, self.years)

    def plots_run_out_year(self) -> NDArray[np.int64]:
        """First year whose demand so far exceeds all supply up to the last year, ``[...]``.

        This ignores when each plot comes: it is the year the plots are used up even if all
        were ready at once. -1 where they last beyond the last year.
        """
        over = self.total_demand_so_far_m2 > self.supply_total_m2 + SHORTFALL_TOLERANCE_M2
        return _first_true(over, self.years)

    def shortfall_probability(self) -> FloatArray:
        """Share of samples with a shortfall per year ``[year]`` (all leading axes pooled)."""
        short = self.total_shortfall_m2 > SHORTFALL_TOLERANCE_M2
        return np.asarray(short.reshape(-1, len(self.years)).mean(axis=0), dtype=np.float64)

    def bands(self) -> SpaceBands:
        """Percentiles per year of the yearly demand, the demand so far and the shortfall so
        far, all leading axes pooled (of the same samples as :meth:`shortfall_probability`)."""
        n_years = len(self.years)
        demand = self.total_demand_m2.reshape(-1, n_years)
        so_far = self.total_demand_so_far_m2.reshape(-1, n_years)
        shortfall = self.total_shortfall_m2.reshape(-1, n_years)
        return SpaceBands(
            demand=np.percentile(demand, BAND_PERCENTILES, axis=0),
            demand_so_far=np.percentile(so_far, BAND_PERCENTILES, axis=0),
            shortfall_so_far=np.percentile(shortfall, BAND_PERCENTILES, axis=0),
        )


def _first_true(flags: NDArray[np.bool_], years: Sequence[int]) -> NDArray[np.int64]:
    first = np.argmax(flags, axis=-1)
    any_true = flags.any(axis=-1)
    return np.where(any_true, np.asarray(years, dtype=np.int64)[first], -1)


def year_or_none(value: Any) -> int | None:
    """One result's year of :meth:`SpaceResult.first_shortfall_year` or
    :meth:`SpaceResult.plots_run_out_year`; None for their -1 (no such year)."""
    year = int(value)
    return None if year < 0 else year


@dataclass(frozen=True)
class OwnSpace:
    """Jobs whose floor area a project's business case states, and that floor area.

    ``jobs`` ``[pillar, year]`` are left out of the per-job space ratios; ``floor_m2``
    ``[function, year]`` is the stated floor area in use each year (the business case's
    area times the share of its jobs present, so delays and realisation act on it too).
    """

    jobs: FloatArray
    floor_m2: FloatArray


def business_case_space(plan: Plan, traj: Any, functions: Sequence[str]) -> OwnSpace | None:
    """The :class:`OwnSpace` of every project whose business case states floor area in a
    growth trajectory (``traj``: :class:`clusterplan.model.growth.Trajectory`); None when
    no project does."""
    jobs = np.zeros_like(traj.jobs, dtype=float)
    floor = np.zeros((len(functions), len(traj.years)))
    found = False
    for project in plan.finance.projects:
        case = project.business_case
        component = traj.components.get(project.id)
        if case is None or not case.floor_area_m2 or component is None:
            continue
        most = max(v.structural for v in case.jobs.values())
        if most <= 0 or not component.any():
            continue
        found = True
        jobs += component
        present = component.sum(axis=0) / most  # share of its stated jobs present
        for i, function in enumerate(functions):
            floor[i] += case.floor_area_m2.get(function, 0.0) * present  # type: ignore[call-overload]
    return OwnSpace(jobs=jobs, floor_m2=floor) if found else None


def new_jobs_for_space(jobs: FloatArray) -> FloatArray:
    """Yearly rise of the running maximum of jobs, ``[..., pillar, year - 1]``."""
    return np.diff(np.maximum.accumulate(jobs, axis=-1), axis=-1)


def space_balance(
    jobs: NDArray[Any],
    years: Sequence[int],
    assumptions: SpaceAssumptions,
    own: OwnSpace | None = None,
) -> SpaceResult:
    """Space demand, supply and shortfall for jobs per pillar and year.

    Parameters
    ----------
    jobs
        Jobs ``[..., pillar, year]``; the first year is the base year, whose jobs are housed.
    years
        Consecutive years of the jobs' last axis.
    assumptions
        See :func:`space_assumptions`.
    own
        Jobs of projects whose business case states their floor area
        (:func:`business_case_space`): those jobs get no per-job ratio, their stated floor
        area (its yearly rise) is demanded instead.

    Returns
    -------
    SpaceResult
        For the demand years ``years[1:]``.
    """
    a = assumptions
    jobs = check_jobs(jobs, a.pillars, years)
    if own is not None:
        jobs = np.maximum(jobs - own.jobs, 0.0)
    demand_years = list(years[1:])
    per_job = a.m2_per_job * a.campus_share[:, None]  # [..., pillar, function]
    new = new_jobs_for_space(jobs)  # [..., pillar, year]
    expansion = np.einsum("...pt,...pf->...ft", new, per_job * (1.0 - a.absorption))
    if own is not None:
        expansion = expansion + new_jobs_for_space(own.floor_m2)
    base_stock = np.einsum("...p,...pf->...f", jobs[..., 0], per_job)
    stock_before = base_stock[..., None] + np.cumsum(expansion, axis=-1) - expansion
    replacement = np.asarray(a.replacement_rate)[..., None, None] * stock_before
    demand = expansion + replacement

    n_years, n_functions = len(demand_years), len(a.functions)
    dedicated = np.zeros((n_functions, n_years))
    flexible = np.zeros(n_years)
    for line in a.supply:
        if line.available_from > demand_years[-1]:
            continue
        column = max(0, line.available_from - demand_years[0])
        if line.function is None:
            flexible[column] += line.floor_area_m2
        else:
            dedicated[a.functions.index(line.function), column] += line.floor_area_m2
    excess = np.maximum(np.cumsum(demand, axis=-1) - np.cumsum(dedicated, axis=-1), 0.0)
    total_excess = excess.sum(axis=-2, keepdims=True)
    flex_so_far = np.cumsum(flexible)
    unmet_total = np.maximum(total_excess - flex_so_far, 0.0)
    unmet = np.divide(
        unmet_total, total_excess, out=np.zeros_like(total_excess), where=total_excess > 0
    )
    shortfall = excess * unmet
    supply_total = float(dedicated.sum() + flexible.sum())
    return SpaceResult(
        years=demand_years,
        functions=a.functions,
        expansion_m2=expansion,
        replacement_m2=replacement,
        demand_m2=demand,
        supply_m2=dedicated,
        flexible_supply_m2=flexible,
        shortfall_m2=shortfall,
        supply_total_m2=supply_total,
        realised_before_m2=a.realised_before_m2,
        supply_lines=a.supply,
    )


def sample_space_assumptions(
    plan: Plan, n: int, rng: np.random.Generator | int | None = None
) -> SpaceAssumptions:
    """``n`` sampled parameter sets, for an ensemble: ``m2_per_job [n, pillar, function]``.

    The densities per function (``space.m2_per_job.*``) and the replacement rate are drawn
    by their distributions (low, default, high in ``assumptions/space.yaml``); mixes,
    campus shares, absorption and supply stay at their defaults. Sample ``i`` pairs with
    sample ``i`` of the jobs given to :func:`space_balance`.
    """
    a = space_assumptions(plan)
    generator = np.random.default_rng(rng)
    density = np.stack(
        [
            draw(plan, f"space.m2_per_job.{f}", number(plan, f"space.m2_per_job.{f}"), n, generator)
            for f in a.functions
        ],
        axis=-1,
    )  # [n, function]
    mix = np.stack([vector(plan, f"space.function_mix.{p}", a.functions) for p in a.pillars])
    rate = draw(plan, "space.replacement_rate", a.replacement_rate, n, generator)
    return dataclasses.replace(
        a, m2_per_job=mix[None, :, :] * density[:, None, :], replacement_rate=rate
    )


def with_supply(assumptions: SpaceAssumptions, *lines: SupplyLine) -> SpaceAssumptions:
    """The same assumptions with extra plots or buildings."""
    return dataclasses.replace(assumptions, supply=(*assumptions.supply, *lines))
