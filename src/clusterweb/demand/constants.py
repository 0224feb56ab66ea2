"""Translated names of the space functions and education levels of the core's demand models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceFunction(models.TextChoices):
    """Functions of floor space (``clusterplan.plan.schema.SPACE_FUNCTIONS``)."""

    PRODUCTION = "production", _("Production")
    LAB = "lab", _("Laboratory")
    OTHER = "other", _("Other")
    OFFICE = "office", _("Office")


class EducationLevel(models.TextChoices):
    """Education levels (``clusterplan.plan.schema.EDUCATION_LEVELS``)."""

    MBO = "mbo", _("MBO (vocational)")
    HBO = "hbo", _("HBO (applied sciences)")
    WO = "wo", _("WO (university)")
    OTHER = "other", _("Other")


def label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a value, or the value itself when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
