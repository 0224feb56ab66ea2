"""Choices of the plan data, translated. Values match the core's schema where it has them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """Growth dimension of a project, or enabling."""

    ORGANIC = "organic", _("Organic growth")
    ACCELERATED = "accelerated", _("Accelerated organic growth")
    LEAP = "leap", _("Leap")
    ENABLING = "enabling", _("Enabling")


class ProjectStatus(models.TextChoices):
    """Where a project stands (kept by the programme office; not in the printed plan)."""

    IDEA = "idea", _("Idea")
    PREPARATION = "preparation", _("In preparation")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    ON_HOLD = "on_hold", _("On hold")
    STOPPED = "stopped", _("Stopped")


class FundingSource(models.TextChoices):
    """The four funding sources of the cost tables, in the plan's order."""

    PRIVATE = "private", _("Private")
    SUBSIDIES = "subsidies", _("Subsidies")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")


class CommitmentStatus(models.TextChoices):
    """How far a funding commitment has come."""

    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied for")
    GRANTED = "granted", _("Granted")
    PAID = "paid", _("Paid")


SECURED_STATUSES = (CommitmentStatus.GRANTED, CommitmentStatus.PAID)
