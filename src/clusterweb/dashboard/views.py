"""Public start page and the dashboard for the steering group and programme office."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.dashboard import services
from clusterweb.planning import tables
from clusterweb.planning.services import current_plan, published_plan
from clusterweb.presentation import download_from
from clusterweb.scenarios.services import ensemble_summary

DOWNLOAD = "dashboard:download"
PUBLIC_DOWNLOAD = "dashboard:public_download"


def public(request: HttpRequest) -> HttpResponse:
    """The published plan at a glance: the goal and Figure 6 (no login, no internal edits)."""
    plan = published_plan()
    return render(
        request,
        "dashboard/public.html",
        {
            "plan": plan,
            "goal": services.goal(plan),
            "figure6": tables.figure6_chart(plan, PUBLIC_DOWNLOAD),
        },
    )


def public_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the public page as CSV or XLSX."""
    plan = published_plan()
    return download_from({"figure-6": tables.figure6_table(plan, None)}, slug, fmt)


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The goal, where each dimension and the ensemble land, Figure 6 and Table 1."""
    plan = current_plan()
    return render(
        request,
        "dashboard/index.html",
        {
            "plan": plan,
            "goal": services.goal(plan),
            "landings": services.landings_table(plan, DOWNLOAD),
            "figure6": tables.figure6_chart(plan, DOWNLOAD),
            "costs": tables.table1_chart(plan, DOWNLOAD),
            "coverage": tables.coverage1_chart(plan, DOWNLOAD),
            "stats": services.headline_stats(plan),
            "ensemble": ensemble_summary(plan),
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the dashboard as CSV or XLSX."""
    return download_from(services.dashboard_tables(current_plan(), None), slug, fmt)
