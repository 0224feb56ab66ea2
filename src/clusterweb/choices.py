"""Django choices built from the core's enumerations, so no value or word is written twice.

The members, their values, their order and their words (Dutch and English, the core's
catalogue: :mod:`clusterplan.labels`) are the core's; a label is looked up in the active
language when it is shown.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language

from clusterplan import labels


def _label(kind: str, value: str) -> str:
    # no active language (translations deactivated, as in makemigrations): the English
    # words, as Django's gettext gives the English msgid
    return labels.label(kind, value, get_language() or "en")


label = lazy(_label, str)
"""The words for ``value`` of the core enumeration of ``kind``, in the language active when
they are shown."""


def text_choices(name: str, kind: str) -> Any:
    """``models.TextChoices`` named ``name`` with one member per value of the core
    enumeration of ``kind`` (:data:`clusterplan.labels.ENUMERATIONS`); member name: the enum
    member's name, or the value upper-cased."""
    enumeration = labels.ENUMERATIONS[kind]
    if isinstance(enumeration, tuple):
        items = [(value.upper(), value) for value in enumeration]
    else:
        items = [(member.name, str(member.value)) for member in enumeration]
    members = [(member, (value, label(kind, value))) for member, value in items]
    return models.TextChoices(name, members)  # type: ignore[call-overload]
