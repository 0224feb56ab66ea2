"""The monitoring pages show the command line's numbers for the same data: import the
fictional set, then compare the dashboard, every indicator page, the downloads and the
nowcast panel with ``clusterplan monitor --json`` and ``clusterplan nowcast --json``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan import disclosure
from clusterplan.app.inputs import label_of
from clusterplan.cli import app
from clusterplan.labels import label as words
from clusterplan.monitor.actuals import read_actuals
from clusterplan.monitor.compare import NOT_COMPARED
from clusterplan.monitor.indicators import monitoring_of
from clusterplan.monitor.nowcast import nowcast
from clusterplan.report.annual import (
    MOST_MOVED,
    nowcast_stat_labels,
    nowcast_words,
    report_years,
    status_text,
)
from clusterplan.report.numbers import format_percent, format_value
from clusterweb.monitoring import services
from clusterweb.monitoring.pages import status_label
from clusterweb.monitoring.tests.fictional import FICTIONAL, FictionalActualsTestCase
from clusterweb.testing import PersonaTestCase


def _note() -> str:
    """The core's note on its mark of a withheld figure, as a Dutch page writes it."""
    return escape(disclosure.note(services.min_organisations(), "organisations", "nl"))


def _cli(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _latest(indicator: dict[str, Any]) -> dict[str, Any] | None:
    """The cluster-total row the core takes as the latest: the latest year with an actual
    (a withheld one too) and a plan value, else the latest with an actual."""
    rows = [
        r
        for r in indicator["rows"]
        if r["subject"] is None and (r["actual"] is not None or r["suppressed"])
    ]
    both = [r for r in rows if r["plan"] is not None]
    return max(both or rows, key=lambda r: r["year"]) if rows else None


def _dashboard_row(indicator: dict[str, Any], mark: str) -> list[Any]:
    """Year, plan, actual and gap of an indicator's row on the dashboard, as the command's
    rows give them (a withheld actual and gap as the core's mark)."""
    latest = _latest(indicator)
    if latest is None:
        return [None] * 4
    actual, gap = (mark, mark) if latest["suppressed"] else (latest["actual"], latest["gap"])
    return [latest["year"], latest["plan"], actual, gap]


def _values(cells: list[Any]) -> list[Any]:
    """The cells of a core table's row as their text or their number."""
    return [c.text if c.is_text else c.value for c in cells]


def _shown_status(indicator: dict[str, Any]) -> str:
    """The status the page shows for an indicator of the command's JSON: its status's words,
    or for one held against no plan figure the words the counts use for that."""
    if indicator["compare_with"] == "none":
        return status_label(NOT_COMPARED)
    return status_label(indicator["status"])


class SameNumbersAsTheCommandLineTests(FictionalActualsTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.cli = _cli("monitor", "--actuals", str(FICTIONAL), "--json")

    def test_the_dashboard_shows_the_commands_status_plan_actual_and_gap(self) -> None:
        self.login(self.editor)
        response = self.client.get(reverse("monitoring:index"))
        self.assertTrue(response.context["observed"])
        self.assertNotContains(response, 'id="no-actuals"')
        self.assertContains(response, 'id="stat-p-goal"')
        rows = {r[0].text: r for r in response.context["table"]["rows"]}
        self.assertEqual(len(rows), len(self.cli["indicators"]))
        statuses = set()
        for indicator in self.cli["indicators"]:
            with self.subTest(indicator=indicator["id"]):
                row = rows[indicator["label_nl"]]
                self.assertEqual(row[6].text, _shown_status(indicator))
                statuses.add(indicator["status"])
                expected = _dashboard_row(indicator, disclosure.mark("nl"))
                self.assertEqual(_values(row[2:6]), expected)
        # The fictional set has an indicator off track and one at risk: not vacuous.
        self.assertIn("off_track", statuses)
        self.assertIn("at_risk", statuses)

    def test_the_dashboard_heads_its_columns_as_the_command_line_does(self) -> None:
        """One word per column of the comparison: 'Verschil' (actual minus plan, negative when
        behind) is not a 'Tekort' (shortfall) on the page and a 'gap' elsewhere."""
        self.login(self.editor)
        heads = self.client.get(reverse("monitoring:index")).context["table"]["columns"]
        printed = CliRunner().invoke(app, ["--lang", "nl", "monitor", "--actuals", str(FICTIONAL)])
        cli_head = next(line for line in printed.stdout.splitlines() if "Verschil" in line)
        self.assertEqual(
            cli_head.split(),
            ["Indicator", "Eenheid", "Jaar", "Plan", "Realisatie", "Verschil", "Status"],
        )
        self.assertEqual(heads, cli_head.split())  # the same table
        self.assertNotIn("Tekort", heads)

    def test_the_counts_per_status_and_the_links_are_the_commands_indicators(self) -> None:
        self.login(self.editor)
        context = self.client.get(reverse("monitoring:index")).context
        counts = {c["status"]: c["count"] for c in context["status_counts"]}
        # the command's counts (an indicator held against no plan figure counted as such)
        self.assertEqual(counts, {k: n for k, n in self.cli["counts"].items() if n})
        self.assertIn("not_compared", counts)  # the page had counted these as 'no data'
        self.assertGreater(len(counts), 2)  # the fictional set has several statuses
        labels = [c["label"] for c in context["status_counts"]]
        self.assertEqual(labels, [status_text(k, "nl") for k in counts])
        self.assertEqual(
            context["table"]["links"],
            [
                reverse("monitoring:indicator", kwargs={"key": i["id"]})
                for i in self.cli["indicators"]
            ],
        )

    def test_a_viewer_sees_what_the_public_command_prints(self) -> None:
        public = _cli("monitor", "--actuals", str(FICTIONAL), "--public", "--json")
        suppressed = 0
        mark = disclosure.mark("nl")  # the core's mark of a withheld figure, the page's too
        self.login(self.viewer)
        for indicator in public["indicators"]:
            with self.subTest(indicator=indicator["id"]):
                page = self.client.get(
                    reverse("monitoring:indicator", kwargs={"key": indicator["id"]})
                )
                rows = page.context["chart"]["table"]["rows"]
                shown = [_values(r[1:5]) for r in rows]
                expected = [
                    [r["year"], r["plan"], mark, mark]
                    if r.get("suppressed")
                    else [r["year"], r["plan"], r["actual"], r["gap"]]
                    for r in indicator["rows"]
                ]
                self.assertEqual(shown, expected)
                withheld = sum(1 for r in indicator["rows"] if r.get("suppressed"))
                if withheld:  # the page says what the mark means, in the core's words
                    self.assertContains(page, _note())
                suppressed += withheld
        # The fictional set has partner cells of fewer organisations: not vacuous.
        self.assertGreater(suppressed, 0)
        index = self.client.get(reverse("monitoring:index"))
        self.assertEqual(index.context["withheld"], suppressed)
        self.assertContains(index, _note())
        # The dashboard's row of an indicator whose latest year is withheld shows that year
        # with the mark, not the year before as if it were the latest.
        rows = {r[0].text: r for r in index.context["table"]["rows"]}
        withheld = 0
        for indicator in public["indicators"]:
            with self.subTest(indicator=indicator["id"]):
                row = rows[indicator["label_nl"]]
                self.assertEqual(row[6].text, _shown_status(indicator))
                self.assertEqual(_values(row[2:6]), _dashboard_row(indicator, mark))
                withheld += row[4].text == mark
        self.assertGreater(withheld, 0)  # the fictional set has one: not vacuous

    def test_every_indicator_page_and_download_has_the_commands_rows(self) -> None:
        self.login(self.editor)
        for indicator in self.cli["indicators"]:
            with self.subTest(indicator=indicator["id"]):
                page = self.client.get(
                    reverse("monitoring:indicator", kwargs={"key": indicator["id"]})
                )
                table = page.context["chart"]["table"]
                expected = [
                    [r["year"], r["plan"], r["actual"], r["gap"]] for r in indicator["rows"]
                ]
                shown = [_values(r[1:5]) for r in table["rows"]]
                self.assertEqual(shown, expected)
                download = self.client.get(table["download"]["csv"])
                lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
                # A title row, the header row, then the page's rows.
                self.assertEqual(len(lines), len(expected) + 2)
                self.assertEqual(
                    [[c[1], c[3]] for c in lines[2:]],
                    [[str(r[0]), "?" if r[2] is None else str(float(r[2]))] for r in expected],
                )
                if indicator["compare_with"] == "jobs":
                    first = report_years(services.current_plan())[0]  # the plan's years
                    total = [r for r in indicator["rows"] if r["subject"] is None]
                    spec = page.context["chart"]["spec"]
                    plan_series = next(s for s in spec["series"] if s["name"].startswith("Plan"))
                    expected_plan = [r["plan"] for r in total if r["year"] >= first]
                    self.assertEqual(len(plan_series["data"]), len(expected_plan))
                    for shown_value, cli_value in zip(
                        plan_series["data"], expected_plan, strict=True
                    ):
                        # The plan read back from PostgreSQL may differ in the last bit.
                        if cli_value is None:
                            self.assertIsNone(shown_value)
                        else:
                            self.assertAlmostEqual(
                                shown_value, cli_value, delta=1e-9 * abs(cli_value)
                            )

    def test_the_nowcast_panel_is_the_cores_nowcast_of_the_web_plan_and_the_file(self) -> None:
        plan = services.current_plan()
        n, seed = services.nowcast_samples(plan), services.nowcast_seed(plan)
        expected = nowcast(plan, read_actuals(FICTIONAL, plan), n=n, seed=seed)
        self.login(self.editor)
        panel = self.client.get(reverse("monitoring:index")).context["nowcast"]
        self.assertEqual(panel["p_goal_prior"], expected.p_goal_prior)
        self.assertEqual(panel["p_goal"], expected.p_goal)
        self.assertEqual(panel["ess"], expected.effective_sample_size)
        # in the words of the annual report and of ``clusterplan nowcast``
        words = nowcast_words(expected, "nl")
        self.assertEqual(
            (panel["words"], panel["warning"]), ([words.chance, words.basis], words.warning)
        )
        # The page writes each P(goal) in percent by the core's one rule, in its notation.
        page = self.client.get(reverse("monitoring:index")).content.decode()
        # and names its stats in the sentences' words (the core's), not in words of its own
        for label in nowcast_stat_labels("nl").values():
            self.assertIn(label, page)
        for key, p_goal in (
            ("stat-p-goal-prior", expected.p_goal_prior),
            ("stat-p-goal", expected.p_goal),
        ):
            with self.subTest(key=key):
                written = format_percent(p_goal, "nl").removesuffix("%")  # 90,0, not 90
                stat = page[page.index(f'id="{key}"') :]
                self.assertIn(
                    f'__number">{written}</span> <span class="clusterplan-stat__unit">%', stat
                )

    def test_the_nowcast_panel_shows_the_commands_result_for_the_same_seed(self) -> None:
        plan = services.current_plan()
        n, seed = services.nowcast_samples(plan), services.nowcast_seed(plan)
        cli = _cli(
            "nowcast", "--actuals", str(FICTIONAL), "--n", str(n), "--seed", str(seed), "--json"
        )
        self.login(self.editor)
        panel = self.client.get(reverse("monitoring:index")).context["nowcast"]
        self.assertEqual((panel["samples"], panel["seed"]), (n, seed))
        self.assertAlmostEqual(panel["p_goal_prior"], cli["p_goal_prior"], places=12)
        self.assertAlmostEqual(panel["p_goal"], cli["p_goal"], places=12)
        self.assertAlmostEqual(panel["ess"], cli["effective_sample_size"], places=6)
        # The moved inputs, in the command's order, by their declared Dutch labels.
        for row, moved in zip(panel["moved"]["rows"], cli["moved"], strict=False):
            self.assertEqual(row[0].text, label_of(plan, moved["name"], "nl"))
            self.assertNotEqual(row[0].text, moved["name"])
            self.assertEqual(row[3].value, moved["shift_sd"])
        self.assertEqual(len(panel["moved"]["rows"]), min(MOST_MOVED, len(cli["moved"])))
        self.assertNotEqual(cli["p_goal"], cli["p_goal_prior"])  # the actuals moved it

    def test_the_panel_says_whether_it_draws_as_many_samples_as_the_command(self) -> None:
        plan = services.current_plan()
        command = monitoring_of(plan).nowcast.samples
        self.login(self.editor)
        for budget, same in ((command - 1, False), (command, True)):
            with self.subTest(budget=budget), override_settings(CLUSTERWEB_ENSEMBLE_SAMPLES=budget):
                page = self.client.get(reverse("monitoring:index")).content.decode()
                self.assertEqual("(dezelfde als clusterplan nowcast)" in page, same)
                fewer = f"minder dan de {format_value(command, '', 'nl')} van clusterplan nowcast"
                self.assertEqual(fewer in page, not same)

    def test_the_chart_of_one_subject_has_the_commands_plan_and_actual(self) -> None:
        jobs = next(i for i in self.cli["indicators"] if i["compare_with"] == "jobs")
        subject = next(r["subject"] for r in jobs["rows"] if r["subject"] is not None)
        rows = [r for r in jobs["rows"] if r["subject"] == subject]
        self.login(self.viewer)
        url = reverse("monitoring:indicator", kwargs={"key": jobs["id"]})
        spec = self.client.get(url, {"subject": subject}).context["chart"]["spec"]
        series = {s["name"]: s["data"] for s in spec["series"] if "areaStyle" not in s}
        self.assertEqual(spec["xAxis"]["data"], [str(r["year"]) for r in rows])
        self.assertEqual(series["Realisatie"], [r["actual"] for r in rows])
        total = self.client.get(url, {"subject": "no-such-subject"}).context
        self.assertEqual(total["subject"], "")

    def test_the_jobs_table_heads_the_percentiles_with_the_ensemble_they_are_of(self) -> None:
        """P5, P50 and P95 stood beside the plan's figures without saying of what: the
        ensemble is a band over them (the download: 'Ensemble: P5')."""
        jobs = next(i for i in self.cli["indicators"] if i["compare_with"] == "jobs")
        self.login(self.viewer)
        url = reverse("monitoring:indicator", kwargs={"key": jobs["id"]})
        page = self.client.get(url).content.decode()
        self.assertIn('<colgroup span="3"></colgroup>', page)
        self.assertRegex(page, r'<th scope="colgroup" colspan="3" [^>]*>Ensemble</th>')
        for band in ("P5", "P50", "P95"):
            self.assertIn(f'numeric-column">{band}</th>', page)
        tab = self.client.get(url).context["table"]
        self.assertEqual(tab["columns"][-3:], ["Ensemble: P5", "Ensemble: P50", "Ensemble: P95"])

    def test_the_total_jobs_chart_draws_the_reports_paths_with_the_band_from_the_base_year(
        self,
    ) -> None:
        """The page draws the annual report's paths (``indicator_paths``): over the plan's
        years (the history before them stays in the table), with the ensemble band, which
        opens from the base year's actual; the page used to leave the band out as soon as
        the actuals reached back before the plan."""
        plan = services.current_plan()
        first, base = report_years(plan)[0], plan.employment.base_year
        jobs = next(i for i in self.cli["indicators"] if i["compare_with"] == "jobs")
        rows = [r for r in jobs["rows"] if r["subject"] is None]
        self.assertTrue(any(r["year"] < first and r["actual"] is not None for r in rows))
        self.login(self.viewer)
        url = reverse("monitoring:indicator", kwargs={"key": jobs["id"]})
        spec = self.client.get(url).context["chart"]["spec"]
        years = [int(y) for y in spec["xAxis"]["data"]]
        self.assertEqual(years, [r["year"] for r in rows if r["year"] >= first])
        lower, width = (s for s in spec["series"] if s.get("stack"))
        opening = next(r["actual"] for r in rows if r["year"] == base)
        at = years.index(base)
        self.assertEqual((lower["data"][at], width["data"][at]), (opening, 0.0))
        for row in rows:
            if row["year"] > base:
                i = years.index(row["year"])
                self.assertAlmostEqual(lower["data"][i], row["band"]["p5"])
                self.assertAlmostEqual(lower["data"][i] + width["data"][i], row["band"]["p95"])
        names = [s["name"] for s in spec["series"] if not s.get("stack")]
        self.assertEqual(names[1:], ["Mijlpalen naar het doel", "Realisatie"])
        self.assertTrue(names[0].startswith("Plan ("), names)  # the growth dimension's path

    def test_an_indicator_without_a_plan_figure_says_so_in_its_page_and_rows(self) -> None:
        """Its page said 'Status: geen vergelijking' and so did each row, while the
        dashboard said 'zonder plancijfer'; a compared indicator's page never says it."""
        self.login(self.editor)
        with translation.override("nl"):
            plain = status_label(NOT_COMPARED)
        seen = {True: 0, False: 0}
        for ind in monitoring_of(services.current_plan()).indicators:
            page = self.client.get(reverse("monitoring:indicator", kwargs={"key": ind.id}))
            statuses = {row[5].text for row in page.context["chart"]["table"]["rows"]}
            seen[ind.compared] += len(statuses) > 0
            with self.subTest(indicator=ind.id):
                if ind.compared:
                    self.assertNotEqual(page.context["status_label"], plain)
                    self.assertNotIn(plain, statuses)
                else:
                    self.assertEqual(page.context["status_label"], plain)
                    self.assertLessEqual(statuses, {plain})
        self.assertTrue(seen[True] and seen[False], seen)

    def test_english_labels_and_an_unknown_indicator(self) -> None:
        self.login(self.viewer)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(reverse("monitoring:index"))
        self.assertContains(response, "off track")
        missing = reverse("monitoring:indicator", kwargs={"key": "no-such-indicator"})
        self.assertEqual(self.client.get(missing).status_code, 404)


class WordsInThePagesLanguageTests(FictionalActualsTestCase):
    """Units and the growth dimension in words of the page's language, never as ids."""

    def test_the_dashboard_names_units_and_the_dimension_in_dutch(self) -> None:
        self.login(self.viewer)
        response = self.client.get(reverse("monitoring:index"))
        units = {row[1].text for row in response.context["table"]["rows"]}
        self.assertIn("banen", units)
        self.assertIn("mln euro", units)
        self.assertTrue(units.isdisjoint({"jobs", "meur", "count", "people"}), units)
        text = response.content.decode()
        dimensions = services.current_plan().employment.scenarios
        self.assertTrue(any(f"“{d.name_nl}”" in text for d in dimensions.values()))
        self.assertFalse([key for key in dimensions if f"“{key}”" in text])

    def test_an_indicator_page_says_its_unit_in_english_on_an_english_page(self) -> None:
        self.login(self.viewer)
        self.client.cookies["django_language"] = "en"
        url = reverse("monitoring:indicator", kwargs={"key": "jobs"})
        response = self.client.get(url)
        self.assertContains(response, "Figures in jobs;")
        self.client.cookies["django_language"] = "nl"
        self.assertContains(self.client.get(url), "Cijfers in banen;")

    def test_every_subject_kind_offers_names_in_the_pages_language(self) -> None:
        plan = services.current_plan()
        for lang in ("nl", "en"):
            with translation.override(lang):
                for kind in ("pillar", "project", "source", "education_level"):
                    choices = services.subject_choices(plan, kind)
                    with self.subTest(lang=lang, kind=kind):
                        self.assertTrue(choices)
                        self.assertTrue(any(key != name for key, name in choices), choices)
                self.assertIn(
                    ("other", words("education.level", "other", lang)),
                    services.subject_choices(plan, "education_level"),
                )

    def test_the_nowcast_seed_is_written_as_typed_not_grouped(self) -> None:
        seed = services.nowcast_seed(services.current_plan())
        self.assertGreaterEqual(seed, 1000)  # a seed that grouping would change: not vacuous
        self.login(self.viewer)
        for lang in ("nl", "en"):
            self.client.cookies["django_language"] = lang
            with self.subTest(lang=lang):
                self.assertContains(self.client.get(reverse("monitoring:index")), f"seed {seed} ")


class StoredFiguresListTests(FictionalActualsTestCase):
    """The list of stored figures: each value in its indicator's unit and decimals and the
    indicators in the plan's order, as the indicator pages and ``clusterplan monitor`` show
    them; the list wrote the raw number ('25' for 25,0 M EUR) in the order of the ids."""

    def test_values_and_order_follow_the_plans_indicators(self) -> None:
        from clusterplan.report.table import figure

        self.login(self.editor)
        page = self.client.get(reverse("monitoring:actuals"))
        table = page.context["table"]
        plan_order = [i.id for i in services.indicators()]
        names = {i.id: services.label(i) for i in services.indicators()}
        listed = [row[0].shown("nl") for row in table["rows"]]
        order = [next(k for k, name in names.items() if name == shown) for shown in listed]
        self.assertEqual(order, sorted(order, key=plan_order.index))
        self.assertGreater(len(set(order)), 1)
        units = {i.id: i.unit for i in services.indicators()}
        rows = page.context["rows"]
        for row, stored in zip(table["rows"], rows, strict=True):
            with self.subTest(indicator=stored.indicator, year=stored.year):
                expected = figure(stored.value, units[stored.indicator], printed=False)
                self.assertEqual(row[3].shown("nl"), expected.shown("nl"))
        money = [r for r in rows if units[r.indicator] == "meur"]
        self.assertTrue(money)  # a figure in M EUR is written with its decimal
        self.assertIn(",", page.context["table"]["rows"][rows.index(money[0])][3].shown("nl"))


class WithoutActualsTests(PersonaTestCase):
    def test_the_nowcast_says_nothing_moved_instead_of_an_empty_table(self) -> None:
        """Without an observation no assumption moves: one sentence says so, as the annual
        report does, not a table 'nothing in this table yet' with that sentence under it."""
        self.login(self.editor)
        page = self.client.get(reverse("monitoring:index"))
        moved = page.context["nowcast"]["moved"]
        self.assertEqual(moved["rows"], [])
        self.assertContains(page, 'id="nowcast-moved-none"')
        self.assertContains(page, escape(moved["notes"][0]))
        self.assertNotContains(page, f'aria-label="{escape(moved["caption"])}"')
        # The chance before and after the observations is one figure without any: the
        # sentence says it once, no cards repeat it (with actuals, the cards stand).
        self.assertFalse(page.context["nowcast"]["observed"])
        self.assertNotContains(page, 'id="stat-p-goal"')
        self.assertContains(page, escape(page.context["nowcast"]["words"][0]))

    def test_without_any_actual_the_dashboard_says_so_and_offers_editors_to_add_them(
        self,
    ) -> None:
        """A table of '?' alone reads as broken; a sentence says no figure is stored yet
        (with the import and add links for an editor; a viewer gets the sentence)."""
        self.login(self.editor)
        page = self.client.get(reverse("monitoring:index"))
        self.assertFalse(page.context["observed"])
        self.assertContains(page, 'id="no-actuals"')
        self.assertContains(page, "Er zijn nog geen realisatiecijfers opgeslagen")
        sentence = page.content.decode().split('id="no-actuals"')[1].split("</p>")[0]
        self.assertIn(reverse("monitoring:import"), sentence)
        self.assertIn(reverse("monitoring:add"), sentence)
        self.login(self.viewer)
        sentence = self.client.get(reverse("monitoring:index")).content.decode()
        sentence = sentence.split('id="no-actuals"')[1].split("</p>")[0]
        self.assertNotIn(reverse("monitoring:import"), sentence)
