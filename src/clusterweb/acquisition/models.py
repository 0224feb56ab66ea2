"""Leads of the acquisition funnel and their stage history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.ecosystem.funnel import LEAD_NUMBER_BOUNDS
from clusterweb.acquisition.constants import Source, Stage
from clusterweb.fields import alphabetical, within


class Lead(models.Model):
    """A target company. ``expected_jobs`` maps pillar ids to jobs (empty = unknown)."""

    key = models.SlugField(_("id"), max_length=100, unique=True)
    company = models.CharField(_("company"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    via_organisation = models.CharField(
        _("present firm (supplier or customer of)"), max_length=100, blank=True
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    owner = models.CharField(_("owner"), max_length=100, blank=True)
    next_action = models.CharField(_("next action"), max_length=300, blank=True)
    next_action_date = models.DateField(_("date of next action"), null=True, blank=True)
    expected_jobs = models.JSONField(_("expected jobs per pillar"), default=dict, blank=True)
    area_m2 = models.FloatField(
        _("space (m²)"), null=True, blank=True, validators=within(LEAD_NUMBER_BOUNDS["area_m2"])
    )
    capex_meur = models.FloatField(
        _("capex (M EUR)"),
        null=True,
        blank=True,
        validators=within(LEAD_NUMBER_BOUNDS["capex_meur"]),
    )
    fills_segment = models.CharField(_("fills segment"), max_length=40, blank=True)
    fills_technology = models.CharField(_("fills technology"), max_length=40, blank=True)
    fills_market = models.CharField(_("fills market"), max_length=40, blank=True)
    landing_year = models.PositiveIntegerField(
        _("expected landing year"),
        null=True,
        blank=True,
        validators=within(LEAD_NUMBER_BOUNDS["landing_year"]),
    )
    probability = models.FloatField(
        _("own probability"),
        null=True,
        blank=True,
        validators=within(LEAD_NUMBER_BOUNDS["probability"]),
        help_text=_("Empty: the stage's default (an assumption)."),
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        help_text=_("The event the lead came from (source: event)."),
    )

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = alphabetical("company")

    def __str__(self) -> str:
        return self.company


class StageMove(models.Model):
    """A lead entered a stage on a date (the funnel's stage history)."""

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="moves")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    on = models.DateField(_("date"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ["lead", "on", "at"]

    def __str__(self) -> str:
        return f"{self.lead} → {self.stage} ({self.on})"
