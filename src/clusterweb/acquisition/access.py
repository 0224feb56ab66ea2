"""One access helper per lead (read: viewers; write: editors)."""

from typing import Any

from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import require_role
from clusterweb.accounts.constants import Role
from clusterweb.acquisition.models import Lead


def get_lead_for_user(user: Any, key: str) -> Lead:
    """A lead the user may read."""
    require_role(user, Role.VIEWER)
    return get_object_or_404(Lead, key=key)


def get_lead_rw_for_user(user: Any, key: str) -> Lead:
    """A lead the user may change or move."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(Lead, key=key)
