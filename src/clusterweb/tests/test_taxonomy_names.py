"""A taxonomy item (pillar, segment, technology, market) is shown by its name in the page's
language: an English page names it in English, never by the plan's Dutch name."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.html import escape

from clusterweb.acquisition.models import Lead
from clusterweb.ecosystem.models import Organisation
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import TAXONOMY_KINDS, TaxonomyKind
from clusterweb.startups.tests.helpers import make_startup
from clusterweb.testing import PersonaTestCase


def _bilingual(kind: TaxonomyKind) -> Any:
    """The first item of this kind whose English name differs from its Dutch one."""
    items = getattr(current_plan().taxonomy, kind)
    return next(i for i in items if i.name_en and i.name_en != i.name_nl)


class EnglishTaxonomyNamesTests(PersonaTestCase):
    def setUp(self) -> None:
        self.login(self.editor)
        self.client.cookies["django_language"] = "en"

    def assert_english_names(self, url: str, *kinds: TaxonomyKind) -> None:
        """The page at ``url`` names an item of each kind in English and not in Dutch."""
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        body = response.content.decode()
        for kind in kinds:
            item = _bilingual(kind)
            with self.subTest(url=url, kind=kind, item=item.id):
                self.assertIn(escape(item.name_en), body)
                self.assertNotIn(escape(item.name_nl), body)

    def test_the_lead_form_offers_english_names(self) -> None:
        self.assert_english_names(reverse("acquisition:add"), *TAXONOMY_KINDS)

    def test_a_lead_names_its_pillars_and_the_white_spot_it_fills_in_english(self) -> None:
        Lead.objects.create(
            key="bilingual",
            company="Bilingual",
            source="supplier",
            stage="identified",
            expected_jobs={_bilingual("pillars").id: 10},
            fills_segment=_bilingual("segments").id,
            fills_technology=_bilingual("technologies").id,
            fills_market=_bilingual("markets").id,
        )
        url = reverse("acquisition:detail", kwargs={"key": "bilingual"})
        self.assert_english_names(url, *TAXONOMY_KINDS)

    def test_a_lead_through_a_present_firm_names_the_firm_not_its_key(self) -> None:
        Organisation.objects.create(
            key="present-firm", name="Present Firm Ltd", kind="supplier", source="test"
        )
        Lead.objects.create(
            key="via",
            company="Via",
            source="supplier",
            stage="identified",
            via_organisation="present-firm",
        )
        for url in (
            reverse("acquisition:detail", kwargs={"key": "via"}),
            reverse("acquisition:list"),
        ):
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                self.assertIn("(Present Firm Ltd)", body)
                self.assertNotIn("(present-firm)", body)

    def test_the_start_up_pages_name_pillar_and_segment_in_english(self) -> None:
        make_startup(
            "bilingual", pillar=_bilingual("pillars").id, segment=_bilingual("segments").id
        )
        self.assert_english_names(reverse("startups:list"), "pillars")
        self.assert_english_names(
            reverse("startups:detail", kwargs={"key": "bilingual"}), "pillars", "segments"
        )
        self.assert_english_names(reverse("startups:add"), "pillars", "segments")

    def test_the_white_spots_name_segments_technologies_and_markets_in_english(self) -> None:
        url = reverse("ecosystem:whitespots")
        self.assert_english_names(f"{url}?axis=technologies", "segments", "technologies")
        self.assert_english_names(f"{url}?axis=markets", "segments", "markets")

    def test_the_registry_names_segments_and_pillars_in_english(self) -> None:
        Organisation.objects.create(
            key="bilingual",
            name="Bilingual",
            kind="supplier",
            pillars=[_bilingual("pillars").id],
            segments=[_bilingual("segments").id],
            source="test",
        )
        self.assert_english_names(reverse("ecosystem:registry"), "pillars", "segments")

    def test_the_concentration_page_names_the_pillars_in_english(self) -> None:
        self.assert_english_names(reverse("ecosystem:concentration"), "pillars")

    def test_the_showcase_filters_offer_english_names(self) -> None:
        self.client.logout()
        self.client.cookies["django_language"] = "en"
        self.assert_english_names(
            reverse("ecosystem:showcase"), "segments", "technologies", "markets"
        )


class EnglishPlanItemNamesTests(PersonaTestCase):
    """Cost lines are named in the page's language too (the plan gives both names)."""

    def test_the_commitment_form_and_a_projects_edit_page_name_it_in_english(self) -> None:
        plan = current_plan()
        project = next(p for p in plan.finance.projects if p.name_en and p.name_en != p.name_nl)
        self.login(self.editor)
        self.client.cookies["django_language"] = "en"
        for url in (
            reverse("planning:commitment_add"),
            reverse("planning:project_edit", kwargs={"key": project.id}),
        ):
            with self.subTest(url=url):
                body = self.client.get(url).content.decode()
                self.assertIn(escape(project.name_en), body)
        title = self.client.get(reverse("planning:project_edit", kwargs={"key": project.id}))
        self.assertEqual(title.context["title"], f"Edit {project.name_en}")

    def test_the_showcase_names_the_flagship_projects_in_english(self) -> None:
        plan = current_plan()
        project = next(p for p in plan.finance.projects if p.name_en and p.name_en != p.name_nl)
        self.client.cookies["django_language"] = "en"
        body = self.client.get(reverse("ecosystem:showcase")).content.decode()
        self.assertIn(escape(project.name_en), body)
