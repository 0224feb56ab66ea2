"""Statuses and kinds of the events app, translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """Where a meeting request stands: the asked participant accepts or declines it."""

    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PairKind(models.TextChoices):
    """An organiser's rule for a pair: always schedule it, or never."""

    FORCED = "forced", _("Forced")
    FORBIDDEN = "forbidden", _("Forbidden")


class Outcome(models.TextChoices):
    """A meeting's result after the event; a lead goes into the acquisition funnel."""

    NONE = "none", _("No follow-up")
    FOLLOW_UP = "follow_up", _("Follow-up")
    LEAD = "lead", _("Lead")


# Bytes of randomness in a self-registered participant's private link (secrets.token_urlsafe):
# 32 bytes (256 bits) is the size Python's documentation recommends against guessing.
TOKEN_BYTES = 32


EVENT_FIELDS = (
    "name",
    "date",
    "venue",
    "description",
    "registration_opens",
    "registration_closes",
    "start_time",
    "slot_minutes",
    "slots",
    "table_labels",
    "published",
)
"""An event's own fields: what its form edits and the history records."""

PARTICIPANT_FIELDS = (
    "organisation_name",
    "offers",
    "needs",
    "segments",
    "technologies",
    "markets",
    "availability",
    "max_meetings",
)
"""A participant's profile as the organiser edits it."""
