"""Monitoring pages: dashboard, one indicator, stored figures, import, one figure, a partner's
own figures, downloads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.report.messages import msg
from clusterplan.report.tables import NAMED_SUBJECT_KINDS
from clusterweb.accounts.access import (
    can_edit_plan,
    editor_required,
    partner_organisations,
    reader_required,
)
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.imports import PREVIEW_ROWS, ImportPage, import_page
from clusterweb.locking import save_form
from clusterweb.monitoring import pages, services
from clusterweb.monitoring.access import (
    get_actual_rw_for_user,
    require_partner_or_editor,
    visible_actuals,
)
from clusterweb.monitoring.forms import ActualForm, ImportForm, NewActualForm, PartnerForm
from clusterweb.monitoring.report_views import report_form
from clusterweb.planning.services import current_plan
from clusterweb.presentation import download_from, missing_part, page_language, shown

SESSION_KEY = "monitoring_import"
TITLE = gettext_lazy("Monitoring")


def _without_monitoring(request: HttpRequest, title: object = TITLE) -> HttpResponse | None:
    """The page of a plan without a monitoring part: the one line saying so (which part,
    the file to add it to), instead of a page that needs its indicators; None when the plan
    has it."""
    refusal = missing_part(current_plan(), "monitoring")
    if refusal is None:
        return None
    return render(request, "monitoring/missing.html", {"title": title, "refusal": refusal})


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """Per indicator the latest status and gap; the nowcast panel (one line for a plan
    without a monitoring part)."""
    if (missing := _without_monitoring(request)) is not None:
        return missing
    return render(
        request,
        "monitoring/index.html",
        {
            "title": TITLE,
            **pages.dashboard(request.user),
            "can_edit": can_edit_plan(request.user),
            "report_form": report_form(request.user),
        },
    )


@reader_required
def indicator(request: HttpRequest, key: str) -> HttpResponse:
    """One indicator: plan path against actual path (and the ensemble band), the table."""
    if missing_part(current_plan(), "monitoring") is not None:
        raise Http404
    page = pages.indicator_page(request.user, key, request.GET.get("subject") or None)
    return render(
        request,
        "monitoring/indicator.html",
        {
            "title": page["label"],
            **page,
            "can_edit": can_edit_plan(request.user),
        },
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the monitoring pages as CSV or XLSX (the same figures the pages show)."""
    if missing_part(current_plan(), "monitoring") is not None:
        raise Http404
    return download_from(pages.all_tables(request.user), slug, fmt)


@reader_required
def actuals(request: HttpRequest) -> HttpResponse:
    """The stored figures this user may see one by one (editors: every figure, with links
    to correct them)."""
    rows = pages.in_plan_order(visible_actuals(request.user))
    can_edit = can_edit_plan(request.user)
    return render(
        request,
        "monitoring/actuals.html",
        {
            "title": _("Stored figures"),
            "rows": rows,
            "table": pages.actuals_table(rows, can_edit),
            "can_edit": can_edit,
        },
    )


def _imported(result: services.ImportPreview) -> str:
    return _("Imported: %(create)s added, %(update)s changed, %(same)s unchanged.") % {
        "create": shown(result.count("create")),
        "update": shown(result.count("update")),
        "same": shown(result.count("unchanged")),
    }


IMPORT = ImportPage(
    session_key=SESSION_KEY,
    template="monitoring/import.html",
    form=ImportForm,
    page="monitoring:import",
    done="monitoring:actuals",
    preview=lambda _form, name, data: services.preview(name, data),
    commit=lambda request, stored, data: services.commit_import(request.user, stored["name"], data),
    planned=services.ImportPreview.planned,
    shown=lambda result: {
        "preview": result,
        "table": pages.import_preview_table(result),
        "rows_cut": len(result.rows) > PREVIEW_ROWS,
        "shown_rows": PREVIEW_ROWS,
    },
    message=_imported,
    context={"title": gettext_lazy("Import figures"), "can_edit": True},
)


@editor_required
def import_view(request: HttpRequest) -> HttpResponse:
    """Upload, preview (every figure, what it creates or changes, every problem), commit;
    for a plan without a monitoring part the line saying so (no figure could be read)."""
    if (missing := _without_monitoring(request, IMPORT.context["title"])) is not None:
        return missing
    return import_page(request, IMPORT)


def _new_form_kwargs() -> dict[str, object]:
    """The plan's indicators and the subjects they can have (only the kinds of subject
    its indicators are about: no education level without an indicator per level)."""
    plan = current_plan()
    indicators = services.indicators(plan)
    kinds = {i.subject for i in indicators}
    subjects: list[tuple[str, str]] = []
    for kind in NAMED_SUBJECT_KINDS:
        if kind in kinds:
            subjects += services.subject_choices(plan, kind)
    return {
        "indicators": [(i.id, services.label(i)) for i in indicators],
        "subjects": subjects,
    }


def _show_refusal(form: forms.BaseForm, exc: Exception) -> None:
    """A refused figure: each problem at its field (at the top when the form has no such
    field); a refusal of the database as it is."""
    if isinstance(exc, services.FigureInvalid):
        for problem in exc.problems:
            target = problem.column if problem.column in form.fields else None
            form.add_error(target, problem.reason)
    else:
        form.add_error(None, exc)


@editor_required
def add(request: HttpRequest) -> HttpResponse:
    """Add one figure (for a plan without a monitoring part the line saying so: it has no
    indicator to add a figure to)."""
    if (missing := _without_monitoring(request, _("Add a figure"))) is not None:
        return missing
    ensure_registry_loaded()
    form = NewActualForm(request.POST or None, **_new_form_kwargs())  # type: ignore[arg-type]
    done = save_form(
        request,
        form,
        lambda: services.create_actual(request.user, form.cleaned_data),
        _("Figure added."),
        lambda _saved: redirect("monitoring:actuals"),
        refused=(services.FigureInvalid, ValidationError),
        show_refusal=_show_refusal,
    )
    return done or render(
        request,
        "monitoring/form.html",
        {"form": form, "title": _("Add a figure"), "can_edit": True},
    )


@editor_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one figure's value, source or date received."""
    row = get_actual_rw_for_user(request.user, pk)
    form = ActualForm(request.POST or None, instance=row)
    done = save_form(
        request,
        form,
        lambda: services.update_actual(row, request.user, form.cleaned_data, read=form),
        _("Figure saved."),
        lambda _saved: redirect("monitoring:actuals"),
        row=row,
        refused=(services.FigureInvalid, ValidationError),
        show_refusal=_show_refusal,
    )
    return done or render(
        request,
        "monitoring/form.html",
        {"form": form, "title": pages.figure_name(current_plan(), row), "can_edit": True},
    )


def _partner_figures(plan: object) -> list[tuple[str, str, str, str]]:
    """(field name, indicator, subject, label) for every figure a partner may submit."""
    out = []
    for ind in services.partner_indicators(plan):  # type: ignore[arg-type]
        subjects = services.subject_choices(plan, ind.subject)  # type: ignore[arg-type]
        if not subjects:  # the cluster total, in the core's word (as its tables name it)
            subjects = [("", msg("total", page_language()))]
        for subject, name in subjects:
            field = f"{ind.id}__{subject or 'total'}"
            out.append(
                (field, ind.id, subject, f"{services.label(ind)}: {name} ({services.unit(ind)})")
            )
    return out


def submit(request: HttpRequest) -> HttpResponse:
    """A partner submits its own organisation's figures for a year; it sees its own
    submissions (and never another organisation's). For a plan without a monitoring part
    the line saying so (which part, the file to add it to), as the other monitoring pages
    give it: it has no indicator to submit a figure for."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    own = require_partner_or_editor(request.user)
    plan = current_plan()
    refusal = missing_part(plan, "monitoring")
    if refusal is not None:  # the line the other monitoring pages give: nothing to submit
        return render(
            request, "monitoring/submit.html", {"title": _("Our figures"), "refusal": refusal}
        )
    ensure_registry_loaded()
    organisations = list(Organisation.objects.filter(key__in=own))
    figures = _partner_figures(plan)
    form = PartnerForm(
        request.POST or None,
        organisations=[(o.key, o.name) for o in organisations],
        figures=[(f, text, "") for f, _i, _s, text in figures],
    )
    if request.method == "POST" and form.is_valid():
        organisation = next(o for o in organisations if o.key == form.cleaned_data["organisation"])
        values = {
            (ind, subject): form.cleaned_data[f]
            for f, ind, subject, _text in figures
            if form.cleaned_data.get(f) is not None
        }
        if not values:
            form.add_error(None, _("Enter at least one figure."))
        else:
            try:
                count = services.submit_partner_figures(
                    request.user, organisation, form.cleaned_data["year"], values
                )
            except services.FigureInvalid as exc:  # each problem at the field it is about
                field_of = {(ind, subject): f for f, ind, subject, _text in figures}
                said: set[tuple[str | None, str]] = set()
                for key, problems in exc.by_figure.items():
                    for problem in problems:
                        name = field_of[key] if problem.column == "value" else problem.column
                        target = name if name in form.fields else None
                        if (target, problem.reason) not in said:
                            said.add((target, problem.reason))
                            form.add_error(target, problem.reason)
            else:
                messages.success(
                    request, _("%(count)s figures received.") % {"count": shown(count)}
                )
                return redirect("monitoring:submit")
    return render(
        request,
        "monitoring/submit.html",
        {
            "title": _("Our figures"),
            "form": form,
            "min_organisations": services.min_organisations(),
            "table": pages.own_figures_table(request.user),
            "partner": partner_organisations(request.user),
        },
    )
