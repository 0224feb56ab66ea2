"""Use case of the demand models: space and talent a growth dimension needs.

The command line (``space``, ``talent``), the web's space and talent page and the API run
the same sequence through :func:`demand`: the dimension's job path, the space balance
(with the business cases' own space), the talent balance (with supply data when given) and,
with samples, the chance of a space shortfall per year, the bands of the demand and the
shortfall so far and the bands of the hires needed per education level, all from the same
draws (the growth paths are sampled once for space and talent).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from clusterplan.model.demand import (
    DEMAND_MODELS,
    VARY,
    extension_limit,
    scenario_demand_ensemble,
    scenario_space,
    scenario_talent,
)
from clusterplan.model.growth import FloatArray
from clusterplan.model.space import SpaceBands, SpaceResult
from clusterplan.model.talent import TalentBands, TalentResult
from clusterplan.model.talent_plan import (
    BACKCAST,
    TalentPlan,
    TargetOdds,
    talent_plan,
    target_probability,
)
from clusterplan.model.talent_supply import SupplyData
from clusterplan.plan import bounds, parts
from clusterplan.plan.bounds import Bound
from clusterplan.plan.schema import Plan


@dataclass(frozen=True)
class DemandOutcome:
    """Space and talent of a dimension up to ``until``, each None where not asked for
    (talent also without a talent section)."""

    dimension: str
    until: int
    space: SpaceResult | None
    talent: TalentResult | None
    shortfall_probability: FloatArray | None = None
    """Share of the ensemble with a space shortfall per year (None without samples or
    without space)."""
    samples: int = 0
    seed: int | None = None
    """The ensemble's seed (None without samples, or when it was drawn at random)."""
    vary: str | None = None
    """What the ensemble varies (:data:`VARY`; None without samples)."""
    space_bands: SpaceBands | None = None
    """The same ensemble's percentiles of the yearly demand, the demand so far and the
    shortfall so far per year (None without samples or without space)."""
    talent_bands: TalentBands | None = None
    """The same ensemble's percentiles of the hires needed and the gap per education level
    and year (None without samples or without a talent section)."""


def until_bound(plan: Plan) -> Bound:
    """The years a demand run may end in: from the plan's target year to the last year the
    growth engine extends a path to (the calendar-year bound, narrowed to the plan)."""
    return replace(bounds.YEAR, low=plan.employment.target_year, high=extension_limit(plan))


def last_year(plan: Plan, until: int | None = None) -> int:
    """``until`` (default: the growth engine's extension limit); a year outside
    :func:`until_bound` is refused (ValueError, coded)."""
    bound = until_bound(plan)
    if until is None:
        return int(bound.high)
    bound.check(until, "until")
    return until


def plan_models(plan: Plan, models: Collection[str] = DEMAND_MODELS) -> tuple[str, ...]:
    """The demand ``models`` the plan has a part for (each model reads the plan's part of
    its name: space, talent), in their order; the web and the API run :func:`demand` on
    these. A plan with none of them is refused with the core's ``MissingPart`` for the
    first (the part to add)."""
    present = tuple(m for m in models if parts.has(plan, m))
    if not present:
        parts.require(plan, *models)
    return present


def demand(
    plan: Plan,
    dimension: str,
    until: int | None = None,
    *,
    supply: SupplyData | None = None,
    samples: int = 0,
    seed: int | None = bounds.DEFAULT_SEED,
    vary: str = VARY[0],
    models: Collection[str] = DEMAND_MODELS,
) -> DemandOutcome:
    """Space and talent demand of ``dimension`` from the base year to ``until``, of the
    ``models`` asked for; with ``samples``, an ensemble that varies what ``vary`` names
    (:data:`VARY`)."""
    end = last_year(plan, until)
    space = scenario_space(plan, dimension, end) if "space" in models else None
    with_talent = "talent" in models and plan.talent is not None
    talent = scenario_talent(plan, dimension, end, supply) if with_talent else None
    if samples <= 0:
        return DemandOutcome(dimension, end, space, talent)
    drawn = scenario_demand_ensemble(
        plan, dimension, end, samples, seed, vary, supply=supply, models=models
    )
    return DemandOutcome(
        dimension,
        end,
        space,
        talent,
        shortfall_probability=None if drawn.space is None else drawn.space.shortfall_probability(),
        samples=samples,
        seed=seed,
        vary=vary,
        space_bands=None if drawn.space is None else drawn.space.bands(),
        talent_bands=None if drawn.talent is None else drawn.talent.bands(),
    )


@dataclass(frozen=True)
class TalentProgramme:
    """The talent programme along a job path: targets, the gap before and after the
    measures and, with samples, the odds of meeting the targets."""

    result: TalentPlan
    odds: TargetOdds | None
    supply_label: str | None = None
    """Where the education supply comes from, in words (None: no supply data)."""


def talent_programme(
    plan: Plan,
    supply: SupplyData | None,
    source: str = BACKCAST,
    *,
    supply_label: str | None = None,
    samples: int = 0,
    seed: int | None = bounds.DEFAULT_SEED,
) -> TalentProgramme:
    """Targets derived from the job path ``source`` (the back-cast or a growth dimension),
    the gap before and after the measures against ``supply`` and, with ``samples``, the
    odds of meeting each target (supply and measure effects sampled with ``seed``).

    Raises the core's ``TalentPlanMissing`` when there is no supply and no measure."""
    result = talent_plan(plan, supply, source)
    odds = target_probability(plan, result, samples, seed) if samples > 0 else None
    return TalentProgramme(result, odds, supply_label)
