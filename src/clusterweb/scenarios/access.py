"""Access to saved scenarios: readers see and compare them, editors save and delete them."""

from typing import Any

from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import require_role
from clusterweb.accounts.constants import Role
from clusterweb.scenarios.models import Scenario


def get_scenario_for_user(user: Any, pk: int) -> Scenario:
    """A scenario the user may read."""
    require_role(user, Role.VIEWER)
    return get_object_or_404(Scenario, pk=pk)


def get_scenario_rw_for_user(user: Any, pk: int) -> Scenario:
    """A scenario the user may change or delete."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(Scenario, pk=pk)
