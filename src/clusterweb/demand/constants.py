"""Translated names of the space functions and education levels of the core's demand models."""

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext

from clusterweb.choices import label as core_label
from clusterweb.choices import text_choices

SpaceFunction = text_choices("SpaceFunction", "space.function")
"""Functions of floor space (``clusterplan.plan.schema.SPACE_FUNCTIONS``)."""


EducationLevel = text_choices("EducationLevel", "education.level")
"""Education levels (``clusterplan.plan.schema.EDUCATION_LEVELS``)."""


def _hires_label(level: str) -> str:
    return gettext("Hires per year: %(level)s") % {
        "level": str(core_label("education.level", level))
    }


hires_label = lazy(_hires_label, str)
"""The name of a talent target's hires of an education ``level`` (the core's words for the
level), in the language active when it is shown: the target's form field and its column
in the history."""


def label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a value, or the value itself when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
