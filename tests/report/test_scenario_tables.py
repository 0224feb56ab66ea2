"""The scenario and ensemble tables: built once from the growth model's results, totals by
the one rule, headings from the catalogue in either language, names from the plan."""

from __future__ import annotations

import numpy as np
import pytest

from clusterplan.app import scenarios as app_scenarios
from clusterplan.model.growth import (
    UNASSIGNED,
    Trajectory,
    backing,
    jobs_by_market,
    revenue_residuals,
    stress_narratives,
    with_stress,
)
from clusterplan.plan.schema import Plan
from clusterplan.report.scenario import (
    backing_table,
    band_table,
    comparison_table,
    inputs_table,
    market_table,
    pillar_band_table,
    pillar_table,
    revenue_table,
    trajectory_table,
)
from clusterplan.report.table import export_grid, head_rows, render_text, shown_rows
from clusterplan.report.tables import JOBS, dimension_name, taxonomy_names

LONG_NAME = "Packaging, Assembly and Test of Advanced Chips"


@pytest.fixture(scope="module")
def paths(plan: Plan) -> dict[str, Trajectory]:
    """Every growth dimension's trajectory at the plan's own assumptions."""
    return app_scenarios.trajectories(plan, app_scenarios.assumptions(plan, {}), {})


def _last(paths: dict[str, Trajectory]) -> Trajectory:
    return list(paths.values())[-1]


def _long_named(plan: Plan) -> Plan:
    """The plan with its first pillar renamed to :data:`LONG_NAME` in both languages."""
    first, *others = plan.taxonomy.pillars
    renamed = first.model_copy(update={"name_nl": LONG_NAME, "name_en": LONG_NAME})
    taxonomy = plan.taxonomy.model_copy(update={"pillars": [renamed, *others]})
    return plan.model_copy(update={"taxonomy": taxonomy})


def test_a_trajectory_table_has_each_pillar_the_total_and_the_revenue_index(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    table = trajectory_table(plan, path, "en")
    assert [r.key for r in table.rows] == [*path.pillars, "total", "revenue_index"]
    assert [c.heading for c in table.columns[1:]] == [str(y) for y in path.years]
    assert table.totals is not None and table.totals.cells[0].text == "Total"
    for i, year in enumerate(path.years):
        total = table.cell("total", f"year:{year}")
        assert total.value == pytest.approx(float(path.total[i]))
        assert total.computed and total.unit == JOBS
        assert table.cell(path.pillars[0], f"year:{year}").computed
    index = table.cell("revenue_index", f"year:{path.years[-1]}")
    assert index.shown("en") == f"{float(path.revenue_index[-1]):.2f}"
    assert table.title.startswith(dimension_name(plan, path.dimension, "en"))


def test_years_head_the_columns_without_a_separator_in_dutch(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    head, *rows = shown_rows(trajectory_table(plan, path, "nl"))
    assert head == ["Pijler", *[str(y) for y in path.years]]
    assert [r[0] for r in rows[-2:]] == ["Totaal", "Omzetindex"]
    assert rows[-2][-1] == f"{float(path.total[-1]):,.0f}".replace(",", ".")
    assert rows[-1][1] == "1,00"


def test_under_a_stress_narrative_the_central_total_and_the_difference_follow(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    lower = Trajectory(
        years=path.years,
        pillars=path.pillars,
        jobs=path.jobs * 0.9,
        total=path.total * 0.9,
        revenue_index=path.revenue_index,
        components={},
        dimension=path.dimension,
    )
    for lang, central, diff in (
        ("en", "Central path", "Difference"),
        ("nl", "Centraal pad", "Verschil"),
    ):
        table = trajectory_table(plan, lower, lang, central=path)
        assert [r.key for r in table.rows][-2:] == ["central", "difference"]
        assert table.cell("central", "pillar").text == central
        assert table.cell("difference", "pillar").text == diff
        last = f"year:{path.years[-1]}"
        assert table.cell("central", last).value == pytest.approx(float(path.total[-1]))
        assert table.cell("difference", last).value == pytest.approx(-0.1 * float(path.total[-1]))
    assert "central" not in [r.key for r in trajectory_table(plan, path, "en").rows]


def test_pillar_names_are_shown_whole(plan: Plan, paths: dict[str, Trajectory]) -> None:
    named = _long_named(plan)
    path = _last(paths)
    year = path.years[-1]
    summary = {p: {"p5": 1.0, "p50": 2.0, "p95": 3.0, "mean": 2.0} for p in path.pillars}
    for table in (
        trajectory_table(named, path, "en"),
        pillar_table(named, path, year, "nl"),
        pillar_band_table(named, year, summary, "en"),
    ):
        assert table.cell(path.pillars[0], "pillar").text == LONG_NAME
        assert LONG_NAME in render_text(table)


def test_the_pillar_table_shows_the_base_year_and_the_goal_year(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    year = path.years[-2]
    table = pillar_table(plan, path, year, "en")
    assert table.key == "pillars"
    assert [c.heading for c in table.columns] == ["Pillar", str(path.years[0]), str(year)]
    names = taxonomy_names(plan, "pillars", "en")
    assert [r.cells[0].text for r in table.body] == [names[p] for p in path.pillars]
    assert table.cell("total", f"year:{year}").value == pytest.approx(float(path.total[-2]))
    assert str(year) in table.title


def test_a_band_table_has_the_scenario_its_band_and_the_plans_dimensions(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    years = path.years
    band = {"p5": path.total * 0.8, "p50": path.total, "p95": path.total * 1.2}
    totals = {d: t.total for d, t in paths.items()}
    table = band_table(plan, years, "nl", band=band, scenario=path.total, dimensions=totals)
    assert table.key == "trajectory"
    names = [dimension_name(plan, d, "nl") for d in paths]
    assert [c.short or c.heading for c in table.columns] == [
        "Jaar",
        "Dit scenario",
        "P5",
        "P50",
        "P95",
        *names,
    ]
    # Mixed, the percentiles say what they are of and the dimensions whose they are.
    assert [c.band for c in table.columns] == [
        "",
        "",
        *["Ensemble"] * 3,
        *["Groeidimensies"] * len(names),
    ]
    assert table.columns[2].heading == "Ensemble: P5"
    assert [len(row) for row in head_rows(table.columns)] == [4, 3 + len(names)]
    assert [r.cells[0].text for r in table.rows] == [str(y) for y in years]
    first = next(iter(paths))
    assert table.cell(str(years[-1]), f"dimension:{first}").value == pytest.approx(
        float(paths[first].total[-1])
    )
    assert table.cell(str(years[-1]), "p5").value == pytest.approx(0.8 * float(path.total[-1]))
    assert all(cell.computed for row in table.rows for cell in row.cells[1:])
    assert table.totals is None


def test_an_ensembles_mean_is_headed_in_the_tables_language(plan: Plan) -> None:
    band = {"p5": [1.0, 2.0], "p50": [2.0, 3.0], "p95": [3.0, 4.0], "mean": [2.0, 3.0]}
    heads = {
        lang: [c.heading for c in band_table(plan, [2026, 2027], lang, band=band).columns]
        for lang in ("en", "nl")
    }
    assert heads == {
        "en": ["Year", "P5", "P50", "P95", "Mean"],
        "nl": ["Jaar", "P5", "P50", "P95", "Gemiddelde"],
    }


def test_the_band_per_pillar_leaves_out_the_mean_and_adds_no_total(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    path = _last(paths)
    summary = {
        p: {"p5": 10.0 * k, "p50": 20.0 * k, "p95": 30.0 * k, "mean": 1.0}
        for k, p in enumerate(path.pillars)
    }
    table = pillar_band_table(plan, 2034, summary, "en")
    assert [c.key for c in table.columns] == ["pillar", "p5", "p50", "p95"]
    assert table.totals is None
    assert table.cell(path.pillars[1], "p95").value == 30.0
    assert (
        "2034" in table.title and "2.034" not in pillar_band_table(plan, 2034, summary, "nl").title
    )


def test_two_scenarios_are_compared_by_their_difference(plan: Plan) -> None:
    years = [2026, 2027]
    table = comparison_table(
        years, ("Low", np.array([100.0, 110.0])), ("High", [100.0, 150.0]), "en"
    )
    assert table.key == "compare-results"
    assert [c.heading for c in table.columns] == ["Year", "Low", "High", "Difference"]
    assert table.cell("2027", "difference").value == 40.0
    assert table.cell("2026", "difference").shown("en") == "0"
    assert [c.heading for c in comparison_table(years, ("a", [1, 2]), ("b", [1, 2]), "nl").columns][
        ::3
    ] == ["Jaar", "Verschil"]


def test_each_scenarios_band_stands_under_its_name() -> None:
    years = [2026, 2027]
    bands = {"Low": {"p5": [90.0, 95.0], "p95": [110.0, 120.0]}, "High": {"p5": [1, 2]}}
    table = comparison_table(years, ("Low", [100.0, 110.0]), ("High", [100, 150]), "en", bands)
    extra = table.columns[4:]
    assert [(c.band, c.short, c.heading) for c in extra] == [
        ("Low", "P5", "Low: P5"),
        ("Low", "P95", "Low: P95"),
        ("High", "P5", "High: P5"),
    ]
    assert table.cell("2027", "band:0:p95").value == 120.0
    assert [[(h.text, h.span) for h in row if h.band] for row in head_rows(table.columns)] == [
        [("Low", 2), ("High", 1)],
        [],
    ]


def test_the_export_keeps_the_models_figures_without_float_noise() -> None:
    noisy = comparison_table([2026], ("a", [1899.999999999999]), ("b", [1900.0]), "en")
    assert export_grid(noisy)[1] == ["2026", 1900.0, 1900.0, 0.0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_backing_table_has_the_increment_and_parts_that_add_up_to_it(
    plan: Plan, lang: str
) -> None:
    backed = backing(plan)
    table = backing_table(plan, backed, plan.employment.target_year, lang)
    assert [r.key for r in table.rows] == list(backed)
    assert str(plan.employment.target_year) in table.title
    for row in table.rows:
        increment, cases, split, organic, share = (c.value for c in row.cells[1:])
        assert increment == pytest.approx(cases + split + organic, abs=1e-6)
        assert share == pytest.approx(100 * backed[row.key]["backed_share"])
        assert row.cells[0].text == dimension_name(plan, row.key, lang)
    heads = [c.heading for c in table.columns]
    assert heads[1] == {"nl": "Toename", "en": "Increment"}[lang]
    assert [c.unit for c in table.columns[1:]] == [JOBS] * 4 + ["pct"]


def test_the_revenue_table_gives_model_plan_and_their_difference(plan: Plan) -> None:
    rows = revenue_residuals(plan)["rows"]
    table = revenue_table(plan, rows, "en")
    assert [r.key for r in table.rows] == list(rows)
    for row in table.rows:
        model, printed, residual = (c.value for c in row.cells[1:])
        assert residual == pytest.approx(model - printed, abs=1e-6)
        assert row.cells[1].computed and not row.cells[2].computed
    text = render_text(table)
    assert all(dimension_name(plan, d, "en") in text for d in rows)


def test_the_market_table_gives_each_markets_jobs_and_the_narratives(
    plan: Plan, paths: dict[str, Trajectory]
) -> None:
    a = app_scenarios.assumptions(plan, {})
    last = _last(paths)
    carried = jobs_by_market(a, last)
    stress = next(iter(stress_narratives(plan)))
    hit_a = with_stress(plan, a, stress)
    hit_path = app_scenarios.trajectories(plan, hit_a, {})[last.dimension]
    hit = jobs_by_market(hit_a, hit_path)
    # the year the narrative moves the jobs most (a dip may be over by the target year)
    year = last.years[int(np.argmax(np.abs(hit_path.jobs - last.jobs).sum(axis=0)))]
    table = market_table(plan, last.dimension, last.years, year, "en", carried, hit)
    names = taxonomy_names(plan, "markets", "en")
    assert [r.cells[0].text for r in table.rows[:-1]][: len(names)] == list(names.values())
    assert table.rows[-1].is_total
    i = last.years.index(year)
    assert table.rows[-1].cells[1].value == pytest.approx(float(last.total[i]), abs=1e-6)
    assert [c.key for c in table.columns] == ["market", "central", "stressed"]
    assert str(year) in table.columns[1].heading
    assert any(r.cells[1].value != r.cells[2].value for r in table.rows)  # the narrative bites
    plain = market_table(plan, last.dimension, last.years, year, "nl", carried)
    assert [c.key for c in plain.columns] == ["market", "central"]
    shown = {r.key for r in plain.rows}
    assert (UNASSIGNED in shown) == bool(np.round(carried[UNASSIGNED], 9).any())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_two_scenarios_inputs_side_by_side_whole_scenario_ones_always(
    plan: Plan, lang: str
) -> None:
    """Every input of the whole scenario is shown, a project's only where the scenarios
    differ; a growth dimension by its name, a number as it was given, an empty input as a
    dash (the web's compare page had shown ids and every float with two decimals)."""
    from clusterplan.app import inputs

    declared = inputs.scenario_inputs(plan)
    project = next(i for i in declared if i.kind.per_project)
    other = next(i for i in declared if i.kind.per_project and i is not project)
    dims = list(plan.employment.scenarios)
    first = {"dimension": dims[0], "market_growth_factor": 1.5, project.name: 0.75}
    second = {"dimension": dims[-1], "market_growth_factor": 2}
    table = inputs_table(plan, [("Laag", first), ("Basis", second)], lang)
    assert [c.heading for c in table.columns][1:] == ["Laag", "Basis"]
    keys = [r.key for r in table.rows]
    whole = [i.name for i in declared if not i.kind.per_project]
    assert keys == [*whole, project.name]
    assert other.name not in keys
    rows = {r.key: [c.shown(lang) for c in r.cells] for r in table.rows}
    assert rows["dimension"][1:] == [dimension_name(plan, d, lang) for d in (dims[0], dims[-1])]
    assert rows["market_growth_factor"][1:] == (["1,5", "2"] if lang == "nl" else ["1.5", "2"])
    default = inputs.defaults(plan)[project.name]
    assert rows[project.name][0] == project.label(lang)
    assert table.rows[-1].cells[1].value == 0.75 and table.rows[-1].cells[2].value == default
    if "fab_closure_year" in rows:
        assert rows["fab_closure_year"][1:] == ["\u2014", "\u2014"]
