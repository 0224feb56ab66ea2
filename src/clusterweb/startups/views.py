"""The start-up portfolio: aggregates, the list, a start-up's page, its forms, the import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clusterplan.ecosystem import startup_import as importing
from clusterplan.ecosystem.startup_import import NEEDED_FOR_NEW
from clusterweb.accounts.access import (
    can_edit_plan,
    can_read_plan,
    editor_required,
    reader_required,
)
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.errors import error_text, form_error_lines
from clusterweb.imports import ImportPage, action_text, import_page, preview_table
from clusterweb.locking import save_form
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import taxonomy_choices, taxonomy_names
from clusterweb.presentation import MISSING, Table, download_from, num, page_language, table
from clusterweb.startups import services
from clusterweb.startups.access import (
    aggregates_restricted,
    get_startup_for_user,
    get_startup_rw_for_user,
    sees_figures,
    visible_startups,
)
from clusterweb.startups.constants import FundingKind, Programme, Stage, Status
from clusterweb.startups.forms import (
    FundingRoundForm,
    ImportForm,
    JobsYearForm,
    MilestoneForm,
    NewStartUpForm,
    StartUpForm,
)

SESSION_KEY = "startups_import"


def _form_kwargs() -> dict[str, Any]:
    plan = current_plan()
    ensure_registry_loaded()
    return {
        "organisations": [(o.key, o.name) for o in Organisation.objects.all()],
        "pillars": taxonomy_choices(plan, "pillars"),
        "segments": taxonomy_choices(plan, "segments"),
    }


@reader_required
def portfolio(request: HttpRequest) -> HttpResponse:
    """Active start-ups by cohort, survival, jobs and funding (under the disclosure rule)."""
    context = services.portfolio_context(aggregates_restricted(request.user))
    context["can_edit"] = can_edit_plan(request.user)
    return render(request, "startups/portfolio.html", {"title": _("Start-up portfolio"), **context})


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the portfolio as CSV or XLSX (as the user may see it)."""
    tables = services.portfolio_context(aggregates_restricted(request.user))["tables"]
    return download_from(tables, slug, fmt)


def startup_list(request: HttpRequest) -> HttpResponse:
    """The start-ups the user may see: readers all, a partner its own organisation's."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    startups = list(visible_startups(request.user))
    names = taxonomy_names(current_plan(), "pillars")
    rows = [
        [
            r.name,
            Stage(r.stage).label,
            Programme(r.programme).label,
            str(r.founded),
            Status(r.status).label + (f" ({r.status_year})" if r.status_year else ""),
            names.get(r.pillar, r.pillar or MISSING),
        ]
        for r in startups
    ]
    startups_table = table(
        _("Start-ups"),
        [_("Name"), _("Stage"), _("Support programme"), _("Founded in"), _("Status"), _("Pillar")],
        rows,
        words=True,
        slug="startups",
    )
    return render(
        request,
        "startups/list.html",
        {
            "title": _("Start-ups"),
            "tab": {
                **startups_table,
                "id": "startup-list",
                "links": [reverse("startups:detail", args=[r.key]) for r in startups],
                "empty": _("No start-ups yet."),
            },
            "can_edit": can_edit_plan(request.user),
            "can_read": can_read_plan(request.user),
        },
    )


def detail(request: HttpRequest, key: str) -> HttpResponse:
    """A start-up: its profile and milestones for readers; its jobs and funding only for
    editors and the partner users of its organisation."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    row = get_startup_for_user(request.user, key)
    figures = sees_figures(request.user, row)
    plan = current_plan()
    context: dict[str, Any] = {
        "title": row.name,
        "startup": row,
        "stage": Stage(row.stage).label,
        "programme": Programme(row.programme).label,
        "status": Status(row.status).label,
        "pillar": taxonomy_names(plan, "pillars").get(row.pillar, ""),
        "segment": taxonomy_names(plan, "segments").get(row.segment, ""),
        "organisation": Organisation.objects.filter(key=row.organisation).first(),
        "milestones": row.milestones.all(),
        "figures": figures,
        "can_edit": can_edit_plan(request.user),
        "can_read": can_read_plan(request.user),
    }
    if figures:
        context["jobs"] = [{"year": j.year, "jobs": num(j.jobs, 0)} for j in row.jobs.all()]
        context["rounds"] = [
            {
                "on": r.on,
                "amount": num(r.amount_meur, 2),
                "kind": FundingKind(r.kind).label,
                "investors": r.investors,
            }
            for r in row.rounds.all()
        ]
    if context["can_edit"]:
        context["round_form"] = FundingRoundForm(founded=row.founded)
        context["jobs_form"] = JobsYearForm(founded=row.founded)
        context["milestone_form"] = MilestoneForm()
    return render(request, "startups/detail.html", context)


@editor_required
def startup_add(request: HttpRequest) -> HttpResponse:
    """A new start-up."""
    form = NewStartUpForm(request.POST or None, **_form_kwargs())
    done = save_form(
        request,
        form,
        lambda: services.create_startup(request.user, dict(form.cleaned_data)),
        _("Start-up added."),
        lambda row: redirect("startups:detail", key=row.key),
    )
    return done or render(request, "startups/form.html", {"form": form, "title": _("New start-up")})


@editor_required
def startup_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change a start-up's profile (versioned: a stale form is refused)."""
    row = get_startup_rw_for_user(request.user, key)
    form = StartUpForm(request.POST or None, instance=row, **_form_kwargs())
    done = save_form(
        request,
        form,
        lambda: services.update_startup(row, request.user, dict(form.cleaned_data), read=form),
        _("Start-up saved."),
        lambda _saved: redirect("startups:detail", key=row.key),
        row=row,
    )
    return done or render(request, "startups/form.html", {"form": form, "title": row.name})


def _child(
    request: HttpRequest,
    key: str,
    form_class: type[Any],
    save: Any,
    done: str,
    *,
    dated: bool = False,
) -> HttpResponse:
    """Add or set a row of a start-up by ``form_class`` (``dated``: a
    :class:`~clusterweb.startups.forms.DatedForm`, given the founding year)."""
    row = get_startup_rw_for_user(request.user, key)
    form = form_class(request.POST, founded=row.founded) if dated else form_class(request.POST)
    if form.is_valid():
        try:
            save(request.user, row, form.cleaned_data)
        except (ValueError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, done)
    else:
        for line in form_error_lines(form):
            messages.error(request, line)
    return redirect("startups:detail", key=row.key)


@editor_required
@require_POST
def add_round(request: HttpRequest, key: str) -> HttpResponse:
    """Add a funding round."""
    return _child(
        request, key, FundingRoundForm, services.add_round, _("Funding round added."), dated=True
    )


@editor_required
@require_POST
def set_jobs(request: HttpRequest, key: str) -> HttpResponse:
    """Set a year's jobs."""
    return _child(
        request,
        key,
        JobsYearForm,
        lambda u, r, d: services.set_jobs(u, r, d["year"], d["jobs"]),
        _("Jobs saved."),
        dated=True,
    )


@editor_required
@require_POST
def add_milestone(request: HttpRequest, key: str) -> HttpResponse:
    """Add a milestone."""
    return _child(request, key, MilestoneForm, services.add_milestone, _("Milestone added."))


def _outcomes_table(preview: services.ImportPreview) -> Table:
    """What the import does with each row of the file; a row's changes one per line."""
    lang = page_language()
    rows = [
        [
            outcome["row"],
            outcome["name"],
            action_text(outcome["action"]),
            # as the file holds them: a stage by its words, ja/nee, as the organisations'
            "\n".join(
                f"{c['field']}: {importing.written(c['field'], c['old'], lang)} → "
                f"{importing.written(c['field'], c['new'], lang)}"
                for c in outcome["changes"]
            )
            or MISSING,
        ]
        for outcome in preview.outcomes
    ]
    outcomes = table(
        _("Rows of the file"),
        [_("Row"), _("Start-up"), _("Action"), _("Changes")],
        rows,
        words=True,
        slug="import-preview",
    )
    return preview_table(outcomes)


IMPORT = ImportPage(
    session_key=SESSION_KEY,
    template="startups/import.html",
    form=ImportForm,
    page="startups:import",
    done="startups:list",
    preview=lambda form, name, data: services.preview(form.cleaned_data["kind"], name, data),
    commit=lambda request, stored, data: services.commit_import(
        request.user, stored["kind"], stored["name"], data
    ),
    planned=services.ImportPreview.planned,
    unreadable=lambda exc: str(services.table_error(exc)),
    keep=lambda form, _result: {"kind": form.cleaned_data["kind"]},
    shown=lambda preview: {"preview": preview, "outcomes": _outcomes_table(preview)},
    context={
        "title": gettext_lazy("Import start-ups"),
        "columns": lazy(services.import_columns, list)(),
        "needed": ", ".join(NEEDED_FOR_NEW),
    },
)


@editor_required
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload, preview (every change and every problem), then commit every row or none."""
    return import_page(request, IMPORT)
