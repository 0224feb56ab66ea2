"""Choices of the plan data, translated. Values come from the core's schema where it has them.

Growth dimensions and funding sources are the loaded plan's (``Plan.employment`` and
``Plan.finance.sources``), not choices here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterweb.choices import text_choices


class ProjectStatus(models.TextChoices):
    """Where a project stands (kept by the programme office; not in the printed plan)."""

    IDEA = "idea", _("Idea")
    PREPARATION = "preparation", _("In preparation")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    STOPPED = "stopped", _("Stopped")


CommitmentStatus = text_choices("CommitmentStatus", "commitment.status")
"""How far a funding commitment has come (``clusterplan.plan.schema.COMMITMENT_STATUSES``)."""
