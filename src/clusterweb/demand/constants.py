"""Translated names of the space functions and education levels of the core's demand models."""

from django.db import models

from clusterweb.choices import text_choices

SpaceFunction = text_choices("SpaceFunction", "space.function")
"""Functions of floor space (``clusterplan.plan.schema.SPACE_FUNCTIONS``)."""


EducationLevel = text_choices("EducationLevel", "education.level")
"""Education levels (``clusterplan.plan.schema.EDUCATION_LEVELS``)."""


def label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of a value, or the value itself when unknown."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
