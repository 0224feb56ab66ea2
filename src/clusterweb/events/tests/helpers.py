"""A sample event with participants, a request and a meeting, and every URL of the app."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from django.utils import timezone

from clusterweb.events.constants import RequestStatus
from clusterweb.events.models import Event, Meeting, MeetingRequest, Participant

# Fixed keys so that URL samples can be listed before the rows exist.
EVENT_PK = 9001
NXP_PK = 9101
SELF_PK = 9102
NEWAYS_PK = 9103
MEETING_PK = 9201
REQUEST_PK = 9301
SELF_TOKEN = "sample-private-token-of-a-self-registered-participant"
# Personal data that only organisers and the participant may see.
SELF_NAME = "Sanne Quillfeather"
SELF_EMAIL = "sanne.quillfeather@vexa.example"


def make_event(**fields: Any) -> Event:
    """A published event with open registration, two registry participants (NXP, Neways),
    one self-registered participant (Vexa Optics), an accepted request and a meeting."""
    now = timezone.now()
    data: dict[str, Any] = {
        "pk": EVENT_PK,
        "name": "Matchmaking voorjaar",
        "date": (now + timedelta(days=30)).date(),
        "venue": "Campuszaal",
        "description": "Leveranciers ontmoeten klanten.",
        "registration_opens": now - timedelta(days=1),
        "registration_closes": now + timedelta(days=10),
        "start_time": time(9, 0),
        "slot_minutes": 30,
        "slots": 4,
        "table_labels": ["Tafel 1", "Tafel 2"],
        "published": True,
    }
    data.update(fields)
    event = Event.objects.create(**data)
    nxp = Participant.objects.create(
        pk=NXP_PK,
        event=event,
        organisation_key="nxp",
        organisation_name="NXP",
        offers=["wafer testing", "RF design"],
        segments=["design", "front_end"],
        markets=["automotive"],
        token="registry-token-nxp",
    )
    vexa = Participant.objects.create(
        pk=SELF_PK,
        event=event,
        person_name=SELF_NAME,
        organisation_name="Vexa Optics",
        email=SELF_EMAIL,
        needs=["Wafer Testing"],
        markets=["automotive"],
        consent_at=now,
        token=SELF_TOKEN,
    )
    Participant.objects.create(
        pk=NEWAYS_PK,
        event=event,
        organisation_key="neways",
        organisation_name="Neways",
        segments=["back_end"],
        token="registry-token-neways",
    )
    MeetingRequest.objects.create(
        pk=REQUEST_PK, event=event, sender=vexa, receiver=nxp, status=RequestStatus.ACCEPTED
    )
    Meeting.objects.create(pk=MEETING_PK, event=event, a=nxp, b=vexa, slot=0, table=0)
    return event


EVENT = {"pk": EVENT_PK}
READ = [
    ("events:index", {}),
    ("events:detail", EVENT),
    ("events:tables", EVENT),
]
WRITE = [
    ("events:add", {}),
    ("events:edit", EVENT),
    ("events:participant_add", EVENT),
    ("events:pairs", EVENT),
    ("events:schedule", EVENT),
    ("events:meetings", EVENT),
    ("events:participant_edit", {"pk": EVENT_PK, "pid": NXP_PK}),
]
WRITE_POST_ONLY = [
    ("events:participant_delete", {"pk": EVENT_PK, "pid": NEWAYS_PK}),
    ("events:outcome", {"pk": EVENT_PK, "mid": MEETING_PK}),
]
PUBLIC = [("events:public", EVENT), ("events:register", EVENT)]
BY_TOKEN = [
    ("events:me", {"token": SELF_TOKEN}),
    ("events:me_ics", {"token": SELF_TOKEN}),
    ("events:me_pdf", {"token": SELF_TOKEN}),
    ("events:me_delete", {"token": SELF_TOKEN}),
    ("events:me_edit", {"token": SELF_TOKEN}),
]
BY_TOKEN_POST_ONLY = [
    ("events:me_request", {"token": SELF_TOKEN}),
    ("events:me_answer", {"token": SELF_TOKEN}),
]
OWN = [
    ("events:own", {"pid": NXP_PK}),
    ("events:own_ics", {"pid": NXP_PK}),
    ("events:own_pdf", {"pid": NXP_PK}),
    ("events:own_edit", {"pid": NXP_PK}),
]
OWN_POST_ONLY = [
    ("events:own_request", {"pid": NXP_PK}),
    ("events:own_answer", {"pid": NXP_PK}),
]
ALL = READ + WRITE + WRITE_POST_ONLY + PUBLIC + BY_TOKEN + BY_TOKEN_POST_ONLY + OWN + OWN_POST_ONLY
