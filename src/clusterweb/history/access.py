"""Access to changes: readers browse, editors revert."""

from typing import Any

from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import require_role
from clusterweb.accounts.constants import Role
from clusterweb.history.models import Change


def get_change_for_user(user: Any, change_id: int) -> Change:
    """A change the user may see (viewers and up), else 403/404."""
    require_role(user, Role.VIEWER)
    return get_object_or_404(Change.objects.select_related("content_type"), pk=change_id)


def get_change_rw_for_user(user: Any, change_id: int) -> Change:
    """A change the user may revert (editors and up), else 403/404."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(Change.objects.select_related("content_type"), pk=change_id)
