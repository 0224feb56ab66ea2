"""Business-matching events: meeting requests scheduled into slots and tables."""

from clusterplan.events.schedule import (
    Instance,
    Meeting,
    Request,
    Schedule,
    SchedulerSettings,
    SchedulingError,
    default_settings,
    greedy_schedule,
    schedule,
)

__all__ = [
    "Instance",
    "Meeting",
    "Request",
    "Schedule",
    "SchedulerSettings",
    "SchedulingError",
    "default_settings",
    "greedy_schedule",
    "schedule",
]
