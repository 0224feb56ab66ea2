"""What the dashboard shows: the goal, where each dimension lands, Tables 1 and Figure 6."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterweb.planning import tables
from clusterweb.presentation import Table, table


def goal(plan: Plan) -> dict[str, Any]:
    """The goal in jobs and where each growth dimension of Figure 6 lands against it."""
    emp = plan.employment
    base_jobs = sum(emp.base.values())
    goal_jobs = round(base_jobs * emp.goal.factor)
    landings = []
    for key, scenario in emp.scenarios.items():
        jobs = sum(scenario.jobs.values())
        landings.append(
            {
                "key": key,
                "name": tables.name_of(scenario),
                "jobs": jobs,
                "gap": goal_jobs - jobs,
                "reaches": jobs >= goal_jobs,
                "source": scenario.source,
            }
        )
    return {
        "base_year": emp.base_year,
        "base_jobs": base_jobs,
        "year": emp.goal.year,
        "factor": emp.goal.factor,
        "jobs": goal_jobs,
        "source": emp.goal.source,
        "landings": landings,
    }


def landings_table(plan: Plan, download_view: str | None) -> Table:
    """Each growth dimension's total jobs against the goal."""
    data = goal(plan)
    rows = [[d["name"], d["jobs"], data["jobs"], d["gap"]] for d in data["landings"]]
    return table(
        _("Where each growth dimension lands in %(year)s against the goal")
        % {"year": data["year"]},
        [_("Growth dimension"), _("Jobs"), _("Goal"), _("Short of the goal")],
        rows,
        slug="goal-landings",
        download_view=download_view,
    )


def headline_stats(plan: Plan) -> list[dict[str, Any]]:
    """Space and talent headlines from the plan (figures as stated, with their section)."""
    space = plan.space
    free_m2 = sum(p.area_m2 for p in space.plots)
    stats = [
        {
            "label": _("Space demand until 2040"),
            "value": space.demand_until_2040.value_m2,
            "unit": "m²",
            "provenance": space.demand_until_2040.source or space.demand_until_2040.assumption,
        },
        {
            "label": _("Plots and buildings named in the plan"),
            "value": free_m2,
            "unit": "m²",
            "provenance": _("computed: sum of %(n)s plots (%(source)s)")
            % {"n": len(space.plots), "source": space.source},
        },
    ]
    from clusterweb.demand import services as demand

    if demand.core_module() is not None:
        stats += demand.headlines(demand.demand(plan, "leap"))
    return stats


def dashboard_tables(plan: Plan, download_view: str | None) -> dict[str, Table]:
    """Every table of the dashboard by slug."""
    out = {
        "jobs": tables.jobs(plan, download_view),
        "goal-landings": landings_table(plan, download_view),
        "projects-costs": tables.projects_costs(plan, download_view),
        "projects-coverage": tables.projects_coverage(plan, download_view),
    }
    return out
