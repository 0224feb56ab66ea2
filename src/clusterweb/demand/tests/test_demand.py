"""Space and talent page: results from the core's demand models, downloads, access."""

from __future__ import annotations

from django.urls import reverse

from clusterweb.demand import services
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase


class DemandPageTests(PersonaTestCase):
    def test_viewer_sees_space_and_talent_with_shortfalls(self) -> None:
        self.login(self.viewer)
        page = self.client.get(reverse("demand:index"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Ruimte per jaar")
        result = services.demand(current_plan(), "leap")
        shortfall = round(float(result.space.total_shortfall_m2[-1]))
        self.assertContains(page, f"{shortfall:,}".replace(",", "."))

    def test_it_gives_the_probability_of_a_shortfall_from_an_ensemble(self) -> None:
        result = services.demand(current_plan(), "leap")
        self.assertIsNotNone(result.shortfall_probability)
        self.assertEqual(len(result.shortfall_probability), len(result.space.years))
        self.assertTrue(all(0 <= p <= 1 for p in result.shortfall_probability))

    def test_organic_growth_needs_less_space_than_the_leap(self) -> None:
        plan = current_plan()
        organic = services.demand(plan, "organic").space.total_demand_m2.sum()
        leap = services.demand(plan, "leap").space.total_demand_m2.sum()
        self.assertLess(organic, leap)

    def test_talent_table_downloads_with_unknown_supply_marked(self) -> None:
        self.login(self.viewer)
        csv = self.client.get(
            reverse("demand:download", kwargs={"slug": "talent-per-year", "fmt": "csv"}),
            {"dimension": "organic"},
        ).content.decode()
        self.assertIn("?", csv)
        self.assertIn("2040", csv)

    def test_outsider_gets_403(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("demand:index")).status_code, 403)
