"""Events: organiser pages (editors), the public event page and registration, and the
participant's private pages (by secret link, or logged in as the organisation's partner)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterplan.events.schedule import REPORT_DECIMALS
from clusterweb.accounts.access import (
    can_edit_plan,
    can_read_plan,
    editor_required,
    partner_organisations,
    reader_required,
)
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.errors import error_text
from clusterweb.events import background, services
from clusterweb.events.access import (
    get_event_for_user,
    get_event_rw_for_user,
    get_meeting_rw_for_user,
    get_own_participant,
    get_participant_by_token,
    get_participant_rw_for_user,
    get_published_event,
)
from clusterweb.events.constants import Outcome, RequestStatus
from clusterweb.events.forms import (
    AddParticipantForm,
    EventForm,
    OutcomeForm,
    PairRuleForm,
    ParticipantForm,
    ProfileChoices,
    RegistrationForm,
)
from clusterweb.events.models import Event, Meeting, MeetingRequest, Participant
from clusterweb.events.services import EventError
from clusterweb.locking import save_form
from clusterweb.pdf import pdf_response, render_pdf
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import taxonomy_choices
from clusterweb.presentation import MISSING, Table, table
from clusterweb.tasks import services as tasks
from clusterweb.tasks.constants import Status


def _posted_id(request: HttpRequest, name: str) -> int:
    """A row id from a posted field (0, which matches no row, when it is not a number)."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


# -- organiser -----------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    """Events: every event for viewers and editors; a partner's own participations."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    own: list[Participant] = []
    if can_read_plan(request.user):
        events = list(Event.objects.all())
    else:
        keys = partner_organisations(request.user)
        if not keys:
            raise PermissionDenied
        own = list(Participant.objects.filter(organisation_key__in=keys).select_related("event"))
        events = []
    return render(
        request,
        "events/index.html",
        {
            "title": _("Events"),
            "events": events,
            "own": own,
            "can_edit": can_edit_plan(request.user),
        },
    )


@editor_required
def event_add(request: HttpRequest) -> HttpResponse:
    """A new event."""
    form = EventForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.create_event(request.user, form.event_fields()),
        _("Event added."),
        lambda event: redirect("events:detail", pk=event.pk),
        refused=(),
    )
    return done or render(request, "events/form.html", {"form": form, "title": _("New event")})


@editor_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event (versioned: a stale form is refused)."""
    event = get_event_rw_for_user(request.user, pk)
    form = EventForm(request.POST or None, instance=event)
    done = save_form(
        request,
        form,
        lambda: services.update_event(event, request.user, form.event_fields(), read=form),
        _("Event saved."),
        lambda _saved: redirect("events:detail", pk=event.pk),
        row=event,
        refused=(),
    )
    return done or render(
        request, "events/form.html", {"form": form, "title": event.name, "event": event}
    )


def _participants_table(participants: Sequence[Participant], organiser: bool) -> Table:
    """The participants: what they offer and need, and for organisers their contact and
    a column for the edit and delete buttons (events/_participants_table.html)."""
    columns = [_("Organisation"), _("Offers"), _("Needs")]
    if organiser:
        columns += [_("Contact"), _("Actions")]
    rows = []
    for p in participants:
        name = p.organisation_name + (f" ({_('registry')})" if p.organisation_key else "")
        row = [name, ", ".join(p.offers) or MISSING, ", ".join(p.needs) or MISSING]
        if organiser:
            row += [", ".join(filter(None, (p.person_name, p.email))) or MISSING, ""]
        rows.append(row)
    participants_table = table(_("Participants"), columns, rows, words=True, slug="participants")
    return {**participants_table, "id": "participants", "caption_hidden": True}


@reader_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: its facts, participants, requests and the last schedule."""
    event = get_event_for_user(request.user, pk)
    participants = list(event.participants.all())
    can_edit = can_edit_plan(request.user)
    return render(
        request,
        "events/detail.html",
        {
            "title": event.name,
            "event": event,
            "participants": participants,
            "participants_table": _participants_table(participants, can_edit),
            "requests": event.requests.select_related("sender", "receiver").order_by("pk"),
            "report": event.schedule_report,
            "report_decimals": REPORT_DECIMALS,
            "can_edit": can_edit,
            "open": services.registration_open(event),
        },
    )


@editor_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser adds an organisation of the registry."""
    event = get_event_rw_for_user(request.user, pk)
    ensure_registry_loaded()
    taken = set(event.participants.values_list("organisation_key", flat=True))
    choices = [(o.key, o.name) for o in Organisation.objects.all() if o.key not in taken]
    form = AddParticipantForm(request.POST or None, organisations=choices)
    if request.method == "POST" and form.is_valid():
        organisation = get_object_or_404(Organisation, key=form.cleaned_data["organisation"])
        try:
            services.add_from_registry(event, organisation)
        except EventError as exc:
            form.add_error("organisation", error_text(exc))
        else:
            messages.success(request, _("%(name)s added.") % {"name": organisation.name})
            return redirect("events:detail", pk=event.pk)
    return render(
        request,
        "events/form.html",
        {"form": form, "title": _("Add a participant"), "event": event, "submit": _("Add")},
    )


@editor_required
def participant_edit(request: HttpRequest, pk: int, pid: int) -> HttpResponse:
    """The organiser changes a participant's profile, availability and maximum meetings."""
    event = get_event_rw_for_user(request.user, pk)
    participant = get_participant_rw_for_user(request.user, event, pid)
    form = ParticipantForm(
        request.POST or None, instance=participant, choices=_profile_choices(event)
    )
    done = save_form(
        request,
        form,
        lambda: services.update_participant(participant, form.cleaned_data, read=form),
        _("Participant saved."),
        lambda _saved: redirect("events:detail", pk=event.pk),
        row=participant,
        refused=(),
    )
    return done or render(
        request,
        "events/form.html",
        {"form": form, "title": participant.organisation_name, "event": event},
    )


@editor_required
@require_POST
def participant_delete(request: HttpRequest, pk: int, pid: int) -> HttpResponse:
    """The organiser deletes a participant with their personal data and meetings."""
    event = get_event_rw_for_user(request.user, pk)
    participant = get_participant_rw_for_user(request.user, event, pid)
    name = participant.organisation_name
    services.delete_participant(participant)
    messages.success(request, _("%(name)s and their meetings were deleted.") % {"name": name})
    return redirect("events:detail", pk=event.pk)


def _participant_choices(event: Event) -> list[tuple[int, str]]:
    return [(p.pk, p.organisation_name) for p in event.participants.all()]


@editor_required
def pairs(request: HttpRequest, pk: int) -> HttpResponse:
    """Force or forbid pairs."""
    event = get_event_rw_for_user(request.user, pk)
    form = PairRuleForm(request.POST or None, participants=_participant_choices(event))
    if request.method == "POST" and form.is_valid():
        found = services.participants_by_pk(event, (form.cleaned_data["a"], form.cleaned_data["b"]))
        try:
            services.set_pair_rule(
                event,
                found[form.cleaned_data["a"]],
                found[form.cleaned_data["b"]],
                form.cleaned_data["kind"],
            )
        except EventError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Rule saved."))
            return redirect("events:pairs", pk=event.pk)
    return render(
        request,
        "events/pairs.html",
        {
            "title": _("Force or forbid pairs"),
            "event": event,
            "form": form,
            "rules": event.pair_rules.select_related("a", "b"),
        },
    )


@editor_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Schedule the accepted requests as a background task (keeping the stored meetings
    where possible); the page shows the last schedule's report and the running task."""
    event = get_event_rw_for_user(request.user, pk)
    if request.method == "POST":
        record = tasks.start_task(request.user, background.SCHEDULE, event=event.pk)
        return redirect(tasks.task_url(record))
    accepted = event.requests.filter(status=RequestStatus.ACCEPTED).count()
    task = tasks.latest(request.user, background.SCHEDULE, event=event.pk)
    return render(
        request,
        "events/schedule.html",
        {
            "title": _("Schedule"),
            "event": event,
            "report": event.schedule_report,
            "report_decimals": REPORT_DECIMALS,
            "accepted": accepted,
            "task": task,
            "task_open": task is not None and task.status in (Status.QUEUED, Status.RUNNING),
            "task_url": tasks.task_url(task) if task is not None else "",
        },
    )


def _table_plan(event: Event) -> Table:
    """The meetings by time slot (rows) and table (columns)."""
    tables = [services.table_label(event, t) for t in range(max(len(event.table_labels), 1))]
    cells: dict[tuple[int, int], Meeting] = {
        (m.slot, m.table): m for m in event.meetings.select_related("a", "b")
    }
    rows = []
    for slot, start, end in services.timeline(event):
        meetings = [cells.get((slot, t)) for t in range(len(tables))]
        rows.append(
            [
                services.slot_span(start, end),
                *[
                    f"{m.a.organisation_name} – {m.b.organisation_name}" if m else ""
                    for m in meetings
                ],
            ]
        )
    plan = table(
        _("Meetings per time slot and table"),
        [_("Time"), *tables],
        rows,
        words=True,
        slug="table-plan",
    )
    return {**plan, "id": "table-plan"}


@reader_required
def table_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The table plan: a slot by table grid of the meetings."""
    event = get_event_for_user(request.user, pk)
    return render(
        request,
        "events/tables.html",
        {
            "title": _("Table plan"),
            "event": event,
            "plan": _table_plan(event),
            "scheduled": event.meetings.exists(),
        },
    )


@editor_required
def meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """On the day: check-in of each side of each meeting; after it: outcomes."""
    event = get_event_rw_for_user(request.user, pk)
    if request.method == "POST":
        meeting = get_meeting_rw_for_user(request.user, event, _posted_id(request, "meeting"))
        try:
            services.check_in(
                meeting,
                _posted_id(request, "participant"),
                request.POST.get("present") == "1",
            )
        except (EventError, ValueError) as exc:
            messages.error(request, error_text(exc))
        return redirect("events:meetings", pk=event.pk)
    rows = []
    times = services.slot_times(event)
    for meeting in event.meetings.select_related("a", "b", "lead"):
        start = times[meeting.slot][0] if meeting.slot < len(times) else None
        rows.append(
            {
                "meeting": meeting,
                "start": start,
                "table": services.table_label(event, meeting.table),
                "form": OutcomeForm(
                    initial={"outcome": meeting.outcome},
                    pair=[
                        (meeting.a_id, meeting.a.organisation_name),
                        (meeting.b_id, meeting.b.organisation_name),
                    ],
                    prefix=f"m{meeting.pk}",
                ),
            }
        )
    return render(
        request,
        "events/meetings.html",
        {"title": _("Check-in and outcomes"), "event": event, "rows": rows},
    )


@editor_required
@require_POST
def outcome(request: HttpRequest, pk: int, mid: int) -> HttpResponse:
    """Record a meeting's outcome; a lead goes into the acquisition funnel."""
    event = get_event_rw_for_user(request.user, pk)
    meeting = get_meeting_rw_for_user(request.user, event, mid)
    form = OutcomeForm(
        request.POST,
        pair=[
            (meeting.a_id, meeting.a.organisation_name),
            (meeting.b_id, meeting.b.organisation_name),
        ],
        prefix=f"m{meeting.pk}",
    )
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect("events:meetings", pk=event.pk)
    company = services.participants_by_pk(event, [form.cleaned_data["company"] or 0]).get(
        form.cleaned_data["company"] or 0
    )
    try:
        services.set_outcome(meeting, request.user, form.cleaned_data["outcome"], company)
    except EventError as exc:
        messages.error(request, error_text(exc))
    else:
        if meeting.outcome == Outcome.LEAD and meeting.lead is not None:
            messages.success(
                request,
                _("Lead %(company)s is in the acquisition funnel.")
                % {"company": meeting.lead.company},
            )
        else:
            messages.success(request, _("Outcome saved."))
    return redirect("events:meetings", pk=event.pk)


# -- public ---------------------------------------------------------------------------------


def _profile_choices(event: Event) -> ProfileChoices:
    plan = current_plan()
    slots = [
        (slot, services.slot_span(start, end)) for slot, start, end in services.timeline(event)
    ]
    return ProfileChoices(
        taxonomy_choices(plan, "segments"),
        taxonomy_choices(plan, "technologies"),
        taxonomy_choices(plan, "markets"),
        slots,
    )


def public_event(request: HttpRequest, pk: int) -> HttpResponse:
    """A published event for everyone, with the link to register while registration is open."""
    event = get_published_event(pk)
    return render(
        request,
        "events/public.html",
        {
            "title": event.name,
            "event": event,
            "open": services.registration_open(event),
            "not_yet": services.registration_not_yet_open(event),
        },
    )


def register(request: HttpRequest, pk: int) -> HttpResponse:
    """The public registration form (privacy statement and explicit consent)."""
    event = get_published_event(pk)
    if not services.registration_open(event):
        not_yet = services.registration_not_yet_open(event)
        context = {"title": event.name, "event": event, "not_yet": not_yet}
        return render(request, "events/closed.html", context, status=410)
    form = RegistrationForm(request.POST or None, choices=_profile_choices(event))
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.register(event, form.participant_fields())
        except EventError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "You are registered. This page is your private link: keep it (bookmark it) "
                    "to see suggestions, requests and your agenda, or to delete your data."
                ),
            )
            return redirect("events:me", token=participant.token)
    return render(
        request,
        "events/register.html",
        {"title": f"{_('Register')}: {event.name}", "event": event, "form": form},
    )


# -- participant ----------------------------------------------------------------------------


def _urls(participant: Participant, token: str | None) -> dict[str, str]:
    if token is not None:
        names = ("me", "me_request", "me_answer", "me_ics", "me_pdf", "me_edit")
        args: dict[str, Any] = {"token": token}
    else:
        names = ("own", "own_request", "own_answer", "own_ics", "own_pdf", "own_edit")
        args = {"pid": participant.pk}
    urls = {
        key: reverse(f"events:{name}", kwargs=args)
        for key, name in zip(
            ("page", "request", "answer", "ics", "pdf", "edit"), names, strict=True
        )
    }
    if token is not None:
        urls["delete"] = reverse("events:me_delete", kwargs=args)
    return urls


def _agenda_table(participant: Participant) -> Table:
    """The participant's meetings in time order (its page and its PDF)."""
    rows = [
        [services.slot_span(item.start, item.end), item.table, item.other.organisation_name]
        for item in services.agenda_of(participant)
    ]
    agenda = table(
        _("Your agenda"),
        [_("Time"), _("Table"), _("Meeting with")],
        rows,
        words=True,
        slug="agenda",
    )
    return {**agenda, "id": "agenda", "caption_hidden": True}


def _participant_page(
    request: HttpRequest, participant: Participant, token: str | None
) -> HttpResponse:
    incoming = MeetingRequest.objects.filter(receiver=participant).select_related("sender")
    outgoing = MeetingRequest.objects.filter(sender=participant).select_related("receiver")
    return render(
        request,
        "events/participant.html",
        {
            "title": f"{participant.organisation_name}: {participant.event.name}",
            "participant": participant,
            "event": participant.event,
            "suggestions": services.suggestions_for(participant),
            "incoming": incoming,
            "outgoing": outgoing,
            "agenda": _agenda_table(participant),
            "urls": _urls(participant, token),
            "private_link": request.build_absolute_uri(_urls(participant, token)["page"])
            if token
            else "",
        },
    )


def _request(request: HttpRequest, participant: Participant, token: str | None) -> HttpResponse:
    other = Participant.objects.filter(
        pk=_posted_id(request, "receiver"), event=participant.event
    ).first()
    if other is None:
        messages.error(request, _("Choose a participant of this event."))
    else:
        try:
            services.request_meeting(participant, other)
        except EventError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request, _("Meeting requested with %(name)s.") % {"name": other.organisation_name}
            )
    return redirect(_urls(participant, token)["page"])


def _answer(request: HttpRequest, participant: Participant, token: str | None) -> HttpResponse:
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Accept or decline the request."))
    else:
        try:
            item = services.answer_request(
                participant, _posted_id(request, "request"), answer == "accept"
            )
        except (EventError, ValueError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request,
                _("Request of %(name)s accepted.") % {"name": item.sender.organisation_name}
                if answer == "accept"
                else _("Request of %(name)s declined.") % {"name": item.sender.organisation_name},
            )
    return redirect(_urls(participant, token)["page"])


def _ics(request: HttpRequest, participant: Participant) -> HttpResponse:
    body = services.agenda_ics(participant, request.get_host().split(":")[0] or "localhost")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{participant.event_id}.ics"'
    return response


def _pdf(request: HttpRequest, participant: Participant) -> HttpResponse:
    body = render_pdf(
        "events/agenda_pdf.html",
        {
            "participant": participant,
            "event": participant.event,
            "agenda": _agenda_table(participant),
        },
        request=request,
    )
    return pdf_response(body, f"agenda-{participant.event_id}.pdf")


def _profile_edit(
    request: HttpRequest, participant: Participant, token: str | None
) -> HttpResponse:
    form = ParticipantForm(
        request.POST or None, instance=participant, choices=_profile_choices(participant.event)
    )
    page = _urls(participant, token)["page"]
    done = save_form(
        request,
        form,
        lambda: services.update_participant(participant, form.cleaned_data, read=form),
        _("Your profile was saved."),
        lambda _saved: redirect(page),
        row=participant,
        refused=(),
    )
    return done or render(
        request,
        "events/profile_form.html",
        {
            "title": f"{participant.organisation_name}: {participant.event.name}",
            "form": form,
            "participant": participant,
            "event": participant.event,
            "back": page,
        },
    )


def me(request: HttpRequest, token: str) -> HttpResponse:
    """A self-registered participant's private page (by the secret link)."""
    return _participant_page(request, get_participant_by_token(token), token)


def me_edit(request: HttpRequest, token: str) -> HttpResponse:
    """Change one's own profile, availability and maximum meetings (versioned)."""
    return _profile_edit(request, get_participant_by_token(token), token)


@require_POST
def me_request(request: HttpRequest, token: str) -> HttpResponse:
    """Ask another participant for a meeting."""
    return _request(request, get_participant_by_token(token), token)


@require_POST
def me_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Accept or decline a request sent to this participant."""
    return _answer(request, get_participant_by_token(token), token)


def me_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The agenda as an iCalendar file."""
    return _ics(request, get_participant_by_token(token))


def me_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The agenda as a PDF."""
    return _pdf(request, get_participant_by_token(token))


def me_delete(request: HttpRequest, token: str) -> HttpResponse:
    """Delete one's own registration with all personal data and meetings (asks first)."""
    participant = get_participant_by_token(token)
    if request.method == "POST":
        event = participant.event
        services.delete_participant(participant)
        messages.success(request, _("Your registration and all your data were deleted."))
        if event.published:
            return redirect("events:public", pk=event.pk)
        return redirect("dashboard:public")
    return render(
        request,
        "events/delete.html",
        {
            "title": _("Delete my registration"),
            "participant": participant,
            "event": participant.event,
            "back": _urls(participant, token)["page"],
        },
    )


def _logged_in(view: Any) -> Any:
    def wrapped(request: HttpRequest, pid: int) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, get_own_participant(request.user, pid))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_logged_in
def own(request: HttpRequest, participant: Participant) -> HttpResponse:
    """The private page of a participant of the partner's own organisation."""
    return _participant_page(request, participant, None)


@_logged_in
def own_edit(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Change the profile of a participant of the partner's own organisation (versioned)."""
    return _profile_edit(request, participant, None)


@_logged_in
def own_request(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Ask another participant for a meeting (logged in)."""
    if request.method != "POST":
        return HttpResponse(status=405)
    return _request(request, participant, None)


@_logged_in
def own_answer(request: HttpRequest, participant: Participant) -> HttpResponse:
    """Accept or decline a request (logged in)."""
    if request.method != "POST":
        return HttpResponse(status=405)
    return _answer(request, participant, None)


@_logged_in
def own_ics(request: HttpRequest, participant: Participant) -> HttpResponse:
    """The agenda as an iCalendar file (logged in)."""
    return _ics(request, participant)


@_logged_in
def own_pdf(request: HttpRequest, participant: Participant) -> HttpResponse:
    """The agenda as a PDF (logged in)."""
    return _pdf(request, participant)
