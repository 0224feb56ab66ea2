"""The ecosystem seen by the growth engine: the funnel's contribution and a firm leaving.

Both enter :func:`clusterplan.model.growth.trajectory` through ``acquisition_jobs``, an
array of job levels ``[pillar, year]`` added to the trajectory: the weighted pipeline
adds expected acquired jobs; a departure adds minus the organisation's jobs from the
year it leaves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterplan.ecosystem.concentration import departure_jobs
from clusterplan.ecosystem.funnel import Pipeline
from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.model.growth import GrowthAssumptions, Trajectory, growth_assumptions, trajectory
from clusterplan.plan.schema import Plan


def growth_years(plan: Plan, assumptions: GrowthAssumptions | None = None) -> list[int]:
    """The years of the growth engine's default trajectory (base year to target year)."""
    return (assumptions or growth_assumptions(plan)).years()


@dataclass(frozen=True)
class AcquisitionGap:
    """How much of the jobs goal the funnel covers.

    ``goal_jobs`` is the plan's goal (base-year jobs times the goal factor) in ``goal_year``;
    ``without_pipeline`` and ``with_pipeline`` are trajectory totals of ``dimension`` in that
    year; ``gap_jobs`` = max(0, goal - without); ``covered_jobs`` = the pipeline's jobs in
    the goal year; ``remaining_gap_jobs`` = max(0, goal - with).
    """

    dimension: str
    goal_year: int
    goal_jobs: float
    without_pipeline: float
    with_pipeline: float
    gap_jobs: float
    covered_jobs: float
    remaining_gap_jobs: float

    @property
    def covered_share(self) -> float | None:
        """Share of the gap the pipeline covers (None when there is no gap)."""
        if self.gap_jobs <= 0:
            return None
        return min(1.0, self.covered_jobs / self.gap_jobs)


def acquisition_gap(
    plan: Plan,
    pipeline: Pipeline,
    settings: EcosystemSettings,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
) -> tuple[AcquisitionGap, Trajectory, Trajectory]:
    """The acquisition gap and the trajectories without and with the weighted pipeline.

    The pipeline's axes must be the growth engine's pillars and years
    (see :func:`growth_years`).
    """
    a = assumptions or growth_assumptions(plan)
    dim = dimension or settings.gap_dimension
    base = trajectory(plan, dim, a)
    if tuple(base.years) != pipeline.years or tuple(base.pillars) != pipeline.pillars:
        raise ValueError("the pipeline's pillars and years differ from the growth engine's")
    with_pipeline = trajectory(plan, dim, a, acquisition_jobs=pipeline.jobs)
    goal = plan.employment.goal
    t = base.years.index(goal.year)
    goal_jobs = float(sum(plan.employment.base.values())) * goal.factor
    without = float(base.total[t])
    with_ = float(with_pipeline.total[t])
    gap = AcquisitionGap(
        dimension=dim,
        goal_year=goal.year,
        goal_jobs=goal_jobs,
        without_pipeline=without,
        with_pipeline=with_,
        gap_jobs=max(0.0, goal_jobs - without),
        covered_jobs=float(pipeline.jobs[:, t].sum()),
        remaining_gap_jobs=max(0.0, goal_jobs - with_),
    )
    return gap, base, with_pipeline


@dataclass(frozen=True)
class DepartureEffect:
    """What the growth engine says if an organisation leaves from a year."""

    organisation_id: str
    from_year: int
    dimension: str
    jobs_known: bool
    removed: npt.NDArray[np.float64]
    before: Trajectory
    after: Trajectory

    def total_change(self, year: int) -> float:
        """Change of total jobs in a year (negative: fewer jobs)."""
        t = self.before.years.index(year)
        return float(self.after.total[t] - self.before.total[t])


def departure_effect(
    plan: Plan,
    registry: Registry,
    organisation_id: str,
    from_year: int,
    settings: EcosystemSettings,
    dimension: str = "leap",
    assumptions: GrowthAssumptions | None = None,
) -> DepartureEffect:
    """Trajectories with and without an organisation's jobs from ``from_year`` on.

    Its known jobs (split over its pillars) are removed from each year from ``from_year``;
    the organic growth they would have had is not removed (a lower bound of the loss).
    """
    a = assumptions or growth_assumptions(plan)
    years = a.years()
    removed = departure_jobs(registry, organisation_id, a.pillars, years, from_year, settings)
    before = trajectory(plan, dimension, a)
    after = trajectory(plan, dimension, a, acquisition_jobs=removed)
    return DepartureEffect(
        organisation_id,
        from_year,
        dimension,
        registry.get(organisation_id).jobs is not None,
        removed,
        before,
        after,
    )
