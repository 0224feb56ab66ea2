"""The web's choices are the core's enumerations: same members, values and order, and every
value has a translated label (a value added in the core is named here until it has one)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from django.test import SimpleTestCase
from django.utils import translation

from clusterplan.ecosystem.funnel import LeadSource
from clusterplan.ecosystem.funnel import Stage as CoreStage
from clusterplan.ecosystem.startups import FundingKind as CoreFundingKind
from clusterplan.ecosystem.startups import Status as CoreStatus
from clusterplan.plan.schema import (
    COMMITMENT_STATUSES,
    EDUCATION_LEVELS,
    SECURED_COMMITMENT_STATUSES,
    SPACE_FUNCTIONS,
    OrgKind,
)
from clusterplan.plan.schema import Organisation as CoreOrganisation
from clusterweb.acquisition import constants as acquisition
from clusterweb.demand import constants as demand
from clusterweb.ecosystem import constants as ecosystem
from clusterweb.planning import constants as planning
from clusterweb.startups import constants as startups

PAIRS: list[tuple[Any, Any, dict[str, Any]]] = [
    (ecosystem.OrganisationKind, OrgKind, ecosystem.ORGANISATION_KIND_LABELS),
    (acquisition.Stage, CoreStage, acquisition.STAGE_LABELS),
    (acquisition.Source, LeadSource, acquisition.SOURCE_LABELS),
    (startups.Status, CoreStatus, startups.STATUS_LABELS),
    (startups.FundingKind, CoreFundingKind, startups.FUNDING_KIND_LABELS),
    (demand.SpaceFunction, SPACE_FUNCTIONS, demand.SPACE_FUNCTION_LABELS),
    (demand.EducationLevel, EDUCATION_LEVELS, demand.EDUCATION_LEVEL_LABELS),
    (planning.CommitmentStatus, COMMITMENT_STATUSES, planning.COMMITMENT_STATUS_LABELS),
]


def _values(core: Any) -> list[str]:
    if isinstance(core, type) and issubclass(core, Enum):
        return [str(m.value) for m in core]
    return [str(v) for v in core]


class EnumerationTests(SimpleTestCase):
    def test_every_web_choice_is_the_cores_value_in_the_cores_order(self) -> None:
        for web, core, _labels in PAIRS:
            with self.subTest(choices=web.__name__):
                self.assertEqual(list(web.values), _values(core))

    def test_every_core_value_has_a_translated_label(self) -> None:
        for web, core, labels in PAIRS:
            for value in _values(core):
                with self.subTest(choices=web.__name__, value=value):
                    self.assertIn(value, labels)
                    with translation.override("nl"):
                        dutch = str(web(value).label)
                    with translation.override("en"):
                        english = str(web(value).label)
                    self.assertTrue(dutch and english)
                    self.assertNotEqual(english, value)  # not the value as its own label

    def test_the_confidential_fields_are_the_cores(self) -> None:
        self.assertIs(ecosystem.CONFIDENTIAL_FIELDS, CoreOrganisation.CONFIDENTIAL_FIELDS)

    def test_the_secured_statuses_are_the_cores(self) -> None:
        self.assertEqual(
            [str(s) for s in planning.SECURED_STATUSES], list(SECURED_COMMITMENT_STATUSES)
        )
