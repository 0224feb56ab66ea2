"""Scenarios: assumptions in, trajectories with percentile bands out (htmx recompute)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clusterplan.app import scenarios
from clusterweb.accounts.access import editor_required, reader_required
from clusterweb.errors import form_error_lines
from clusterweb.history import services as history
from clusterweb.planning.services import current_plan, current_plan_and_revision, goal_note
from clusterweb.presentation import download_from, page_language, with_query
from clusterweb.scenarios import access, analysis, background, markets, services
from clusterweb.scenarios.forms import (
    AssumptionsForm,
    CompareForm,
    EnsembleForm,
    SavedScenarioForm,
    SaveScenarioForm,
    saved_values,
)
from clusterweb.scenarios.models import Scenario
from clusterweb.tasks import services as tasks
from clusterweb.tasks.access import get_task_for_user
from clusterweb.tasks.constants import Status
from clusterweb.tasks.models import TaskRecord

DOWNLOAD = "scenarios:download"
SENSITIVITY_TITLE = gettext_lazy("Sensitivity and scenario discovery")


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
    trajectory = services.trajectory_chart(plan, result, DOWNLOAD)
    pillars = services.pillar_table(plan, result, DOWNLOAD)
    with_query((trajectory["table"], pillars), query)
    return {
        "form": form,
        "result": result,
        "headline": services.headline(plan, result),
        "goal_note": goal_note(plan),
        "trajectory": trajectory,
        "pillars": pillars,
        "query": query,
        "save_form": SaveScenarioForm(prefix="save"),
        "form_values": [
            (form.add_prefix(name), form[name].field.widget.format_value(form[name].value()) or "")
            for name in form.fields
        ],
    }


def _with_markets(request: HttpRequest, plan: Any, context: dict[str, Any]) -> dict[str, Any]:
    """The results' context with the market part for the same assumptions (the pages; a
    download needs none)."""
    result = context["result"]
    values = None if result is None else result.values
    return {**context, **markets.context(plan, values, request.GET)}


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The scenario page (the results part is re-rendered by htmx on every change)."""
    plan = current_plan()
    form = _form(request, plan)
    context = _with_markets(request, plan, _results_context(request, plan, form))
    context.update(
        title=_("Scenarios"),
        scenarios=Scenario.objects.all(),
        compare_form=CompareForm(),
    )
    return render(request, "scenarios/index.html", context)


@reader_required
def results(request: HttpRequest) -> HttpResponse:
    """The results fragment for htmx: recomputed from the form's values."""
    plan = current_plan()
    form = AssumptionsForm(plan, data=request.GET, initial=services.defaults(plan))
    context = _with_markets(request, plan, _results_context(request, plan, form))
    context["markets_oob"] = True  # the market part, further down the page, follows the inputs
    return render(request, "scenarios/_results.html", context)


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
    for line in (*form_error_lines(form), *form_error_lines(save_form)):
        messages.error(request, line)
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
    context: dict[str, Any] = {"title": _("Compare scenarios"), "form": form}
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
            goal_note=goal_note(plan),
        )
    return render(request, "scenarios/compare.html", context)


def _analysis_context(request: HttpRequest, record: TaskRecord | None) -> dict[str, Any]:
    """What the analysis page shows of a task: its result when done, else a link to it."""
    context: dict[str, Any] = {"record": record}
    if record is None:
        return context
    if record.status != Status.DONE or record.result is None:
        context["record_url"] = tasks.task_url(record)
        return context
    plan = current_plan()
    _plan, revision = current_plan_and_revision()
    context["outdated"] = record.result.get("revision") != revision
    if record.kind == background.SENSITIVITY:
        sobol, discovery = analysis.results_from_json(record.result)
        context.update(
            sobol=analysis.sobol_table(plan, sobol),
            sobol_summary=analysis.sobol_summary(sobol),
            discovery=discovery,
            summary=analysis.discovery_summary(discovery),
            boxes=analysis.discovery_tables(plan, discovery),
        )
    elif record.kind == background.ENSEMBLE:
        context.update(_ensemble_context(plan, record.result, int(record.params["seed"])))
    return context


def _ensemble_context(plan: Any, result: dict[str, Any], seed: int) -> dict[str, Any]:
    """The ensemble's table and the command line's sentence on its P(goal)."""
    return {
        "ensemble": analysis.ensemble_table(plan, result),
        "ensemble_sentence": scenarios.ensemble_sentence(
            plan,
            n=result["n"],
            seed=seed,
            dimension=result["dimension"],
            goal_jobs=result["goal_jobs"],
            goal_year=result["goal_year"],
            p_goal=result["p_goal"],
            lang=page_language(),
        ),
    }


@reader_required
def sensitivity(request: HttpRequest) -> HttpResponse:
    """Sensitivity (Sobol), scenario discovery (PRIM) and large ensembles: started here as
    background tasks, shown here when done (``?task=<id>``: that task's result)."""
    # Without the analysis extra only Sobol and PRIM are missing: ensembles and the results
    # of earlier tasks are still shown.
    context: dict[str, Any] = {"title": SENSITIVITY_TITLE, "missing": analysis.missing_text()}
    task_id = request.GET.get("task", "")
    if task_id:
        if not (task_id.isdigit() and len(task_id) < 19):
            raise Http404
        record: TaskRecord | None = get_task_for_user(request.user, int(task_id))
    else:
        _plan, revision = current_plan_and_revision()
        record = tasks.latest(request.user, background.SENSITIVITY, revision=revision)
    context.update(_analysis_context(request, record))
    context["ensemble_form"] = EnsembleForm()
    context["goal_note"] = goal_note(current_plan())
    return render(request, "scenarios/sensitivity.html", context)


@reader_required
@require_POST
def sensitivity_start(request: HttpRequest) -> HttpResponse:
    """Start Sobol and PRIM for the current plan as a background task; go to its page."""
    missing = analysis.missing_text()
    if missing is not None:
        messages.error(request, missing)
        return redirect("scenarios:sensitivity")
    _plan, revision = current_plan_and_revision()
    record = tasks.start_task(
        request.user,
        background.SENSITIVITY,
        revision=revision,
        sobol_base=settings.CLUSTERWEB_SOBOL_BASE,
        samples=settings.CLUSTERWEB_DISCOVERY_SAMPLES,
        seed=settings.CLUSTERWEB_SEED,
    )
    return redirect(tasks.task_url(record))


@reader_required
@require_POST
def ensemble(request: HttpRequest) -> HttpResponse:
    """A Monte Carlo ensemble: computed at once up to the threshold, else a background task."""
    form = EnsembleForm(request.POST)
    context: dict[str, Any] = {
        "title": SENSITIVITY_TITLE,
        "missing": analysis.missing_text(),
        "ensemble_form": form,
        "goal_note": goal_note(current_plan()),
    }
    if form.is_valid():
        params = {
            "samples": form.cleaned_data["samples"],
            "dimension": form.cleaned_data["dimension"],
            "seed": settings.CLUSTERWEB_SEED,
        }
        if params["samples"] > settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD:
            record = tasks.start_task(request.user, background.ENSEMBLE, **params)
            return redirect(tasks.task_url(record))
        context.update(
            _ensemble_context(current_plan(), background.ensemble(params), params["seed"])
        )
    return render(request, "scenarios/sensitivity.html", context)
