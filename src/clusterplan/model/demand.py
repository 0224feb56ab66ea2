"""Space and talent demand for the plan's growth scenarios (wiring to the growth engine).

The demand models themselves (:mod:`clusterplan.model.space`,
:mod:`clusterplan.model.talent`) take jobs as arrays; this module feeds them the
trajectories of :func:`clusterplan.model.growth.trajectory` and holds the calibration
check of the space model against the plan's own demand figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np

from clusterplan.model.demand_data import DemandDataError, FloatArray
from clusterplan.model.growth import growth_assumptions, trajectory
from clusterplan.model.space import (
    SpaceResult,
    business_case_space,
    sample_space_assumptions,
    space_assumptions,
    space_balance,
)
from clusterplan.model.talent import (
    TalentResult,
    business_case_talent,
    sample_talent_assumptions,
    talent_assumptions,
    talent_balance,
    talent_section,
)
from clusterplan.model.talent_supply import SupplyData, SupplyShares, supply_joiners
from clusterplan.model.uncertainty import simulate
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan, SpaceFigure

CALIBRATION_BAND = 0.25
"""The acceptance band of the calibration check (issue 5): within 25% of the plan."""


def extension_limit(plan: Plan) -> int:
    """The last year the growth engine can extend a trajectory to."""
    return growth_assumptions(plan).extension_until_year


def scenario_space(plan: Plan, scenario: str, until: int | None = None) -> SpaceResult:
    """Space balance of a growth scenario from the base year to ``until``."""
    path = trajectory(plan, scenario, until=until)
    a = space_assumptions(plan)
    own = business_case_space(plan, path, a.functions)
    return space_balance(path.jobs, path.years, a, own)


def _data_supply(plan: Plan, years: list[int], data: SupplyData | None) -> FloatArray | None:
    """Joiners per level for the demand years from supply data (None: no data)."""
    if data is None:
        return None
    return supply_joiners(data, years[1:], SupplyShares.of(plan)).joiners


def scenario_talent(
    plan: Plan, scenario: str, until: int | None = None, supply: SupplyData | None = None
) -> TalentResult:
    """Talent balance of a growth scenario, with the plan's interim years and end goal;
    with ``supply`` data the supply comes from it instead of the programmes."""
    path = trajectory(plan, scenario, until=until)
    section = talent_section(plan)
    highlight = (*section.interim_years, section.goal_year)
    joiners = _data_supply(plan, list(path.years), supply)
    a = talent_assumptions(plan)
    own = business_case_talent(plan, path, a.levels)
    return talent_balance(path.jobs, path.years, a, highlight, supply=joiners, own=own)


VARY: tuple[str, ...] = ("both", "growth", "parameters")
"""What an ensemble varies: the growth assumptions (job paths from
:func:`clusterplan.model.uncertainty.simulate`), the space or talent parameters, or both; the
first is the default."""


_Parameters = TypeVar("_Parameters")

DemandModel = Literal["space", "talent"]
"""A demand model whose parameters an ensemble may sample."""

DEMAND_MODELS: tuple[DemandModel, ...] = ("space", "talent")
"""The demand models, in the order of their parameter streams after the growth stream (see
:func:`ensemble_jobs`); a new model goes at the end, so a seed keeps its ensemble."""


@dataclass(frozen=True)
class EnsembleJobs:
    """Job paths for an ensemble and the seeds of each model's parameters.

    ``parameter_streams`` is None when the parameters do not vary (``vary`` growth).
    """

    years: list[int]
    jobs: FloatArray  # [n, pillar, year] or [pillar, year]
    parameter_streams: Mapping[DemandModel, np.random.SeedSequence] | None

    def parameters(
        self,
        plan: Plan,
        n: int,
        model: DemandModel,
        defaults: Callable[[Plan], _Parameters],
        sample: Callable[[Plan, int, np.random.Generator], _Parameters],
    ) -> _Parameters:
        """The ``model``'s parameters of the ensemble: ``n`` samples from its own stream
        when they vary, else the plan's ``defaults``."""
        if self.parameter_streams is None:
            return defaults(plan)
        return sample(plan, n, np.random.default_rng(self.parameter_streams[model]))


def ensemble_jobs(
    plan: Plan, scenario: str, until: int | None, n: int, seed: int | None, vary: str
) -> EnsembleJobs:
    """Jobs for an ensemble of ``n``: sampled paths (``vary`` growth/both) or the trajectory.

    One seed drives the growth samples and each model's parameters (independent child
    streams), so the same seed gives the same ensemble, and sample ``i`` of the space and
    of the talent model share growth path ``i`` (:func:`scenario_demand_ensemble`) while
    their parameters are drawn independently, each as a run of that model alone draws them.
    """
    if vary not in VARY:
        raise ValueError(f"vary must be one of {', '.join(VARY)} (got {vary!r})")
    growth_stream, *streams = np.random.SeedSequence(seed).spawn(1 + len(DEMAND_MODELS))
    if vary == "parameters":
        path = trajectory(plan, scenario, until=until)
        years, jobs = path.years, np.asarray(path.jobs, dtype=np.float64)
    else:
        ens = simulate(
            plan,
            n,
            np.random.default_rng(growth_stream),
            dimension=scenario,
            until=until,
            keep_inputs=False,
        )
        if ens.jobs is None or ens.pillars != plan.pillar_ids:
            raise ValueError("the growth ensemble did not return jobs per plan pillar")
        # float64 for the demand sums; the engine's float32 paths are not negative.
        years, jobs = ens.years, ens.jobs.astype(np.float64)
    parameters = None if vary == "growth" else dict(zip(DEMAND_MODELS, streams, strict=True))
    return EnsembleJobs(years, jobs, parameters)


def _space_of(plan: Plan, drawn: EnsembleJobs, n: int) -> SpaceResult:
    a = drawn.parameters(plan, n, "space", space_assumptions, sample_space_assumptions)
    return space_balance(drawn.jobs, drawn.years, a)


def _talent_of(plan: Plan, drawn: EnsembleJobs, n: int, supply: SupplyData | None) -> TalentResult:
    a = drawn.parameters(plan, n, "talent", talent_assumptions, sample_talent_assumptions)
    section = talent_section(plan)
    highlight = (*section.interim_years, section.goal_year)
    joiners = _data_supply(plan, list(drawn.years), supply)
    return talent_balance(drawn.jobs, drawn.years, a, highlight, joiners)


@dataclass(frozen=True)
class DemandEnsemble:
    """Space and talent of one ensemble, each None where not asked for (talent also without
    a talent section): sample ``i`` of both follows growth path ``i``."""

    space: SpaceResult | None
    talent: TalentResult | None


def scenario_demand_ensemble(
    plan: Plan,
    scenario: str,
    until: int | None,
    n: int,
    seed: int | None,
    vary: str = VARY[0],
    supply: SupplyData | None = None,
    models: Collection[str] = DEMAND_MODELS,
) -> DemandEnsemble:
    """Space and talent balance of a scenario over one ensemble of ``n`` (see
    :func:`ensemble_jobs`), of the ``models`` asked for: the growth paths are sampled once
    for both, and each model draws its parameters from its own stream, so a model's result
    is the same whether or not the other is asked for."""
    drawn = ensemble_jobs(plan, scenario, until, n, seed, vary)
    space = _space_of(plan, drawn, n) if "space" in models else None
    with_talent = "talent" in models and plan.talent is not None
    return DemandEnsemble(space, _talent_of(plan, drawn, n, supply) if with_talent else None)


def figure_end_year(figure: SpaceFigure) -> int:
    """The last year of a space figure's period (its last four-digit year)."""
    found = re.search(r"(\d{4})\s*$", figure.period or "")
    if not found:
        raise DemandDataError(
            code="demand.period_no_year",
            params={"field": "demand.period", "period": repr(figure.period)},
        )
    return int(found.group(1))


@dataclass(frozen=True)
class SpaceCalibration:
    """The space model against the plan's demand figure (m2 to the figure's end year).

    Attributes
    ----------
    modelled_m2
        Model demand from the first demand year to ``until`` (campus, all functions).
    realised_m2
        Space the plan says was realised before the base year (its realised period).
    realised_period
        That period as the plan words it (e.g. two years with a dash; empty when unstated).
    comparable_m2
        ``modelled_m2 + realised_m2``: the model's counterpart of the plan's figure. The
        years between the realised period and the first demand year are not
        modelled, so this is a lower bound of the model's full figure.
    plan_m2
        The plan's figure.
    residual
        ``comparable_m2 / plan_m2 - 1``.
    office_m2, office_plan_low_m2, office_plan_high_m2
        The model's office demand against the plan's office estimate.
    """

    scenario: str
    first_year: int
    until: int
    modelled_m2: float
    realised_m2: float
    realised_period: str
    comparable_m2: float
    plan_m2: float
    residual: float
    band: float
    office_m2: float
    office_plan_low_m2: float
    office_plan_high_m2: float

    @property
    def within_band(self) -> bool:
        """True when the residual lies within the acceptance band."""
        return abs(self.residual) <= self.band


def space_calibration(plan: Plan, scenario: str | None = None) -> SpaceCalibration:
    """Compare the default space model, scenario extended to the figure's year, with the plan.

    ``scenario`` default: the plan's last growth dimension (the one with every project, to
    set against the plan's high demand figure)."""
    scenario = scenario or plan.employment.last_dimension
    space = parts.space(plan)
    figure = space.demand
    until = figure_end_year(figure)
    result = scenario_space(plan, scenario, until)
    by_function = result.cumulative_to(until)
    modelled = float(by_function.sum())
    realised = space.realised.value_m2
    comparable = modelled + realised
    return SpaceCalibration(
        scenario=scenario,
        first_year=result.years[0],
        until=until,
        modelled_m2=modelled,
        realised_m2=realised,
        realised_period=space.realised.period or "",
        comparable_m2=comparable,
        plan_m2=figure.value_m2,
        residual=comparable / figure.value_m2 - 1.0,
        band=CALIBRATION_BAND,
        office_m2=float(by_function[result.functions.index("office")]),
        office_plan_low_m2=space.office_estimate.low_m2,
        office_plan_high_m2=space.office_estimate.high_m2,
    )
