"""The finance page, what-if changes and the re-phasing optimiser."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterplan.model.finance import whatif_lines
from clusterplan.report import finance as core_finance
from clusterweb.accounts.access import can_edit_plan, reader_required
from clusterweb.finance import model, services
from clusterweb.finance.forms import CapsForm, WhatIfForm
from clusterweb.planning import tables
from clusterweb.planning.downloads import commitments_table
from clusterweb.planning.services import current_plan, goal_note
from clusterweb.presentation import Table, download_from, page_language, with_query

DOWNLOAD = "finance:download"


def _all_tables(request: HttpRequest, plan: Any) -> dict[str, Table]:
    found = services.finance_tables(plan, None)
    found |= model.finance_model_tables(plan, None)
    whatif = WhatIfForm(plan, request.GET or None)
    result = None
    if whatif.is_bound and whatif.is_valid():
        result = model.whatif_tables(plan, whatif.changes(), None)
    if result is not None:
        found |= {
            "whatif-cost": result["cost"],
            "whatif-sources": result["sources"],
            "whatif-jobs": result["jobs_chart"]["table"],
        }
    caps = CapsForm(plan, request.GET or None)
    if caps.is_bound and any(name in request.GET for name in caps.fields) and caps.is_valid():
        problem, outcome = model.rephase(plan, caps.caps())
        found |= {t["slug"]: t for t in model.phasing_tables(plan, problem, outcome, None).values()}
    return found


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The cost tables, cash needs per source and year, unknowns and commitments."""
    plan = current_plan()
    data = services.finance_tables(plan, DOWNLOAD)
    needs = model.needs_for(plan)
    model_tables = model.finance_model_tables(plan, DOWNLOAD)
    return render(
        request,
        "finance/index.html",
        {
            "title": _("Finance"),
            "plan": plan,
            "tables": {k.replace("-", "_"): v for k, v in data.items()},
            "costs_chart": tables.projects_costs_chart(plan, DOWNLOAD),
            "sources_chart": model.sources_by_year_chart(plan, needs, DOWNLOAD),
            "funding": model_tables["funding-status"],
            # the projects' own needs differ from the agenda's only beside other cost lines
            "projects_needs": model_tables["cash-needs-projects"]
            if len(whatif_lines(plan)) > len(plan.finance.projects)
            else None,
            "cost_lines": model_tables["cost-lines"],
            "commitments_chart": services.commitments_chart(plan, DOWNLOAD),
            "commitments": services.commitments_list(plan),
            "commitments_tab": commitments_table(plan, action=can_edit_plan(request.user)),
        },
    )


@reader_required
def whatif(request: HttpRequest) -> HttpResponse:
    """What if projects start later, take longer or are smaller: cash needs and jobs."""
    plan = current_plan()
    form = WhatIfForm(plan, request.GET or None)
    context: dict[str, Any] = {"title": _("What if"), "form": form}
    result = None
    if form.is_bound and form.is_valid():
        result = model.whatif_tables(plan, form.changes(), DOWNLOAD)
    if result is not None:
        with_query(
            [result["cost"], result["sources"], result["jobs_chart"]["table"]],
            request.GET.urlencode(),
        )
        context.update(result=result)
    return render(request, "finance/whatif.html", context)


@reader_required
def rephase(request: HttpRequest) -> HttpResponse:
    """The re-phasing optimiser: keep yearly needs within caps per source, jobs first."""
    plan = current_plan()
    form = CapsForm(plan, request.GET or None)
    context: dict[str, Any] = {"title": _("Re-phasing"), "form": form, "goal_note": goal_note(plan)}
    if form.is_bound and form.is_valid():  # no cap at all: the plan's phasing and its needs
        problem, result = model.rephase(plan, form.caps())
        found = model.phasing_tables(plan, problem, result, DOWNLOAD)
        with_query(list(found.values()), request.GET.urlencode())
        lang = page_language()
        context.update(
            problem=problem,
            result=result,
            tables=found,
            outcome=core_finance.phasing_message(plan, result, lang),
            jobs=core_finance.phasing_jobs(problem, result, lang),
            relaxations=core_finance.relaxation_texts(plan, result, lang),
            conflicts=core_finance.order_conflicts(plan, result, lang),
            notes=core_finance.phasing_notes(plan, result, lang),
        )
    return render(request, "finance/rephase.html", context)


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the finance pages as CSV or XLSX (what-if and caps from the query)."""
    return download_from(_all_tables(request, current_plan()), slug, fmt)
