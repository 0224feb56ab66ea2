"""Space and talent page: results from the core's demand models, downloads, access."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from clusterplan.report.demand import plots_used_up
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
        # when the plots are used up, in the command line's words
        label, when = plots_used_up(result.space, "nl")
        self.assertEqual(label, "Kavels vol (vraag tot dan boven alle kavels)")
        self.assertContains(page, label)
        self.assertContains(page, f'__number">{when}</span>')

    def test_the_hires_short_headline_is_the_cores_total_of_the_levels_short(self) -> None:
        result = services.demand(current_plan(), "leap")
        assert result.talent is not None
        headline = next(h for h in services.headlines(result) if "instroom" in h["label"])
        expected = round(float(result.talent.short_total[-1]))
        self.assertEqual(headline["value"], expected)
        self.assertGreater(expected, 0)
        page = self.client.get(reverse("demand:index"))
        self.assertContains(page, f"{expected:,}".replace(",", "."))

    def test_it_gives_the_probability_of_a_shortfall_from_an_ensemble(self) -> None:
        result = services.demand(current_plan(), "leap")
        self.assertIsNotNone(result.shortfall_probability)
        self.assertEqual(len(result.shortfall_probability), len(result.space.years))
        self.assertTrue(all(0 <= p <= 1 for p in result.shortfall_probability))

    def test_the_number_of_samples_is_written_as_every_figure_is(self) -> None:
        services._CACHE.clear()  # its results are of the suite's number of samples
        with override_settings(CLUSTERWEB_DEMAND_SAMPLES=1200):
            page = self.client.get(reverse("demand:index"), {"dimension": "organic"})
        services._CACHE.clear()
        self.assertContains(page, "berekend: 1.200 trekkingen")
        self.assertContains(page, "van 1.200 trekkingen uit de groei- en ruimteaannames")
        self.assertContains(page, "Kans op een tekort (%, 1.200 trekkingen)")

    def test_organic_growth_needs_less_space_than_the_leap(self) -> None:
        plan = current_plan()
        organic = services.demand(plan, "organic").space.total_demand_m2.sum()
        leap = services.demand(plan, "leap").space.total_demand_m2.sum()
        self.assertLess(organic, leap)

    def test_an_unknown_dimension_is_refused_in_the_cores_words(self) -> None:
        """As the API (422) and the command line (exit 2) refuse it; the page had shown
        the last dimension's results without a word."""
        page = self.client.get(reverse("demand:index"), {"dimension": "bogus"})
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("result", page.context)
        self.assertContains(page, "onbekende groeidimensie &#x27;bogus&#x27; (gebruik organic, ")
        self.assertContains(page, 'id="id_dimension"')  # the choice is offered again
        url = reverse("demand:download", kwargs={"slug": "space-per-year", "fmt": "csv"})
        self.assertRedirects(
            self.client.get(url, {"dimension": "bogus"}),
            reverse("demand:index") + "?dimension=bogus",
            fetch_redirect_response=False,
        )

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


ENSEMBLE = (
    "--samples",
    str(settings.CLUSTERWEB_DEMAND_SAMPLES),
    "--seed",
    str(settings.CLUSTERWEB_SEED),
)
"""The command line's options for the web's ensemble (its size and seed)."""


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

    def _web_grid(self, slug: str) -> list[list[str]]:
        import csv
        import io

        self.login(self.viewer)
        response = self.client.get(
            reverse("demand:download", kwargs={"slug": slug, "fmt": "csv"}),
            {"dimension": "leap"},
        )
        self.assertEqual(response.status_code, 200)
        return list(csv.reader(io.StringIO(response.content.decode())))

    def _web_rows(self, slug: str) -> dict[str, list[str]]:
        from clusterplan.report.numbers import format_number

        return {
            row[0]: [v if v == "?" else format_number(round(float(v)), "nl") for v in row[1:]]
            for row in self._web_grid(slug)
            if row and row[0].isdigit()
        }

    def test_talent_per_year_with_the_bands_of_the_same_draws(self) -> None:
        """The command line with the web's samples, seed and last year gives the page's
        talent table: the figures and the ends of the bands of the hires needed."""
        until = services.demand(current_plan(), "leap").until
        web = self._web_rows("talent-per-year")
        cli = self._cli_rows("talent", "--scenario", "leap", "--until", str(until), *ENSEMBLE)
        both = set(web) & set(cli)
        self.assertGreaterEqual(len(both), 8)
        for year in both:
            self.assertEqual(web[year], cli[year], year)

    def test_space_per_year_with_the_bands_and_the_probability_of_the_same_draws(self) -> None:
        """The command line with the web's samples and seed gives the page's space table:
        the figures, the ends of the bands and the probability of a shortfall; its JSON the
        same bands."""
        grid = self._web_grid("space-per-year")
        head = next(row for row in grid if "Tekort tot dan" in row)
        for heading in ("Tekort tot dan p5", "Tekort tot dan p95", "Vraag tot dan p95"):
            self.assertIn(heading, head)
        web = {row[0]: [float(v) for v in row[1:]] for row in grid if row and row[0].isdigit()}
        cli = {
            year: [float(v.replace(".", "").replace(",", ".")) for v in cells]
            for year, cells in self._cli_rows("space", "--scenario", "leap", *ENSEMBLE).items()
        }
        self.assertGreaterEqual(len(web), 8)
        self.assertEqual(web, cli)
        data = self._cli_json("space", "--scenario", "leap", *ENSEMBLE)["ensemble"]
        columns = {
            ("cumulative_demand_m2", "p5"): "Vraag tot dan p5",
            ("cumulative_demand_m2", "p95"): "Vraag tot dan p95",
            ("shortfall_m2", "p5"): "Tekort tot dan p5",
            ("shortfall_m2", "p95"): "Tekort tot dan p95",
        }
        for (what, end), heading in columns.items():
            i = head.index(heading) - 1
            for year, row in web.items():
                self.assertAlmostEqual(row[i], data[what][end][year], delta=0.55)

    @staticmethod
    def _cli_json(*args: str) -> dict[str, Any]:
        import json

        from typer.testing import CliRunner

        from clusterplan.cli import app

        result = CliRunner().invoke(app, [*args, "--json"])
        assert result.exit_code == 0, result.output
        data: dict[str, Any] = json.loads(result.stdout)
        return data
