"""One access helper per protected registry object, and the one field filter.

Every page, download and history entry that shows an organisation's stored values passes
them through :func:`hidden_organisation_fields` (or :func:`filter_organisation`, built on
it), so that the rule of who sees which field lives in one place: the confidential fields
(:data:`~clusterweb.ecosystem.constants.CONFIDENTIAL_FIELDS`) only for editors, admins and
the organisation's own partner users; the rest of the registry for viewers; the showcase
fields (:data:`~clusterweb.ecosystem.constants.PUBLIC_FIELDS`) for everyone.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import (
    can_edit_plan,
    can_read_plan,
    can_see_confidential,
    partner_organisations,
)
from clusterweb.ecosystem.constants import CONFIDENTIAL_FIELDS, PUBLIC_FIELDS
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded

ALL_FIELDS = frozenset(
    name for f in Organisation._meta.concrete_fields for name in (f.name, f.attname)
)
"""Every stored field of an organisation (model names and column names)."""

IDENTITY_FIELDS = frozenset({"key", "name"})
"""Fields that name the organisation: whoever may see it at all may see these."""


def hidden_organisation_fields(user: Any, key: str | None) -> frozenset[str]:
    """The fields of organisation ``key`` this user may not see (``None``: any organisation).

    Editors and admins see everything; a partner user also its own organisation's
    confidential fields; viewers every field but the confidential ones; everyone else
    (anonymous visitors, users without a role, partners of other organisations) only the
    public showcase fields.
    """
    if can_edit_plan(user):
        return frozenset()
    if key is not None and can_see_confidential(user, key):
        return frozenset()
    if can_read_plan(user):
        return frozenset(CONFIDENTIAL_FIELDS)
    return ALL_FIELDS - frozenset(PUBLIC_FIELDS) - IDENTITY_FIELDS


def sees_every_confidential_field(user: Any) -> bool:
    """True when the user sees the confidential fields of every organisation."""
    return not hidden_organisation_fields(user, None)


def filter_organisation(user: Any, key: str | None, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` (field name -> value of organisation ``key``) without the fields this user
    may not see."""
    hidden = hidden_organisation_fields(user, key)
    return {name: value for name, value in data.items() if name not in hidden}


def stored_field_filter(user: Any) -> Callable[[str, Mapping[str, Any] | None], frozenset[str]]:
    """:func:`hidden_organisation_fields` for stored organisations named by their primary key
    (as the history keeps them): a function of (primary key, snapshot or None) for this user.
    A snapshot (the organisation's values, when known) saves the look-up of its key."""
    if can_edit_plan(user):
        return lambda _object_id, _snapshot: frozenset()
    if not partner_organisations(user):
        hidden = hidden_organisation_fields(user, None)
        return lambda _object_id, _snapshot: hidden

    def hidden_of(object_id: str, snapshot: Mapping[str, Any] | None) -> frozenset[str]:
        key = snapshot.get("key") if snapshot is not None else None
        if not isinstance(key, str):
            key = Organisation.objects.filter(pk=object_id).values_list("key", flat=True).first()
        return hidden_organisation_fields(user, key)

    return hidden_of


def get_organisation_for_user(user: Any, key: str) -> Organisation:
    """An organisation's page: viewers and editors read any; a partner only its own."""
    if not (can_read_plan(user) or key in partner_organisations(user)):
        raise PermissionDenied
    ensure_registry_loaded()
    return get_object_or_404(Organisation, key=key)
