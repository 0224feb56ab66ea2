"""Use case of back-casting: from a target to milestones per pillar and the acquisition gap.

The command line (``backcast``), the web's back-casting page and the API call
:func:`backcast`; the form and the help texts take their defaults and bounds from
:func:`backcast_defaults`, so the target, its year and the delivered dimension are chosen
in one place: the plan's goal and the assumptions ``growth.backcast.*``. A plan without a
goal is back-cast from its reference (:func:`clusterplan.plan.parts.reference_goal`: the
target of its last growth dimension).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clusterplan.model import backcast as core
from clusterplan.model.growth import GrowthError, growth_assumptions
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan

SHAPES = core.SHAPES
"""The path shapes to the target; the first is the default."""

Backcast = core.Backcast


@dataclass(frozen=True)
class BackcastDefaults:
    """What a back-cast uses when the user gives nothing, and the years it accepts."""

    target_total: float
    """Jobs in the target year: the goal, or its reference when the plan sets none."""
    target_year: int
    """The goal's year (the plan's target year for the reference)."""
    shape: str
    dimension: str
    """What growth and projects deliver (assumption growth.backcast.delivered-dimension)."""
    first_year: int
    """The earliest target year (the year after the base year)."""
    last_year: int
    """The latest target year (the growth engine's extension limit)."""


def backcast_defaults(plan: Plan) -> BackcastDefaults:
    """The defaults and year bounds of a back-cast of ``plan``."""
    goal = parts.goal_target(plan)
    assumptions = growth_assumptions(plan)
    return BackcastDefaults(
        target_total=goal.jobs_for(plan.employment.base_total),
        target_year=goal.year,
        shape=SHAPES[0],
        dimension=core.delivered_dimension(plan),
        first_year=assumptions.base_year + 1,
        last_year=assumptions.extension_until_year,
    )


def backcast(
    plan: Plan,
    target_total: float | None = None,
    target_year: int | None = None,
    *,
    shape: str | None = None,
    targets_by_pillar: Mapping[str, float] | None = None,
    dimension: str | None = None,
) -> core.Backcast:
    """Milestones back from a target (defaults: :func:`backcast_defaults`) and the gap.

    ``targets_by_pillar`` replaces the total target (pillars left out keep their base);
    a total given with it must equal their sum. Raises :class:`GrowthError` (coded) on an
    unknown shape, pillar or dimension, a target that is not positive or a year outside
    :attr:`BackcastDefaults.first_year` - :attr:`BackcastDefaults.last_year`.
    """
    defaults = backcast_defaults(plan)
    chosen_shape = shape or defaults.shape
    if chosen_shape not in SHAPES:
        raise GrowthError(
            code="backcast.unknown_shape", params={"shape": repr(chosen_shape), "known": SHAPES}
        )
    if targets_by_pillar is None and target_total is None:
        target_total = defaults.target_total
    return core.backcast(
        plan,
        target_total,
        defaults.target_year if target_year is None else target_year,
        targets_by_pillar=targets_by_pillar,
        shape=chosen_shape,
        dimension=dimension or defaults.dimension,
    )
