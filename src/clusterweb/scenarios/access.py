"""Access to saved scenarios: readers see and compare them, editors save and delete them."""

from typing import Any

from clusterweb.accounts.access import get_for_role
from clusterweb.accounts.constants import Role
from clusterweb.scenarios.models import Scenario


def get_scenario_for_user(user: Any, pk: int) -> Scenario:
    """A scenario the user may read."""
    return get_for_role(user, Role.VIEWER, Scenario, pk=pk)


def get_scenario_rw_for_user(user: Any, pk: int) -> Scenario:
    """A scenario the user may change or delete."""
    return get_for_role(user, Role.EDITOR, Scenario, pk=pk)
