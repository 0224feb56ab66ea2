"""Who may do what. Every view and every per-object helper goes through these functions.

Per-object helpers (``get_project_for_user``, ``get_scenario_rw_for_user``, ...) live in
each app's ``access.py`` and are built on :func:`require_role` (most through
:func:`get_for_role`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from clusterweb.accounts.constants import ROLE_INCLUDES, Role

View = TypeVar("View", bound=Callable[..., HttpResponse])
M = TypeVar("M", bound=Model)


def roles_of(user: Any) -> set[str]:
    """Every role a user holds, including those implied (an editor is also a viewer)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    cached: set[str] | None = getattr(user, "_clusterweb_roles", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(Role.ADMIN)
    roles: set[str] = set()
    for name in names:
        roles |= ROLE_INCLUDES.get(name, set())
    user._clusterweb_roles = roles
    return roles


def has_role(user: Any, role: str) -> bool:
    """True when the user holds this role (directly or through a higher one)."""
    return role in roles_of(user)


def can_read_plan(user: Any) -> bool:
    """Viewers, editors and admins read all plan data, scenarios and history."""
    return has_role(user, Role.VIEWER)


def can_edit_plan(user: Any) -> bool:
    """Editors and admins change plan data and revert history."""
    return has_role(user, Role.EDITOR)


def partner_organisations(user: Any) -> set[str]:
    """Organisation ids whose confidential data this partner user may see."""
    if not has_role(user, Role.PARTNER):
        return set()
    return set(user.partner_memberships.values_list("organisation_id", flat=True))


def can_see_confidential(user: Any, organisation_id: str) -> bool:
    """Editors see every organisation's confidential figures; a partner only its own."""
    return can_edit_plan(user) or organisation_id in partner_organisations(user)


def require_role(user: Any, role: str) -> None:
    """Raise PermissionDenied (403) unless the user holds the role."""
    if not has_role(user, role):
        raise PermissionDenied


def get_for_role(user: Any, role: str, klass: type[M] | QuerySet[M], **lookup: Any) -> M:
    """The object of ``klass`` (a model or a queryset) that ``lookup`` names, for a user who
    holds ``role``: 403 without the role (whether or not the object exists), else 404 when
    there is no such object."""
    require_role(user, role)
    return get_object_or_404(klass, **lookup)


def role_required(role: str) -> Callable[[View], View]:
    """View decorator: anonymous users go to the login page; others without the role get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_role(request.user, role)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorate


reader_required = role_required(Role.VIEWER)
editor_required = role_required(Role.EDITOR)
