"""A task's page: progress (htmx polls the status fragment), then the result or a link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.accounts.access import has_role
from clusterweb.accounts.constants import Role
from clusterweb.presentation import Table, moment, table
from clusterweb.tasks import services
from clusterweb.tasks.access import get_task_for_user
from clusterweb.tasks.models import TaskRecord

INDEX_SIZE = 100  # newest tasks listed


def _context(record: TaskRecord) -> dict[str, Any]:
    kind = services.kind_of(record)
    return {
        "record": record,
        "label": kind.label if kind is not None else record.kind,
        "result_url": services.result_url(record),
        "no_worker": services.waiting_too_long(record),
    }


def _tasks_table(rows: list[dict[str, Any]]) -> Table:
    """The tasks (``rows``: their pages' contexts): label (a link to the task's page), who
    started it and when, status (with its progress while active)."""
    cells = [
        [
            row["label"],
            row["record"].owner.get_username(),
            moment(row["record"].created_at),
            row["record"].get_status_display()
            + (
                f" ({row['record'].percent}%)"
                if row["record"].is_active and row["record"].total
                else ""
            ),
        ]
        for row in rows
    ]
    tasks_table = table(
        _("Background tasks"),
        [_("Task"), _("Started by"), _("Started"), _("Status")],
        cells,
        words=True,
        slug="tasks",
    )
    return {
        **tasks_table,
        "links": [reverse("tasks:detail", args=[row["record"].pk]) for row in rows],
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The user's own tasks, newest first (admins: everyone's)."""
    services.sweep_stale()
    records = TaskRecord.objects.select_related("owner")
    if not has_role(request.user, Role.ADMIN):
        records = records.filter(owner=request.user)
    rows = [_context(record) for record in records[:INDEX_SIZE]]
    return render(
        request,
        "tasks/index.html",
        {"title": _("Background tasks"), "tab": _tasks_table(rows), "size": INDEX_SIZE},
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The task's page (only for the user who started it, and admins)."""
    services.sweep_stale()
    record = get_task_for_user(request.user, pk)
    context = _context(record)
    return render(request, "tasks/detail.html", {"title": context["label"], **context})


@login_required
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment that the page polls while the task is queued or running."""
    services.sweep_stale()
    record = get_task_for_user(request.user, pk)
    return render(request, "tasks/_status.html", _context(record))


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed task again (its worker was killed, or it failed for a passing reason)."""
    record = get_task_for_user(request.user, pk)
    if services.retry(record):
        messages.success(request, _("The task is queued again."))
    else:
        messages.error(request, _("Only a failed task that can be retried is queued again."))
    return redirect(services.task_url(record))
