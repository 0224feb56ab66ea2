"""Django choices built from the core's enumerations, so no value is written twice.

The web keeps only the translated labels (English msgids in the web's catalogue); the
members, their values and their order are the core's. A core value without a label here
still appears (labelled with its value) and ``clusterweb/tests/test_enumerations.py``
names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from django.db import models


def text_choices(name: str, values: Iterable[str] | type[Enum], labels: Mapping[str, Any]) -> Any:
    """``models.TextChoices`` named ``name`` with one member per core value (member name:
    the enum member's name, or the value upper-cased), labelled from ``labels`` (value to
    lazily translated label)."""
    members: list[tuple[str, tuple[str, Any]]] = []
    if isinstance(values, type) and issubclass(values, Enum):
        items = [(m.name, str(m.value)) for m in values]
    else:
        items = [(str(v).upper(), str(v)) for v in values]
    for member, value in items:
        members.append((member, (value, labels.get(value, value))))
    return models.TextChoices(name, members)  # type: ignore[call-overload]
