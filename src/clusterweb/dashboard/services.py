"""What the dashboard shows: the goal, where each dimension lands, the plan's tables."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.app import scenarios as use_case
from clusterplan.plan.schema import Plan
from clusterplan.report.overview import landings_table as core_landings_table
from clusterweb.planning import tables
from clusterweb.planning.services import goal_note
from clusterweb.presentation import Table, page_language, web_table


def goal(plan: Plan) -> dict[str, Any]:
    """The goal in jobs and where each growth dimension lands against it.

    The goal is :func:`clusterplan.app.scenarios.goal`: the plan's, or when it sets none
    its reference (``declared`` False; ``note`` says so in the page's language, the command
    line's line; ``source`` is then None). ``text`` is the goal in the core's one sentence
    (:func:`clusterplan.app.scenarios.goal_text`; None when the plan sets none).
    """
    emp = plan.employment
    target = use_case.goal(plan)
    goal_jobs = round(target.jobs)
    landings = []
    for landing in use_case.landings(plan):
        scenario = emp.scenarios[landing.dimension]
        landings.append(
            {
                "key": landing.dimension,
                "name": tables.name_of(scenario),
                "jobs": landing.jobs,
                "source": scenario.source or scenario.assumption,
            }
        )
    return {
        "base_year": emp.base_year,
        "base_jobs": emp.base_total,
        "target_year": emp.target_year,
        "year": target.year,
        "factor": target.factor,
        "text": use_case.goal_text(plan, page_language()),
        "line": use_case.goal_line(plan, page_language()),
        "jobs": goal_jobs,
        "declared": target.declared,
        "note": goal_note(plan),
        "source": target.provenance if target.declared else None,
        "landings": landings,
    }


def landings_table(plan: Plan, download_view: str | None) -> Table:
    """Each growth dimension's total jobs in the target year, against the goal if any: the
    core's table (:func:`clusterplan.report.overview.landings_table`), which
    ``clusterplan overview`` prints."""
    return web_table(core_landings_table(plan, page_language()), download_view)


def headline_stats(plan: Plan) -> list[dict[str, Any]]:
    """Space and talent headlines from the plan (figures as stated, with their section)."""
    space = plan.space
    if space is None:
        return []
    free_m2 = space.plots_m2
    figure = space.demand
    stats = [
        {
            "label": _("Space demand (%(period)s)") % {"period": figure.period}
            if figure.period
            else _("Space demand"),
            "value": figure.value_m2,
            "unit": "m²",
            "provenance": figure.source or figure.assumption,
        },
        {
            "label": _("Plots and buildings named in the plan"),
            "value": free_m2,
            "unit": "m²",
            "provenance": _("computed: sum of %(n)s plots (%(source)s)")
            % {"n": len(space.plots), "source": space.source or space.assumption},
        },
    ]
    from clusterweb.demand import services as demand

    result = demand.demand(plan)
    supply = None if result.talent is None else demand.supply_note(plan)
    stats += demand.headlines(result, supply)
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
