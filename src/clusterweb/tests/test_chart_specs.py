"""Chart specs a person reads at a glance: a P5-P95 band starts at the base year's value (not
at 0), the y-axis of a count never runs below 0, and what a heatmap writes in a cell can be
read on its colour."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase

from clusterplan.app import finance as app_finance
from clusterplan.report.numbers import AS_NEEDED
from clusterplan.report.table import Cell as TableCell
from clusterweb.finance import model as finance_model
from clusterweb.planning.services import current_plan
from clusterweb.presentation import (
    LEGEND_ON_TOP_MAX,
    LEGEND_WRAPPED_TOP,
    LINE_Z,
    ON_TOP_Z,
    SHADE_FEW,
    SHADE_NONE,
    SHADES,
    count_steps,
    line_spec,
    table,
    table_decimals,
)
from clusterweb.scenarios import services
from clusterweb.testing import PersonaTestCase


def band_edges(spec: dict[str, Any], name: str) -> tuple[list[float], list[float]]:
    """The band's lower edge and its upper edge as ECharts stacks them (lower + width)."""
    low, width = (s for s in spec["series"] if s["name"] == name and "stack" in s)
    assert low["stack"] == width["stack"] and "areaStyle" in width
    assert low.get("stackStrategy") == width.get("stackStrategy") == "all"
    return low["data"], [lo + w for lo, w in zip(low["data"], width["data"], strict=True)]


class LineSpecTests(SimpleTestCase):
    def test_a_band_of_no_width_by_a_rounding_residue_has_width_zero(self) -> None:
        # p95 - p5 of the base year came out as -2.7e-10: ECharts stacked that negative width
        # on zero, so the band started at 0 jobs and the axis ran to -3,000.
        low, high = [5600.0, 5849.0], [5600.0 - 2.7e-10, 6163.0]
        spec = line_spec([2026, 2027], {"jobs": [5600.0, 5972.0]}, bands={"band": (low, high)})
        width = next(s for s in spec["series"] if "areaStyle" in s)["data"]
        self.assertEqual(width[0], 0.0)
        self.assertGreaterEqual(min(width), 0.0)
        self.assertEqual(spec["yAxis"]["min"], 0)

    def test_the_axis_is_not_held_at_zero_when_a_value_is_negative(self) -> None:
        spec = line_spec([2026, 2027], {"balance": [-3.0, 4.0]})
        self.assertNotIn("min", spec["yAxis"])

    def test_the_goal_label_sits_inside_the_plot(self) -> None:
        spec = line_spec([2026], {"jobs": [1.0]}, marks={"Goal": 2.0})
        self.assertEqual(spec["series"][-1]["markLine"]["label"]["position"], "insideStartTop")

    def test_a_wrapping_legend_leaves_the_plot_the_charts_width(self) -> None:
        # The scenario chart of a plan with four growth dimensions had six series: the legend
        # went above the plot, but the grid kept the column reserved for a legend beside it,
        # a third of the chart left empty.
        series = {f"path {k}": [1.0, 2.0] for k in range(LEGEND_ON_TOP_MAX + 1)}
        beside = line_spec([2027, 2028], series)
        self.assertEqual(beside["legend"]["orient"], "vertical")
        self.assertEqual(beside["legend"]["tooltip"], {"show": True})  # a cut name, whole
        self.assertGreater(beside["grid"]["right"], 90)
        above = line_spec([2027, 2028], series, legend_wraps=True)
        self.assertEqual(above["legend"], {"type": "plain", "top": 0})
        self.assertEqual(above["grid"]["right"], line_spec([2027], {"a": [1.0]})["grid"]["right"])
        self.assertEqual(above["grid"]["top"], LEGEND_WRAPPED_TOP)

    def test_a_line_on_top_is_drawn_over_the_other_lines(self) -> None:
        spec = line_spec([2027], {"this": [1.0], "plan": [1.0]}, on_top="this")
        this, plan = spec["series"]
        self.assertEqual((this.get("z"), plan.get("z")), (ON_TOP_Z, None))
        self.assertGreater(ON_TOP_Z, LINE_Z)

    def test_a_band_named_like_its_line_follows_it_in_its_colour_under_the_lines(self) -> None:
        # ECharts colours series by name and the legend takes the first series of a name:
        # the line comes first, so its entry shows the line and shows and hides both.
        spec = line_spec(
            [2027, 2028],
            {"demand": [3.0, 6.0], "supply": [0.0, 8.0]},
            bands={"demand": ([4.0, 5.0], [9.0, 12.0])},
        )
        names = [(s["name"], "stack" in s) for s in spec["series"]]
        self.assertEqual(
            names, [("demand", False), ("demand", True), ("demand", True), ("supply", False)]
        )
        self.assertEqual(band_edges(spec, "demand"), ([4.0, 5.0], [9.0, 12.0]))
        self.assertTrue(all(s["z"] < 2 for s in spec["series"] if "stack" in s))
        self.assertEqual(spec["yAxis"]["min"], 0)

    def test_a_band_of_its_own_shows_in_the_legend_as_light_as_it_is_drawn(self) -> None:
        # The scenario page's 'P5-P95 band' entry had a line's marker: a dark dot of full
        # colour beside a light band. Its marker is a block, as opaque as the band's fill;
        # a band named like its line keeps the line's marker (the line is its entry).
        spec = line_spec(
            [2027, 2028],
            {"jobs": [3.0, 6.0]},
            bands={"P5-P95": ([2.0, 5.0], [4.0, 8.0]), "jobs": ([2.5, 5.5], [3.5, 7.0])},
        )
        own = [s for s in spec["series"] if s["name"] == "P5-P95"]
        fill = next(s for s in own if "areaStyle" in s)["areaStyle"]["opacity"]
        self.assertLess(fill, 1)
        for series in own:  # the legend draws its marker in the series' opacity
            self.assertEqual(series["itemStyle"]["opacity"], fill)
        self.assertEqual(spec["legend"]["data"], [{"name": "P5-P95", "icon": "rect"}, "jobs"])
        self.assertFalse(any("itemStyle" in s for s in spec["series"] if s["name"] == "jobs"))


class SpaceChartTests(PersonaTestCase):
    def test_the_bands_of_demand_and_shortfall_are_the_ensembles_and_not_below_zero(
        self,
    ) -> None:
        from clusterweb.demand import services as demand

        result = demand.demand(current_plan(), "leap")
        self.assertIsNotNone(result.space_bands)
        chart = demand.space_chart(result, None)
        spec = chart["spec"]
        lines = [s["name"] for s in spec["series"] if "stack" not in s]
        banded = list(dict.fromkeys(s["name"] for s in spec["series"] if "stack" in s))
        self.assertEqual(banded, [lines[0], lines[2]])  # demand and shortfall so far
        for name, of in zip(banded, ("demand_so_far", "shortfall_so_far"), strict=True):
            low, high = band_edges(spec, name)
            want_low, want_high = result.space_bands.ends(of)
            for drawn, want in ((low, want_low), (high, want_high)):
                for a, b in zip(drawn, want, strict=True):
                    self.assertAlmostEqual(a, float(b), places=3)
            self.assertTrue(all(0 <= lo <= h for lo, h in zip(low, high, strict=True)))
        demand_low, _high = band_edges(spec, banded[0])
        self.assertGreater(demand_low[0], 0)  # the demand band starts at its first year's p5
        self.assertEqual(spec["yAxis"]["min"], 0)
        self.assertEqual(len(chart["notes"]), 1)
        self.assertIn("p5", chart["notes"][0])
        self.assertIn("p95", chart["notes"][0])


class TalentChartTests(PersonaTestCase):
    def test_every_level_has_the_band_of_its_hires_needed_from_the_ensemble(self) -> None:
        from clusterweb.demand import services as demand

        result = demand.demand(current_plan(), "leap")
        bands = result.talent_bands
        self.assertIsNotNone(bands)
        chart = demand.talent_chart(result, None)
        spec = chart["spec"]
        lines = [s["name"] for s in spec["series"] if "stack" not in s]
        banded = list(dict.fromkeys(s["name"] for s in spec["series"] if "stack" in s))
        self.assertEqual(len(lines), len(result.talent.levels))
        self.assertEqual(banded, lines)  # one band per level, named (and coloured) as its line
        for name, level in zip(banded, result.talent.levels, strict=True):
            low, high = band_edges(spec, name)
            want_low, want_high = bands.ends("need", level)
            for drawn, want in ((low, want_low), (high, want_high)):
                for a, b in zip(drawn, want, strict=True):
                    self.assertAlmostEqual(a, float(b), places=3)
            self.assertTrue(all(0 <= lo < h for lo, h in zip(low, high, strict=True)))
        self.assertEqual(len(chart["notes"]), 1)
        self.assertIn("p5", chart["notes"][0])
        self.assertIn("p95", chart["notes"][0])
        for end in ("p5", "p95"):  # the table has the band's ends of every level
            ends = [c for c in chart["table"]["columns"] if c.endswith(f" {end}")]
            self.assertEqual(len(ends), len(result.talent.levels))


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours (#rrggbb)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class HeatmapSpecTests(SimpleTestCase):
    def test_the_figures_written_on_every_shade_meet_wcag_contrast(self) -> None:
        # axe cannot see into the canvas: the count on a cell is text (WCAG 1.4.3, 4.5:1).
        for shade in (SHADE_NONE, SHADE_FEW, *SHADES):
            with self.subTest(shade=shade):
                self.assertGreaterEqual(contrast(shade.fill, shade.ink), 4.5)

    def test_the_scale_splits_the_counts_into_consecutive_steps(self) -> None:
        self.assertEqual(count_steps(2, 5), [(2, 2), (3, 3), (4, 5)])
        self.assertEqual(count_steps(4, 20), [(4, 8), (9, 14), (15, 20)])
        self.assertEqual(count_steps(2, 2), [(2, 2)])
        self.assertEqual(count_steps(3, 2), [])


class ScenarioChartTests(PersonaTestCase):
    def test_the_band_starts_at_the_base_year_jobs_and_the_axis_is_not_negative(self) -> None:
        plan = current_plan()
        result = services.compute(plan, services.defaults(plan), samples=200)
        self.assertIsNotNone(result.band)
        spec = services.trajectory_chart(plan, result, None)["spec"]
        name = next(s["name"] for s in spec["series"] if "areaStyle" in s)
        low, high = band_edges(spec, name)
        base_jobs = float(result.total[0])
        self.assertAlmostEqual(low[0], base_jobs, places=3)
        self.assertAlmostEqual(high[0], base_jobs, places=3)
        self.assertTrue(all(h >= lo for lo, h in zip(low, high, strict=True)))
        self.assertEqual(spec["yAxis"]["min"], 0)

    def test_a_tooltip_writes_a_value_with_the_decimals_of_its_table(self) -> None:
        # 5.970 jobs as the table under the chart has it, not 5.970,34; M EUR to one place
        plan = current_plan()
        result = services.compute(plan, services.defaults(plan), samples=0)
        jobs = services.trajectory_chart(plan, result, None)
        self.assertEqual(jobs["spec"]["valueDecimals"], 0)
        needs = app_finance.finance(plan).needs
        cash = finance_model.sources_by_year_chart(plan, needs, None)
        self.assertEqual(cash["spec"]["valueDecimals"], 1)
        money = table("t", ["Jaar", "Bedrag"], [["2027", TableCell(12.25, "meur")]])
        self.assertEqual(table_decimals(money), 1)
        self.assertEqual(table_decimals(table("t", ["a", "b"], [["x", 18.4], ["y", 35]])), 1)
        as_entered = table("t", ["a", "b"], [["x", TableCell(0.35, decimals=AS_NEEDED)]])
        self.assertIsNone(table_decimals(as_entered))


class EmptyChartTests(SimpleTestCase):
    def test_a_chart_of_only_zeros_and_unknowns_says_so_instead_of_an_empty_axis(self) -> None:
        from django.template.loader import render_to_string

        from clusterweb.presentation import bar_spec, chart, table

        tab = table("Commitments", ["Source", "Planned"], [["Private", 0]], slug="c")
        empty = chart("c", "Commitments", bar_spec(["Private"], {"Planned": [0.0, None]}), tab)
        html = render_to_string("includes/chart.html", {"chart": empty})
        self.assertNotIn("data-chart-spec", html)
        self.assertIn("clusterplan-chart__empty", html)
        self.assertIn("<table", html)  # the table still follows
        drawn = chart("d", "Commitments", bar_spec(["Private"], {"Planned": [0.0, 2.5]}), tab)
        html = render_to_string("includes/chart.html", {"chart": drawn})
        self.assertIn("data-chart-spec", html)
        self.assertNotIn("clusterplan-chart__empty", html)

    def test_an_empty_chart_of_withheld_figures_says_so(self) -> None:
        """When the chart's table shows the disclosure rule's mark, the sentence says the
        figures are withheld (it said every value was zero or unknown)."""
        from django.template.loader import render_to_string
        from django.utils import translation

        from clusterplan import disclosure
        from clusterweb.presentation import bar_spec, chart, table

        spec = bar_spec(["2025"], {"Design": [None]})
        with translation.override("nl"):
            mark = disclosure.mark("nl")
            withheld = table("Jobs", ["Pillar", "2025"], [["Design", mark]], slug="w")
            unknown = table("Jobs", ["Pillar", "2025"], [["Design", None]], slug="u")
            said = render_to_string(
                "includes/chart.html", {"chart": chart("w", "J", spec, withheld)}
            )
            other = render_to_string(
                "includes/chart.html", {"chart": chart("u", "J", spec, unknown)}
            )
        self.assertIn("nul, onbekend of geheim (x)", said)
        self.assertNotIn("geheim", other)
        self.assertIn("nul of onbekend", other)


class MoneyAxisTests(PersonaTestCase):
    def test_a_money_chart_names_its_unit_as_the_tables_under_it(self) -> None:
        """The finance charts' axes said 'M EUR' on a Dutch page whose tables say
        '(mln euro)': each writes the core's words for the money unit in the page's
        language."""
        from django.utils import translation

        from clusterweb.finance import services as finance_services
        from clusterweb.planning import tables as plan_tables

        plan = current_plan()
        for lang, unit in (("nl", "mln euro"), ("en", "M EUR")):
            with translation.override(lang):
                needs = finance_model.needs_for(plan)
                charts = (
                    plan_tables.projects_costs_chart(plan, None),
                    plan_tables.projects_coverage_chart(plan, None),
                    finance_model.sources_by_year_chart(plan, needs, None),
                    finance_services.commitments_chart(plan, None),
                )
                for found in charts:
                    spec = found["spec"]
                    axis = spec["xAxis"] if spec["xAxis"]["type"] == "value" else spec["yAxis"]
                    self.assertEqual(axis["name"], unit, (lang, found["id"]))


class UnknownInAStackTests(PersonaTestCase):
    def test_a_stack_holding_an_unknown_figure_is_marked_at_its_end_as_the_total_is(
        self,
    ) -> None:
        """Table 1's stacked bars drew 2028 as 180 where its total reads '180,0+?', and a
        project of unknown coverage as no bar at all: a stack holding an unknown figure is
        marked '+?' at the end of its known part, '?' where nothing is known, as its total
        in the table; a stack of known figures is not marked."""
        from clusterplan.report.numbers import INCLUDES_UNKNOWN, UNKNOWN
        from clusterweb.planning import tables as plan_tables
        from clusterweb.presentation import UNKNOWN_SERIES

        plan = current_plan()
        seen: set[str] = set()
        for found in (
            plan_tables.projects_costs_chart(plan, None),
            plan_tables.projects_coverage_chart(plan, None),
        ):
            spec = found["spec"]
            bars = [s for s in spec["series"] if s["type"] == "bar"]
            (marks,) = [s for s in spec["series"] if s.get("id") == UNKNOWN_SERIES]
            self.assertEqual(spec["legend"]["data"], [s["name"] for s in bars])
            for i, mark in enumerate(marks["data"]):
                stack = [s["data"][i] for s in bars]
                known = sum(v for v in stack if v is not None)
                if None not in stack:
                    self.assertIsNone(mark, (found["id"], i))
                    continue
                self.assertAlmostEqual(mark["value"], known)
                self.assertEqual(mark["name"], INCLUDES_UNKNOWN if known else UNKNOWN)
                seen.add(mark["name"])
        self.assertEqual(seen, {INCLUDES_UNKNOWN, UNKNOWN})

    def test_the_cash_needs_per_source_mark_the_years_their_table_marks(self) -> None:
        """Known coverage per source and year leaves out what is unknown: the years whose
        figures the table writes with '+?' are marked so at the end of their bar."""
        from clusterplan.report.numbers import INCLUDES_UNKNOWN
        from clusterweb.presentation import UNKNOWN_SERIES

        plan = current_plan()
        found = finance_model.sources_by_year_chart(plan, finance_model.needs_for(plan), None)
        (marks,) = [s for s in found["spec"]["series"] if s.get("id") == UNKNOWN_SERIES]
        model = found["table"]["model"]
        flagged = [
            any(row.cells[i].includes_unknown or row.cells[i].value is None for row in model.body)
            for i, column in enumerate(model.columns)
            if column.group == "year"
        ]
        self.assertEqual([m is not None for m in marks["data"]], flagged)
        self.assertTrue(any(flagged), flagged)
        self.assertTrue(all(m["name"] == INCLUDES_UNKNOWN for m in marks["data"] if m))

    def test_a_chart_of_known_figures_has_no_marks(self) -> None:
        from clusterweb.presentation import UNKNOWN_SERIES, bar_spec, holds_unknown

        series = {"x": [1.0, 2.0], "y": [0.0, 3.0]}
        spec = bar_spec(["a", "b"], series, stacked=True, incomplete=holds_unknown(series))
        self.assertNotIn(UNKNOWN_SERIES, [s.get("id") for s in spec["series"]])
