"""Back-casting: from a target in the goal year to yearly milestones per pillar.

milestone[p, t] = base[p] + (target[p] - base[p]) * s_p(t), with s_p(base) = 0 and
s_p(goal) = 1 shaped ``linear`` (s = share of the years passed), ``rate`` (constant yearly
growth: milestone = base * (target / base) ** share) or ``projects`` (the timing of the
growth the engine itself projects for the pillar). The acquisition gap is the milestone
minus what organic growth plus the projects of the delivered dimension bring, never below
zero: the jobs that must come from acquisition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from clusterplan.model.growth import (
    FloatArray,
    GrowthAssumptions,
    GrowthError,
    check_dimension,
    growth_assumptions,
    trajectory,
)
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan

SHAPES: tuple[str, ...] = ("linear", "rate", "projects")
"""The shapes of a path to the target (see the module's docstring); the first is the default."""


@dataclass(frozen=True)
class Backcast:
    """Milestones per pillar and year, what is delivered, and the acquisition gap.

    Arrays are ``[pillar, year]``; totals ``[year]``. ``interim_years`` are the plan's job
    milestone years (``employment.milestone_years``) inside the path, empty when it sets none.
    """

    years: list[int]
    pillars: list[str]
    shape: str
    target_year: int
    targets: dict[str, float]
    milestones: FloatArray
    delivered: FloatArray
    gap: FloatArray
    interim_years: list[int]
    delivered_dimension: str

    @property
    def milestone_total(self) -> FloatArray:
        """Milestones summed over pillars, per year."""
        total: FloatArray = self.milestones.sum(axis=0)
        return total

    @property
    def delivered_total(self) -> FloatArray:
        """What the delivered dimension delivers, summed over pillars, per year."""
        total: FloatArray = self.delivered.sum(axis=0)
        return total

    @property
    def gap_total(self) -> FloatArray:
        """Acquisition gap summed over pillars, per year."""
        total: FloatArray = self.gap.sum(axis=0)
        return total

    @property
    def largest_gap_year(self) -> int:
        """The year a headline of the gap is about (:func:`largest_gap_year`)."""
        return largest_gap_year(self.years, [float(v) for v in self.gap_total])

    @property
    def required_additions(self) -> FloatArray:
        """Jobs to add each year per pillar to stay on the milestones (0 in the base year)."""
        out: FloatArray = np.diff(self.milestones, axis=1, prepend=self.milestones[:, :1])
        return out


def largest_gap_year(years: Sequence[int], gaps: Sequence[float]) -> int:
    """The year of the largest acquisition gap in ``gaps`` (per year of ``years``; the
    earliest of equal ones): the year a headline of the gap is about, so that it never
    reads 0 while earlier years fall short. The last year (the target year) when no year
    has a gap."""
    if not gaps or max(gaps) <= 0:
        return years[-1]
    return years[max(range(len(gaps)), key=lambda t: (gaps[t], -t))]


def _dimension_assumption(plan: Plan, assumption_id: str) -> str:
    """A growth dimension named by an assumption; a plan without it uses its last
    dimension (the one with every project)."""
    try:
        value = str(plan.assumption(assumption_id).value)
    except KeyError:
        return plan.employment.last_dimension
    dims = plan.employment.dimension_ids
    if value not in dims:
        raise GrowthError(
            code="backcast.unknown_dimension",
            params={
                "assumption": plan.assumption_name(assumption_id),
                "value": repr(value),
                "known": dims,
            },
        )
    return value


DIMENSION_ASSUMPTIONS = ("growth.backcast.pillar-split", "growth.backcast.delivered-dimension")
"""The back-cast's assumptions that name a growth dimension."""


def backcast_assumptions(plan: Plan) -> dict[str, str]:
    """The growth dimension each of :data:`DIMENSION_ASSUMPTIONS` names (GrowthError
    ``backcast.unknown_dimension`` for one the plan has not): what the back-cast reads, so
    a plan edit naming an unknown dimension is refused where it is made (it had been kept,
    and the pipeline page failed)."""
    return {key: _dimension_assumption(plan, key) for key in DIMENSION_ASSUMPTIONS}


def delivered_dimension(plan: Plan) -> str:
    """The dimension whose jobs count as delivered by default (assumption
    growth.backcast.delivered-dimension; a plan without it: its last dimension)."""
    return _dimension_assumption(plan, "growth.backcast.delivered-dimension")


def _targets(
    plan: Plan,
    a: GrowthAssumptions,
    target_total: float | None,
    targets_by_pillar: Mapping[str, float] | None,
    target_year: int,
) -> dict[str, float]:
    base = {p: a.base_jobs[p] for p in a.pillars}
    if targets_by_pillar is not None:
        unknown = set(targets_by_pillar) - set(a.pillars)
        if unknown:
            raise GrowthError(
                code="backcast.unknown_pillars",
                params={"pillars": sorted(unknown), "known": list(a.pillars)},
            )
        out = {p: float(targets_by_pillar.get(p, base[p])) for p in a.pillars}
        if target_total is not None and abs(sum(out.values()) - target_total) > 1e-6:
            raise GrowthError(code="backcast.pillars_not_total")
        return out
    total = (
        parts.goal_target(plan).jobs_for(sum(base.values()))
        if target_total is None
        else target_total
    )
    split_dim = _dimension_assumption(plan, "growth.backcast.pillar-split")
    ref = trajectory(plan, split_dim, a, until=max(target_year, a.target_year))
    i = ref.years.index(target_year)
    growth = {p: max(float(ref.jobs[k, i]) - base[p], 0.0) for k, p in enumerate(a.pillars)}
    needed = total - sum(base.values())
    if sum(growth.values()) <= 0:  # the split dimension does not grow: share by size
        growth = dict(base) if sum(base.values()) > 0 else dict.fromkeys(a.pillars, 1.0)
    weight = sum(growth.values())
    return {p: float(base[p] + needed * growth[p] / weight) for p in a.pillars}


def backcast(
    plan: Plan,
    target_total: float | None = None,
    target_year: int | None = None,
    *,
    targets_by_pillar: Mapping[str, float] | None = None,
    shape: str = SHAPES[0],
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
) -> Backcast:
    """Milestones from a target back to the base year, and the acquisition gap.

    Parameters
    ----------
    plan
        The plan.
    target_total
        Jobs in the target year (default: the plan's goal, factor x base total,
        else :func:`clusterplan.plan.parts.reference_goal`).
        Shared over pillars as the growth of a dimension of the plan (assumption
        growth.backcast.pillar-split; default: its last dimension).
    target_year
        Default: the plan's goal year, else its target year.
    targets_by_pillar
        Pillar id to target jobs instead (pillars left out keep their base).
    shape
        ``linear``, ``rate`` or ``projects``.
    dimension
        What organic growth plus projects deliver (default: assumption
        growth.backcast.delivered-dimension; a plan without it: its last dimension).

    Returns
    -------
    Backcast
    """
    a = assumptions or growth_assumptions(plan)
    if shape not in SHAPES:
        raise GrowthError(
            code="backcast.unknown_shape", params={"shape": repr(shape), "known": SHAPES}
        )
    year = parts.goal_target(plan).year if target_year is None else target_year
    if not a.base_year < year <= a.extension_until_year:
        raise GrowthError(
            code="backcast.target_year_outside",
            params={"year": year, "base": a.base_year, "until": a.extension_until_year},
        )
    if target_total is not None and target_total <= 0:
        raise GrowthError(code="backcast.target_not_positive")
    delivered_dim = check_dimension(plan, dimension or delivered_dimension(plan))
    targets = _targets(plan, a, target_total, targets_by_pillar, year)
    until = max(year, a.target_year)
    delivered_traj = trajectory(plan, delivered_dim, a, until=until)
    years = [y for y in delivered_traj.years if y <= year]
    n_y = len(years)
    share = (np.asarray(years, dtype=float) - a.base_year) / (year - a.base_year)
    base = np.array([a.base_jobs[p] for p in a.pillars])
    goal = np.array([targets[p] for p in a.pillars])
    milestones = np.empty((len(a.pillars), n_y))
    projected = trajectory(plan, plan.employment.last_dimension, a, until=until).jobs[:, :n_y]
    for k in range(len(a.pillars)):
        if shape == "rate" and base[k] > 0 and goal[k] > 0:
            milestones[k] = base[k] * (goal[k] / base[k]) ** share
            continue
        s = share
        if shape == "projects":
            rise = projected[k] - base[k]
            if rise[-1] > 0 and np.all(np.diff(rise) >= 0):
                s = rise / rise[-1]
        milestones[k] = base[k] + (goal[k] - base[k]) * s
    milestones[:, 0] = base
    milestones[:, -1] = goal
    delivered = delivered_traj.jobs[:, :n_y]
    gap = np.maximum(milestones - delivered, 0.0)
    # Job milestones are the plan's own (employment.milestone_years), never the talent
    # section's interim years; a plan that sets none has none.
    interim = [y for y in plan.employment.milestone_years if y in years]
    return Backcast(
        years=years,
        pillars=list(a.pillars),
        shape=shape,
        target_year=year,
        targets=targets,
        milestones=milestones,
        delivered=delivered,
        gap=gap,
        interim_years=interim,
        delivered_dimension=delivered_dim,
    )


def backcast_json(result: Backcast) -> dict[str, Any]:
    """A JSON-ready form: milestones, delivered, acquisition gap per year (string keys)."""

    def per_year(arr: FloatArray) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for i, year in enumerate(result.years):
            row = {p: float(arr[k, i]) for k, p in enumerate(result.pillars)}
            row["total"] = float(arr[:, i].sum())
            out[str(year)] = row
        return out

    return {
        "years": result.years,
        "pillars": result.pillars,
        "shape": result.shape,
        "target_year": result.target_year,
        "targets": result.targets,
        "target_total": float(sum(result.targets.values())),
        "interim_years": result.interim_years,
        "delivered_dimension": result.delivered_dimension,
        "milestones": per_year(result.milestones),
        "required_additions": per_year(result.required_additions),
        "delivered": per_year(result.delivered),
        "acquisition_gap": {str(y): float(result.gap_total[i]) for i, y in enumerate(result.years)},
        "acquisition_gap_by_pillar": per_year(result.gap),
    }
