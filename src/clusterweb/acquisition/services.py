"""Funnel services: leads to the core, moves kept in history, the weighted pipeline, the gap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from pydantic import ValidationError as PydanticError

from clusterplan.app import funnel
from clusterplan.ecosystem import Lead as CoreLead
from clusterplan.ecosystem import StageMove as CoreMove
from clusterplan.ecosystem import weighted_pipeline
from clusterplan.ecosystem.funnel import LEAD_EDIT_FIELDS
from clusterplan.ecosystem.growth_link import PipelineCover, pipeline_cover
from clusterplan.plan.schema import Plan
from clusterplan.report import funnel as core_funnel
from clusterweb.acquisition.constants import Stage
from clusterweb.acquisition.models import Lead, StageMove
from clusterweb.ecosystem.services import settings_of
from clusterweb.errors import error_text
from clusterweb.fields import unused_key
from clusterweb.history.services import record_create, record_fields, record_update
from clusterweb.locking import Changed, ReadVersion, claim
from clusterweb.planning.services import current_plan, goal_note
from clusterweb.planning.tables import taxonomy_names
from clusterweb.presentation import Table, bar_spec, chart, page_language, web_table

EDIT_FIELDS = LEAD_EDIT_FIELDS
DOWNLOAD = "acquisition:download"


def to_core(lead: Lead) -> CoreLead:
    """A stored lead as the core's ``Lead``; raises the core's refusal (pydantic's
    ValidationError) for one stored against its rules."""
    return CoreLead.model_validate(stored_fields(lead))


def stored_fields(lead: Lead) -> dict[str, Any]:
    """A stored lead's fields under the core's names (what :func:`to_core` reads)."""
    return {
        "id": lead.key,
        "company": lead.company,
        "source": lead.source,
        "via_organisation": lead.via_organisation or None,
        "stage": lead.stage,
        "owner": lead.owner or None,
        "next_action": lead.next_action or None,
        "next_action_date": lead.next_action_date,
        "expected_jobs": dict(lead.expected_jobs or {}),
        "area_m2": lead.area_m2,
        "capex_meur": lead.capex_meur,
        "fills_segment": lead.fills_segment or None,
        "fills_technology": lead.fills_technology or None,
        "fills_market": lead.fills_market or None,
        "landing_year": lead.landing_year,
        "probability": lead.probability,
    }


def create_lead(user: Any, fields: dict[str, Any], stage: str, on: date) -> Lead:
    """Create a lead in a stage; its creation and first stage are kept in history."""
    with transaction.atomic():
        lead = Lead.objects.create(
            key=unused_key(Lead, fields["company"], "lead"), stage=stage, **fields
        )
        to_core(lead)  # the core's rules (a supplier lead names its present firm) hold
        StageMove.objects.create(lead=lead, stage=stage, on=on, by=user)
        record_create(user, lead)
    return lead


def update_lead(lead: Lead, user: Any, fields: dict[str, Any], *, read: ReadVersion | None) -> None:
    """Change a lead's fields (not its stage); every changed field is kept in history.
    Refused (:class:`clusterweb.locking.Stale`) when the form ``read`` is stale."""
    with transaction.atomic():
        claim(lead, read)
        before = {f: getattr(lead, f) for f in EDIT_FIELDS}
        for name, value in fields.items():
            setattr(lead, name, value)
        to_core(lead)
        lead.full_clean()
        lead.save()
        record_fields(user, lead, before, EDIT_FIELDS)


@dataclass(frozen=True)
class StageRead:
    """The stage a move form showed (the version of the board's inline edit) and the stage
    the user moves the lead to."""

    lead: Lead
    stage: str
    to: str

    def changed_since_read(self) -> tuple[list[Changed], str] | None:
        """``None`` while the lead is still in the stage the form showed."""
        stored = Lead.objects.values_list("stage", flat=True).get(pk=self.lead.pk)
        if stored == self.stage:
            return None
        label = str(Lead._meta.get_field("stage").verbose_name)
        shown = dict(Stage.choices)
        change = Changed(label, str(shown.get(self.to, self.to)), str(shown.get(stored, stored)))
        return [change], stored


def move_lead(lead: Lead, user: Any, to: str, on: date, *, read: ReadVersion | None) -> StageMove:
    """Move a lead to a stage: the stage history and the platform's history keep the move.

    ``read`` is the form's :class:`StageRead` (``None``: move whatever the stored stage).

    Raises
    ------
    ValueError
        When the lead already is in that stage.
    clusterweb.locking.Stale
        When someone else moved the lead after the form was read.
    """
    with transaction.atomic():
        claim(lead, read)
        moved, entry = funnel.move(to_core(lead), to, on, user.get_username())
        old = lead.stage
        lead.stage = moved.stage.value
        lead.save(update_fields=["stage"])
        move = StageMove.objects.create(lead=lead, stage=entry.stage.value, on=entry.on, by=user)
        record_update(user, lead, "stage", old, to, _("Moved in the funnel"))
    return move


@dataclass(frozen=True)
class Refused:
    """A stored lead the core cannot read (stored before one of its rules), and why."""

    lead: Lead
    reason: str


@dataclass(frozen=True)
class StoredLeads:
    """The stored leads as the core sees them, and those it refuses (not counted)."""

    leads: list[CoreLead]
    refused: list[Refused]


def read_lead(lead: Lead) -> CoreLead | Refused:
    """A stored lead as the core reads it, or, when the core refuses it (stored before one
    of its rules), why."""
    try:
        return to_core(lead)
    except PydanticError as exc:
        return Refused(lead, error_text(exc, field_labels()))


def field_labels() -> dict[str, str]:
    """The core lead's fields (:func:`stored_fields`) by the labels the lead's page gives
    them, as a refusal of a stored lead names them."""
    names = {"id": "key"}  # the core's id is the stored key
    return {
        core: str(capfirst(Lead._meta.get_field(names.get(core, core)).verbose_name))
        for core in stored_fields(Lead())
    }


def read_leads() -> StoredLeads:
    """Every stored lead as the core sees it; one it refuses is left out of what is
    counted and listed with the core's reason, so a page can say so and link to it."""
    read = [read_lead(lead) for lead in Lead.objects.all()]
    return StoredLeads(
        [r for r in read if isinstance(r, CoreLead)], [r for r in read if isinstance(r, Refused)]
    )


def core_history() -> list[CoreMove]:
    """The stage history as the core sees it."""
    from clusterplan.ecosystem import Stage as CoreStage

    return [
        CoreMove(m.lead.key, CoreStage(m.stage), m.on, m.by.get_username() if m.by else None)
        for m in StageMove.objects.select_related("lead", "by")
    ]


def pipeline_context(plan: Plan | None = None, today: date | None = None) -> dict[str, Any]:
    """The weighted pipeline, the acquisition gap and the funnel statistics for a page."""
    plan = plan or current_plan()
    today = today or date.today()
    stored = read_leads()
    leads = stored.leads
    # the gap to the plan's goal, or to its reference when it sets none (as the command line)
    outcome = funnel.pipeline(plan, leads, core_history(), today, settings_of(plan), reference=True)
    pipe, gap = outcome.pipeline, outcome.gap
    assert gap is not None
    lang = page_language()
    models = [
        *core_funnel.pipeline_tables(plan, pipe, outcome.stats, lang),
        core_funnel.gap_table(gap, lang),
    ]
    found = {model.key: web_table(model, DOWNLOAD) for model in models}
    pillar_names = taxonomy_names(plan, "pillars")
    spec = bar_spec(
        [str(y) for y in pipe.years],
        {
            pillar_names[p]: [round(float(v), 1) for v in pipe.jobs[i]]
            for i, p in enumerate(pipe.pillars)
        },
        stacked=True,
        unit=_("jobs"),
    )
    gap_table = found[core_funnel.GAP]
    return {
        "gap_table": gap_table,
        "has_leads": bool(leads),  # without any, the tables below the gap are all zeros
        "gap_stats": gap_stats(gap, gap_table, goal_note(plan)),
        "pipe": pipe,
        "gap": gap,
        "refused": stored.refused,
        "gap_sentence": core_funnel.gap_sentence(plan, gap, lang),
        "jobs_chart": chart(
            "pipeline-chart",
            _("Weighted pipeline: acquired jobs per year"),
            spec,
            found["pipeline-jobs"],
        ),
        "tables": found,
        "landing_table": found["pipeline-space"],
        "lead_table": found["pipeline-leads"],
        "stats_table": found["funnel-stats"],
    }


def gap_stats(gap: PipelineCover, table: Table, note: str | None) -> list[dict[str, Any]]:
    """The headline cards of the gap: the gap, what the pipeline covers of it and what
    remains, each named with its year, the year of the largest gap (the row of ``table``,
    the page's gap table, that they repeat; ``note`` under the gap: where the target comes
    from)."""
    _year, _gap_words, covered_words, remaining_words = table["columns"]  # its own words
    year = gap.year
    if gap.gap_jobs > 0:
        gap_label = _("Largest acquisition gap in %(year)s") % {"year": year}
    else:  # no year falls short: the target year
        gap_label = _("Acquisition gap in %(year)s") % {"year": year}
    return [
        {"id": "stat-gap", "label": gap_label, "value": gap.gap_jobs, "note": note},
        {
            "id": "stat-covered",
            "label": _("%(what)s in %(year)s") % {"what": covered_words, "year": year},
            "value": gap.covered_jobs,
        },
        {
            "id": "stat-remaining",
            "label": _("%(what)s in %(year)s") % {"what": remaining_words, "year": year},
            "value": gap.remaining_gap_jobs,
        },
    ]


def backcast_cover(
    plan: Plan, result: Any, today: date | None = None
) -> tuple[PipelineCover, list[Refused]]:
    """The back-cast ``result``'s acquisition gap per year and the weighted pipeline (as of
    ``today``) on the same years, and the stored leads it could not count
    (:func:`read_leads`)."""
    today = today or date.today()
    stored = read_leads()
    pipe = weighted_pipeline(
        stored.leads, list(result.pillars), list(result.years), settings_of(plan), today.year
    )
    return pipeline_cover(result, pipe), stored.refused
