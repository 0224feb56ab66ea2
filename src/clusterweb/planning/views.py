"""Plan data: projects, phases, assumptions and commitments. Reading for viewers, editing for editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterplan.labels import ASSUMPTION_AREAS, assumption_area
from clusterplan.labels import label as words
from clusterplan.report import tables as core
from clusterweb.accounts.access import can_edit_plan, editor_required, reader_required
from clusterweb.history.access import visible_changes
from clusterweb.history.models import Change
from clusterweb.locking import VERSION_FIELD, Stale, save_form
from clusterweb.planning import access, downloads, services, tables
from clusterweb.planning.forms import (
    AssumptionForm,
    BusinessCaseForm,
    CommitmentForm,
    PhaseForm,
    ProjectForm,
)
from clusterweb.planning.models import Assumption, Commitment, Phase, Project, ProjectCost
from clusterweb.presentation import download_from, page_language, web_table


@reader_required
def projects(request: HttpRequest) -> HttpResponse:
    """Every project with its dimension, status and total."""
    plan = services.current_plan()
    rows_by_key = {p.key: p for p in Project.objects.all()}
    items = [
        {"row": rows_by_key[p.id], "total": core.line_total(plan, p), "name": tables.name_of(p)}
        for p in plan.finance.projects
        if p.id in rows_by_key
    ]
    return render(
        request,
        "planning/projects.html",
        {"title": _("Projects"), "items": items, "tab": downloads.projects_table(plan)},
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Projects, assumptions or commitments as CSV or XLSX."""
    return download_from(downloads.all_tables(services.current_plan()), slug, fmt)


def _project_history(project: Project) -> list[Change]:
    types = ContentType.objects.get_for_models(Project, ProjectCost, Phase)
    cost_ids = [str(pk) for pk in project.costs.values_list("pk", flat=True)]
    phase_ids = [str(pk) for pk in project.phases.values_list("pk", flat=True)]
    query = (
        Q(content_type=types[Project], object_id=str(project.pk))
        | Q(content_type=types[ProjectCost], object_id__in=cost_ids)
        | Q(content_type=types[Phase], object_id__in=phase_ids)
    )
    return list(Change.objects.filter(query).select_related("content_type")[:50])


@reader_required
def project_detail(request: HttpRequest, key: str) -> HttpResponse:
    """A project: costs per year, coverage, phases and its history."""
    project = access.get_project_for_user(request.user, key)
    plan = services.current_plan()
    data = plan.project(project.key)
    plan_table = tables.projects_model(plan)
    costs = web_table(core.line_part(core.costs_part(plan_table), project.key), None)
    coverage = web_table(core.line_part(core.coverage_part(plan_table), project.key), None)
    case_jobs = core.case_jobs_table(plan, project.key, page_language())
    return render(
        request,
        "planning/project_detail.html",
        {
            "title": tables.name_of(data),
            "project": project,
            "data": data,
            "costs": costs,
            "coverage": coverage,
            "case_jobs": case_jobs and web_table(case_jobs, None),
            "phases": list(project.phases.all()),
            "history": visible_changes(request.user, _project_history(project)),
        },
    )


def _saved_name(row: Any) -> str:
    """'Saved: NAME' with the row's name as it is once saved (read when the message is
    shown, so an edited name is the new one)."""
    return lazy(lambda: _("Saved: %(name)s") % {"name": tables.name_of(row)}, str)()


def _save_plan_form(
    request: HttpRequest,
    form: Any,
    save: Callable[[], object],
    done: str,
    then: Callable[[object], HttpResponse],
    row: Model | None = None,
) -> HttpResponse | None:
    """:func:`clusterweb.locking.save_form` for an edit of the plan: a change that makes
    the plan invalid is refused with the plan's problems on the form (``row`` read again)."""

    def refuse(shown: Any, exc: Exception) -> None:
        if row is not None:
            row.refresh_from_db()
        shown.add_problems(cast(services.PlanInvalid, exc).problems)  # the one error refused

    return save_form(
        request,
        form,
        save,
        done,
        then,
        row=row,
        refused=(services.PlanInvalid,),
        show_refusal=refuse,
    )


@editor_required
def project_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change a project; the whole plan is checked before anything is saved."""
    project = access.get_project_rw_for_user(request.user, key)
    form = ProjectForm(request.POST or None, instance=project)
    done = _save_plan_form(
        request,
        form,
        lambda: services.update_project(
            project, request.user, form.project_fields(), form.costs(), read=form
        ),
        _saved_name(project),
        lambda _saved: redirect("planning:project", key=project.key),
        project,
    )
    return done or render(
        request,
        "planning/project_edit.html",
        {
            "title": _("Edit %(name)s") % {"name": tables.name_of(project)},
            "project": project,
            "form": form,
        },
    )


@editor_required
def business_case_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Add, change or remove a project's business case (checked with the whole plan)."""
    project = access.get_project_rw_for_user(request.user, key)
    form = BusinessCaseForm(request.POST or None, instance=project)
    case = form.business_case() if request.method == "POST" and form.is_valid() else None
    done = _save_plan_form(
        request,
        form,  # reading the case may have added errors: then nothing is saved
        lambda: services.update_business_case(project, request.user, case, read=form),
        _saved_name(project),
        lambda _saved: redirect("planning:project", key=project.key),
        project,
    )
    return done or render(
        request,
        "planning/business_case_edit.html",
        {
            "title": _("Business case of %(name)s") % {"name": tables.name_of(project)},
            "project": project,
            "form": form,
        },
    )


@editor_required
def phase_edit(request: HttpRequest, key: str, phase: str) -> HttpResponse:
    """Change a phase's name and years."""
    item = access.get_phase_rw_for_user(request.user, key, phase)
    form = PhaseForm(request.POST or None, instance=item)
    done = _save_plan_form(
        request,
        form,
        lambda: services.update_phase(item, request.user, form.cleaned_data, read=form),
        _saved_name(item),
        lambda _saved: redirect("planning:project", key=key),
        item,
    )
    return done or render(
        request,
        "planning/phase_edit.html",
        {"title": _("Edit %(name)s") % {"name": tables.name_of(item)}, "phase": item, "form": form},
    )


@reader_required
def assumptions(request: HttpRequest) -> HttpResponse:
    """Every assumption with its value, range and rationale, a section per area of the
    model (growth, finance, ...) with links to each at the top; one download of them all."""
    services.ensure_plan_loaded()
    items = list(Assumption.objects.all())
    tab = downloads.assumptions_table(services.current_plan(), action=can_edit_plan(request.user))
    by_area: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        by_area.setdefault(assumption_area(item.key), []).append(i)
    sections = [
        {
            "area": area,
            "table": {  # captioned by the area's words, which its heading shows too
                **tab,
                "caption": words("assumption.area", area, page_language()),
                "caption_hidden": True,  # its heading says it
                "rows": [tab["rows"][i] for i in by_area[area]],
                "download": None,
            },
            "assumptions": [items[i] for i in by_area[area]],
        }
        for area in ASSUMPTION_AREAS
        if area in by_area
    ]
    return render(
        request,
        "planning/assumptions.html",
        {"title": _("Assumptions"), "sections": sections, "tab": tab},
    )


@editor_required
def assumption_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change an assumption's value; checked like every plan edit."""
    item = access.get_assumption_rw_for_user(request.user, key)
    form = AssumptionForm(request.POST or None, instance=item)
    done = _save_plan_form(
        request,
        form,
        lambda: services.update_assumption(item, request.user, dict(form.cleaned_data), read=form),
        _("Saved: %(name)s") % {"name": item.key},
        lambda _saved: redirect("planning:assumptions"),
        item,
    )
    return done or render(
        request,
        "planning/assumption_edit.html",
        {
            "title": _("Edit %(name)s") % {"name": item.key},
            "assumption": item,
            "rationale": core.item_rationale(item, page_language()),
            "form": form,
        },
    )


def _commitment_form(request: HttpRequest, item: Commitment | None) -> HttpResponse:
    """The form of a new funding commitment (``item`` None) or of the one to change."""
    form = CommitmentForm(request.POST or None, instance=item)

    def save() -> None:
        fields = dict(form.cleaned_data)
        if item is None:
            services.create_commitment(request.user, fields)
        else:
            services.update_commitment(item, request.user, fields, read=form)

    done = _save_plan_form(
        request,
        form,
        save,
        _("Commitment added.") if item is None else _("Commitment saved."),
        lambda _saved: redirect("finance:index"),
        item,
    )
    return done or render(
        request,
        "planning/commitment_edit.html",
        {
            "title": _("Add a commitment") if item is None else _("Edit commitment"),
            "form": form,
            "commitment": item,
        },
    )


@editor_required
def commitment_add(request: HttpRequest) -> HttpResponse:
    """Add a funding commitment."""
    return _commitment_form(request, None)


@editor_required
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a funding commitment."""
    return _commitment_form(request, access.get_commitment_rw_for_user(request.user, pk))


@editor_required
@require_POST
def commitment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a funding commitment (it stays in the history and can be restored)."""
    item = access.get_commitment_rw_for_user(request.user, pk)
    read = CommitmentForm(instance=item)
    read.read_token = request.POST.get(VERSION_FIELD, "")
    try:
        services.delete_commitment(item, request.user, read=read)
    except services.PlanInvalid as exc:
        messages.error(request, " ".join(str(p) for p in exc.problems))
    except Stale as exc:
        for line in exc.messages():
            messages.error(request, line)
        return redirect("planning:commitment_edit", pk=pk)
    else:
        messages.success(request, _("Commitment deleted."))
    return redirect("finance:index")
