"""Django choices built from the core's enumerations, so no value or word is written twice.

The members, their values, their order and their words (Dutch and English, the core's
catalogue: :mod:`clusterplan.labels`) are the core's; a label is looked up in the active
language when it is shown.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import get_language

from clusterplan import labels
from clusterplan.errors import Coded
from clusterplan.io.yaml_io import shorten
from clusterweb.errors import reason_sentence


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


class KnownChoiceField(forms.ChoiceField):
    """A choice among the core's values (a growth dimension, a funnel stage). An unknown one
    is refused in the core's words, naming the values (``value.one_of``), as the API's
    schema, the plan's checks and the command line refuse one; not in Django's ("select a
    valid choice"), which names none."""

    def validate(self, value: Any) -> None:
        try:
            super().validate(value)
        except ValidationError as exc:
            if exc.code != "invalid_choice":
                raise
            known = ", ".join(f"'{key}'" for key, _words in self.choices if key != "")
            one_of = Coded("value.one_of", {"choices": known})
            given = Coded("value.problem_got", {"problem": one_of, "value": shorten(value)})
            reason = reason_sentence(given)
            raise ValidationError(reason, code="invalid_choice") from exc
