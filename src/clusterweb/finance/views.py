"""The finance page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.finance import services
from clusterweb.planning import tables
from clusterweb.planning.services import current_plan
from clusterweb.presentation import download_from

DOWNLOAD = "finance:download"


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """Tables 1 and 2, printed against current totals, unknowns and commitments."""
    plan = current_plan()
    data = services.finance_tables(plan, DOWNLOAD)
    return render(
        request,
        "finance/index.html",
        {
            "plan": plan,
            "tables": {k.replace("-", "_"): v for k, v in data.items()},
            "costs_chart": tables.table1_chart(plan, DOWNLOAD),
            "commitments_chart": services.commitments_chart(plan, DOWNLOAD),
            "commitments": services.commitments_list(plan),
            "model_available": services.finance_module() is not None,
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the finance page as CSV or XLSX."""
    return download_from(services.finance_tables(current_plan(), None), slug, fmt)
