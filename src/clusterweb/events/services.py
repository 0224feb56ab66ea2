"""Event services: events, participants, requests, pair rules, scheduling, agendas,
outcomes. Every change runs in a transaction; edits of stored rows claim their row first
(:func:`clusterweb.locking.claim`)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.events import (
    Instance,
    Profile,
    Request,
    SchedulingError,
    schedule,
    suggest,
)
from clusterplan.events import Meeting as CoreMeeting
from clusterplan.events.agenda import CalendarItem, ics_calendar
from clusterplan.events.agenda import slot_times as core_slot_times
from clusterplan.events.matching import reason_text
from clusterplan.report.numbers import percent
from clusterweb.acquisition.constants import Source, Stage
from clusterweb.acquisition.services import create_lead
from clusterweb.ecosystem.models import Organisation
from clusterweb.errors import error_text
from clusterweb.events.constants import (
    EVENT_FIELDS,
    TOKEN_BYTES,
    Outcome,
    PairKind,
    RequestStatus,
)
from clusterweb.events.models import Event, Meeting, MeetingRequest, PairRule, Participant
from clusterweb.history.services import record_create, save_changes
from clusterweb.locking import ReadVersion, claim
from clusterweb.planning import tables
from clusterweb.planning.services import current_plan
from clusterweb.presentation import page_language

# Copied from a registry organisation when it joins an event: only the showcase's public
# fields (``ecosystem.constants.PUBLIC_FIELDS``), so other participants may see them.
PROFILE_FROM_REGISTRY = {
    "offers": "offered_tags",
    "needs": "needed_tags",
    "segments": "segments",
    "technologies": "technologies",
    "markets": "markets",
}


class EventError(ValueError):
    """A change the event's rules refuse; the message is for the user."""


def new_token() -> str:
    """A fresh secret for a participant's private link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


# -- events -----------------------------------------------------------------------------


def create_event(user: Any, fields: dict[str, Any]) -> Event:
    """A new event (kept in history)."""
    with transaction.atomic():
        event = Event.objects.create(**fields)
        record_create(user, event)
    return event


def update_event(
    event: Event, user: Any, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change an event; refused (:class:`clusterweb.locking.Stale`) when ``read`` is stale."""
    with transaction.atomic():
        claim(event, read)
        save_changes(user, event, fields, EVENT_FIELDS)


def registration_open(event: Event, now: datetime | None = None) -> bool:
    """True while a published event takes registrations."""
    now = now or timezone.now()
    return event.published and event.registration_opens <= now < event.registration_closes


def registration_not_yet_open(event: Event, now: datetime | None = None) -> bool:
    """True before registration opens (then a page says when it will; after it closed,
    since when it is closed)."""
    return (now or timezone.now()) < event.registration_opens


def slot_times(event: Event, slots: int | None = None) -> list[tuple[datetime, datetime]]:
    """Start and end of every slot (of the first ``slots``, default the event's), in the
    current time zone."""
    start = timezone.make_aware(datetime.combine(event.date, event.start_time))
    return core_slot_times(start, event.slot_minutes, event.slots if slots is None else slots)


def clock(at: datetime) -> str:
    """A time of day, ``09:00``, in the current time zone."""
    return time_format(timezone.localtime(at), "H:i")


def slot_span(start: datetime, end: datetime) -> str:
    """A slot's time, ``09:00–09:30``, in the current time zone."""
    return f"{clock(start)}–{clock(end)}"


def _slots_as_times(event: Event, params: dict[str, Any]) -> dict[str, Any]:
    """The slot numbers of the core's ``schedule.slot_outside`` as the page shows slots: the
    slot named by its time, the event's slots from the first's start to the last's end."""
    times = slot_times(event, max(params["slot"], params["last"]) + 1)
    first, last = times[params["first"]], times[params["last"]]
    return {
        "slot": slot_span(*times[params["slot"]]),
        "first": clock(first[0]),
        "last": clock(last[1]),
    }


def table_label(event: Event, table: int) -> str:
    """The label of a table (its number when the event names fewer tables)."""
    labels = list(event.table_labels or [])
    return str(labels[table]) if table < len(labels) else str(table + 1)


# -- participants -------------------------------------------------------------------------


def add_from_registry(event: Event, organisation: Organisation) -> Participant:
    """An organisation of the registry joins the event with its public profile."""
    if event.participants.filter(organisation_key=organisation.key).exists():
        raise EventError(
            _("%(name)s already takes part in this event.") % {"name": organisation.name}
        )
    profile = {
        mine: list(getattr(organisation, theirs) or [])
        for mine, theirs in PROFILE_FROM_REGISTRY.items()
    }
    return Participant.objects.create(
        event=event,
        organisation_key=organisation.key,
        organisation_name=organisation.name,
        token=new_token(),
        **profile,
    )


def register(event: Event, fields: dict[str, Any], now: datetime | None = None) -> Participant:
    """A self-registration on the public form (consent given now)."""
    now = now or timezone.now()
    if not registration_open(event, now):
        raise EventError(_("Registration for this event is closed."))
    return Participant.objects.create(event=event, consent_at=now, token=new_token(), **fields)


def delete_participant(participant: Participant) -> None:
    """Remove a participant with their personal data, requests, pair rules and meetings
    (leads made from their meetings stay in the funnel: they are the organiser's records).
    Participants are never written to the platform's history, so nothing of them stays."""
    with transaction.atomic():
        Meeting.objects.filter(Q(a=participant) | Q(b=participant)).delete()
        PairRule.objects.filter(Q(a=participant) | Q(b=participant)).delete()
        participant.delete()


def update_participant(
    participant: Participant, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change a participant's profile; refused (:class:`clusterweb.locking.Stale`) when the
    form ``read`` is stale. Not kept in the platform's history: it holds personal data that
    must go when the participant asks."""
    with transaction.atomic():
        claim(participant, read)
        for name, value in fields.items():
            setattr(participant, name, value)
        participant.full_clean()
        participant.save()


def find_by_token(token: str) -> Participant | None:
    """The participant whose private link carries ``token`` (compared in constant time)."""
    candidate = Participant.objects.select_related("event").filter(token=token).first()
    if candidate is None or not candidate.token_matches(token):
        return None
    return candidate


# -- requests and rules -------------------------------------------------------------------


def request_meeting(sender: Participant, receiver: Participant) -> MeetingRequest:
    """``sender`` asks ``receiver`` for a meeting. When ``receiver`` had asked ``sender``
    already, both requests become accepted and mutual."""
    if sender.event_id != receiver.event_id:
        raise EventError(_("You can only ask participants of the same event."))
    if sender.pk == receiver.pk:
        raise EventError(_("You cannot ask yourself for a meeting."))
    with transaction.atomic():
        if MeetingRequest.objects.filter(sender=sender, receiver=receiver).exists():
            raise EventError(
                _("You already asked %(name)s.") % {"name": receiver.organisation_name}
            )
        reverse = MeetingRequest.objects.filter(sender=receiver, receiver=sender).first()
        mine = MeetingRequest.objects.create(event=sender.event, sender=sender, receiver=receiver)
        if reverse is not None and reverse.status != RequestStatus.DECLINED:
            for item in (mine, reverse):
                item.status, item.mutual = RequestStatus.ACCEPTED, True
                item.save(update_fields=["status", "mutual"])
    return mine


def answer_request(receiver: Participant, request_id: int, accept: bool) -> MeetingRequest:
    """``receiver`` accepts or declines a request sent to them (and only to them)."""
    item = MeetingRequest.objects.filter(pk=request_id, receiver=receiver).first()
    if item is None:
        raise EventError(_("This request is not addressed to you."))
    with transaction.atomic():
        item.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        if not accept:  # no longer asked both ways: neither request is mutual
            item.mutual = False
            MeetingRequest.objects.filter(sender=receiver, receiver=item.sender).update(
                mutual=False
            )
        item.save(update_fields=["status", "mutual"])
    return item


def set_pair_rule(event: Event, a: Participant, b: Participant, kind: str) -> PairRule:
    """Force or forbid the pair ``a``-``b`` (replacing an earlier rule for the pair)."""
    if a.pk == b.pk:
        raise EventError(_("Choose two different participants."))
    if a.event_id != event.pk or b.event_id != event.pk:
        raise EventError(_("Both participants must take part in this event."))
    if kind not in PairKind.values:
        raise EventError(_("Unknown rule."))
    with transaction.atomic():
        PairRule.objects.filter(event=event).filter(Q(a=a, b=b) | Q(a=b, b=a)).delete()
        return PairRule.objects.create(event=event, a=a, b=b, kind=kind)


# -- scheduling -----------------------------------------------------------------------------


def build_instance(event: Event) -> Instance:
    """The core's scheduling instance: accepted requests (a pair asked both ways is mutual,
    by the core's rule), forced pairs
    (requested with the highest priority), forbidden pairs, availability, maximum meetings,
    and the stored meetings as ``previous`` so re-scheduling keeps them where it can."""
    requests = [  # mutual: the core's rule, both directions accepted (Instance.pairs)
        Request(r.sender.core_id, r.receiver.core_id, 1, False)
        for r in event.requests.filter(status=RequestStatus.ACCEPTED).select_related(
            "sender", "receiver"
        )
    ]
    forced: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    requested = {r.pair for r in requests}
    for rule in event.pair_rules.select_related("a", "b"):
        first, second = sorted((rule.a.core_id, rule.b.core_id))
        pair = (first, second)
        (forced if rule.kind == PairKind.FORCED else forbidden).add(pair)
        if rule.kind == PairKind.FORCED and pair not in requested:
            # a forced pair nobody asked for is requested (the core places only requests);
            # one asked for keeps its one direction: a second would make it mutual
            requests.append(Request(pair[0], pair[1], 1, False))
    participants = list(event.participants.all())
    # a slot the event no longer has is the core's to refuse (schedule.slot_outside); it had
    # been dropped, and a participant left with none then met nobody, without a word
    availability = {p.core_id: frozenset(p.availability) for p in participants if p.availability}
    caps = {p.core_id: p.max_meetings for p in participants if p.max_meetings is not None}
    tables = max(len(event.table_labels or []), 1)
    previous = []
    for m in event.meetings.select_related("a", "b"):
        if m.slot < event.slots and m.table < tables:
            first, second = sorted((m.a.core_id, m.b.core_id))
            previous.append(CoreMeeting(first, second, m.slot, m.table))
    return Instance(
        requests=tuple(requests),
        slots=event.slots,
        tables=tables,
        availability=availability,
        max_meetings=caps,
        forced=frozenset(forced),
        forbidden=frozenset(forbidden),
        previous=tuple(previous),
    )


def run_schedule(event: Event) -> dict[str, Any]:
    """Schedule the event's accepted requests and store the meetings; a meeting whose pair
    stays keeps its row (check-in, outcome and lead). Returns the report it stores."""
    if not event.table_labels:
        raise EventError(gettext_lazy("Name at least one table before scheduling."))
    by_id = {p.core_id: p for p in event.participants.all()}
    names = {core_id: p.organisation_name for core_id, p in by_id.items()}
    try:
        # an event stored before its sizes had their declared ranges may be refused too
        result = schedule(build_instance(event), names=names)
    except SchedulingError as exc:
        params = dict(exc.params)
        if params.get("who") in names:  # a participant by name, not by its row's id
            params["who"] = names[params["who"]]
        if exc.code == "schedule.slot_outside":  # slots by their times, as the pages show them
            params.update(_slots_as_times(event, params))
        exc = SchedulingError(code=exc.code, params=params)
        # The core's diagnosis (which forced pairs, and why) by the organisations' names.
        # Written when read, in the reader's language (a page, or each language of a task).
        raise EventError(lazy(lambda error=exc: capfirst(error_text(error)), str)()) from exc
    with transaction.atomic():
        stored = {
            frozenset((m.a.core_id, m.b.core_id)): m
            for m in event.meetings.select_related("a", "b")
        }
        keep = set()
        for core in result.meetings:
            pair = frozenset((core.a, core.b))
            row = stored.get(pair)
            if row is None:
                row = Meeting(event=event, a=by_id[core.a], b=by_id[core.b])
            row.slot, row.table = core.slot, core.table
            row.save()
            keep.add(row.pk)
        # A meeting the new schedule does not place is gone (a lead made from it stays in
        # the funnel with the event as its source).
        event.meetings.exclude(pk__in=keep).delete()
        summary = {k: v for k, v in result.to_dict().items() if k != "meetings"}  # the core's
        report = {**summary, "gap_percent": percent(result.gap), "at": timezone.now().isoformat()}
        event.schedule_report = report
        event.save(update_fields=["schedule_report"])
    return report


# -- matching -------------------------------------------------------------------------------


def profile_of(participant: Participant) -> Profile:
    """A participant as the core's matching reads them."""
    return Profile(
        id=participant.core_id,
        name=participant.organisation_name,
        offers=tuple(participant.offers),
        needs=tuple(participant.needs),
        segments=tuple(participant.segments),
        technologies=tuple(participant.technologies),
        markets=tuple(participant.markets),
    )


def _taxonomy_names() -> dict[str, dict[str, str]]:
    plan = current_plan()
    return {
        "segment": tables.taxonomy_names(plan, "segments"),
        "technology": tables.taxonomy_names(plan, "technologies"),
        "market": tables.taxonomy_names(plan, "markets"),
    }


@dataclass(frozen=True)
class ShownSuggestion:
    """A suggested meeting partner with the reasons in words."""

    participant: Participant
    reasons: list[str]


def suggestions_for(participant: Participant) -> list[ShownSuggestion]:
    """Meetings suggested to ``participant``, best first, without pairs already asked
    (either way) and forbidden pairs."""
    others = list(participant.event.participants.all())
    asked = MeetingRequest.objects.filter(Q(sender=participant) | Q(receiver=participant))
    exclude: list[tuple[str, str]] = [
        (r.sender.core_id, r.receiver.core_id) for r in asked.select_related("sender", "receiver")
    ]
    exclude += [
        (r.a.core_id, r.b.core_id)
        for r in participant.event.pair_rules.filter(kind=PairKind.FORBIDDEN).select_related(
            "a", "b"
        )
    ]
    order = [s.id for s in current_plan().taxonomy.segments]
    found = suggest(
        [profile_of(p) for p in others], order, for_id=participant.core_id, exclude=exclude
    )
    by_id = {p.core_id: p for p in others}
    names = {p.core_id: p.organisation_name for p in others}
    taxonomy = _taxonomy_names()
    return [
        ShownSuggestion(
            by_id[s.b if s.a == participant.core_id else s.a],
            [reason_text(r, names, taxonomy, page_language()) for r in s.reasons],
        )
        for s in found
    ]


# -- agendas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaItem:
    """One meeting in a participant's agenda."""

    meeting: Meeting
    other: Participant
    start: datetime
    end: datetime
    table: str


def agenda_of(participant: Participant) -> list[AgendaItem]:
    """The participant's meetings in time order."""
    event = participant.event
    times = slot_times(event)
    items = []
    for meeting in Meeting.objects.filter(Q(a=participant) | Q(b=participant)).select_related(
        "a", "b"
    ):
        if meeting.slot >= len(times):
            continue
        other = meeting.b if meeting.a_id == participant.pk else meeting.a
        start, end = times[meeting.slot]
        items.append(AgendaItem(meeting, other, start, end, table_label(event, meeting.table)))
    return sorted(items, key=lambda i: (i.start, i.table))


def agenda_ics(participant: Participant, host: str) -> str:
    """The participant's agenda as an iCalendar file."""
    event = participant.event
    items = [
        CalendarItem(
            uid=f"meeting-{item.meeting.pk}@{host}",
            start=item.start,
            end=item.end,
            summary=_("Meeting with %(name)s") % {"name": item.other.organisation_name},
            location=f"{event.venue}, {_('table')} {item.table}",
            description=event.name,
        )
        for item in agenda_of(participant)
    ]
    return ics_calendar(items, prodid=f"-//clusterplan//{host}//")


# -- the day and after --------------------------------------------------------------------------


def check_in(meeting: Meeting, participant_id: int, present: bool) -> None:
    """Mark one side of a meeting present (or not) on the day."""
    if participant_id == meeting.a_id:
        meeting.checked_in_a = present
    elif participant_id == meeting.b_id:
        meeting.checked_in_b = present
    else:
        raise EventError(_("This participant is not in this meeting."))
    meeting.save(update_fields=["checked_in_a", "checked_in_b"])


def set_outcome(
    meeting: Meeting, user: Any, outcome: str, company: Participant | None, on: date | None = None
) -> Meeting:
    """Record a meeting's outcome. ``lead`` puts ``company`` into the acquisition funnel
    (stage identified, source event, the event as reference) unless the meeting has a lead."""
    if outcome not in Outcome.values:
        raise EventError(_("Unknown outcome."))
    with transaction.atomic():
        if outcome == Outcome.LEAD and meeting.lead_id is None:
            if company is None or company.pk not in (meeting.a_id, meeting.b_id):
                raise EventError(_("Choose which participant is the lead."))
            other = meeting.b if company.pk == meeting.a_id else meeting.a
            meeting.lead = create_lead(
                user,
                {
                    "company": company.organisation_name,
                    "source": Source.EVENT,
                    "event": meeting.event,
                    "next_action": _("Follow up the meeting with %(name)s at %(event)s")
                    % {"name": other.organisation_name, "event": meeting.event.name},
                },
                Stage.IDENTIFIED,
                on or date.today(),
            )
        meeting.outcome = outcome
        meeting.save(update_fields=["outcome", "lead"])
    return meeting


def participants_by_pk(event: Event, ids: Iterable[int]) -> dict[int, Participant]:
    """The event's participants with these primary keys."""
    return {p.pk: p for p in event.participants.filter(pk__in=list(ids))}


def timeline(event: Event) -> Sequence[tuple[int, datetime, datetime]]:
    """(slot, start, end) of every slot."""
    return [(i, s, e) for i, (s, e) in enumerate(slot_times(event))]
