"""Translated names of the space functions and education levels of the core's demand models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.schema import EDUCATION_LEVELS, SPACE_FUNCTIONS
from clusterweb.choices import text_choices

SPACE_FUNCTION_LABELS = {
    "production": _("Production"),
    "lab": _("Laboratory"),
    "other": _("Other"),
    "office": _("Office"),
}

SpaceFunction = text_choices("SpaceFunction", SPACE_FUNCTIONS, SPACE_FUNCTION_LABELS)
"""Functions of floor space (``clusterplan.plan.schema.SPACE_FUNCTIONS``)."""


EDUCATION_LEVEL_LABELS = {
    "mbo": _("MBO (vocational)"),
    "hbo": _("HBO (applied sciences)"),
    "wo": _("WO (university)"),
    "other": _("Other"),
}

EducationLevel = text_choices("EducationLevel", EDUCATION_LEVELS, EDUCATION_LEVEL_LABELS)
"""Education levels (``clusterplan.plan.schema.EDUCATION_LEVELS``)."""


def label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a value, or the value itself when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
