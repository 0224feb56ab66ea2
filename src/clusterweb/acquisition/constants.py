"""Funnel stages and lead sources: the core's enumerations with translated labels."""

from django.utils.translation import gettext_lazy as _

from clusterplan.ecosystem.funnel import LeadSource
from clusterplan.ecosystem.funnel import Stage as CoreStage
from clusterweb.choices import text_choices

STAGE_LABELS = {
    "identified": _("Identified"),
    "contacted": _("Contacted"),
    "visit": _("Visit"),
    "proposal": _("Proposal"),
    "decision": _("Decision"),
    "landed": _("Landed"),
    "lost": _("Lost"),
    "on_hold": _("On hold"),
}

Stage = text_choices("Stage", CoreStage, STAGE_LABELS)
"""Stages of the acquisition funnel (``clusterplan.ecosystem.Stage``)."""

SOURCE_LABELS = {
    "anchor_tenant": _("Anchor tenant"),
    "supplier": _("Supplier of a present firm"),
    "customer": _("Customer of a present firm"),
    "startup_scaleup": _("Start-up or scale-up"),
    "trade_mission": _("Trade mission"),
    "event": _("Event"),
}

Source = text_choices("Source", LeadSource, SOURCE_LABELS)
"""Where a lead comes from (``clusterplan.ecosystem.LeadSource``)."""
