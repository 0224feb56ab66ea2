"""Registry, import, white spots, concentration (logged in) and the public showcase."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.ecosystem.whitespots import Axis, needed_parts
from clusterplan.model.growth import GrowthError
from clusterplan.plan import parts
from clusterplan.report import whitespots as whitespot_words
from clusterplan.report.table import figure
from clusterplan.report.tables import JOBS, MONEY
from clusterweb.accounts.access import can_edit_plan, editor_required, reader_required
from clusterweb.ecosystem import background, services
from clusterweb.ecosystem.access import (
    filter_organisation,
    get_organisation_for_user,
    hidden_organisation_fields,
    sees_every_confidential_field,
)
from clusterweb.ecosystem.constants import CONFIDENTIAL_FIELDS
from clusterweb.ecosystem.forms import (
    AxisForm,
    DepartureForm,
    ImportForm,
    RegistryFilterForm,
    ShowcaseForm,
)
from clusterweb.ecosystem.models import Organisation
from clusterweb.errors import error_text
from clusterweb.imports import PREVIEWED, ImportPage, action_text, import_page, preview_table
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import TaxonomyKind, taxonomy_names
from clusterweb.presentation import MISSING, Table, download_from, page_language, table
from clusterweb.tasks import services as tasks

SESSION_KEY = "ecosystem_import"


@reader_required
def registry(request: HttpRequest) -> HttpResponse:
    """Every organisation; editors also see the confidential jobs and revenue."""
    services.ensure_registry_loaded()
    form = RegistryFilterForm(request.GET or None)
    rows = Organisation.objects.all()
    if form.is_valid():
        if form.cleaned_data["q"]:
            rows = rows.filter(services.search(form.cleaned_data["q"]))
        if form.cleaned_data["kind"]:
            rows = rows.filter(kind=form.cleaned_data["kind"])
    hidden = hidden_organisation_fields(request.user, None)
    figures = [f for f in ("jobs", "revenue_meur") if f not in hidden]
    labels = {"jobs": _("Jobs"), "revenue_meur": _("Revenue (M EUR)")}
    units = {"jobs": JOBS, "revenue_meur": MONEY}
    columns = [_("Organisation"), _("Kind"), _("Place"), _("Segments"), _("Pillars")]
    columns += [labels[f] for f in figures]
    plan = current_plan()
    segment_names = taxonomy_names(plan, "segments")
    pillar_names = taxonomy_names(plan, "pillars")
    body = []
    for row in rows:
        shown = filter_organisation(request.user, row.key, {f: getattr(row, f) for f in figures})
        line = [
            row.name,
            row.get_kind_display(),
            row.place or "?",
            ", ".join(segment_names.get(s, s) for s in row.segments) or MISSING,
            ", ".join(pillar_names.get(p, p) for p in row.pillars) or MISSING,
        ]
        # each figure in its unit, as the organisation's page writes it
        body.append(line + [figure(shown.get(f), units[f]) for f in figures])
    tab = table(
        _("Registry of organisations"),
        columns,
        body,
        numeric=[False] * 5 + [True] * (len(columns) - 5),
        slug="registry",
    )
    return render(
        request,
        "ecosystem/registry.html",
        {
            "title": _("Registry of organisations"),
            "form": form,
            "table": tab,
            "keys": [row.key for row in rows],
            "can_edit": can_edit_plan(request.user),
        },
    )


def organisation(request: HttpRequest, key: str) -> HttpResponse:
    """One organisation: public fields for readers; confidential ones for editors and the
    organisation's own partner users."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    row = get_organisation_for_user(request.user, key)
    plan = current_plan()
    active_in: dict[str, list[str]] = {}  # by the plan's names in the page's language
    kinds: tuple[TaxonomyKind, ...] = ("segments", "technologies", "markets")
    for kind in kinds:
        names = taxonomy_names(plan, kind)
        active_in[kind] = [names.get(item, item) for item in getattr(row, kind)]
    return render(
        request,
        "ecosystem/organisation.html",
        {
            "title": row.name,
            "org": row,
            **active_in,
            "confidential": not hidden_organisation_fields(request.user, row.key)
            & set(CONFIDENTIAL_FIELDS),
        },
    )


def _commit(
    request: HttpRequest, stored: dict[str, Any], data: bytes
) -> services.ImportPreview | HttpResponse:
    """Write the confirmed file; a large one is written by the background worker."""
    if stored.get("rows", 0) > settings.CLUSTERWEB_IMPORT_TASK_THRESHOLD:
        # The task's page shows progress.
        previewed = {PREVIEWED: stored.get(PREVIEWED)}  # the worker compares what it writes
        record = tasks.start_task(
            request.user, background.IMPORT, name=stored["name"], data=stored["data"], **previewed
        )
        return redirect(tasks.task_url(record))
    return services.commit_import(request.user, stored["name"], data)


@editor_required
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload, preview (what matches, what is created, every problem), then commit."""
    return import_page(request, IMPORT)


def _preview_table(rows: list[dict[str, Any]]) -> Table:
    """The rows of an import file shown in the preview: the row, the name given and what
    importing it does; ``ecosystem/_import_rows.html`` adds the match and the changes."""
    tab = table(
        _("Rows of the file"),
        [_("Row"), _("Name in the file"), _("Action"), _("Matched"), _("Changes")],
        [
            [str(r["row"]), r["given"], f"{action_text(r['action'])} ({r['organisation']})"]
            for r in rows
        ],
        words=True,
    )
    return preview_table(tab)


def _preview_context(result: services.ImportPreview) -> dict[str, object]:
    """A preview for the page: counts of the whole file, the first rows and problems."""
    rows = services.preview_rows(result)
    problems = services.preview_problems(result)
    return {
        "preview": result,
        "rows": rows,
        "table": _preview_table(rows),
        "problems": problems,
        "summary": result.summary(page_language()),
        "counts": {"problems": len(result.problems), "rows": len(result.outcomes)},
        "rows_cut": len(rows) < len(result.outcomes),
        "problems_cut": len(problems) < len(result.problems),
    }


IMPORT = ImportPage(
    session_key=SESSION_KEY,
    template="ecosystem/import.html",
    form=ImportForm,
    page="ecosystem:import",
    done="ecosystem:registry",
    preview=lambda _form, name, data: services.preview(name, data),
    commit=_commit,
    planned=services.planned,
    unreadable=services.table_error_message,
    keep=lambda _form, result: {"rows": len(result.outcomes)},
    shown=_preview_context,
    context={"title": gettext_lazy("Import organisations")},
)


@reader_required
def whitespots(request: HttpRequest) -> HttpResponse:
    """Segment x technology (or market) matrix, a heatmap over its table, with the plan's
    judgements next to it."""
    form = AxisForm(request.GET or None)
    axis = form.cleaned_data.get("axis") if form.is_valid() else ""
    heatmap, judgements, legend = services.whitespot_chart(
        axis or Axis.TECHNOLOGIES,
        sees_every_confidential_field(request.user),
        "ecosystem:whitespots_download",
    )
    return render(
        request,
        "ecosystem/whitespots.html",
        {
            "title": _("White spots"),
            "form": form,
            "chart": heatmap,
            "judgements": judgements,
            "legend": legend,
            "judgements_heading": whitespot_words.judgements_heading(page_language()),
        },
    )


@reader_required
def whitespots_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The white-spot table of either axis as CSV or XLSX, as the user may see it (its
    jobs only for those who see every confidential field)."""
    with_jobs = sees_every_confidential_field(request.user)
    plan = current_plan()
    charts = {
        axis.value: services.whitespot_chart(axis, with_jobs)[0]["table"]
        for axis in Axis
        if not parts.missing(plan, needed_parts(axis))  # the other axis's table still comes
    }
    return download_from(charts, slug, fmt)


@reader_required
def concentration(request: HttpRequest) -> HttpResponse:
    """Single points of failure; for editors also pillar shares and a departure what-if."""
    editor = can_edit_plan(request.user)
    data = services.concentration_tables(sees_every_confidential_field(request.user))
    context: dict[str, object] = {
        "title": _("Concentration risk"),
        "data": data,
        "can_edit": editor,
    }
    if editor and "empty" not in data:  # no organisation that can leave: no form
        choices = [(o.key, o.name) for o in Organisation.objects.all()]
        form = DepartureForm(request.GET or None, organisations=choices)
        context["form"] = form
        if form.is_valid():
            try:
                context["departure"] = services.departure_rows(
                    form.cleaned_data["leave"], form.cleaned_data["from_year"]
                )
            except GrowthError as exc:
                form.add_error(form.FIELD_OF_CODE.get(exc.code), error_text(exc))
    return render(request, "ecosystem/concentration.html", context)


def showcase(request: HttpRequest) -> HttpResponse:
    """The public digital showcase: organisations, capabilities, collaboration
    opportunities and flagship projects; searchable and filterable; no confidential field."""
    form = ShowcaseForm(request.GET or None, choices=services.taxonomy_choices())
    filters = services.ShowcaseFilters()
    if form.is_valid():
        filters = services.ShowcaseFilters(**form.cleaned_data)
    return render(
        request,
        "ecosystem/showcase.html",
        {
            "title": _("Showcase of the cluster"),
            "form": form,
            "organisations": services.showcase_organisations(filters),
            "projects": services.flagship_projects(date.today()),
            "searched": bool(request.GET),
        },
    )
