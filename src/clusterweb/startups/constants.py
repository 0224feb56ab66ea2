"""Choices of the start-up portfolio: stage, programme, status and funding kind are the
core's; what an import file holds is the web's."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterweb.choices import text_choices

Stage = text_choices("Stage", "startup.stage")
"""How far a start-up has come: ``clusterplan.ecosystem.startups.StartUpStage``."""


Programme = text_choices("Programme", "startup.programme")
"""The support programme that guides it: ``clusterplan.ecosystem.startups.Programme``."""


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
