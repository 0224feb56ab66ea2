"""Who sees which start-up, and whose figures.

Readers (viewers and up) see every start-up's profile and the portfolio's aggregates under
the disclosure rule; a single start-up's jobs and funding are confidential like an
organisation's (:data:`~clusterweb.startups.constants.CONFIDENTIAL_FIELDS`): editors and
admins see them all, a partner user only those of start-ups linked to its own organisation.
Pages, downloads and the history look start-ups up only through these helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import (
    can_edit_plan,
    can_read_plan,
    can_see_confidential,
    get_for_role,
    partner_organisations,
)
from clusterweb.accounts.constants import Role
from clusterweb.startups.constants import CONFIDENTIAL_FIELDS
from clusterweb.startups.models import StartUp


def sees_figures(user: Any, startup: StartUp) -> bool:
    """True when the user may see this start-up's own jobs and funding."""
    if can_edit_plan(user):
        return True
    return bool(startup.organisation) and can_see_confidential(user, startup.organisation)


def aggregates_restricted(user: Any) -> bool:
    """True when the disclosure rule applies to the user's view of the aggregates."""
    return not can_edit_plan(user)


def visible_startups(user: Any) -> QuerySet[StartUp]:
    """The start-ups the user may see: readers all, a partner those of its organisations."""
    if can_read_plan(user):
        return StartUp.objects.all()
    own = partner_organisations(user)
    if not own:
        raise PermissionDenied
    return StartUp.objects.filter(organisation__in=own)


def get_startup_for_user(user: Any, key: str) -> StartUp:
    """A start-up's page: readers any; a partner only one of its own organisation's."""
    startup = get_object_or_404(StartUp, key=key)
    if not (can_read_plan(user) or sees_figures(user, startup)):
        raise PermissionDenied
    return startup


def get_startup_rw_for_user(user: Any, key: str) -> StartUp:
    """A start-up the user may change (editors)."""
    return get_for_role(user, Role.EDITOR, StartUp, key=key)


def stored_field_filter(
    model: type[models.Model],
) -> Callable[[Any], Callable[[str, Mapping[str, Any] | None], frozenset[str]]]:
    """The history's field filter for a start-up's jobs or funding rows: the confidential
    fields are hidden unless the user may see the figures of the row's start-up."""
    hidden = CONFIDENTIAL_FIELDS[model._meta.model_name or ""]

    def for_user(user: Any) -> Callable[[str, Mapping[str, Any] | None], frozenset[str]]:
        if can_edit_plan(user):
            return lambda _object_id, _snapshot: frozenset()
        own = partner_organisations(user)
        if not own:
            return lambda _object_id, _snapshot: hidden

        def hidden_of(object_id: str, snapshot: Mapping[str, Any] | None) -> frozenset[str]:
            startup_id = snapshot.get("startup") if snapshot is not None else None
            if startup_id is None:
                startup_id = (
                    model._default_manager.filter(pk=object_id)
                    .values_list("startup_id", flat=True)
                    .first()
                )
            organisation = (
                StartUp.objects.filter(pk=startup_id).values_list("organisation", flat=True).first()
            )
            return frozenset() if organisation and organisation in own else hidden

        return hidden_of

    return for_user
