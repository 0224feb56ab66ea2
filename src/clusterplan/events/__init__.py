"""Business-matching events: meeting requests scheduled into slots and tables."""

from clusterplan.events.agenda import CalendarItem, ics_calendar, slot_times
from clusterplan.events.matching import (
    MatchSettings,
    Profile,
    Reason,
    Suggestion,
    default_match_settings,
    reasons_for,
    suggest,
)
from clusterplan.events.schedule import (
    EventSlots,
    Instance,
    Meeting,
    Request,
    Schedule,
    SchedulerSettings,
    SchedulingError,
    default_settings,
    greedy_schedule,
    new_event_slots,
    schedule,
)

__all__ = [
    "CalendarItem",
    "ics_calendar",
    "slot_times",
    "MatchSettings",
    "Profile",
    "Reason",
    "Suggestion",
    "default_match_settings",
    "reasons_for",
    "suggest",
    "EventSlots",
    "Instance",
    "Meeting",
    "Request",
    "Schedule",
    "SchedulerSettings",
    "SchedulingError",
    "default_settings",
    "greedy_schedule",
    "new_event_slots",
    "schedule",
]
