"""Background task kind of the events app: scheduling an event's meetings (CP-SAT may use
its whole time limit, so it does not run in the organiser's request).

Registered with :func:`clusterweb.tasks.services.register`; the worker finds this module
through the tasks app's autodiscovery. :func:`clusterweb.events.services.run_schedule`
writes the meetings and the report in one transaction at its end, so a killed worker leaves
the stored schedule as it was.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clusterweb.events import services
from clusterweb.events.models import Event
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

SCHEDULE = "events.schedule"


def _result_url(record: TaskRecord) -> str:
    return reverse("events:schedule", kwargs={"pk": int(record.params["event"])})


@register(SCHEDULE, _("Meeting schedule"), result_url=_result_url)
def run_schedule(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """Schedule the event's accepted requests; the result is the stored report."""
    event = Event.objects.filter(pk=int(record.params["event"])).first()
    if event is None:
        raise TaskFailed(gettext_noop("The event no longer exists."))
    progress(0, 1, gettext_noop("Scheduling the meetings"))
    try:
        report = services.run_schedule(event)
    except services.EventError as exc:
        raise TaskFailed(exc.args[0]) from exc
    progress(1, 1)
    return report
