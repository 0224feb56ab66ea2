"""Access to changes: readers browse, editors revert; every change is shown filtered.

An app whose objects have fields some users may not see registers a field filter for its
model (:func:`register_field_filter`). Pages and downloads show changes only as
:class:`VisibleChange` (built by :func:`visible_changes`): a changed hidden field keeps its
name but not its values, and the snapshots of created and deleted objects lose their
hidden fields. The stored history stays complete (admins see it whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clusterweb.accounts.access import get_for_role
from clusterweb.accounts.constants import Role
from clusterweb.history.constants import Action
from clusterweb.history.models import Change

HiddenFields = Callable[[str, Mapping[str, Any] | None], frozenset[str]]
"""For one user: (object id, snapshot of the object or None) -> the fields hidden from them."""

FieldFilter = Callable[[Any], HiddenFields]
"""Given a user, the function that names the hidden fields of one object."""

_FIELD_FILTERS: dict[str, FieldFilter] = {}

HIDDEN_VALUE: Promise = _("(confidential)")
"""Shown instead of the old and new value of a field the user may not see."""


def register_field_filter(model: type[models.Model], field_filter: FieldFilter) -> None:
    """Hide fields of ``model``'s changes from users the filter names them for."""
    _FIELD_FILTERS[model._meta.label_lower] = field_filter


@dataclass(frozen=True)
class VisibleChange:
    """A change as one user may see it (what pages and downloads show)."""

    pk: int
    at: datetime
    username: str
    object_repr: str
    action: str
    action_label: str
    field: str
    field_label: str
    old_value: Any
    new_value: Any
    old_shown: Any
    """The old value as a reader reads it (:meth:`Change.display`: a choice by its words)."""
    new_shown: Any
    hidden: bool
    reverts_id: int | None
    is_reverted: bool
    unit: str
    """The unit of the changed field's number (a year's is written without separators)."""


def _without(snapshot: Any, hidden: frozenset[str]) -> Any:
    if not isinstance(snapshot, dict):
        return snapshot
    return {name: value for name, value in snapshot.items() if name not in hidden}


def visible_changes(user: Any, changes: Iterable[Change]) -> list[VisibleChange]:
    """Changes as ``user`` may see them: every page and download of the history uses this."""
    changes = list(changes)
    reverted = set(
        Change.objects.filter(reverts__in=[c.pk for c in changes]).values_list(
            "reverts_id", flat=True
        )
    )
    filters: dict[str, HiddenFields] = {}
    out = []
    for change in changes:
        label = f"{change.content_type.app_label}.{change.content_type.model}"
        hidden: frozenset[str] = frozenset()
        if label in _FIELD_FILTERS:
            if label not in filters:
                filters[label] = _FIELD_FILTERS[label](user)
            snap = change.new_value if change.action == Action.CREATE else change.old_value
            snapshot = snap if change.action != Action.UPDATE and isinstance(snap, dict) else None
            hidden = filters[label](change.object_id, snapshot)
        masked = change.action == Action.UPDATE and change.field in hidden
        old, new = change.old_value, change.new_value
        if masked:
            old = new = str(HIDDEN_VALUE)
        elif change.action != Action.UPDATE:
            old, new = _without(old, hidden), _without(new, hidden)
        out.append(
            VisibleChange(
                pk=change.pk,
                at=change.at,
                username=change.username,
                object_repr=change.object_repr,
                action=change.action,
                action_label=str(change.get_action_display()),
                field=change.field,
                field_label=change.label,
                old_value=old,
                new_value=new,
                old_shown=old if masked else change.display(old),
                new_shown=new if masked else change.display(new),
                hidden=masked,
                reverts_id=change.reverts_id,
                is_reverted=change.pk in reverted,
                unit=change.unit,
            )
        )
    return out


def get_change_rw_for_user(user: Any, change_id: int) -> Change:
    """A change the user may revert (editors and up), else 403/404."""
    return get_for_role(
        user, Role.EDITOR, Change.objects.select_related("content_type"), pk=change_id
    )
