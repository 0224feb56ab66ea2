"""The registry of organisations, as rows editors change (seeded from the plan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import HEADCOUNT, MONEY_MEUR
from clusterplan.plan.schema import ORGANISATION_TEXT_MAX as TEXT_MAX
from clusterweb.ecosystem.constants import OrganisationKind
from clusterweb.fields import alphabetical, within


class Organisation(models.Model):
    """An organisation of the cluster. ``jobs``, ``revenue_meur`` and ``growth_plans`` are
    confidential: only editors and the organisation's own partner users see them."""

    key = models.SlugField(_("id"), max_length=TEXT_MAX["id"], unique=True)
    name = models.CharField(_("name"), max_length=TEXT_MAX["name"])
    aliases = models.JSONField(_("other spellings"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    pillars = models.JSONField(_("pillars"), default=list, blank=True)
    segments = models.JSONField(_("value-chain segments"), default=list, blank=True)
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    markets = models.JSONField(_("markets"), default=list, blank=True)
    capabilities_offered = models.TextField(_("capabilities offered"), blank=True)
    offered_tags = models.JSONField(_("tags of capabilities offered"), default=list, blank=True)
    capabilities_needed = models.TextField(_("capabilities needed"), blank=True)
    needed_tags = models.JSONField(_("tags of capabilities needed"), default=list, blank=True)
    collaboration_opportunities = models.TextField(_("collaboration opportunities"), blank=True)
    place = models.CharField(_("place"), max_length=TEXT_MAX["place"], blank=True)
    campus = models.CharField(_("campus"), max_length=TEXT_MAX["campus"], blank=True)
    on_campus = models.BooleanField(_("on campus"), null=True, blank=True)
    in_region = models.BooleanField(_("in the region"), default=True)
    size_band = models.CharField(_("size band"), max_length=TEXT_MAX["size_band"], blank=True)
    description_public = models.TextField(_("public description"), blank=True)
    role_nl = models.TextField(_("role in the plan (Dutch)"), blank=True)
    jobs = models.PositiveIntegerField(
        _("jobs"), null=True, blank=True, validators=within(HEADCOUNT)
    )
    revenue_meur = models.FloatField(
        _("revenue (M EUR)"), null=True, blank=True, validators=within(MONEY_MEUR)
    )
    growth_plans = models.TextField(_("growth plans"), blank=True)
    source = models.CharField(_("source"), max_length=TEXT_MAX["source"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = alphabetical("name")

    def __str__(self) -> str:
        return self.name
