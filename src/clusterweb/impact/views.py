"""Impact beyond direct jobs: indirect and induced jobs, value, public money per job, leverage."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from clusterplan.plan.schema import Plan
from clusterweb.accounts.access import reader_required
from clusterweb.errors import error_text
from clusterweb.impact import services
from clusterweb.impact.forms import ImpactForm
from clusterweb.planning.services import current_plan
from clusterweb.presentation import download_from, with_query

DOWNLOAD = "impact:download"
TITLE = gettext_lazy("Impact beyond direct jobs")


def _scenario(form: ImpactForm, plan: Plan) -> str | None:
    if form.is_bound:
        return str(form.cleaned_data["scenario"]) if form.is_valid() else None
    return plan.employment.last_dimension


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The impact page for a growth dimension (``?scenario=``)."""
    plan = current_plan()
    form = ImpactForm(plan, request.GET or None)
    context: dict[str, Any] = {"title": TITLE, "form": form}
    scenario = _scenario(form, plan)
    if scenario is not None:
        try:
            result = services.run(plan, scenario)
        except services.ImpactFailure as exc:
            context["error"] = error_text(exc)
        else:
            found = services.impact_tables(plan, result, DOWNLOAD)
            with_query(found.values(), request.GET.urlencode())
            context.update(
                result=result,
                headline=services.headline(plan, result),
                chart=services.jobs_chart(result, found["jobs-per-year"]),
                tables=[found[k] for k in ("figures", "per-pillar", "per-project", "per-source")],
                assumptions=found["assumptions"],
                unknown_note=services.unknown_coverage_note(plan, result),
            )
    return render(request, "impact/index.html", context)


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the page (for the query's growth dimension) as CSV or XLSX."""
    plan = current_plan()
    form = ImpactForm(plan, request.GET or None)
    scenario = _scenario(form, plan)
    if scenario is None:  # the page says what is wrong with the query (it had been ignored)
        return redirect(f"{reverse('impact:index')}?{request.GET.urlencode()}")
    try:
        result = services.run(plan, scenario)
    except services.ImpactFailure as exc:  # the page's one-line error, not a 500
        context = {"title": TITLE, "form": form, "error": error_text(exc)}
        return render(request, "impact/index.html", context, status=422)
    return download_from(services.impact_tables(plan, result, None), slug, fmt)
