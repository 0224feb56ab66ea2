"""The finance page's use of the core finance model: cash needs, what-if, re-phasing.

Every number here is computed by ``clusterplan.model.finance``, ``.jobs_effect`` and
``.phasing``; this module only arranges inputs (forms) and outputs (tables, charts).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from clusterplan.app import finance as app_finance
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import CashNeeds, FundingStatus
from clusterplan.model.phasing import (
    PhasingProblem,
    PhasingResult,
)
from clusterplan.plan.schema import Plan
from clusterplan.report import finance as core_finance
from clusterplan.report.tables import cash_needs_table
from clusterweb.planning import tables
from clusterweb.presentation import (
    Table,
    bar_spec,
    chart,
    line_spec,
    money_unit,
    page_language,
    web_table,
)


def source_label(plan: Plan, source: str) -> str:
    """The name (page language) of one of the plan's funding sources."""
    return tables.source_label(plan, source)


def needs_for(plan: Plan, changes: Mapping[str, ProjectChange] | None = None) -> CashNeeds:
    """Cash needs from the core (with what-if changes: :func:`clusterplan.app.finance.finance`)."""
    return app_finance.finance(plan, changes).needs


def sources_by_year_table(
    plan: Plan, needs: CashNeeds, download_view: str | None, slug: str
) -> Table:
    """Known coverage per source and year, public share, cost and cumulative cost: the
    core's table, the same the command line's ``finance`` shows."""
    model = cash_needs_table(plan, needs, page_language())
    return web_table(dataclasses.replace(model, key=slug), download_view)


def sources_by_year_chart(
    plan: Plan, needs: CashNeeds, download_view: str | None
) -> dict[str, Any]:
    """Known coverage per source and year as stacked bars; a year in which an unknown
    amount belongs is marked '+?' at its end, as the table's figures are."""
    tab = sources_by_year_table(plan, needs, download_view, "sources-by-year")
    by_source = needs.by_source()
    series = {
        source_label(plan, s): [round(float(v), 3) for v in by_source[i]]
        for i, s in enumerate(needs.sources)
    }
    incomplete = [bool(v) for v in needs.by_source_incomplete().any(axis=0)]
    spec = bar_spec(
        [str(y) for y in needs.years],
        series,
        stacked=True,
        unit=money_unit(),
        incomplete=incomplete,
    )
    return chart("sources-by-year", _("Cash needs per source and year"), spec, tab)


def funding_table(plan: Plan, status: FundingStatus, download_view: str | None) -> Table:
    """Needed, secured (granted and paid) and in the pipeline per source, and the gap: the
    core's table, the same the command line's ``finance`` shows."""
    return web_table(core_finance.funding_table(plan, status, page_language()), download_view)


def finance_model_tables(plan: Plan, download_view: str | None) -> dict[str, Table]:
    """The model's tables for the finance page (and its downloads): those of ``clusterplan
    finance`` that are not the plan's own tables (the page shows those from the plan)."""
    outcome = app_finance.finance(plan)
    needs, status = outcome.needs, outcome.status
    lang = page_language()
    projects = cash_needs_table(plan, needs, lang, "projects")
    lines = core_finance.cost_lines_table(plan, needs, lang)
    return {
        "sources-by-year": sources_by_year_table(plan, needs, download_view, "sources-by-year"),
        projects.key: web_table(projects, download_view),
        lines.key: web_table(lines, download_view),
        "funding-status": funding_table(plan, status, download_view),
    }


# --------------------------------------------------------------------------- what-if


def whatif_tables(
    plan: Plan, changes: Mapping[str, ProjectChange], download_view: str | None
) -> dict[str, Any] | None:
    """Cash needs and jobs with the what-if changes, against the plan: the core's what-if
    tables, the same the command line's ``finance --shift/--stretch/--scale`` shows; None
    when no change changes anything (the core leaves such changes out)."""
    outcome = app_finance.finance(plan, changes)
    needs, effect = outcome.needs, outcome.effect
    if effect is None:
        return None
    cost, jobs = (
        web_table(model, download_view)
        for model in core_finance.whatif_tables(
            plan, outcome.plan_needs, needs, effect, page_language()
        )
    )
    _year, plan_head, changed_head, _difference = jobs["columns"]  # the table's own words
    jobs_chart = chart(
        "whatif-jobs",
        _("Jobs with and without the changes"),
        line_spec(
            list(effect.years),
            {
                plan_head: [float(v) for v in effect.before],
                changed_head: [float(v) for v in effect.after],
            },
            unit=_("jobs"),
        ),
        jobs,
    )
    return {
        "cost": cost,
        "sources": sources_by_year_table(plan, needs, download_view, "whatif-sources"),
        "jobs_chart": jobs_chart,
    }


# --------------------------------------------------------------------------- re-phasing


def rephase(plan: Plan, caps_meur: Mapping[str, float]) -> tuple[PhasingProblem, PhasingResult]:
    """Re-phase under yearly caps per source (:func:`clusterplan.app.finance.rephase`)."""
    return app_finance.rephase(plan, caps_meur)


def phasing_tables(
    plan: Plan, problem: PhasingProblem, result: PhasingResult, download_view: str | None
) -> dict[str, Table]:
    """The chosen start per project and the yearly need per source against the caps (the
    core's tables, :func:`clusterplan.report.finance.phasing_tables`)."""
    choice, need = core_finance.phasing_tables(plan, problem, result, page_language())
    return {
        "choice": web_table(choice, download_view),
        "need": web_table(need, download_view),
    }
