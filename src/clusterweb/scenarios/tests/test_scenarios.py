"""Scenario page: recompute through the growth model, save, compare, access per persona."""

from __future__ import annotations

import csv
import io
import json

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan.app.scenarios import ensemble_sentence
from clusterplan.cli import app
from clusterplan.report import sensitivity as sensitivity_tables
from clusterplan.report.numbers import format_number
from clusterplan.report.tables import dimension_name, taxonomy_names
from clusterweb.planning.services import current_plan
from clusterweb.presentation import LEGEND_WRAPPED_TOP, LINE_Z, ON_TOP_Z
from clusterweb.scenarios import analysis, services
from clusterweb.scenarios.background import SENSITIVITY, ensemble
from clusterweb.scenarios.forms import AssumptionsForm
from clusterweb.scenarios.models import Scenario
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute, start_task, task_url
from clusterweb.testing import PersonaTestCase


def query(**changes: object) -> dict[str, object]:
    """The scenario form's default values (Dutch input), with some changes."""
    values = services.defaults(current_plan())
    data: dict[str, object] = {}
    for key, value in values.items():
        if value is None:
            data[key] = ""
        elif isinstance(value, float):
            data[key] = f"{value:g}".replace(".", ",")
        else:
            data[key] = value
    data.update(changes)
    return data


class ScenarioTests(PersonaTestCase):
    def test_default_assumptions_reproduce_figure_6(self) -> None:
        result = services.compute(current_plan(), services.defaults(current_plan()), samples=0)
        self.assertEqual(round(float(result.total[-1])), 13600)
        self.assertEqual(round(float(services.plan_totals(current_plan())["organic"][-1])), 8750)

    def test_the_fragment_recomputes_when_an_assumption_changes(self) -> None:
        self.login(self.viewer)
        url = reverse("scenarios:results")
        base = self.client.get(url, query(dimension="organic")).content.decode()
        self.assertIn("8.750", base)
        lower = self.client.get(url, query(dimension="organic", market_growth_factor="1,5"))
        self.assertEqual(lower.status_code, 200)
        self.assertNotIn("8.750</span>", lower.content.decode())
        self.assertNotIn("<html", lower.content.decode())

    def test_acquisition_jobs_add_up_in_the_target_year(self) -> None:
        plan = current_plan()
        values = {**services.defaults(plan), "dimension": "organic", "acquisition_jobs": 500.0}
        result = services.compute(plan, values, samples=0)
        self.assertAlmostEqual(float(result.total[-1]), 9250.0, places=6)

    def test_invalid_input_is_reported_not_computed(self) -> None:
        self.login(self.viewer)
        response = self.client.get(reverse("scenarios:results"), query(market_growth_factor="-1"))
        self.assertContains(response, "utrecht-alert--error")

    def test_viewer_cannot_save_editor_can_and_both_compare(self) -> None:
        data = {**query(dimension="organic", market_growth_factor="1,5"), "save-name": "Laag"}
        self.login(self.viewer)
        self.assertEqual(self.client.post(reverse("scenarios:save"), data).status_code, 403)
        self.assertFalse(Scenario.objects.exists())
        self.login(self.editor)
        self.assertEqual(self.client.post(reverse("scenarios:save"), data).status_code, 302)
        low = Scenario.objects.get(name="Laag")
        self.assertEqual(low.values, {"dimension": "organic", "market_growth_factor": 1.5})
        data["save-name"] = "Basis"
        data["market_growth_factor"] = "2"
        self.client.post(reverse("scenarios:save"), data)
        basis = Scenario.objects.get(name="Basis")
        self.login(self.viewer)
        page = self.client.get(reverse("scenarios:compare"), {"first": low.pk, "second": basis.pk})
        self.assertContains(page, "Laag")
        self.assertContains(page, "8.750")
        self.assertEqual(
            self.client.post(reverse("scenarios:delete", kwargs={"pk": low.pk})).status_code, 403
        )

    def test_the_comparison_needs_two_saved_scenarios_and_starts_on_two(self) -> None:
        """Without two saved scenarios the page says what a comparison takes instead of two
        selects with nothing to choose; with two, the selects start on both."""
        self.login(self.editor)
        url = reverse("scenarios:compare")
        for name in ("Laag", "Basis"):
            page = self.client.get(url)
            self.assertContains(page, 'id="too-few-scenarios"')
            self.assertNotContains(page, 'name="first"')
            # nor does the scenario page offer a comparison of one
            self.assertNotContains(self.client.get(reverse("scenarios:index")), 'name="first"')
            data = {**query(dimension="organic"), "save-name": name}
            self.client.post(reverse("scenarios:save"), data)
        page = self.client.get(url)
        self.assertNotContains(page, 'id="too-few-scenarios"')
        form = page.context["form"]
        first, second = form["first"].value(), form["second"].value()
        self.assertEqual({first, second}, set(Scenario.objects.values_list("pk", flat=True)))

    def test_the_goal_and_its_probability_say_where_they_come_from_as_the_dashboard(
        self,
    ) -> None:
        """One wording for an ensemble's provenance (samples, seed, dimension) and the
        plan's own source for its goal; the scenario page had its own, without seed or
        dimension, and a general sentence for the goal."""
        from clusterplan.app.scenarios import goal

        plan = current_plan()
        self.login(self.viewer)
        page = self.client.get(reverse("scenarios:results"), query(dimension="leap"))
        headline = page.context["headline"]
        summary = services.ensemble_summary(plan)
        assert summary is not None
        self.assertEqual(headline["provenance"], summary["provenance"])  # the default: leap
        self.assertContains(page, escape(summary["provenance"]))
        self.assertEqual(headline["goal_source"], goal(plan).provenance)
        self.assertTrue(headline["goal_source"])
        organic = self.client.get(reverse("scenarios:results"), query(dimension="organic"))
        named = services.dimension_label("organic", plan)
        self.assertIn(named, organic.context["headline"]["provenance"])

    def test_a_refused_save_names_the_fields_by_their_labels_not_their_ids(self) -> None:
        self.login(self.editor)
        acp = AssumptionsForm(current_plan()).fields["realisation__acp"].label
        for data, expected in (
            ({**query(), "save-name": ""}, "Naam: Dit veld is verplicht."),
            # the core's refusal names the input itself, once
            ({**query(realisation__acp="7"), "save-name": "X"}, f"{acp} moet tussen 0 en 2"),
        ):
            with self.subTest(expected=expected):
                page = self.client.post(reverse("scenarios:save"), data, follow=True)
                [shown] = [str(m) for m in page.context["messages"]]
                self.assertTrue(shown.startswith(expected), shown)
                self.assertNotIn("__", shown)
        self.assertFalse(Scenario.objects.exists())

    def test_outsiders_cannot_use_scenarios(self) -> None:
        scenario = Scenario.objects.create(name="X", values={})
        self.login(self.outsider)
        for url in (
            reverse("scenarios:results"),
            reverse("scenarios:compare"),
            reverse("scenarios:index") + f"?scenario={scenario.pk}",
        ):
            self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(reverse("scenarios:save"), {}).status_code, 403)


class ResultTableTests(PersonaTestCase):
    """The result tables are the core's (:mod:`clusterplan.report.scenario`): their
    headings, their downloads by slug, and the chart lines named by their columns."""

    def _download(self, slug: str) -> list[list[str]]:
        self.login(self.viewer)
        url = reverse("scenarios:download", kwargs={"slug": slug, "fmt": "csv"})
        response = self.client.get(url, query(dimension="organic"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'filename="{slug}.csv"', response["Content-Disposition"])
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]

    def test_the_trajectory_downloads_with_the_cores_headings_and_plain_years(self) -> None:
        plan = current_plan()
        head, *rows = self._download("trajectory")
        names = [dimension_name(plan, d, "nl") for d in plan.employment.dimension_ids]
        self.assertEqual(head[:2], ["Jaar", "Dit scenario"])
        self.assertEqual(head[-len(names) :], [f"Groeidimensies: {name}" for name in names])
        result = services.compute(plan, services.defaults(plan))
        self.assertEqual([r[0] for r in rows], [str(y) for y in result.years])
        self.assertEqual(float(rows[-1][1]), 8750.0)

    def test_the_pillars_download_with_the_base_year_the_goal_year_and_the_total(self) -> None:
        plan = current_plan()
        head, *rows = self._download("pillars")
        result = services.compute(plan, services.defaults(plan))
        self.assertEqual(head, ["Pijler", str(result.years[0]), str(result.year)])
        names = taxonomy_names(plan, "pillars", "nl")
        self.assertEqual([r[0] for r in rows], [*[names[p] for p in result.pillars], "Totaal"])
        self.assertEqual(float(rows[-1][2]), 8750.0)

    def test_the_chart_names_its_lines_by_the_tables_columns(self) -> None:
        plan = current_plan()
        result = services.compute(plan, services.defaults(plan), samples=0)
        found = services.trajectory_chart(plan, result, None)
        lines = {s["name"] for s in found["spec"]["series"] if "areaStyle" not in s}
        self.assertTrue(lines)
        shown = {cell.text for row in found["table"]["head"] for cell in row}
        self.assertLessEqual(lines - {"Doel"}, shown)

    def test_the_chart_wraps_its_legend_and_draws_this_scenario_over_the_plans_paths(
        self,
    ) -> None:
        """The legend wraps above the plot in the page's half column (see the line chart's
        tests for six series); this scenario, equal to the plan's path by default, is drawn
        over that path, not hidden under it."""
        plan = current_plan()
        result = services.compute(plan, services.defaults(plan), samples=200)
        spec = services.trajectory_chart(plan, result, None)["spec"]
        self.assertEqual(spec["legend"]["type"], "plain")
        self.assertEqual(spec["grid"]["top"], LEGEND_WRAPPED_TOP)
        scenario, *others = [s for s in spec["series"] if "stack" not in s]
        self.assertEqual(scenario["name"], "Dit scenario")
        self.assertEqual(scenario["z"], ON_TOP_Z)
        self.assertTrue(all(s.get("z", LINE_Z) < ON_TOP_Z for s in others))

    def test_the_charts_legend_shows_the_band_as_a_light_block(self) -> None:
        """The band's legend marker is a block as light as the band (it was a dark dot
        beside a light band)."""
        plan = current_plan()
        result = services.compute(plan, services.defaults(plan), samples=200)
        spec = services.trajectory_chart(plan, result, None)["spec"]
        band = next(s for s in spec["series"] if "areaStyle" in s)
        entry = next(e for e in spec["legend"]["data"] if isinstance(e, dict))
        self.assertEqual(entry, {"name": band["name"], "icon": "rect"})
        self.assertEqual(band["itemStyle"]["opacity"], band["areaStyle"]["opacity"])

    def test_two_scenarios_are_compared_in_the_cores_results_table(self) -> None:
        plan = current_plan()
        low = Scenario(name="Laag", values={"dimension": "organic", "market_growth_factor": 1.5})
        basis = Scenario(name="Basis", values={"dimension": "organic"})
        _inputs, results = services.compare_table(plan, low, basis, None)
        self.assertEqual(results["slug"], "compare-results")
        # each scenario's band is in the table too: the chart draws nothing it lacks
        self.assertEqual(
            results["columns"],
            [
                "Jaar",
                "Laag",
                "Basis",
                "Verschil",
                "Laag: P5",
                "Laag: P95",
                "Basis: P5",
                "Basis: P95",
            ],
        )
        bands = [(cell.text, cell.span) for cell in results["head"][0] if cell.band]
        self.assertEqual(bands, [("Laag", 2), ("Basis", 2)])
        model = results["model"]
        year = str(model.rows[-1].key)
        first, second = model.cell(year, "first").value, model.cell(year, "second").value
        self.assertEqual(second, 8750.0)
        self.assertAlmostEqual(model.cell(year, "difference").value, second - first)
        chart = services.compare_chart(plan, low, basis, results)
        self.assertEqual(chart["title"], results["caption"])
        band = services.compute(plan, {**services.defaults(plan), **low.values}).band
        assert band is not None
        bands = {s["name"] for s in chart["spec"]["series"] if "areaStyle" in s}
        self.assertEqual(bands, {"Laag", "Basis"})  # each line's band, in its colour
        self.assertIn("P5 tot P95", " ".join(chart["notes"]))
        self.assertAlmostEqual(
            model.cell(year, "band:0:p95").value, float(band.percentiles[95][-1]), places=6
        )


class SensitivityTests(PersonaTestCase):
    def test_the_request_only_starts_a_task_and_the_page_shows_its_result(self) -> None:
        self.login(self.viewer)
        url = reverse("scenarios:sensitivity")
        first = self.client.get(url, {"run": "1"})  # a GET never computes (it used to)
        self.assertNotContains(first, "utrecht-table__caption")
        self.assertFalse(TaskRecord.objects.exists())
        started = self.client.post(reverse("scenarios:sensitivity_start"))
        record = TaskRecord.objects.get()
        self.assertRedirects(started, task_url(record))
        self.assertEqual(
            (record.owner, record.kind, record.status), (self.viewer, SENSITIVITY, "queued")
        )
        waiting = self.client.get(url)
        self.assertNotContains(waiting, "utrecht-table__caption")
        self.assertContains(waiting, task_url(record))
        execute(record.pk)  # what the worker does
        self.assertContains(self.client.get(task_url(record)), f"{url}?task={record.pk}")
        for page in (self.client.get(url), self.client.get(url, {"task": record.pk})):
            self.assertEqual(page.status_code, 200)
            self.assertContains(page, "Sobol")
            self.assertContains(page, "Groei van de toepassingsmarkt: Automotive")

    def test_a_stored_result_is_shown_as_the_cores_sensitivity_tables(self) -> None:
        from clusterplan.model.sensitivity import Discovery, PrimBox, SobolIndices, SobolResult

        names = ["market__automotive", "fab_continues"]
        jobs = SobolIndices("jobs_2034", names, [0.1, 0.5], [0.0, 0.0], [0.2, 0.6], [0.0, 0.0], 1.0)
        constant = SobolIndices("goal_reached", names, None, None, None, None, 0.0)
        sobol = SobolResult(16, 64, 0, 11200.0, 2034, jobs, constant)
        box = PrimBox({"fab_continues": (0.0, 0.0)}, coverage=0.5, density=0.9, mass=0.05)
        discovery = Discovery(100, 0, 11200.0, 2034, 0.1, [box], [], {"fab_continues": (0.0, 1.0)})
        record = start_task(
            self.viewer, SENSITIVITY, revision="x", sobol_base=16, samples=100, seed=0
        )
        result = {"revision": "x", **analysis.results_to_json(sobol, discovery)}
        TaskRecord.objects.filter(pk=record.pk).update(status="done", result=result)
        self.login(self.viewer)
        page = self.client.get(reverse("scenarios:sensitivity"), {"task": record.pk})
        plan = current_plan()
        self.assertEqual(
            page.context["sobol"]["model"], sensitivity_tables.sobol_table(plan, sobol, "nl")
        )
        self.assertEqual(
            [table["model"] for table in page.context["boxes"]],
            sensitivity_tables.discovery_tables(plan, discovery, "nl"),
        )
        self.assertContains(page, "Banen 2034: ST")
        self.assertContains(page, "Of het doel gehaald wordt, varieert niet in de trekkingen")
        self.assertContains(page, "Box 1: 50% van de mislukkingen, 90% van de runs erin mislukt")
        self.assertContains(page, "Getrokken tot")
        # how often the goal fails, in the command line's words
        self.assertContains(
            page, "100 trekkingen, seed 0: doel (11.200 banen in 2034) faalt in 10,0%"
        )
        self.assertEqual(
            page.context["summary"], sensitivity_tables.discovery_summary(discovery, "nl")
        )
        # the sizes and seed of the Sobol indices, in the command line's words
        self.assertContains(page, "Sobol, N=16 (64 doorrekeningen), seed 0")
        self.assertEqual(
            page.context["sobol_summary"], sensitivity_tables.sobol_summary(sobol, "nl")
        )

    @override_settings(
        CLUSTERWEB_SOBOL_BASE=32, CLUSTERWEB_DISCOVERY_SAMPLES=1000, CLUSTERWEB_SEED=0
    )
    def test_the_page_gives_what_the_command_line_prints_for_the_same_sizes(self) -> None:
        """The page's task runs the core with the settings' sizes and seed, whose defaults
        are the command line's (``bounds.DEFAULT_SOBOL_BASE``, ``DEFAULT_DISCOVERY_SAMPLES``,
        ``DEFAULT_SEED``): for the same sizes its indices and boxes are what ``clusterplan
        sensitivity`` and ``discover`` print, and the page names the sizes it used."""
        self.login(self.viewer)
        self.client.post(reverse("scenarios:sensitivity_start"))
        record = TaskRecord.objects.get()
        execute(record.pk)
        record.refresh_from_db()
        runner = CliRunner()
        for key, args in (
            ("sobol", ["sensitivity", "--n-base", "32", "--seed", "0", "--json"]),
            ("discovery", ["discover", "--n", "1000", "--seed", "0", "--json"]),
        ):
            cli = runner.invoke(app, args)
            self.assertEqual(cli.exit_code, 0, cli.stderr)
            self.assertEqual(record.result[key], json.loads(cli.stdout), key)
        page = self.client.get(reverse("scenarios:sensitivity"), {"task": record.pk})
        runs = record.result["sobol"]["n_evaluations"]
        self.assertContains(page, f"Sobol, N=32 ({format_number(runs, 'nl', 0)} doorrekeningen)")
        self.assertContains(page, "1.000 trekkingen, seed 0")

    def test_without_the_analysis_extra_the_page_says_what_to_install(self) -> None:
        from unittest import mock

        from clusterplan.model import sensitivity

        self.login(self.viewer)
        url = reverse("scenarios:sensitivity")
        self.assertContains(self.client.get(url), reverse("scenarios:sensitivity_start"))
        with mock.patch.object(sensitivity, "missing_packages", return_value=["SALib"]):
            page = self.client.get(url)
            started = self.client.post(reverse("scenarios:sensitivity_start"), follow=True)
        self.assertEqual(page.status_code, 200)
        # the core's line, naming the package this installation lacks (the page had its own
        # sentence with a list of its own, the start and the task two more)
        line = "SALib niet geïnstalleerd: installeer de analyse-extra (pip install "
        self.assertContains(page, escape(line))
        self.assertNotContains(page, reverse("scenarios:sensitivity_start"))
        # Ensembles need only the core: their form stays.
        self.assertContains(page, reverse("scenarios:ensemble"))
        # A start posted anyway starts no task that could only fail; it says why.
        self.assertFalse(TaskRecord.objects.exists())
        self.assertContains(started, escape(line))
        # A task queued before the packages went fails with the same line.
        record = start_task(self.viewer, SENSITIVITY, revision="r", sobol_base=8, samples=8, seed=1)
        with mock.patch.object(sensitivity, "missing_packages", return_value=["SALib"]):
            execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, "failed")
        self.assertTrue(record.reasons["nl"].startswith(line), record.reasons)

    def test_a_task_result_is_only_for_its_owner(self) -> None:
        record = start_task(
            self.viewer, SENSITIVITY, revision="x", sobol_base=8, samples=100, seed=1
        )
        self.login(self.editor)
        url = reverse("scenarios:sensitivity")
        self.assertEqual(self.client.get(url, {"task": record.pk}).status_code, 404)
        self.assertEqual(self.client.get(url, {"task": "9" * 40}).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.post(reverse("scenarios:sensitivity_start")).status_code, 403)
        self.assertEqual(self.client.post(reverse("scenarios:ensemble")).status_code, 403)
        self.assertEqual(TaskRecord.objects.count(), 1)

    def test_an_ensembles_progress_is_the_cores_once_per_block_of_samples(self) -> None:
        """From 0 to all samples, each step once (the task had added a last 'all done' of
        its own after the core's), every step named."""
        calls: list[tuple[int, int, str | None]] = []
        params = {"samples": 3000, "seed": 1, "dimension": "leap"}
        ensemble(params, lambda done, steps, label=None: calls.append((done, steps, label)))
        done = [c[0] for c in calls]
        self.assertEqual((done[0], done[-1]), (0, 3000))
        self.assertEqual(done, sorted(set(done)))  # rising, no step twice
        self.assertEqual({c[1] for c in calls}, {3000})
        self.assertEqual({c[2] for c in calls}, {"Sampling the growth model"})

    @override_settings(
        CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD=1000, CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=5000
    )
    def test_an_ensemble_above_the_threshold_runs_as_a_task(self) -> None:
        self.login(self.viewer)
        url = reverse("scenarios:ensemble")
        inline = self.client.post(url, {"samples": "800", "dimension": "leap"})
        self.assertEqual(inline.status_code, 200)
        self.assertContains(inline, "Monte Carlo-ensemble van 800 trekkingen")
        self.assertFalse(TaskRecord.objects.exists())
        started = self.client.post(url, {"samples": "3.000", "dimension": "organic"})
        record = TaskRecord.objects.get()
        self.assertRedirects(started, task_url(record))
        self.assertEqual(record.params["samples"], 3000)
        execute(record.pk)
        record.refresh_from_db()
        self.assertEqual((record.status, record.result["n"]), ("done", 3000))
        page = self.client.get(reverse("scenarios:sensitivity"), {"task": record.pk})
        self.assertContains(page, "Monte Carlo-ensemble van 3.000 trekkingen")
        # the sentence above the table is the command line's, with the task's seed
        result = record.result
        sentence = ensemble_sentence(
            current_plan(),
            n=result["n"],
            seed=record.params["seed"],
            dimension=result["dimension"],
            goal_jobs=result["goal_jobs"],
            goal_year=result["goal_year"],
            p_goal=result["p_goal"],
            lang="nl",
        )
        self.assertIn(f"ten minste {format_number(result['goal_jobs'], 'nl', 0)} banen", sentence)
        self.assertContains(page, escape(sentence))
        too_many = self.client.post(url, {"samples": "5001", "dimension": "leap"})
        self.assertEqual(too_many.status_code, 200)
        self.assertContains(too_many, "5.000")  # the form names the maximum
        self.assertEqual(TaskRecord.objects.count(), 1)


class SavedIdTests(TestCase):
    def test_every_id_the_database_gives_is_taken_and_the_api_takes_the_same(self) -> None:
        """Ids are 64-bit (BigAutoField): an id past 2^31 was ignored by the scenarios page
        while the API took ids up to 2^62; both now read :data:`bounds.SAVED_ID`."""
        from clusterweb.api.api import MAX_ID
        from clusterweb.scenarios.forms import SavedScenarioForm

        big = 2**31 + 5
        self.assertEqual(SavedScenarioForm({"scenario": str(big)}).scenario_id(), big)
        self.assertIsNone(SavedScenarioForm({"scenario": str(MAX_ID + 1)}).scenario_id())
        self.assertEqual(SavedScenarioForm({"scenario": str(MAX_ID)}).scenario_id(), MAX_ID)
