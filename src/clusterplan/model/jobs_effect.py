"""What phasing changes do to jobs, through the growth engine.

:func:`goal_year_value_table` gives the re-phasing optimiser its value table (jobs a
project adds in the goal year for each shift/stretch option); :func:`jobs_effect` gives
the jobs per year before and after a set of what-if changes. Projects the growth engine
does not model (e.g. physical space, organisation lines) add no jobs here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from clusterplan.model.changes import ProjectChange
from clusterplan.model.growth import (
    GrowthAssumptions,
    check_dimension,
    growth_assumptions,
    project_jobs,
    trajectory,
)
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan

FloatArray = NDArray[np.float64]


def goal_year_value_table(
    plan: Plan,
    keys: Sequence[tuple[int, int]],
    project_ids: Sequence[str],
    *,
    assumptions: GrowthAssumptions | None = None,
    goal_year: int | None = None,
) -> dict[str, dict[tuple[int, int], float]]:
    """Jobs each project adds in the goal year, per ``(shift, stretch)`` option.

    Parameters
    ----------
    plan
        A validated plan.
    keys
        The options ``(shift_years, stretch_years)``.
    project_ids
        The projects to value; ones outside the growth engine are worth 0 jobs.
    assumptions
        Growth assumptions; default: the plan's.
    goal_year
        Default: the plan's goal year, else its target year (``parts.goal_target``).

    Returns
    -------
    dict
        Project id to option to jobs (all pillars) in the goal year.
    """
    a = assumptions or growth_assumptions(plan)
    goal = parts.goal_target(plan).year if goal_year is None else goal_year
    until = max(goal, a.target_year)
    column = a.years(until).index(goal)
    modelled = [pid for pid in project_ids if pid in a.projects]
    table: dict[str, dict[tuple[int, int], float]] = {pid: {} for pid in project_ids}
    for shift, stretch in keys:
        # Project contributions are independent of each other, so one run values every
        # project under the same option.
        change = ProjectChange(shift_years=shift, stretch_years=stretch)
        jobs = project_jobs(plan, a, {pid: change for pid in modelled}, until)
        for pid in project_ids:
            table[pid][(shift, stretch)] = float(jobs[pid][:, column].sum()) if pid in jobs else 0.0
    return table


def goal_year_other_jobs(
    plan: Plan,
    project_ids: Sequence[str],
    *,
    assumptions: GrowthAssumptions | None = None,
    goal_year: int | None = None,
) -> float:
    """Goal-year jobs (with every project of the growth engine) that do not come from
    ``project_ids``."""
    a = assumptions or growth_assumptions(plan)
    goal = parts.goal_target(plan).year if goal_year is None else goal_year
    path = trajectory(plan, None, a, until=max(goal, a.target_year), include_projects=a.project_ids)
    column = path.years.index(goal)
    moved = sum(
        float(path.components[pid][:, column].sum())
        for pid in project_ids
        if pid in path.components
    )
    return float(path.total[column]) - moved


@dataclass(frozen=True)
class JobsEffect:
    """Jobs per year before and after what-if changes (growth engine, one dimension).

    ``before`` and ``after`` are ``[year]`` totals over the pillars; ``delta_by_pillar``
    is ``[pillar, year]`` (after minus before).
    """

    years: tuple[int, ...]
    pillars: tuple[str, ...]
    dimension: str
    before: FloatArray
    after: FloatArray
    delta_by_pillar: FloatArray
    ignored: tuple[str, ...]

    @property
    def delta(self) -> FloatArray:
        """``[year]`` after minus before."""
        return np.asarray(self.after - self.before, dtype=np.float64)


def jobs_effect(
    plan: Plan,
    changes: Mapping[str, ProjectChange],
    *,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
    until: int | None = None,
) -> JobsEffect:
    """Jobs per year with and without the changes (lines the growth engine lacks are ignored);
    ``dimension`` default: the plan's last."""
    a = assumptions or growth_assumptions(plan)
    dimension = check_dimension(plan, dimension or plan.employment.last_dimension)
    used = {pid: c for pid, c in changes.items() if pid in a.projects}
    before = trajectory(plan, dimension, a, until=until)
    after = trajectory(plan, dimension, a, until=until, changes=used)
    return JobsEffect(
        years=tuple(before.years),
        pillars=tuple(before.pillars),
        dimension=dimension,
        before=np.asarray(before.total, dtype=np.float64),
        after=np.asarray(after.total, dtype=np.float64),
        delta_by_pillar=np.asarray(after.jobs - before.jobs, dtype=np.float64),
        ignored=tuple(sorted(set(changes) - set(used))),
    )
