"""Funnel stages and lead sources, translated. Values match the core's enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Stages of the acquisition funnel (``clusterplan.ecosystem.Stage``)."""

    IDENTIFIED = "identified", _("Identified")
    CONTACTED = "contacted", _("Contacted")
    VISIT = "visit", _("Visit")
    PROPOSAL = "proposal", _("Proposal")
    DECISION = "decision", _("Decision")
    LANDED = "landed", _("Landed")
    LOST = "lost", _("Lost")
    ON_HOLD = "on_hold", _("On hold")


class Source(models.TextChoices):
    """Where a lead comes from (``clusterplan.ecosystem.LeadSource``)."""

    ANCHOR_TENANT = "anchor_tenant", _("Anchor tenant")
    SUPPLIER = "supplier", _("Supplier of a present firm")
    CUSTOMER = "customer", _("Customer of a present firm")
    STARTUP_SCALEUP = "startup_scaleup", _("Start-up or scale-up")
    TRADE_MISSION = "trade_mission", _("Trade mission")
    EVENT = "event", _("Event")
