"""Agendas: the clock times of an event's slots, and calendars (iCalendar, RFC 5545).

The web platform turns a participant's meetings into :class:`CalendarItem` rows and calls
:func:`ics_calendar`; the text is what a calendar program imports (``.ics``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from clusterplan.errors import Coded


@dataclass(frozen=True)
class CalendarItem:
    """One entry of a calendar; ``start`` and ``end`` carry a time zone."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""


def slot_times(start: datetime, slot_minutes: int, slots: int) -> list[tuple[datetime, datetime]]:
    """Start and end of each slot, back to back from ``start``."""
    if slot_minutes < 1:
        raise ValueError(Coded("agenda.slot_too_short", {"minutes": slot_minutes}))
    if slots < 0:
        raise ValueError(Coded("agenda.slots_negative", {"slots": slots}))
    length = timedelta(minutes=slot_minutes)
    return [(start + i * length, start + (i + 1) * length) for i in range(slots)]


def _text(value: str) -> str:
    """Escape a TEXT value (RFC 5545, 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545, 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times need a time zone")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_calendar(items: Sequence[CalendarItem], prodid: str, stamp: datetime | None = None) -> str:
    """An iCalendar text with one VEVENT per item (CRLF line ends, folded, escaped)."""
    stamp = stamp or datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(prodid)}", "CALSCALE:GREGORIAN"]
    for item in items:
        if item.end <= item.start:
            raise ValueError(Coded("agenda.ends_before_start", {"uid": repr(item.uid)}))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(item.uid)}",
            f"DTSTAMP:{_utc(stamp)}",
            f"DTSTART:{_utc(item.start)}",
            f"DTEND:{_utc(item.end)}",
            f"SUMMARY:{_text(item.summary)}",
        ]
        if item.location:
            lines.append(f"LOCATION:{_text(item.location)}")
        if item.description:
            lines.append(f"DESCRIPTION:{_text(item.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
