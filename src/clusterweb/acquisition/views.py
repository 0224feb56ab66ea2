"""The funnel: board by stage, list with filters, lead forms, moves, weighted pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from pydantic import ValidationError as PydanticError

from clusterplan.ecosystem import funnel
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.plan.schema import Plan
from clusterplan.report import funnel as core_funnel
from clusterplan.report.table import figure
from clusterweb.accounts.access import can_edit_plan, editor_required, reader_required
from clusterweb.acquisition import services
from clusterweb.acquisition.access import get_lead_for_user, get_lead_rw_for_user
from clusterweb.acquisition.constants import Stage
from clusterweb.acquisition.forms import LeadFilterForm, LeadForm, MoveForm, NewLeadForm
from clusterweb.acquisition.models import Lead
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded, settings_of
from clusterweb.errors import error_text, form_error_lines
from clusterweb.locking import Stale, save_form
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import taxonomy_choices, taxonomy_names
from clusterweb.presentation import MISSING, Table, download_from, page_language, table


def _form_kwargs() -> dict[str, object]:
    plan = current_plan()
    ensure_registry_loaded()
    return {
        "pillars": taxonomy_choices(plan, "pillars"),
        "organisations": [(o.key, o.name) for o in Organisation.objects.all()],
        "taxonomy": {
            "fills_segment": taxonomy_choices(plan, "segments"),
            "fills_technology": taxonomy_choices(plan, "technologies"),
            "fills_market": taxonomy_choices(plan, "markets"),
        },
    }


@reader_required
def board(request: HttpRequest) -> HttpResponse:
    """Leads by stage; editors move a lead with a select and a button (without any lead,
    one sentence instead of a column per stage saying it has none)."""
    leads = list(Lead.objects.all())
    columns = [
        {"stage": value, "label": label, "leads": [x for x in leads if x.stage == value]}
        for value, label in Stage.choices
    ]
    return render(
        request,
        "acquisition/board.html",
        {
            "title": _("Acquisition funnel"),
            "columns": columns,
            "has_leads": bool(leads),
            "can_edit": can_edit_plan(request.user),
            "stages": Stage.choices,
            "today": date.today(),
        },
    )


def _organisation_names() -> dict[str, str]:
    """The registry's organisations: key -> name."""
    ensure_registry_loaded()
    return dict(Organisation.objects.values_list("key", "name"))


def _source_text(lead: Lead, organisations: dict[str, str]) -> str:
    """Where a lead came from, in words: its source and, for a lead through a present firm,
    that firm's name (its key only when the registry no longer holds it)."""
    source = str(lead.get_source_display())
    via = lead.via_organisation
    return f"{source} ({organisations.get(via, via)})" if via else source


def _outlook(lead: Lead, settings: EcosystemSettings) -> tuple[float, int | None, bool]:
    """The probability and landing year the pipeline counts a lead with (the core's rules:
    its own, else its stage's), and whether the year is assumed from the stage; raises the
    core's refusal (pydantic's ValidationError) for a stored lead the core cannot read."""
    core = services.to_core(lead)
    year, assumed = funnel.landing_year(core, settings, date.today().year)
    return funnel.probability(core, settings), year, assumed


def _landing_year(lead: Lead, settings: EcosystemSettings) -> tuple[int | None, bool]:
    """The landing year the list shows (:func:`_outlook`); a lead the core cannot read
    keeps its own year (its page says why the core refuses it)."""
    try:
        return _outlook(lead, settings)[1:]
    except PydanticError:
        return lead.landing_year, False


def _lead_table(leads: Sequence[Lead]) -> Table:
    """The leads as a table, each company a link to its lead; the landing year is the one
    the pipeline counts, '*' after one assumed from the stage (its note says so)."""
    organisations = _organisation_names()
    settings = settings_of(current_plan())
    years = {lead.pk: _landing_year(lead, settings) for lead in leads}
    rows = [
        [
            lead.company,
            _source_text(lead, organisations),
            lead.get_stage_display(),
            lead.owner or MISSING,
            (lead.next_action or MISSING)
            + (
                f" ({date_format(lead.next_action_date, 'SHORT_DATE_FORMAT')})"
                if lead.next_action_date
                else ""
            ),
            core_funnel.landing_year_cell(*years[lead.pk]),
        ]
        for lead in leads
    ]
    leads_table = table(
        _("Leads"),
        [_("Company"), _("Source"), _("Stage"), _("Owner"), _("Next action"), _("Landing year")],
        rows,
        words=True,
        slug="leads",
    )
    assumed = any(assumed for _year, assumed in years.values())
    return {
        **leads_table,
        "notes": [core_funnel.assumed_note(page_language())] if assumed else [],
        "id": "lead-list",
        "links": [reverse("acquisition:detail", args=[lead.key]) for lead in leads],
        "empty": _("No leads"),
    }


@reader_required
def lead_list(request: HttpRequest) -> HttpResponse:
    """Leads with filters by source, stage and owner."""
    form = LeadFilterForm(request.GET or None)
    leads = Lead.objects.all()
    if form.is_valid():
        for name in ("source", "stage"):
            if form.cleaned_data[name]:
                leads = leads.filter(**{name: form.cleaned_data[name]})
        if form.cleaned_data["owner"]:
            leads = leads.filter(owner__icontains=form.cleaned_data["owner"])
    return render(
        request,
        "acquisition/list.html",
        {
            "title": _("Leads"),
            "form": form,
            "tab": _lead_table(list(leads)),
            "can_edit": can_edit_plan(request.user),
        },
    )


def _outlook_facts(lead: Lead, plan: Plan) -> dict[str, Any]:
    """What the pipeline counts the lead with: its probability and landing year (cells of
    the core's pipeline table) and, when the year is assumed from the stage, the note; for
    a stored lead the core cannot read, why (``refusal``), so an editor can correct it."""
    try:
        probability, year, assumed = _outlook(lead, settings_of(plan))
    except PydanticError as exc:
        own = core_funnel.landing_year_cell(lead.landing_year, False)
        unknown = figure(None, "", printed=False)
        refusal = error_text(exc, services.field_labels())
        return {"refusal": refusal, "landing_year": own, "probability": unknown}
    return {
        "probability": figure(
            probability, "", printed=False, decimals=core_funnel.PROBABILITY_DECIMALS
        ),
        "landing_year": core_funnel.landing_year_cell(year, assumed),
        "note": core_funnel.assumed_note(page_language()) if assumed else None,
    }


@reader_required
def lead_detail(request: HttpRequest, key: str) -> HttpResponse:
    """A lead with its stage history."""
    lead = get_lead_for_user(request.user, key)
    plan = current_plan()
    pillars = taxonomy_names(plan, "pillars")
    fills = (
        (taxonomy_names(plan, "segments"), lead.fills_segment),
        (taxonomy_names(plan, "technologies"), lead.fills_technology),
        (taxonomy_names(plan, "markets"), lead.fills_market),
    )
    return render(
        request,
        "acquisition/detail.html",
        {
            "title": lead.company,
            "lead": lead,
            "source": _source_text(lead, _organisation_names()),
            "expected_jobs": [(pillars.get(p, p), n) for p, n in lead.expected_jobs.items()],
            "outlook": _outlook_facts(lead, plan),
            "fills": [names.get(item, item) for names, item in fills if item],
            "moves": lead.moves.select_related("by"),
            "can_edit": can_edit_plan(request.user),
            "move_form": MoveForm(initial={"stage": lead.stage, "from_stage": lead.stage}),
        },
    )


@editor_required
def lead_add(request: HttpRequest) -> HttpResponse:
    """A new lead."""
    form = NewLeadForm(request.POST or None, **_form_kwargs())  # type: ignore[arg-type]

    def create() -> Lead:
        fields = form.lead_fields()
        stage = fields.pop("first_stage")
        return services.create_lead(request.user, fields, stage, date.today())

    done = save_form(
        request,
        form,
        create,
        _("Lead added."),
        lambda lead: redirect("acquisition:detail", key=lead.key),
    )
    return done or render(request, "acquisition/form.html", {"form": form, "title": _("New lead")})


@editor_required
def lead_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change a lead (its stage changes by a move)."""
    lead = get_lead_rw_for_user(request.user, key)
    form = LeadForm(request.POST or None, instance=lead, **_form_kwargs())  # type: ignore[arg-type]
    done = save_form(
        request,
        form,
        lambda: services.update_lead(lead, request.user, form.lead_fields(), read=form),
        _("Lead saved."),
        lambda _saved: redirect("acquisition:detail", key=lead.key),
        row=lead,
    )
    return done or render(request, "acquisition/form.html", {"form": form, "title": lead.company})


@editor_required
@require_POST
def move(request: HttpRequest, key: str) -> HttpResponse:
    """Move a lead to another stage (kept in the stage history and the platform's history)."""
    lead = get_lead_rw_for_user(request.user, key)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_lead(
                lead,
                request.user,
                form.cleaned_data["stage"],
                form.cleaned_data["on"],
                read=services.StageRead(
                    lead, form.cleaned_data["from_stage"], form.cleaned_data["stage"]
                ),
            )
        except ValueError as exc:  # a message on its own: the core's reason as a sentence
            messages.error(request, capfirst(error_text(exc, services.field_labels())))
        except Stale as exc:
            for line in exc.messages():
                messages.error(request, line)
        else:
            messages.success(
                request,
                _("%(company)s moved to %(stage)s.")
                % {"company": lead.company, "stage": Stage(lead.stage).label},
            )
    else:  # what is wrong with which field, as the API says it
        for line in form_error_lines(form):
            messages.error(request, line)
    target = request.POST.get("next")
    if target == "detail":
        return redirect("acquisition:detail", key=lead.key)
    return redirect("acquisition:board")


@reader_required
def pipeline(request: HttpRequest) -> HttpResponse:
    """The weighted pipeline, the share of the acquisition gap it covers, conversion stats."""
    return render(
        request,
        "acquisition/pipeline.html",
        {"title": _("Weighted pipeline"), **services.pipeline_context()},
    )


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the pipeline page as CSV or XLSX."""
    return download_from(services.pipeline_context()["tables"], slug, fmt)
