"""Back-casting: target in, milestones per pillar and year out."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.backcast import services
from clusterweb.planning.services import current_plan


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The back-casting page."""
    plan = current_plan()
    return render(
        request,
        "backcast/index.html",
        {"plan": plan, "model_available": services.core_module() is not None},
    )
