"""Scenarios: assumptions in, trajectories with percentile bands out."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from clusterweb.accounts.access import reader_required
from clusterweb.planning.services import current_plan
from clusterweb.scenarios import services


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The scenario page."""
    plan = current_plan()
    return render(
        request,
        "scenarios/index.html",
        {"plan": plan, "model_available": services.growth_module() is not None},
    )
