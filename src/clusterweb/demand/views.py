"""Space and talent: demand against supply per year, shortfalls."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.demand import services
from clusterweb.planning.services import current_plan
from clusterweb.presentation import download_from
from clusterweb.scenarios.services import DIMENSIONS, dimension_label

DOWNLOAD = "demand:download"


def _dimension(request: HttpRequest) -> str:
    value = request.GET.get("dimension", "leap")
    return value if value in DIMENSIONS else "leap"


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The space and talent page for one growth dimension."""
    plan = current_plan()
    if services.core_module() is None:
        return render(request, "demand/index.html", {"model_available": False})
    dimension = _dimension(request)
    result = services.demand(plan, dimension)
    query = f"dimension={dimension}"
    space_chart = services.space_chart(result, DOWNLOAD)
    functions = services.space_functions_table(result, DOWNLOAD)
    talent_chart = services.talent_chart(result, DOWNLOAD)
    for tab in (space_chart["table"], functions, talent_chart["table"]):
        tab["download"] = {f: f"{url}?{query}" for f, url in tab["download"].items()}
    return render(
        request,
        "demand/index.html",
        {
            "model_available": True,
            "dimension": dimension,
            "dimensions": [(d, dimension_label(d)) for d in DIMENSIONS],
            "result": result,
            "stats": services.headlines(result),
            "space_chart": space_chart,
            "functions": functions,
            "talent_chart": talent_chart,
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the page as CSV or XLSX."""
    result = services.demand(current_plan(), _dimension(request))
    return download_from(services.demand_tables(result, None), slug, fmt)
