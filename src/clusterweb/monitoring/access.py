"""Who sees which actual: one place for the rule.

Figures without an organisation (statistics, annual accounts) are plan data: every reader
sees them. A partner's submission (an ``Actual`` with an organisation) is confidential: only
editors and that organisation's own partner users see it; everyone else sees it only inside
an aggregate of enough organisations (the plan's disclosure rule, ``services.comparison``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import (
    can_edit_plan,
    can_read_plan,
    partner_organisations,
)
from clusterweb.monitoring.models import Actual

CONFIDENTIAL_FIELDS = frozenset({"value", "source", "received"})
"""Fields of a partner's submission others may not see (in the history too)."""


def sees_every_organisation(user: Any) -> bool:
    """Editors and admins see every partner's own figures."""
    return can_edit_plan(user)


def visible_actuals(user: Any) -> QuerySet[Actual]:
    """The stored rows this user may see one by one: editors all; viewers the figures
    without an organisation; a partner also its own organisations' figures."""
    rows = Actual.objects.select_related("organisation")
    if sees_every_organisation(user):
        return rows
    own = partner_organisations(user)
    shown = Q(organisation__key__in=own) if own else Q(pk__in=[])
    if can_read_plan(user):
        shown |= Q(organisation__isnull=True)
    return rows.filter(shown)


def get_actual_rw_for_user(user: Any, pk: int) -> Actual:
    """An actual an editor corrects (editors and admins only)."""
    if not can_edit_plan(user):
        raise PermissionDenied
    return get_object_or_404(Actual.objects.select_related("organisation"), pk=pk)


def require_partner_or_editor(user: Any) -> set[str]:
    """The organisations this user submits figures for (403 when none)."""
    own = partner_organisations(user)
    if not own:
        raise PermissionDenied
    return own


def stored_field_filter(user: Any) -> Callable[[str, Mapping[str, Any] | None], frozenset[str]]:
    """The history's field filter: a partner's figure is hidden from everyone who may not
    see that organisation's own figures."""
    if sees_every_organisation(user):
        return lambda _object_id, _snapshot: frozenset()
    own = partner_organisations(user)

    def hidden_of(object_id: str, snapshot: Mapping[str, Any] | None) -> frozenset[str]:
        if snapshot is not None and "organisation_id" in snapshot:
            organisation_pk = snapshot.get("organisation_id")
        else:
            organisation_pk = (
                Actual.objects.filter(pk=object_id)
                .values_list("organisation_id", flat=True)
                .first()
            )
            if organisation_pk is None and not Actual.objects.filter(pk=object_id).exists():
                # Deleted and no snapshot at hand: hide rather than guess.
                return CONFIDENTIAL_FIELDS
        if organisation_pk is None:
            return frozenset()
        from clusterweb.ecosystem.models import Organisation

        key = Organisation.objects.filter(pk=organisation_pk).values_list("key", flat=True).first()
        return frozenset() if key in own else CONFIDENTIAL_FIELDS

    return hidden_of
