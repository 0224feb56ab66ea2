"""The ecosystem seen by the growth engine: the funnel's contribution and a firm leaving.

Both enter :func:`clusterplan.model.growth.trajectory` through ``acquisition_jobs``, an
array of job levels ``[pillar, year]`` added to the trajectory: the weighted pipeline
adds expected acquired jobs; a departure adds minus the organisation's jobs from the
year it leaves. The acquisition gap the pipeline is held against is the back-cast's
(:mod:`clusterplan.model.backcast`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterplan.ecosystem.concentration import departure_jobs
from clusterplan.ecosystem.funnel import Pipeline
from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.model.backcast import Backcast, backcast, largest_gap_year
from clusterplan.model.growth import (
    GrowthAssumptions,
    GrowthError,
    Trajectory,
    growth_assumptions,
    trajectory,
)
from clusterplan.plan.schema import Plan


def growth_years(plan: Plan, assumptions: GrowthAssumptions | None = None) -> list[int]:
    """The years of the growth engine's default trajectory (base year to target year)."""
    return (assumptions or growth_assumptions(plan)).years()


@dataclass(frozen=True)
class PipelineCover:
    """Per year an acquisition gap (jobs, summed over pillars), the weighted pipeline's jobs
    held against it, the part of the gap they cover (min(gap, pipeline): jobs beyond the
    gap cover nothing) and the gap left after it (gap - covered).

    The scalar properties are about one year, :attr:`year`: the year of the largest gap
    (:func:`clusterplan.model.backcast.largest_gap_year`), so a headline never says there is
    no gap while the years before the target year fall short."""

    years: tuple[int, ...]
    gap_by_year: tuple[float, ...]
    pipeline_by_year: tuple[float, ...]

    @property
    def covered_by_year(self) -> tuple[float, ...]:
        """The part of the gap the pipeline covers, per year: min(gap, pipeline)."""
        return tuple(
            max(0.0, min(g, p))
            for g, p in zip(self.gap_by_year, self.pipeline_by_year, strict=True)
        )

    @property
    def remaining_by_year(self) -> tuple[float, ...]:
        """Gap left after the pipeline, per year (never below zero)."""
        return tuple(
            max(0.0, g - p) for g, p in zip(self.gap_by_year, self.pipeline_by_year, strict=True)
        )

    def by_year(self) -> list[tuple[int, float, float, float, float]]:
        """Per year: the year, the gap, the pipeline's jobs, the part of the gap they cover
        and the gap left after it."""
        return list(
            zip(
                self.years,
                self.gap_by_year,
                self.pipeline_by_year,
                self.covered_by_year,
                self.remaining_by_year,
                strict=True,
            )
        )

    @property
    def year(self) -> int:
        """The year the scalar properties are about: the year of the largest gap (the last
        year, the target year, when no year has one)."""
        return largest_gap_year(self.years, self.gap_by_year)

    @property
    def gap_jobs(self) -> float:
        """The acquisition gap in :attr:`year` (the largest of the years)."""
        return self.gap_by_year[self.years.index(self.year)]

    @property
    def covered_jobs(self) -> float:
        """The part of the gap in :attr:`year` the weighted pipeline covers."""
        return self.covered_by_year[self.years.index(self.year)]

    @property
    def remaining_gap_jobs(self) -> float:
        """The gap left in :attr:`year` after the pipeline."""
        return self.remaining_by_year[self.years.index(self.year)]

    @property
    def covered_share(self) -> float | None:
        """Share of the gap in :attr:`year` the pipeline covers (None when there is none)."""
        if self.gap_jobs <= 0:
            return None
        return self.covered_jobs / self.gap_jobs


def pipeline_cover(cast: Backcast, pipeline: Pipeline) -> PipelineCover:
    """The acquisition gap of the back-cast ``cast`` per year and the weighted ``pipeline``'s
    jobs in those years (the pipeline's years hold the back-cast's)."""
    total = pipeline.jobs.sum(axis=0)
    return PipelineCover(
        years=tuple(cast.years),
        gap_by_year=tuple(float(v) for v in cast.gap_total),
        pipeline_by_year=tuple(float(total[pipeline.years.index(y)]) for y in cast.years),
    )


@dataclass(frozen=True)
class AcquisitionGap(PipelineCover):
    """How much of the acquisition gap the funnel covers.

    The gap is the platform's back-cast (:func:`clusterplan.model.backcast.backcast`, default
    target: the plan's goal; milestones per pillar minus what organic growth plus the
    projects of ``dimension`` deliver, never below zero), summed over pillars per year
    (:class:`PipelineCover`, whose scalar properties are about the year of the largest
    gap). ``goal_jobs`` is the target in ``goal_year``; ``without_pipeline`` and
    ``with_pipeline`` are the total jobs in that year.
    """

    dimension: str
    goal_year: int
    goal_jobs: float
    without_pipeline: float
    with_pipeline: float


def acquisition_gap(
    plan: Plan,
    pipeline: Pipeline,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
) -> tuple[AcquisitionGap, Trajectory, Trajectory]:
    """The acquisition gap (from the back-cast) and the trajectories without and with the
    weighted pipeline as acquisition. The pipeline's axes must be the growth engine's
    pillars and years (see :func:`growth_years`)."""
    a = assumptions or growth_assumptions(plan)
    cast = backcast(plan, dimension=dimension, assumptions=a)
    dim = cast.delivered_dimension
    base = trajectory(plan, dim, a)
    if tuple(base.years) != pipeline.years or tuple(base.pillars) != pipeline.pillars:
        raise ValueError("the pipeline's pillars and years differ from the growth engine's")
    with_pipeline = trajectory(plan, dim, a, acquisition_jobs=pipeline.jobs)
    goal_year = cast.target_year
    t = base.years.index(goal_year)
    cover = pipeline_cover(cast, pipeline)
    gap = AcquisitionGap(
        dimension=dim,
        goal_year=goal_year,
        goal_jobs=float(sum(cast.targets.values())),
        years=cover.years,
        gap_by_year=cover.gap_by_year,
        pipeline_by_year=cover.pipeline_by_year,
        without_pipeline=float(base.total[t]),
        with_pipeline=float(with_pipeline.total[t]),
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
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
) -> DepartureEffect:
    """Trajectories with and without an organisation's jobs from ``from_year`` on.

    Its known jobs (split over its pillars) are removed from each year from ``from_year``;
    the organic growth they would have had is not removed (a lower bound of the loss).
    GrowthError when the registry has no such organisation (``growth.departure_unknown``) or
    ``from_year`` is not a year of the plan (``growth.departure_year_outside``).
    """
    if organisation_id not in registry.ids:
        raise GrowthError(code="growth.departure_unknown", params={"id": organisation_id})
    if from_year not in plan.years:
        raise GrowthError(
            code="growth.departure_year_outside",
            params={"year": from_year, "first": plan.years[0], "last": plan.years[-1]},
        )
    a = assumptions or growth_assumptions(plan)
    years = a.years()
    removed = departure_jobs(registry, organisation_id, a.pillars, years, from_year, settings)
    before = trajectory(plan, dimension, a)
    after = trajectory(plan, dimension, a, acquisition_jobs=removed)
    return DepartureEffect(
        organisation_id,
        from_year,
        before.dimension,
        registry.get(organisation_id).jobs is not None,
        removed,
        before,
        after,
    )
