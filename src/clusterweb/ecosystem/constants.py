"""Choices of the registry, translated. Values match the core's ``OrgKind``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.schema import Organisation as CoreOrganisation


class OrganisationKind(models.TextChoices):
    """What kind of organisation (values of ``clusterplan.plan.schema.OrgKind``)."""

    IDM = "idm", _("Integrated device manufacturer")
    EQUIPMENT_OEM = "equipment_oem", _("Equipment OEM")
    OSAT_EMS = "osat_ems", _("Assembly, test and electronics manufacturing")
    DESIGN_HOUSE = "design_house", _("Design house")
    SUPPLIER = "supplier", _("Supplier")
    TEST_SERVICES = "test_services", _("Test services")
    SYSTEM_INTEGRATOR = "system_integrator", _("System integrator")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("Knowledge institute")
    EDUCATION = "education", _("Education")
    GOVERNMENT = "government", _("Government")
    SUPPORT = "support_organisation", _("Support organisation")
    NETWORK = "business_network", _("Business network")
    CAMPUS = "campus", _("Campus")
    RESEARCH_FIRM = "research_firm", _("Research firm")
    NATIONAL_PLATFORM = "national_platform", _("National platform")
    CLUSTER = "cluster", _("Cluster")
    OTHER = "other", _("Other")


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
