"""Choices of the registry, translated; organisation kinds are the core's ``OrgKind``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.schema import Organisation as CoreOrganisation
from clusterplan.plan.schema import OrgKind
from clusterweb.choices import text_choices

ORGANISATION_KIND_LABELS = {
    "idm": _("Integrated device manufacturer"),
    "equipment_oem": _("Equipment OEM"),
    "osat_ems": _("Assembly, test and electronics manufacturing"),
    "design_house": _("Design house"),
    "supplier": _("Supplier"),
    "test_services": _("Test services"),
    "system_integrator": _("System integrator"),
    "knowledge_institute": _("Knowledge institute"),
    "education": _("Education"),
    "government": _("Government"),
    "support_organisation": _("Support organisation"),
    "business_network": _("Business network"),
    "campus": _("Campus"),
    "research_firm": _("Research firm"),
    "national_platform": _("National platform"),
    "cluster": _("Cluster"),
    "other": _("Other"),
}
"""Translated label of each ``clusterplan.plan.schema.OrgKind`` value."""

OrganisationKind = text_choices("OrganisationKind", OrgKind, ORGANISATION_KIND_LABELS)
"""What kind of organisation: the members and values of the core's ``OrgKind``."""


class MatrixAxis(models.TextChoices):
    """Columns of a white-spot matrix."""

    TECHNOLOGIES = "technologies", _("Technologies")
    MARKETS = "markets", _("Markets")


CONFIDENTIAL_FIELDS: tuple[str, ...] = CoreOrganisation.CONFIDENTIAL_FIELDS
"""Fields only editors, admins and the organisation's own partner users may see (declared
once, in the core's schema; every page, download and history entry filters them through
:func:`clusterweb.ecosystem.access.hidden_organisation_fields`)."""

PUBLIC_FIELDS = (
    "name",
    "kind",
    "pillars",
    "segments",
    "technologies",
    "markets",
    "capabilities_offered",
    "offered_tags",
    "capabilities_needed",
    "needed_tags",
    "collaboration_opportunities",
    "place",
    "campus",
    "description_public",
)
"""Fields the public showcase may show (an explicit list: nothing else reaches it)."""
