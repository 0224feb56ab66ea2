"""Space and talent page: results from the core's demand models, downloads, access."""

from __future__ import annotations

from django.urls import reverse

from clusterweb.demand import services
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase, ViewerTestCase


class DemandPageTests(ViewerTestCase):
    def test_viewer_sees_space_and_talent_with_shortfalls(self) -> None:
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
        csv = self.client.get(
            reverse("demand:download", kwargs={"slug": "talent-per-year", "fmt": "csv"}),
            {"dimension": "organic"},
        ).content.decode()
        self.assertIn("?", csv)
        self.assertIn("2040", csv)

    def test_outsider_gets_403(self) -> None:
        self.login(self.outsider)
        self.assertEqual(self.client.get(reverse("demand:index")).status_code, 403)


class SameTablesAsTheCommandLineTests(PersonaTestCase):
    """The page's space and talent tables are the command line's: one table model, so
    the same years and figures whichever interface shows them."""

    @staticmethod
    def _cli_rows(*args: str) -> dict[str, list[str]]:
        from typer.testing import CliRunner

        from clusterplan.cli import app

        result = CliRunner().invoke(app, ["--lang", "nl", *args])
        assert result.exit_code == 0, result.output
        rows: dict[str, list[str]] = {}
        for line in result.stdout.splitlines():
            cells = line.split()
            if cells and cells[0].rstrip("*").isdigit() and len(cells[0].rstrip("*")) == 4:
                rows.setdefault(cells[0].rstrip("*"), []).extend(cells[1:])
        return rows

    def _web_rows(self, slug: str) -> dict[str, list[str]]:
        import csv
        import io

        from clusterplan.report.numbers import format_number

        self.login(self.viewer)
        response = self.client.get(
            reverse("demand:download", kwargs={"slug": slug, "fmt": "csv"}),
            {"dimension": "leap"},
        )
        self.assertEqual(response.status_code, 200)
        grid = list(csv.reader(io.StringIO(response.content.decode())))
        return {
            row[0]: [v if v == "?" else format_number(round(float(v)), "nl") for v in row[1:6]]
            if slug == "space-per-year"
            else [v if v == "?" else format_number(round(float(v)), "nl") for v in row[1:]]
            for row in grid
            if row and row[0].isdigit()
        }

    def test_space_and_talent_per_year(self) -> None:
        for slug, command in (("space-per-year", "space"), ("talent-per-year", "talent")):
            with self.subTest(slug):
                web = self._web_rows(slug)
                cli = self._cli_rows(command, "--scenario", "leap")
                both = set(web) & set(cli)
                self.assertGreaterEqual(len(both), 8)
                for year in both:
                    self.assertEqual(web[year], cli[year], year)
