"""Dashboard and finance content, downloads, language and number formats."""

from __future__ import annotations

import io
import json

from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan.app.scenarios import goal_text
from clusterplan.cli import app
from clusterplan.plan import bounds
from clusterweb.planning.services import current_plan
from clusterweb.testing import ViewerTestCase


class DashboardTests(ViewerTestCase):
    def test_it_shows_the_goal_and_each_dimension(self) -> None:
        page = self.client.get(reverse("dashboard:index"))
        self.assertContains(page, "11.200")
        self.assertContains(page, "8.750")  # organic: sum of the pillars
        self.assertContains(page, "13.600")
        # the goal in the core's one sentence, as the annual report writes it; the public
        # page too
        sentence = goal_text(current_plan(), "nl")
        self.assertEqual(
            sentence, "Het doel: 11.200 banen in 2034 (2 keer de 5.600 banen van 2026)."
        )
        self.assertContains(page, sentence)
        self.client.logout()
        self.assertContains(self.client.get(reverse("dashboard:public")), sentence)

    @override_settings(
        CLUSTERWEB_ENSEMBLE_SAMPLES=bounds.DEFAULT_SAMPLES, CLUSTERWEB_SEED=bounds.DEFAULT_SEED
    )
    def test_with_the_default_settings_the_probability_is_that_of_simulate(self) -> None:
        """One default seed and ensemble size (``clusterplan.plan.bounds``): the page's
        probability is what ``clusterplan simulate`` prints (the platform had a seed of its
        own), and the page names the seed."""
        from clusterweb.scenarios.services import compute, defaults, ensemble_summary

        cli = CliRunner().invoke(app, ["simulate", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        expected = json.loads(cli.stdout)["p_goal"]
        band = compute(current_plan(), defaults(current_plan())).band
        assert band is not None
        self.assertEqual(band.p_goal, expected)
        summary = ensemble_summary(current_plan())
        assert summary is not None
        self.assertEqual(summary["probability_pct"], round(100 * expected, 1))
        self.assertIn(f"seed {bounds.DEFAULT_SEED}", summary["provenance"])

    def test_it_shows_the_ensemble_and_the_probability_of_the_goal(self) -> None:
        from clusterweb.planning.services import current_plan
        from clusterweb.scenarios.services import ensemble_summary

        summary = ensemble_summary(current_plan())
        assert summary is not None
        self.assertTrue(0 <= summary["probability_pct"] <= 100)
        page = self.client.get(reverse("dashboard:index"))
        self.assertContains(page, "Kans om het doel te halen")
        self.assertContains(page, f"{summary['median']:,}".replace(",", "."))

    def test_tables_download_as_csv_and_xlsx(self) -> None:
        csv = self.client.get(
            reverse("dashboard:download", kwargs={"slug": "projects-costs", "fmt": "csv"})
        )
        self.assertEqual(csv["Content-Type"], "text/csv; charset=utf-8")
        text = csv.content.decode()
        self.assertIn("Advanced Chip Packaging", text)
        self.assertIn("1165", text)
        xlsx = self.client.get(
            reverse("dashboard:download", kwargs={"slug": "projects-costs", "fmt": "xlsx"})
        )
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        self.assertEqual(sheet.cell(row=1, column=2).value, "2026")

    def test_english_pages_use_english_numbers(self) -> None:
        self.client.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
        page = self.client.get(reverse("dashboard:index"))
        self.assertContains(page, "11,200")
        self.assertContains(page, "Dashboard")

    def test_finance_page_lists_unknowns_and_commitments(self) -> None:
        page = self.client.get(reverse("finance:index"))
        self.assertContains(page, "Nieuwe 300mm fab")
        self.assertContains(page, "Toezeggingen")
