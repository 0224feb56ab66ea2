"""Who sees a task: the user who started it, and admins. Others get 404 (not even the
existence of someone else's task is shown)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from clusterweb.accounts.access import has_role
from clusterweb.accounts.constants import Role
from clusterweb.tasks.models import TaskRecord


def can_see(user: Any, record: TaskRecord) -> bool:
    return bool(
        user.is_authenticated and (record.owner_id == user.pk or has_role(user, Role.ADMIN))
    )


def get_task_for_user(user: Any, pk: int) -> TaskRecord:
    """The task, when this user started it or is an admin; 404 otherwise."""
    record = TaskRecord.objects.select_related("owner").filter(pk=pk).first()
    if record is None or not can_see(user, record):
        raise Http404
    return record
