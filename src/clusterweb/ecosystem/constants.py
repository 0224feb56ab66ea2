"""Choices of the registry, translated; organisation kinds are the core's ``OrgKind``."""

from clusterplan.plan.schema import Organisation as CoreOrganisation
from clusterweb.choices import text_choices

OrganisationKind = text_choices("OrganisationKind", "organisation.kind")
"""What kind of organisation: the members and values of the core's ``OrgKind``."""


MatrixAxis = text_choices("MatrixAxis", "whitespot.axis")
"""Columns of a white-spot matrix (the core's ``clusterplan.ecosystem.whitespots.Axis``)."""


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
