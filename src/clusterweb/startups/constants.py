"""Choices of the start-up portfolio, translated. Status and funding kinds are the core's."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterweb.choices import text_choices


class Stage(models.TextChoices):
    """How far a start-up has come."""

    IDEA = "idea", _("Idea")
    PRE_SEED = "pre_seed", _("Pre-seed")
    SEED = "seed", _("Seed")
    SERIES_A_PLUS = "series_a_plus", _("Series A or later")
    SCALE_UP = "scale_up", _("Scale-up")


class Programme(models.TextChoices):
    """The support programme that guides it."""

    INCUBATION = "incubation", _("Incubation")
    ACCELERATION = "acceleration", _("Acceleration")
    SCALE_UP = "scale_up", _("Scale-up programme")
    OTHER = "other", _("Other")
    NONE = "none", _("None")


Status = text_choices("Status", "startup.status")
"""Where a start-up stands: ``clusterplan.ecosystem.startups.Status``."""


FundingKind = text_choices("FundingKind", "startup.funding")
"""Kind of money in a round: ``clusterplan.ecosystem.startups.FundingKind``."""


class ImportKind(models.TextChoices):
    """What an import file holds."""

    STARTUPS = "startups", _("Start-ups (one per row)")
    JOBS = "jobs", _("Jobs per year")
    FUNDING = "funding", _("Funding rounds")
    MILESTONES = "milestones", _("Milestones")


CONFIDENTIAL_FIELDS = {
    "jobsyear": frozenset({"jobs"}),
    "fundinground": frozenset({"amount_meur", "investors"}),
}
"""Per model: the fields only editors, admins and the linked organisation's partner users
see (a single start-up's jobs and funding)."""

EDIT_FIELDS = (
    "name",
    "organisation",
    "stage",
    "programme",
    "founded",
    "status",
    "status_year",
    "pillar",
    "segment",
)
"""A start-up's profile: what its form edits, an import sets and the history records."""
