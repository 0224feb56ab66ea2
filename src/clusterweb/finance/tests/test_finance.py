"""Finance pages: cash needs from the core, what-if changes, the re-phasing optimiser."""

from __future__ import annotations

from django.urls import reverse

from clusterplan.model.finance import funding_status
from clusterweb.finance.services import finance_tables
from clusterweb.planning.models import Project
from clusterweb.planning.services import current_plan, update_project
from clusterweb.presentation import shown
from clusterweb.testing import ViewerTestCase, granted_commitment


class FinancePageTests(ViewerTestCase):
    def test_it_shows_cash_needs_per_source_with_unknown_markers(self) -> None:
        page = self.client.get(reverse("finance:index"))
        self.assertContains(page, "Nieuwe 300mm fab")
        self.assertContains(page, "+?")
        self.assertContains(page, "Toezeggingen per bron en status")

    def test_an_edited_cost_changes_the_cash_needs(self) -> None:
        url = reverse("finance:download", kwargs={"slug": "sources-by-year", "fmt": "csv"})
        before = self.client.get(url).content.decode()
        update_project(Project.objects.get(key="acp"), self.editor, {}, {2027: 60.0}, read=None)
        after = self.client.get(url).content.decode()
        self.assertNotEqual(before, after)

    def test_granted_commitments_count_as_secured(self) -> None:
        granted_commitment()
        page = self.client.get(reverse("finance:index"))
        self.assertContains(page, "7,5")

    def test_the_commitments_table_sets_them_against_the_cores_funding_status(self) -> None:
        """The coverage and what is not yet secured are the core's (with '+?' where an
        unknown coverage belongs in them); the page had summed them again, unknowns as 0."""
        granted_commitment()
        plan = current_plan()
        status = funding_status(plan)
        rows = finance_tables(plan, None)["commitments-by-status"]["rows"]
        self.assertEqual(len(rows), len(status.sources))
        for s, row in enumerate(rows):
            unknown = bool(status.needed_incomplete[s].any())
            totals = (status.needed_total_meur, status.gap_total_meur)
            for cell, value in zip(row[-2:], totals, strict=True):
                text = str(cell)
                self.assertEqual(text.endswith("+?"), unknown, text)
                self.assertEqual(text.removesuffix("+?"), shown(value[s], "meur"))
        regional = status.sources.index("regional")
        self.assertAlmostEqual(
            status.needed_total_meur[regional] - status.gap_total_meur[regional], 7.5
        )

    def test_what_if_shift_moves_costs_and_jobs(self) -> None:
        page = self.client.get(
            reverse("finance:whatif"),
            {"project_1": "robotics", "shift_1": "2", "stretch_1": "0", "scale_1": "1"},
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "whatif-jobs")
        last = list(current_plan().employment.scenarios.values())[-1]
        self.assertContains(page, f"Banen per jaar met de wijzigingen (groeimodel, {last.name_nl})")
        csv = self.client.get(
            reverse("finance:download", kwargs={"slug": "whatif-cost", "fmt": "csv"}),
            {"project_1": "robotics", "shift_1": "2", "stretch_1": "0", "scale_1": "1"},
        ).content.decode()
        self.assertIn("2026,35.7,10.7,-25", csv)

    def test_the_what_if_inputs_are_one_table_with_a_row_per_change(self) -> None:
        """Three changes as three rows (project | shift | stretch | scale), each input with a
        label of its own that names its change."""
        page = self.client.get(reverse("finance:whatif")).content.decode()
        table = page[page.index("clusterplan-input-table") :]
        table = table[: table.index("</table>")]
        self.assertEqual(table.count('<th class="utrecht-table__header-cell" scope="row">'), 3)
        self.assertIn("Wijziging 3", table)
        labels = [
            line.split(">", 1)[1].split("<", 1)[0]
            for line in table.splitlines()
            if "<label" in line
        ]
        self.assertEqual(len(labels), 12)
        self.assertEqual(len(set(labels)), 12, labels)
        self.assertIn("Verschuiving (jaren later; negatief: eerder), wijziging 2", labels)

    def test_the_optimiser_keeps_a_regional_cap(self) -> None:
        page = self.client.get(reverse("finance:rephase"), {"cap_regional": "20"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "utrecht-alert--ok")
        self.assertContains(page, "13.540")
