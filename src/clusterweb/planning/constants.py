"""Choices of the plan data, translated. Values come from the core's schema where it has them.

Growth dimensions and funding sources are the loaded plan's (``Plan.employment`` and
``Plan.finance.sources``), not choices here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.schema import COMMITMENT_STATUSES, SECURED_COMMITMENT_STATUSES
from clusterweb.choices import text_choices


class ProjectStatus(models.TextChoices):
    """Where a project stands (kept by the programme office; not in the printed plan)."""

    IDEA = "idea", _("Idea")
    PREPARATION = "preparation", _("In preparation")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    STOPPED = "stopped", _("Stopped")


COMMITMENT_STATUS_LABELS = {
    "planned": _("Planned"),
    "applied": _("Applied for"),
    "granted": _("Granted"),
    "paid": _("Paid"),
}

CommitmentStatus = text_choices("CommitmentStatus", COMMITMENT_STATUSES, COMMITMENT_STATUS_LABELS)
"""How far a funding commitment has come (``clusterplan.plan.schema.COMMITMENT_STATUSES``)."""

SECURED_STATUSES = tuple(CommitmentStatus(s) for s in SECURED_COMMITMENT_STATUSES)
"""The secured statuses (the core's ``SECURED_COMMITMENT_STATUSES``)."""
