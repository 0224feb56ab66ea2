"""Agendas: slot times and iCalendar text that a calendar parser reads back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import icalendar
import pytest

from clusterplan.events import CalendarItem, ics_calendar, slot_times

CET = timezone(timedelta(hours=1))


def test_slots_follow_each_other() -> None:
    times = slot_times(datetime(2030, 1, 15, 13, 0, tzinfo=CET), 20, 3)
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in times] == [
        ("13:00", "13:20"),
        ("13:20", "13:40"),
        ("13:40", "14:00"),
    ]
    with pytest.raises(ValueError, match="minute"):
        slot_times(datetime(2030, 1, 1, tzinfo=CET), 0, 3)


def test_an_independent_parser_reads_every_meeting_back() -> None:
    start = datetime(2030, 1, 15, 13, 0, tzinfo=CET)
    items = [
        CalendarItem(
            uid=f"meeting-{i}@example.invalid",
            start=s,
            end=e,
            summary=f"Meeting with Firm {i}; table {i}, hall A",
            location="Campus, Building 1",
            description="Needs: panel-level packaging\nOffers: test, 5–10 M units ∕ year "
            + "x" * 120,
        )
        for i, (s, e) in enumerate(slot_times(start, 20, 3))
    ]
    text = ics_calendar(items, prodid="-//clusterplan//agenda//NL")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(text)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == [item.summary for item in items]
    assert [e.decoded("DTSTART") for e in events] == [item.start for item in items]
    assert [e.decoded("DTEND").astimezone(UTC) for e in events] == [
        item.end.astimezone(UTC) for item in items
    ]
    assert str(events[0]["DESCRIPTION"]) == items[0].description
    assert str(events[0]["LOCATION"]) == "Campus, Building 1"


def test_it_refuses_times_without_a_zone_and_backwards_items() -> None:
    naive = datetime(2030, 1, 1, 10)
    with pytest.raises(ValueError, match="time zone"):
        ics_calendar([CalendarItem("u", naive, naive + timedelta(hours=1), "s")], "p")
    aware = datetime(2030, 1, 1, 10, tzinfo=CET)
    with pytest.raises(ValueError, match="ends before"):
        ics_calendar([CalendarItem("u", aware, aware, "s")], "p")
