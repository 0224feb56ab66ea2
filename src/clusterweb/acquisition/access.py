"""One access helper per lead (read: viewers; write: editors)."""

from typing import Any

from clusterweb.accounts.access import get_for_role
from clusterweb.accounts.constants import Role
from clusterweb.acquisition.models import Lead


def get_lead_for_user(user: Any, key: str) -> Lead:
    """A lead the user may read."""
    return get_for_role(user, Role.VIEWER, Lead, key=key)


def get_lead_rw_for_user(user: Any, key: str) -> Lead:
    """A lead the user may change or move."""
    return get_for_role(user, Role.EDITOR, Lead, key=key)
