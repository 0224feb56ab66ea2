"""Scenarios: assumptions in, trajectories with percentile bands out (htmx recompute)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.accounts.access import editor_required, reader_required
from clusterweb.history import services as history
from clusterweb.planning.services import current_plan
from clusterweb.presentation import download_from
from clusterweb.scenarios import access, analysis, services
from clusterweb.scenarios.forms import (
    AssumptionsForm,
    CompareForm,
    SavedScenarioForm,
    SaveScenarioForm,
    saved_values,
)
from clusterweb.scenarios.models import Scenario

DOWNLOAD = "scenarios:download"


def _form(request: HttpRequest, plan: Any) -> AssumptionsForm:
    """The assumptions form: from the query string, a saved scenario, or the defaults."""
    initial = services.defaults(plan)
    saved = SavedScenarioForm(request.GET).scenario_id()
    if saved is not None:
        scenario = access.get_scenario_for_user(request.user, saved)
        initial.update(saved_values(plan, scenario.values))
    data = request.GET if "dimension" in request.GET else None
    return AssumptionsForm(plan, data=data, initial=initial)


def _results_context(request: HttpRequest, plan: Any, form: AssumptionsForm) -> dict[str, Any]:
    if form.is_bound and not form.is_valid():
        return {"form": form, "result": None}
    values = form.values() if form.is_bound else dict(form.initial)
    result = services.compute(plan, values)
    query = request.GET.urlencode()
    trajectory = services.trajectory_chart(result, DOWNLOAD)
    pillars = services.pillar_table(plan, result, DOWNLOAD)
    if query:
        for tab in (trajectory["table"], pillars):
            tab["download"] = {fmt: f"{url}?{query}" for fmt, url in tab["download"].items()}
    return {
        "form": form,
        "result": result,
        "headline": services.headline(result),
        "trajectory": trajectory,
        "pillars": pillars,
        "query": query,
        "save_form": SaveScenarioForm(prefix="save"),
        "form_values": [
            (form.add_prefix(name), form[name].field.widget.format_value(form[name].value()) or "")
            for name in form.fields
        ],
    }


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The scenario page (the results part is re-rendered by htmx on every change)."""
    plan = current_plan()
    if services.growth_module() is None:
        return render(request, "scenarios/index.html", {"model_available": False})
    form = _form(request, plan)
    context = _results_context(request, plan, form)
    context.update(
        model_available=True,
        scenarios=Scenario.objects.all(),
        compare_form=CompareForm(),
    )
    return render(request, "scenarios/index.html", context)


@reader_required
def results(request: HttpRequest) -> HttpResponse:
    """The results fragment for htmx: recomputed from the form's values."""
    plan = current_plan()
    form = AssumptionsForm(plan, data=request.GET, initial=services.defaults(plan))
    return render(request, "scenarios/_results.html", _results_context(request, plan, form))


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A result table (for the values in the query string) as CSV or XLSX."""
    plan = current_plan()
    form = _form(request, plan)
    context = _results_context(request, plan, form)
    if context["result"] is None:
        return redirect("scenarios:index")
    found = {"trajectory": context["trajectory"]["table"], "pillars": context["pillars"]}
    return download_from(found, slug, fmt)


@editor_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the current inputs as a named scenario (editors)."""
    plan = current_plan()
    form = AssumptionsForm(plan, data=request.POST, initial=services.defaults(plan))
    save_form = SaveScenarioForm(request.POST, prefix="save")
    if form.is_valid() and save_form.is_valid():
        defaults = services.defaults(plan)
        changed = {k: v for k, v in form.values().items() if defaults.get(k) != v}
        with transaction.atomic():
            scenario = save_form.save(commit=False)
            scenario.values = changed
            scenario.created_by = request.user
            scenario.save()
            history.record_create(request.user, scenario)
        messages.success(request, _("Scenario saved: %(name)s") % {"name": scenario.name})
        return redirect(f"{reverse('scenarios:index')}?scenario={scenario.pk}")
    for error_form in (form, save_form):
        for field, errors in error_form.errors.items():
            for error in errors:
                messages.error(request, f"{field}: {error}" if field != "__all__" else error)
    return redirect("scenarios:index")


@editor_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a saved scenario (kept in the history)."""
    scenario = access.get_scenario_rw_for_user(request.user, pk)
    with transaction.atomic():
        history.record_delete(request.user, scenario)
        scenario.delete()
    messages.success(request, _("Scenario deleted."))
    return redirect("scenarios:index")


@reader_required
def compare(request: HttpRequest) -> HttpResponse:
    """Two saved scenarios side by side."""
    plan = current_plan()
    form = CompareForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        first = access.get_scenario_for_user(request.user, form.cleaned_data["first"].pk)
        second = access.get_scenario_for_user(request.user, form.cleaned_data["second"].pk)
        for scenario in (first, second):  # shown, never saved
            scenario.values = saved_values(plan, scenario.values)
        inputs, results_table = services.compare_table(plan, first, second, None)
        context.update(
            first=first,
            second=second,
            inputs=inputs,
            chart=services.compare_chart(plan, first, second, results_table),
        )
    return render(request, "scenarios/compare.html", context)


@reader_required
def sensitivity(request: HttpRequest) -> HttpResponse:
    """Sensitivity (Sobol) and scenario discovery (PRIM), computed on request."""
    plan = current_plan()
    context: dict[str, Any] = {"available": analysis.available()}
    if context["available"]:
        results = analysis.cached(plan)
        if results is None and request.GET.get("run") == "1":
            results = analysis.compute(plan)
        if results is not None:
            sobol, discovery = results
            context.update(
                sobol=analysis.sobol_table(plan, sobol),
                discovery=discovery,
                failure_pct=round(100 * discovery.failure_rate, 1),
                boxes=analysis.discovery_tables(plan, discovery),
            )
    return render(request, "scenarios/sensitivity.html", context)
