"""One access helper per protected object of the plan data (read: viewers; write: editors)."""

from typing import Any

from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import require_role
from clusterweb.accounts.constants import Role
from clusterweb.planning.models import Assumption, Commitment, Phase, Project
from clusterweb.planning.services import ensure_plan_loaded


def get_project_for_user(user: Any, key: str) -> Project:
    """A project the user may read."""
    require_role(user, Role.VIEWER)
    ensure_plan_loaded()
    return get_object_or_404(Project, key=key)


def get_project_rw_for_user(user: Any, key: str) -> Project:
    """A project the user may change."""
    require_role(user, Role.EDITOR)
    ensure_plan_loaded()
    return get_object_or_404(Project, key=key)


def get_phase_rw_for_user(user: Any, project_key: str, phase_key: str) -> Phase:
    """A phase the user may change."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(
        Phase.objects.select_related("project"), project__key=project_key, key=phase_key
    )


def get_assumption_rw_for_user(user: Any, key: str) -> Assumption:
    """An assumption the user may change."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(Assumption, key=key)


def get_commitment_rw_for_user(user: Any, pk: int) -> Commitment:
    """A commitment the user may change or delete."""
    require_role(user, Role.EDITOR)
    return get_object_or_404(Commitment, pk=pk)
