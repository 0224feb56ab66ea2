"""The web's choices are the core's enumerations: same members, values, order and words
(:mod:`clusterplan.labels`), in the language of the page."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase
from django.utils import translation

from clusterplan import labels
from clusterplan.plan.schema import Organisation as CoreOrganisation
from clusterweb.acquisition import constants as acquisition
from clusterweb.demand import constants as demand
from clusterweb.ecosystem import constants as ecosystem
from clusterweb.monitoring import constants as monitoring
from clusterweb.planning import constants as planning
from clusterweb.startups import constants as startups

PAIRS: list[tuple[Any, str]] = [
    (ecosystem.OrganisationKind, "organisation.kind"),
    (ecosystem.MatrixAxis, "whitespot.axis"),
    (acquisition.Stage, "lead.stage"),
    (acquisition.Source, "lead.source"),
    (startups.Status, "startup.status"),
    (startups.FundingKind, "startup.funding"),
    (startups.Stage, "startup.stage"),
    (startups.Programme, "startup.programme"),
    (demand.SpaceFunction, "space.function"),
    (demand.EducationLevel, "education.level"),
    (planning.CommitmentStatus, "commitment.status"),
    (monitoring.Status, "monitor.status"),
]


WORDS_ONLY = {
    # Enumerations the web has no choices class for: it takes the core's values and words
    # where it shows them (backcast.services.shape_choices, ecosystem's white-spot page, the
    # event's schedule report, the assumptions page's sections).
    "assumption.area",
    "backcast.shape",
    "schedule.method",
    "whitespot.judgement",
}


class EnumerationTests(SimpleTestCase):
    def test_every_web_choice_is_the_cores_value_in_the_cores_order(self) -> None:
        self.assertEqual({kind for _, kind in PAIRS} | WORDS_ONLY, set(labels.ENUMERATIONS))
        self.assertFalse(WORDS_ONLY & {kind for _, kind in PAIRS})
        for web, kind in PAIRS:
            with self.subTest(choices=web.__name__):
                self.assertEqual(list(web.values), list(labels.values(kind)))

    def test_every_label_is_the_cores_word_in_the_active_language(self) -> None:
        for web, kind in PAIRS:
            for value in labels.values(kind):
                with self.subTest(choices=web.__name__, value=value):
                    for lang in ("nl", "en"):
                        with translation.override(lang):
                            shown = str(web(value).label)
                        self.assertEqual(shown, labels.label(kind, value, lang))
                        self.assertTrue(shown)
                    with translation.override("en"):  # not the value as its own label
                        self.assertNotEqual(str(web(value).label), value)

    def test_the_confidential_fields_are_the_cores(self) -> None:
        self.assertIs(ecosystem.CONFIDENTIAL_FIELDS, CoreOrganisation.CONFIDENTIAL_FIELDS)
