"""Template flags for the current user's roles."""

from typing import Any

from django.http import HttpRequest

from clusterweb.accounts.access import can_edit_plan, can_read_plan, has_role
from clusterweb.accounts.constants import Role


def roles(request: HttpRequest) -> dict[str, Any]:
    """``can_read``, ``can_edit`` and ``is_admin`` for templates (navigation, buttons)."""
    user = getattr(request, "user", None)
    return {
        "can_read": can_read_plan(user),
        "can_edit": can_edit_plan(user),
        "is_admin": has_role(user, Role.ADMIN),
    }
