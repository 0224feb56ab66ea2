"""Fields that belong together stand as one group: a value per year, per pillar or per funding
source. The group is a fieldset whose legend says what the values are (and their unit), one
description says what all of them need, and the fields stand side by side, each labelled by
what tells it apart ('2027', 'Design'). Each field keeps its whole label ('Kosten 2027'),
which its error message names.

A form declares its groups with :meth:`GroupedFieldsMixin.group`; ``includes/form.html``
draws them where their first field stands (:func:`layout`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms


@dataclass(frozen=True)
class FieldGroup:
    """A group of a form's fields: ``labels`` maps each field's name to its short label."""

    key: str
    legend: str
    labels: Mapping[str, str]
    description: str = ""


class GroupedFieldsMixin:
    """A form whose fields may stand in groups (:class:`FieldGroup`)."""

    fields: dict[str, forms.Field]

    def group(
        self, key: str, legend: str, labels: Mapping[str, str], description: str = ""
    ) -> None:
        """Put the fields named in ``labels`` (name -> short label) in one group. Their own
        descriptions give way to the group's one ``description``."""
        for name in labels:
            self.fields[name].help_text = ""
        groups: list[FieldGroup] = self.__dict__.setdefault("field_groups", [])
        groups.append(FieldGroup(key, legend, dict(labels), description))


def layout(form: forms.BaseForm) -> list[dict[str, Any]]:
    """The form's visible fields in order, each as ``{"field": bound field}``, those of a
    group as one item in place of its first: ``{"group": FieldGroup, "id": ..., "fields":
    [(bound field, short label)], "optional": whether none of them is required}``."""
    groups: list[FieldGroup] = getattr(form, "field_groups", [])
    group_of = {name: group for group in groups for name in group.labels}
    items: list[dict[str, Any]] = []
    placed: set[str] = set()
    for bound in form.visible_fields():
        group = group_of.get(bound.name)
        if group is None:
            items.append({"field": bound})
            continue
        if group.key in placed:
            continue
        placed.add(group.key)
        fields = [
            (form[name], short) for name, short in group.labels.items() if name in form.fields
        ]
        items.append(
            {
                "group": group,
                "id": f"{form.prefix or 'form'}-{group.key}",
                "fields": fields,
                "optional": not any(bound.field.required for bound, _short in fields),
            }
        )
    return items
