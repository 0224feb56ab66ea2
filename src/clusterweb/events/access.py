"""One access helper per protected object of the events app.

Organisers (editors) manage every event; viewers read events, their participants and the
table plan; a partner opens the private page of a participant of its own organisation; a
self-registered participant opens theirs with the secret token of their link. The public
sees only published events."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from clusterweb.accounts.access import get_for_role, has_role, partner_organisations
from clusterweb.accounts.constants import Role
from clusterweb.events import services
from clusterweb.events.models import Event, Meeting, Participant


def get_event_for_user(user: Any, pk: int) -> Event:
    """An event the user may read (viewers and up)."""
    return get_for_role(user, Role.VIEWER, Event, pk=pk)


def get_event_rw_for_user(user: Any, pk: int) -> Event:
    """An event the user may organise (editors)."""
    return get_for_role(user, Role.EDITOR, Event, pk=pk)


def get_published_event(pk: int) -> Event:
    """A published event (404 otherwise: unpublished events do not exist for the public)."""
    return get_object_or_404(Event, pk=pk, published=True)


def get_participant_rw_for_user(user: Any, event: Event, pid: int) -> Participant:
    """A participant of ``event`` the organiser may change or delete."""
    return get_for_role(user, Role.EDITOR, Participant, pk=pid, event=event)


def get_meeting_rw_for_user(user: Any, event: Event, mid: int) -> Meeting:
    """A meeting of ``event`` whose check-in or outcome the organiser records."""
    return get_for_role(
        user, Role.EDITOR, Meeting.objects.select_related("a", "b", "event"), pk=mid, event=event
    )


def get_own_participant(user: Any, pid: int) -> Participant:
    """A participant whose private page a logged-in user opens: an editor any, a partner
    only one of its own organisation's; 403 for everyone else."""
    participant = get_object_or_404(Participant.objects.select_related("event"), pk=pid)
    if has_role(user, Role.EDITOR):
        return participant
    if participant.organisation_key and participant.organisation_key in partner_organisations(user):
        return participant
    raise PermissionDenied


def get_participant_by_token(token: str) -> Participant:
    """The participant of a private link (404 for a wrong token, never a hint)."""
    participant = services.find_by_token(token)
    if participant is None:
        raise Http404
    return participant
