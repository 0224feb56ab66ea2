"""Business-matching events: the event, its participants, meeting requests, organisers'
pair rules and the scheduled meetings."""

from __future__ import annotations

import hmac
from datetime import datetime, time

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.events.agenda import slot_times
from clusterplan.plan.bounds import EVENT_SLOTS, SLOT_MINUTES
from clusterweb.events.constants import Outcome, PairKind, RequestStatus
from clusterweb.fields import alphabetical, within


class Event(models.Model):
    """A business-matching event: meetings in ``slots`` time slots of ``slot_minutes`` from
    ``start_time``, at the tables named in ``table_labels`` (one meeting per table and slot)."""

    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    start_time = models.TimeField(_("first slot starts at"))
    slot_minutes = models.PositiveIntegerField(
        _("slot length (minutes)"), validators=within(SLOT_MINUTES)
    )
    slots = models.PositiveIntegerField(_("number of slots"), validators=within(EVENT_SLOTS))
    table_labels = models.JSONField(_("tables"), default=list)
    published = models.BooleanField(_("published"), default=False)
    schedule_report = models.JSONField(_("last schedule"), default=dict, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def meetings_end(self) -> time:
        """When the last slot ends (the core's slots, back to back from the first)."""
        start = datetime.combine(self.date, self.start_time)
        times = slot_times(start, self.slot_minutes, self.slots)
        return times[-1][1].time() if times else self.start_time


class Participant(models.Model):
    """Someone meeting at an event: an organisation of the registry (``organisation_key``) or
    a self-registered person (``person_name``, ``organisation_name``, ``email``, ``consent_at``).

    ``availability`` lists the slots (0-based) the participant can meet in (empty: every
    slot). ``token`` opens the participant's private pages; compare it only with
    :meth:`token_matches` (constant time)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    organisation_key = models.CharField(
        _("organisation in the registry"), max_length=100, blank=True
    )
    person_name = models.CharField(_("your name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    offers = models.JSONField(_("offers"), default=list, blank=True)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    segments = models.JSONField(_("value-chain segments"), default=list, blank=True)
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    markets = models.JSONField(_("markets"), default=list, blank=True)
    availability = models.JSONField(_("available slots"), default=list, blank=True)
    max_meetings = models.PositiveIntegerField(
        _("maximum number of meetings"), null=True, blank=True, validators=within(EVENT_SLOTS)
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = [*alphabetical("organisation_name"), "pk"]

    def __str__(self) -> str:
        return self.organisation_name

    def token_matches(self, given: str) -> bool:
        """True when ``given`` is this participant's token (compared in constant time)."""
        return hmac.compare_digest(self.token.encode(), given.encode())

    @property
    def core_id(self) -> str:
        """The participant's id in the core's scheduler and matching."""
        return str(self.pk)


class MeetingRequest(models.Model):
    """``sender`` asks ``receiver`` for a meeting; ``receiver`` accepts or declines. When
    both asked each other, the request is mutual (both accepted)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent")
    receiver = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="received")
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    mutual = models.BooleanField(_("mutual"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["sender", "receiver"], name="one_request_per_direction")
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.receiver}"


class PairRule(models.Model):
    """An organiser's rule: the pair ``a``-``b`` is always scheduled, or never."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pair_rules")
    a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("rule"), max_length=20, choices=PairKind.choices)

    class Meta:
        verbose_name = _("pair rule")
        verbose_name_plural = _("pair rules")

    def __str__(self) -> str:
        return f"{self.a} – {self.b}: {self.kind}"


class Meeting(models.Model):
    """A scheduled meeting of ``a`` and ``b`` in slot ``slot`` (0-based) at table ``table``
    (0-based index into the event's table labels), its check-in and its outcome."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    a = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveIntegerField(_("slot"))
    table = models.PositiveIntegerField(_("table"))
    checked_in_a = models.BooleanField(_("first participant checked in"), default=False)
    checked_in_b = models.BooleanField(_("second participant checked in"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.NONE
    )
    lead = models.ForeignKey(
        "acquisition.Lead",
        verbose_name=_("lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["event", "slot", "table"]

    def __str__(self) -> str:
        return f"{self.a} – {self.b} ({self.slot}/{self.table})"
