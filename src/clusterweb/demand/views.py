"""Space and talent: demand against supply per year."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.demand import services
from clusterweb.planning.services import current_plan


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The space and talent page."""
    plan = current_plan()
    return render(
        request,
        "demand/index.html",
        {"plan": plan, "model_available": services.core_module() is not None},
    )
