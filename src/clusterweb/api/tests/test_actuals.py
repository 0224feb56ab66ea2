"""GET /api/actuals: the stored figures one by one, as the page of stored figures shows
them to each persona (a partner's submission only to editors), of one indicator or year,
named in the request's language; an unknown indicator is refused, not answered empty."""

from __future__ import annotations

from datetime import date

from clusterplan.i18n import unit_words
from clusterweb.api.tests.helpers import call, token_for
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.monitoring.models import Actual
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase

URL = "/api/actuals"


class ActualsTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ensure_registry_loaded()
        cls.pillar = current_plan().pillar_ids[0]
        Actual.objects.create(
            indicator="jobs", subject=cls.pillar, year=2027, value=1234, source="register"
        )
        Actual.objects.create(indicator="revenue", year=2028, value=5.5, source="accounts")
        Actual.objects.create(
            indicator="partner-jobs",
            subject=cls.pillar,
            year=2027,
            value=77,
            source="own submission",
            received=date(2028, 2, 1),
            organisation=Organisation.objects.get(key="nxp"),
        )

    def _get(self, user: object, query: str = "", lang: str = "nl") -> object:
        token = None if user is None else token_for(user)
        return call(self.client, "get", URL + query, token, headers={"Accept-Language": lang})

    def test_each_persona_sees_what_the_page_of_stored_figures_shows_it(self) -> None:
        editor = self._get(self.editor)
        self.assertEqual(editor.status_code, 200, editor.content)
        self.assertEqual(
            [(a["indicator"], a["year"]) for a in editor.json()],
            [("jobs", 2027), ("revenue", 2028), ("partner-jobs", 2027)],  # the plan's order
        )
        submitted = editor.json()[2]
        self.assertEqual(submitted["organisation"], "nxp")
        self.assertEqual(submitted["received"], "2028-02-01")
        viewer = self._get(self.viewer)
        self.assertEqual(viewer.status_code, 200)
        self.assertEqual([a["indicator"] for a in viewer.json()], ["jobs", "revenue"])
        self.assertEqual(self._get(None).status_code, 401)
        for user in (self.outsider, self.partner):  # the page wants a reader too
            self.assertEqual(self._get(user).status_code, 403)

    def test_figures_are_named_in_the_request_language(self) -> None:
        plan = current_plan()
        for lang in ("nl", "en"):
            with self.subTest(lang=lang):
                jobs, revenue = self._get(self.viewer, lang=lang).json()
                pillar = next(p for p in plan.taxonomy.pillars if p.id == self.pillar)
                self.assertEqual(jobs["subject"], self.pillar)
                self.assertEqual(
                    jobs["subject_label"], pillar.name_nl if lang == "nl" else pillar.name_en
                )
                self.assertEqual(jobs["indicator_label"], "Banen" if lang == "nl" else "Jobs")
                self.assertEqual(jobs["unit_label"], unit_words("jobs", lang))
                self.assertEqual((jobs["value"], jobs["source"]), (1234, "register"))
                self.assertIsNone(revenue["subject"])  # the cluster total
                self.assertIsNone(revenue["organisation"])

    def test_one_indicator_or_year_is_asked_by_query(self) -> None:
        revenue = self._get(self.editor, "?indicator=revenue").json()
        self.assertEqual([a["indicator"] for a in revenue], ["revenue"])
        of_2027 = self._get(self.editor, "?year=2027").json()
        self.assertEqual({a["indicator"] for a in of_2027}, {"jobs", "partner-jobs"})

    def test_an_unknown_indicator_is_refused_naming_it(self) -> None:
        for lang, words in (("nl", "geen indicator"), ("en", "no indicator")):
            response = self._get(self.viewer, "?indicator=jobz", lang)
            self.assertEqual(response.status_code, 422)
            [problem] = response.json()["detail"]
            self.assertEqual(problem["loc"], ["query", "indicator"])
            self.assertIn(words, problem["msg"])
            self.assertIn("jobz", problem["msg"])
