"""Public start page and the dashboard for the steering group and programme office."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from clusterweb.accounts.access import reader_required
from clusterweb.dashboard import services
from clusterweb.planning import tables
from clusterweb.planning.services import (
    current_plan,
    current_plan_and_revision,
    published_plan,
)
from clusterweb.presentation import download_from, lazy
from clusterweb.scenarios.services import ensemble_summary

DOWNLOAD = "dashboard:download"
PUBLIC_DOWNLOAD = "dashboard:public_download"


def public(request: HttpRequest) -> HttpResponse:
    """The published plan at a glance: the goal and the jobs per pillar and growth dimension
    (no login, no internal edits)."""
    plan = published_plan()
    return render(
        request,
        "dashboard/public.html",
        {
            "title": _("%(cluster)s: the plan at a glance") % {"cluster": plan.meta.cluster},
            "plan": plan,
            "goal": services.goal(plan),
            "jobs_chart": tables.jobs_chart(plan, PUBLIC_DOWNLOAD),
        },
    )


def public_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the public page as CSV or XLSX."""
    plan = published_plan()
    return download_from({"jobs": tables.jobs(plan, None)}, slug, fmt)


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The goal, where each dimension and the ensemble land, the jobs and the projects' costs.

    The page body is cached per plan revision and language; its parts are computed only
    when the cache misses (``lazy``).
    """
    plan, revision = current_plan_and_revision()
    return render(
        request,
        "dashboard/index.html",
        {
            "title": _("Dashboard"),
            "revision": revision,
            "plan": plan,
            "goal": lazy(lambda: services.goal(plan)),
            "landings": lazy(lambda: services.landings_table(plan, DOWNLOAD)),
            "jobs_chart": lazy(lambda: tables.jobs_chart(plan, DOWNLOAD)),
            "costs": lazy(lambda: tables.projects_costs_chart(plan, DOWNLOAD)),
            "coverage": lazy(lambda: tables.projects_coverage_chart(plan, DOWNLOAD)),
            "stats": lazy(lambda: services.headline_stats(plan)),
            "ensemble": lazy(lambda: ensemble_summary(plan) or {}),
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the dashboard as CSV or XLSX."""
    return download_from(services.dashboard_tables(current_plan(), None), slug, fmt)
