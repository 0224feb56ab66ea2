"""Space and talent page: results from the core's demand models, downloads, access."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

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

    def test_the_page_and_the_dashboard_say_where_the_talent_supply_comes_from(self) -> None:
        """As ``clusterplan talent`` ends its output: the bundled plan's supply is
        illustrative, and the hires-short figure rests on it; neither page said so."""
        from clusterplan.report.demand import supply_source

        _data, label = services.supply_data(current_plan())
        note = f"Onderwijsaanbod: {supply_source(label, 'nl')}"
        self.assertIn("ILLUSTRATIEVE", note)
        for name in ("demand:index", "dashboard:index"):
            with self.subTest(page=name):
                self.assertContains(self.client.get(reverse(name)), escape(note))

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


def _cli_rows(*args: str) -> dict[str, list[str]]:
    """The cells of each year's rows of a command's Dutch text, by year."""
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


def _web_grid(client: Any, slug: str) -> list[list[str]]:
    """The page's table ``slug`` of the leap, downloaded as CSV by ``client``."""
    import csv
    import io

    response = client.get(
        reverse("demand:download", kwargs={"slug": slug, "fmt": "csv"}),
        {"dimension": "leap"},
    )
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode())))


def _web_rows(client: Any, slug: str) -> dict[str, list[str]]:
    """:func:`_web_grid`'s rows of a year by year, written as the command line writes them."""
    from clusterplan.report.numbers import format_number

    return {
        row[0]: [v if v == "?" else format_number(round(float(v)), "nl") for v in row[1:]]
        for row in _web_grid(client, slug)
        if row and row[0].isdigit()
    }


class SameTablesAsTheCommandLineTests(PersonaTestCase):
    """The page's space and talent tables are the command line's: one table model, so
    the same years and figures whichever interface shows them."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.viewer)

    def test_talent_per_year_with_the_bands_of_the_same_draws(self) -> None:
        """The command line with the web's samples, seed and last year gives the page's
        talent table: the figures and the ends of the bands of the hires needed."""
        until = services.demand(current_plan(), "leap").until
        web = _web_rows(self.client, "talent-per-year")
        cli = _cli_rows("talent", "--scenario", "leap", "--until", str(until), *ENSEMBLE)
        both = set(web) & set(cli)
        self.assertGreaterEqual(len(both), 8)
        for year in both:
            self.assertEqual(web[year], cli[year], year)

    def test_the_talent_table_reads_by_level_bands_over_their_columns(self) -> None:
        """Four levels of five figures: each level heads its columns once (a band over
        them), the columns under it say what they hold; the download keeps headings that
        name the level."""
        page = self.client.get(reverse("demand:index")).content.decode()
        table = page[page.index(">Talent per jaar:") :]
        table = table[: table.index("</table>")]
        result = services.demand(current_plan(), "leap")
        assert result.talent is not None
        from clusterplan.labels import label as words

        for level in result.talent.levels:
            name = escape(words("education.level", level, "nl"))
            self.assertRegex(table, rf'scope="colgroup" colspan="5" [^>]*>{re.escape(name)}</th>')
        self.assertEqual(table.count('<colgroup span="5">'), len(result.talent.levels))
        self.assertIn('scope="col" rowspan="2"', table)  # the year, over both rows
        # a band's ends headed by the percentile alone beside the need (the note says whose)
        self.assertEqual(table.count(">p95</th>"), len(result.talent.levels))
        self.assertIn("p5 en p95: de uiteinden van de band van de behoefte", page)
        head = next(row for row in _web_grid(self.client, "talent-per-year") if "Jaar" in row)
        self.assertIn(f"{words('education.level', result.talent.levels[0], 'nl')}: behoefte", head)

    def test_space_per_year_with_the_bands_and_the_probability_of_the_same_draws(self) -> None:
        """The command line with the web's samples and seed gives the page's space table:
        the figures, the ends of the bands and the probability of a shortfall; its JSON the
        same bands."""
        grid = _web_grid(self.client, "space-per-year")
        head = next(row for row in grid if "Tot dan: tekort" in row)
        for heading in ("Tot dan: tekort p5", "Tot dan: tekort p95", "Tot dan: vraag p95"):
            self.assertIn(heading, head)
        web = {row[0]: [float(v) for v in row[1:]] for row in grid if row and row[0].isdigit()}
        cli = {
            year: [float(v.replace(".", "").replace(",", ".")) for v in cells]
            for year, cells in _cli_rows("space", "--scenario", "leap", *ENSEMBLE).items()
        }
        self.assertGreaterEqual(len(web), 8)
        self.assertEqual(web, cli)
        data = self._cli_json("space", "--scenario", "leap", *ENSEMBLE)["ensemble"]
        columns = {
            ("cumulative_demand_m2", "p5"): "Tot dan: vraag p5",
            ("cumulative_demand_m2", "p95"): "Tot dan: vraag p95",
            ("shortfall_m2", "p5"): "Tot dan: tekort p5",
            ("shortfall_m2", "p95"): "Tot dan: tekort p95",
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


class NoSpacePartTests(PersonaTestCase):
    """A plan with a talent part but no space part (the bundled plan's directory without
    ``space.yaml``): the page shows the talent part, the command line's, and says in the
    core's words that the plan has no space part."""

    @classmethod
    def setUpTestData(cls) -> None:
        from clusterweb.planning.tests.variant import load_bundled_plan_without

        super().setUpTestData()
        cls.plan_dir = load_bundled_plan_without(cls, "space.yaml")

    def setUp(self) -> None:
        super().setUp()
        self.login(self.viewer)

    def test_the_page_shows_the_talent_part_and_says_the_plan_has_no_space_part(self) -> None:
        from clusterplan.plan.parts import MissingPart

        plan = current_plan()
        self.assertIsNone(plan.space)
        page = self.client.get(reverse("demand:index"), {"dimension": "leap"})
        self.assertEqual(page.status_code, 200)
        line = MissingPart("space", "space.yaml").text("nl")
        self.assertTrue(line.startswith("het plan heeft geen onderdeel 'ruimte'"), line)
        self.assertContains(page, escape(line[0].upper() + line[1:]), count=1)
        self.assertIsNotNone(page.context["talent_chart"])
        self.assertIsNone(page.context["space_chart"])
        self.assertNotContains(page, "Ruimte per jaar")
        self.assertContains(page, "Benodigde instroom per jaar per opleidingsniveau")
        result = services.demand(plan, "leap")
        assert result.talent is not None
        short = round(float(result.talent.short_total[-1]))
        self.assertEqual([h["value"] for h in page.context["stats"]], [short])
        self.assertContains(page, reverse("demand:talent"))

    def test_the_talent_table_is_the_command_lines_and_there_is_no_space_table(self) -> None:
        until = services.demand(current_plan(), "leap").until
        plan = ("--plan", str(self.plan_dir))
        cli = _cli_rows("talent", "--scenario", "leap", "--until", str(until), *plan, *ENSEMBLE)
        web = _web_rows(self.client, "talent-per-year")
        self.assertGreaterEqual(len(set(web) & set(cli)), 8)
        for year in set(web) & set(cli):
            self.assertEqual(web[year], cli[year], year)
        url = reverse("demand:download", kwargs={"slug": "space-per-year", "fmt": "csv"})
        self.assertEqual(self.client.get(url, {"dimension": "leap"}).status_code, 404)
