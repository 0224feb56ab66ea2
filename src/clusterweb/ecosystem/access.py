"""One access helper per protected registry object."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import can_read_plan, partner_organisations
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded


def get_organisation_for_user(user: Any, key: str) -> Organisation:
    """An organisation's page: viewers and editors read any; a partner only its own."""
    if not (can_read_plan(user) or key in partner_organisations(user)):
        raise PermissionDenied
    ensure_registry_loaded()
    return get_object_or_404(Organisation, key=key)
