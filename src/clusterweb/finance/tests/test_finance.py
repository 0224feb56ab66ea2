"""Finance pages: cash needs from the core, what-if changes, the re-phasing optimiser."""

from __future__ import annotations

import math
import re

from django.urls import reverse
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan.app import finance as app_finance
from clusterplan.cli import app
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import funding_status
from clusterplan.plan.schema import COMMITMENT_STATUSES
from clusterplan.report import finance as core_finance
from clusterplan.report.table import render_text, shown_rows
from clusterweb.finance.services import commitments_chart, finance_tables
from clusterweb.planning.models import Project
from clusterweb.planning.services import current_plan, update_project
from clusterweb.planning.tests.test_tables import page_rows
from clusterweb.presentation import shown
from clusterweb.testing import ViewerTestCase, granted_commitment

WHATIF = {"project_1": "robotics", "shift_1": "2", "stretch_1": "0", "scale_1": "1"}
"""The what-if form asking for one project two years later."""


class FinancePageTests(ViewerTestCase):
    def test_the_page_shows_every_table_the_command_line_prints_with_its_rows(self) -> None:
        """``clusterplan finance`` prints its tables; the page showed five of the seven (not
        the projects' cash needs, nor the cost per line and year)."""
        plan = current_plan()
        page = self.client.get(reverse("finance:index")).content.decode()
        for model in app_finance.finance(plan).tables(plan, "nl"):
            with self.subTest(table=model.key):
                self.assertIn(escape(model.title), page)
        for key in ("cash-needs-projects", "cost-lines"):
            model = next(t for t in app_finance.finance(plan).tables(plan, "nl") if t.key == key)
            self.assertEqual(page_rows(page, model), shown_rows(model))
            url = reverse("finance:download", kwargs={"slug": key, "fmt": "csv"})
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_shows_cash_needs_per_source_with_unknown_markers(self) -> None:
        page = self.client.get(reverse("finance:index"))
        self.assertContains(page, "Nieuwe 300mm fab")
        self.assertContains(page, "+?")
        self.assertContains(page, "Toezeggingen per bron en status")
        # the plan's approximate agenda as a figure is written, not as a float (1.000,0)
        approx = current_plan().finance.agenda_meur_approx
        self.assertContains(page, f"ongeveer {shown(approx)} miljoen euro")
        self.assertNotContains(page, "ongeveer 1.000,0")

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

    def test_the_commitments_table_is_the_cores_over_the_stored_commitments(self) -> None:
        """Committed amounts per source and status beside the need and the gap: the core's
        table (the page had added the commitments up and taken the need itself), on the
        page over the stored commitments and in ``clusterplan finance``."""
        plan = current_plan()
        cli = CliRunner().invoke(app, ["--lang", "nl", "finance"])
        self.assertIn(
            render_text(core_finance.commitments_table(plan, funding_status(plan), "nl")),
            cli.stdout,
        )
        granted_commitment()
        plan = current_plan()
        model = core_finance.commitments_table(plan, funding_status(plan), "nl")
        page = self.client.get(reverse("finance:index")).content.decode()
        self.assertEqual(page_rows(page, model), shown_rows(model))
        regional = next(r for r in model.body if r.key == "source:regional")
        granted = [c.key for c in model.columns].index("granted")
        self.assertEqual(regional.cells[granted].value, 7.5)
        self.assertEqual(finance_tables(plan, None)["commitments-by-status"]["model"], model)
        # The chart stacks the statuses per source, without the totals row as a bar.
        spec = commitments_chart(plan, None)["spec"]
        self.assertEqual(spec["xAxis"]["data"], [r.cells[0].text for r in model.body])
        bars = {bar["name"]: bar["data"] for bar in spec["series"]}
        statuses = [c.heading for c in model.columns if c.key in COMMITMENT_STATUSES]
        self.assertEqual(list(bars), statuses)
        self.assertEqual(bars[model.columns[granted].heading][model.body.index(regional)], 7.5)

    def test_what_if_shift_moves_costs_and_jobs(self) -> None:
        page = self.client.get(reverse("finance:whatif"), WHATIF)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "whatif-jobs")
        last = list(current_plan().employment.scenarios.values())[-1]
        self.assertContains(page, f"Banen per jaar met de wijzigingen (groeimodel, {last.name_nl})")
        csv = self.client.get(
            reverse("finance:download", kwargs={"slug": "whatif-cost", "fmt": "csv"}), WHATIF
        ).content.decode()
        self.assertIn("2026,35.7,10.7,-25.0", csv)

    def test_money_moved_before_the_first_year_is_said_under_the_cost_table(self) -> None:
        """The page says where money moved before the agenda's first year is counted (it
        was added to that year without a word)."""
        plan = current_plan()
        first = min(plan.finance.cost_years)
        line = next(p for p in plan.finance.projects if (p.costs_meur.get(first) or 0) > 0)
        page = self.client.get(reverse("finance:whatif"), {"project_1": line.id, "shift_1": "-1"})
        self.assertContains(page, f"verschoven tot vóór {first}, het eerste jaar van de agenda")

    def test_an_unknown_cost_line_is_refused_naming_the_lines(self) -> None:
        """In the core's words for a choice, naming the lines (not the empty 'no change'),
        as the API's what-if gives it; Django's named none."""
        page = self.client.get(reverse("finance:whatif"), {**WHATIF, "project_1": "bogus"})
        errors = page.context["form"].errors["project_1"]
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0].startswith("Moet een van 'acp', "), errors[0])
        self.assertTrue(errors[0].endswith(" zijn (gegeven: 'bogus')"), errors[0])
        self.assertNotIn("''", errors[0])
        self.assertNotContains(page, "whatif-jobs")

    def test_a_cost_line_chosen_twice_is_refused_on_the_later_change(self) -> None:
        """Two changes of one line: the later one had silently replaced the earlier."""
        twice = {**WHATIF, "project_2": "robotics", "shift_2": "", "stretch_2": "", "scale_2": "2"}
        page = self.client.get(reverse("finance:whatif"), twice)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Deze kostenpost wordt al gewijzigd in wijziging 1.")
        self.assertNotContains(page, "whatif-jobs")

    def test_the_what_if_page_shows_the_tables_the_command_line_prints(self) -> None:
        """Cost and jobs per year, the plan against the changes: the page shows the cells of
        the core's tables, and ``clusterplan finance --shift`` prints the same tables (the
        page had built them itself, the command line printed years as columns)."""
        plan = current_plan()
        outcome = app_finance.finance(plan, {"robotics": ProjectChange(shift_years=2)})
        assert outcome.effect is not None
        models = core_finance.whatif_tables(
            plan, outcome.plan_needs, outcome.needs, outcome.effect, "nl"
        )
        page = self.client.get(reverse("finance:whatif"), WHATIF).content.decode()
        cli = CliRunner().invoke(app, ["--lang", "nl", "finance", "--shift", "robotics=2"])
        self.assertEqual(cli.exit_code, 0, cli.output)
        for model in models:
            self.assertEqual(page_rows(page, model), shown_rows(model), model.key)
            self.assertIn(render_text(model), cli.stdout)

    def test_the_what_if_difference_has_the_units_decimals(self) -> None:
        """Money with one decimal in every column, the difference too ('-25' stood next to
        '-28,6'); jobs whole; '+?' where a year's unknown cost belongs in the figure."""
        plan = current_plan()
        outcome = app_finance.finance(plan, {"robotics": ProjectChange(shift_years=2)})
        assert outcome.effect is not None
        cost, jobs = core_finance.whatif_tables(
            plan, outcome.plan_needs, outcome.needs, outcome.effect, "nl"
        )
        page = self.client.get(reverse("finance:whatif"), WHATIF).content.decode()
        money = re.compile(r"-?\d{1,3}(\.\d{3})*,\d(\+\?)?")
        whole = re.compile(r"-?\d{1,3}(\.\d{3})*")
        cost_rows = page_rows(page, cost)[1:]
        for row in cost_rows:
            for text in row[1:]:
                self.assertRegex(text, money.pattern + "$")
        self.assertTrue(any(row[3].endswith("+?") for row in cost_rows))
        for row in page_rows(page, jobs)[1:]:
            for text in row[1:]:
                self.assertRegex(text, whole.pattern + "$")

    def test_the_funding_status_is_the_table_the_command_line_prints(self) -> None:
        """Needed, secured, in the pipeline and the gap per source: the core's table (the
        need over all years, so that needed less secured is the gap), on the page and in
        ``clusterplan finance``."""
        plan = current_plan()
        model = core_finance.funding_table(plan, funding_status(plan), "nl")
        page = self.client.get(reverse("finance:index")).content.decode()
        self.assertEqual(page_rows(page, model), shown_rows(model))
        cli = CliRunner().invoke(app, ["--lang", "nl", "finance"])
        self.assertIn(render_text(model), cli.stdout)

    def test_the_printed_totals_are_the_table_the_command_line_prints(self) -> None:
        """The plan's printed totals against the current rows: the core's table, its
        three figures with the same decimals, on the page and in ``clusterplan finance``;
        an edited cost moves the current total and the difference."""
        plan = current_plan()
        model = core_finance.printed_totals_table(plan, "nl")
        page = self.client.get(reverse("finance:index")).content.decode()
        self.assertEqual(page_rows(page, model), shown_rows(model))
        cli = CliRunner().invoke(app, ["--lang", "nl", "finance"])
        self.assertIn(render_text(model), cli.stdout)
        line = next(p for p in plan.finance.projects if p.id == "acp")
        year, cost = next((y, v) for y, v in line.costs_meur.items() if v)
        update_project(
            Project.objects.get(key="acp"), self.editor, {}, {year: cost + 2.5}, read=None
        )
        changed = core_finance.printed_totals_table(current_plan(), "nl")
        cell = changed.cell(f"projects:year:{year}", "difference")
        self.assertAlmostEqual(float(cell.value or 0), 2.5)
        page = self.client.get(reverse("finance:index")).content.decode()
        self.assertEqual(page_rows(page, changed), shown_rows(changed))

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

    def test_an_impossible_cap_says_by_how_much_it_must_rise_at_least(self) -> None:
        page = self.client.get(reverse("finance:rephase"), {"cap_regional": "5"})
        self.assertEqual(page.status_code, 200)
        (relaxation,) = app_finance.rephase(current_plan(), {"regional": 5.0})[1].relaxations
        written = math.ceil(relaxation.relaxation_meur * 10) / 10
        self.assertGreater(written, relaxation.relaxation_meur)  # rounded up, not to nearest
        # in the core's words (the command line's), with the source's name
        self.assertContains(
            page, f"Plafond Regionaal van 5 mln euro/jaar moet met {shown(written, 'meur')} omhoog"
        )

    def test_no_cap_at_all_shows_the_plans_phasing_as_the_command_line_does(self) -> None:
        """ "An empty cap is no cap", for every source too: the page showed nothing where
        ``clusterplan phase`` shows the plan's phasing and what it needs per source."""
        plan = current_plan()
        empty = {f"cap_{source}": "" for source in plan.finance.source_ids}
        page = self.client.get(reverse("finance:rephase"), empty)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "utrecht-alert--ok")
        problem, result = app_finance.rephase(plan, {})
        for key, model in zip(
            ("choice", "need"),
            core_finance.phasing_tables(plan, problem, result, "nl"),
            strict=True,
        ):
            self.assertEqual(
                page.context["tables"][key]["rows"], [list(r.cells) for r in model.rows]
            )
        cli = CliRunner().invoke(app, ["--lang", "nl", "phase"])
        self.assertIn(
            render_text(core_finance.phasing_tables(plan, problem, result, "nl")[1]), cli.stdout
        )
        # a download of it is the page's table, not a 404
        need = page.context["tables"]["need"]["slug"]
        url = reverse("finance:download", kwargs={"slug": need, "fmt": "csv"})
        self.assertEqual(self.client.get(url, empty).status_code, 200)

    def test_the_optimiser_keeps_a_regional_cap(self) -> None:
        page = self.client.get(reverse("finance:rephase"), {"cap_regional": "20"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "utrecht-alert--ok")
        self.assertContains(page, "Elk plafond en elke volgorde wordt gehaald")
        self.assertContains(page, "13.540")
        self.assertNotContains(page, "None")
        plan = current_plan()
        problem, result = app_finance.rephase(plan, {"regional": 20.0})
        # What else the optimiser says, in the command line's words: costs it left out.
        notes = core_finance.phasing_notes(plan, result, "nl")
        self.assertTrue(notes)
        for note in notes:
            self.assertContains(page, escape(note[0].upper() + note[1:]))
        # Its tables are the core's (the command line prints the same), each row as built.
        core = core_finance.phasing_tables(plan, problem, result, "nl")
        shown = page.context["tables"]
        for key, model in zip(("choice", "need"), core, strict=True):
            self.assertEqual(shown[key]["slug"], model.key)
            self.assertEqual(shown[key]["rows"], [list(r.cells) for r in model.rows])
            self.assertContains(page, model.title)
        self.assertContains(page, "Regionaal (plafond 20,0)")
