"""A project's business case on the web: edited by editors, used by the growth model."""

from __future__ import annotations

from django.urls import reverse

from clusterplan.labels import label as words
from clusterplan.model.growth import backing, growth_assumptions, project_jobs
from clusterplan.plan.schema import EDUCATION_LEVELS, SPACE_FUNCTIONS
from clusterplan.report.table import shown_rows
from clusterplan.report.tables import case_jobs_table
from clusterweb.history.models import Change
from clusterweb.planning.models import Project
from clusterweb.planning.services import current_plan
from clusterweb.planning.tests.test_tables import page_rows
from clusterweb.testing import PersonaTestCase

CASE = {
    "jobs": "2027 20 80\n2029 120 40\n2031 300",
    "pillar_shares": "",
    "milestones": "2028-06-30; Lijn gekwalificeerd; opbrengst 90%",
    "sources": "Businesscase ACP v1",
    "area_production": "6.000",
    "energy_mw": "4,5",
    "talent_mbo": "150",
}


class BusinessCaseTests(PersonaTestCase):
    def url(self, key: str = "acp") -> str:
        return reverse("planning:business_case_edit", kwargs={"key": key})

    def test_an_editor_adds_a_business_case_and_the_growth_model_uses_it(self) -> None:
        before = project_jobs(current_plan())
        self.login(self.editor)
        page = self.client.get(reverse("planning:project", kwargs={"key": "acp"}))
        self.assertContains(page, "Geen businesscase")
        response = self.client.post(self.url(), self.edit_form(self.url(), **CASE))
        self.assertRedirects(response, reverse("planning:project", kwargs={"key": "acp"}))
        plan = current_plan()
        case = plan.project("acp").business_case
        assert case is not None
        self.assertEqual(case.jobs[2029].structural, 120)
        self.assertEqual(case.floor_area_m2["production"], 6000)
        self.assertEqual(case.energy_mw, 4.5)
        self.assertEqual(case.milestones[0].kpi, "opbrengst 90%")
        after = project_jobs(plan)
        self.assertAlmostEqual(float(after["acp"][:, -1].sum()), 300.0)
        for pid in before:
            if pid != "acp":
                self.assertTrue((after[pid] == before[pid]).all(), pid)
        self.assertEqual(backing(plan, growth_assumptions(plan))["leap"]["business_cases"], 300)
        self.assertTrue(Change.objects.filter(field="business_case").exists())
        page = self.client.get(reverse("planning:project", kwargs={"key": "acp"}))
        model = case_jobs_table(plan, "acp", "nl")
        assert model is not None
        self.assertEqual(page_rows(page.content.decode(), model), shown_rows(model))
        self.assertIn(["2029", "120", "40"], shown_rows(model))
        # The change in the history: the case folded as JSON, not a Python dict in a line.
        for body in (page, self.client.get(reverse("history:index"))):
            text = body.content.decode()
            self.assertNotIn("{&#x27;jobs&#x27;", text)
            self.assertIn(
                '<details class="clusterplan-change-value"><summary>waarde tonen</summary>'
                "<pre>{\n  &quot;jobs&quot;: {\n    &quot;2027&quot;",
                text,
            )
        self.assertContains(page, "Lijn gekwalificeerd")
        # The facts in the one formatter's Dutch: grouped area, decimal comma.
        self.assertContains(page, "<dd>6.000 m²</dd>")
        self.assertContains(page, "<dd>4,5</dd>")
        self.assertContains(page, "<dd>150</dd>")
        # Functions and levels by their words, as the edit form names them, not their ids.
        area = words("space.function", "production", "nl")
        self.assertContains(page, f"<dt>Vloeroppervlak: {area}</dt>")
        self.assertContains(page, f"{words('education.level', 'mbo', 'nl')}</dt>")
        self.assertNotContains(page, "Vloeroppervlak: production")

    def test_a_bad_line_is_refused_with_its_field_and_line(self) -> None:
        self.login(self.editor)
        data = self.edit_form(self.url(), **{**CASE, "jobs": "2027 20\ntwintig 5"})
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Regel 2: &#x27;twintig 5&#x27; is geen jaar")
        self.assertIsNone(Project.objects.get(key="acp").business_case)

    def test_an_unknown_pillar_and_shares_that_do_not_add_up_are_refused(self) -> None:
        self.login(self.editor)
        data = self.edit_form(self.url(), **{**CASE, "pillar_shares": "ruimtevaart 1"})
        response = self.client.post(self.url(), data)
        self.assertContains(response, "&#x27;ruimtevaart&#x27; is geen pijler")
        data = self.edit_form(self.url(), **{**CASE, "pillar_shares": "design 0,5\nequipment 0,4"})
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(Project.objects.get(key="acp").business_case)

    def test_a_pillar_twice_or_a_part_of_a_person_is_refused_not_dropped(self) -> None:
        """A pillar's second share had replaced its first, and a talent need of 12,7 was
        stored as 12: both are refused at their field, as the plan's schema refuses them."""
        self.login(self.editor)
        twice = "design 0,6\ndesign 0,4\nequipment 0,6"
        response = self.client.post(
            self.url(), self.edit_form(self.url(), **{**CASE, "pillar_shares": twice})
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["pillar_shares"],
            ["Regel 2: pijler design staat er twee keer."],
        )
        part = self.client.post(
            self.url(), self.edit_form(self.url(), **{**CASE, "talent_mbo": "12,7"})
        )
        self.assertEqual(part.status_code, 200)
        self.assertIn("talent_mbo", part.context["form"].errors)
        self.assertIsNone(Project.objects.get(key="acp").business_case)

    def test_the_business_case_can_be_removed(self) -> None:
        self.login(self.editor)
        self.client.post(self.url(), self.edit_form(self.url(), **CASE))
        self.assertIsNotNone(Project.objects.get(key="acp").business_case)
        data = self.edit_form(self.url(), remove="on")
        self.client.post(self.url(), data)
        self.assertIsNone(Project.objects.get(key="acp").business_case)
        self.assertIsNone(current_plan().project("acp").business_case)

    def test_viewers_cannot_edit_a_business_case(self) -> None:
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), CASE).status_code, 403)

    def test_space_functions_and_education_levels_are_the_cores_in_the_pages_words(self) -> None:
        self.login(self.editor)
        for lang in ("nl", "en"):
            self.client.cookies["django_language"] = lang
            form = self.client.get(self.url()).context["form"]
            with self.subTest(lang=lang):
                self.assertEqual(
                    [n.removeprefix("area_") for n in form.fields if n.startswith("area_")],
                    list(SPACE_FUNCTIONS),
                )
                self.assertEqual(
                    [n.removeprefix("talent_") for n in form.fields if n.startswith("talent_")],
                    list(EDUCATION_LEVELS),
                )
                self.assertIn(words("space.function", "lab", lang), form.fields["area_lab"].label)
                self.assertIn(
                    words("education.level", "other", lang), form.fields["talent_other"].label
                )
                self.assertNotIn("OTHER", form.fields["talent_other"].label)
