"""The growth commands: JSON keys, tables, and clear errors with exit status 2."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.app import backcast as app_backcast
from clusterplan.app import scenarios as app_scenarios
from clusterplan.cli import app
from clusterplan.model.growth import backing, jobs_by_market, revenue_residuals
from clusterplan.model.sensitivity import discover, sobol_indices
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from clusterplan.report.backcast import backcast_tables
from clusterplan.report.numbers import format_percent
from clusterplan.report.scenario import (
    backing_table,
    band_table,
    market_table,
    pillar_band_table,
    revenue_table,
    trajectory_table,
)
from clusterplan.report.sensitivity import discovery_tables, sobol_table
from clusterplan.report.table import render_text

PILLARS = ["design", "equipment", "production", "packaging_test", "applications"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_scenarios_json_has_the_three_dimensions() -> None:
    code, out, _ = run("scenarios", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["years"] == list(range(2026, 2035))
    assert data["pillars"] == PILLARS
    assert set(data["scenarios"]) == {"organic", "accelerated", "leap"}
    leap = data["scenarios"]["leap"]
    assert leap["jobs"]["design"][-1] == pytest.approx(3400)
    assert leap["total"][-1] == pytest.approx(13600)
    assert leap["revenue_index"][0] == 1.0


def test_scenarios_table_shows_totals() -> None:
    code, out, _ = run("scenarios")
    assert code == 0
    assert "13,600" in out and "Productivity growth" in out


def test_scenarios_prints_the_cores_table_of_each_dimension() -> None:
    code, out, _ = run("scenarios")
    assert code == 0
    plan = load_plan(BUNDLED_PLAN_DIR)
    paths = app_scenarios.trajectories(plan, app_scenarios.assumptions(plan, {}), {})
    for path in paths.values():
        assert render_text(trajectory_table(plan, path, "en")) in out
    a = app_scenarios.assumptions(plan, {})
    backed, rows = backing(plan, a), revenue_residuals(plan, a)["rows"]
    assert render_text(backing_table(plan, backed, a.target_year, "en")) in out
    assert render_text(revenue_table(plan, rows, "en")) in out
    last = paths[plan.employment.last_dimension]
    carried = jobs_by_market(a, last)
    markets = market_table(plan, last.dimension, last.years, a.target_year, "en", carried)
    assert render_text(markets) in out


def test_simulate_prints_the_cores_band_tables_of_its_summary() -> None:
    args = ("simulate", "--n", "300", "--seed", "9")
    code, out, _ = run(*args)
    assert code == 0
    data = json.loads(run(*args, "--json")[1])
    plan = load_plan(BUNDLED_PLAN_DIR)
    totals = list(data["total"].values())
    band = {key: [row[key] for row in totals] for key in ("p5", "p50", "p95", "mean")}
    assert render_text(band_table(plan, data["years"], "en", band=band)) in out
    last = data["years"][-1]
    by_pillar = {p: rows[str(last)] for p, rows in data["pillars"].items()}
    assert render_text(pillar_band_table(plan, last, by_pillar, "en")) in out
    # P(goal) in percent, as nowcast, the web and the annual report write it
    assert out.splitlines()[0].endswith(
        f" in {format_percent(data['p_goal'], 'en')} of the samples"
    )


LONG_PILLAR = "Packaging, Assembly and Test of Advanced Chips"


@pytest.mark.parametrize("args", [("scenarios",), ("simulate", "--n", "100", "--seed", "1")])
def test_a_long_pillar_name_is_printed_whole(plan_copy: Path, args: tuple[str, ...]) -> None:
    taxonomy = plan_copy / "taxonomy.yaml"
    text = taxonomy.read_text("utf-8")
    short = '{id: packaging_test, name_nl: "Packaging & Test", name_en: "Packaging & Test"}'
    assert short in text
    long = f'{{id: packaging_test, name_nl: "{LONG_PILLAR}", name_en: "{LONG_PILLAR}"}}'
    taxonomy.write_text(text.replace(short, long), "utf-8")
    code, out, _ = run(*args, "--plan", str(plan_copy))
    assert code == 0, out
    assert LONG_PILLAR in out


def test_simulate_json_has_goal_probability_and_total_bands() -> None:
    code, out, _ = run("simulate", "--n", "500", "--seed", "4", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["n"] == 500 and data["seed"] == 4
    assert 0 <= data["p_goal"] <= 1
    assert set(data["total"]) == {str(y) for y in range(2026, 2035)}
    assert set(data["total"]["2034"]) >= {"p5", "p50", "p95", "mean"}


def test_simulate_is_deterministic_per_seed() -> None:
    first = run("simulate", "--n", "300", "--seed", "9", "--json")[1]
    second = run("simulate", "--n", "300", "--seed", "9", "--json")[1]
    assert first == second


def test_backcast_json_has_milestones_and_the_gap() -> None:
    code, out, _ = run(
        "backcast", "--target-total", "11200", "--year", "2034", "--shape", "rate", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["milestones"]["2034"]["total"] == pytest.approx(11200)
    assert set(data["milestones"]["2028"]) == {*PILLARS, "total"}
    assert set(data["acquisition_gap"]) == {str(y) for y in range(2026, 2035)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_backcast_prints_the_cores_tables_with_the_json_figures(lang: str) -> None:
    """The text is the core's three tables in the run's language (the web's page shows
    the same), and their figures are the back-cast's: the milestones per pillar and year,
    the totals row, the jobs to add and the gap per year."""
    args = ("backcast", "--target-total", "11200", "--year", "2034", "--shape", "rate")
    data = json.loads(run(*args, "--json")[1])
    code, out, _ = run("--lang", lang, *args)
    assert code == 0
    plan = load_plan(BUNDLED_PLAN_DIR)
    result = app_backcast.backcast(plan, 11200, 2034, shape="rate")
    milestones, additions, gap = backcast_tables(plan, result, lang, mark_milestones=True)
    for table in (milestones, additions, gap):
        assert render_text(table) in out
    for year, by_pillar in data["milestones"].items():
        for pillar, value in by_pillar.items():
            row = "total" if pillar == "total" else pillar
            assert milestones.cell(row, f"year:{year}").value == pytest.approx(value)
    for year, value in data["acquisition_gap"].items():
        assert gap.cell(year, "gap").value == pytest.approx(value)
    for year, by_pillar in data["required_additions"].items():
        for pillar, value in by_pillar.items():
            if pillar != "total":
                assert additions.cell(pillar, f"year:{year}").value == pytest.approx(value)


def test_backcast_tables_mark_the_plans_interim_milestone_years() -> None:
    plan = load_plan(BUNDLED_PLAN_DIR)
    result = app_backcast.backcast(plan, 11200, 2034, shape="rate")
    marked = dataclasses.replace(result, interim_years=[2030])
    for table in backcast_tables(plan, marked, "nl", mark_milestones=True):
        shown = [c.heading for c in table.columns] + [r.cells[0].shown("nl") for r in table.rows]
        assert "2030*" in shown and "2031*" not in shown
        assert table.notes == ("* banenmijlpaal van het plan",)
    for table in backcast_tables(plan, marked, "nl"):  # the page: no marks
        assert not table.notes


def test_sensitivity_and_discover_give_json() -> None:
    code, out, _ = run("sensitivity", "--n-base", "16", "--json")
    assert code == 0 and "goal_reached" in json.loads(out)
    code, out, _ = run("discover", "--n", "2000", "--threshold", "0.6", "--json")
    assert code == 0 and "boxes" in json.loads(out)


def test_sensitivity_prints_the_cores_sobol_table_under_its_headline() -> None:
    code, out, _ = run("--lang", "nl", "sensitivity", "--n-base", "16", "--seed", "1")
    assert code == 0
    plan = load_plan(BUNDLED_PLAN_DIR)
    result = sobol_indices(plan, 16, 1)
    table = sobol_table(plan, result, "nl")
    assert out.startswith(f"Sobol, N=16 ({result.n_evaluations} doorrekeningen), seed 1\n")
    assert render_text(table) in out
    assert "Banen 2034: ST" in out


def test_discover_prints_a_core_table_per_box_under_its_failure_rate() -> None:
    code, out, _ = run("discover", "--n", "2000", "--seed", "3", "--threshold", "0.6")
    assert code == 0
    plan = load_plan(BUNDLED_PLAN_DIR)
    result = discover(plan, 2000, 3, threshold=0.6)
    tables = discovery_tables(plan, result, "en")
    assert tables and out.startswith("2,000 samples, seed 3: goal (")
    for table in tables:
        assert "\n" + render_text(table) in out


def test_discover_writes_no_warning_of_a_package_it_does_not_use() -> None:
    """EMA Workbench warns at import that ipyparallel is missing; a run in a fresh process
    (where the import happens) writes its result and nothing on stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "clusterplan.cli", "discover", "--n", "200", "--seed", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("200 samples")
    assert done.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ("simulate", "--n", "-5"),
        ("simulate", "--goal-year", "2050"),
        ("simulate", "--dimension", "sideways"),
        ("backcast", "--pillar-target", "marketing=10"),
        ("backcast", "--shape", "zigzag"),
        ("backcast", "--year", "2020"),
        ("sensitivity", "--n-base", "100"),
        ("discover", "--threshold", "2"),
        ("scenarios", "--fab-closure", "2050"),
        ("scenarios", "--delay", "no-such-project=1"),
        ("scenarios", "--realisation", "acp=2.5"),
        ("scenarios", "--until", "2045"),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(args: tuple[str, ...]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("simulate", "--dimension", "sideways"), "--dimension must be one of organic, "),
        (("backcast", "--dimension", "sideways"), "(got 'sideways')"),
        (("simulate", "--goal-jobs", "0"), "goal jobs must be positive"),
        (("backcast", "--target-total", "0"), "the target must be positive"),
        # a second value for one input had silently replaced the first
        (("scenarios", "--delay", "acp=1", "--delay", "acp=2"), "--delay acp: given twice"),
        (
            ("scenarios", "--market-factor", "1.2", "--set", "market_growth_factor=1.3"),
            "--set market_growth_factor: given twice",
        ),
        (
            ("backcast", "--pillar-target", "design=10", "--pillar-target", "design=20"),
            "--pillar-target design: given twice",
        ),
    ],
)
def test_the_shared_checks_name_the_option(args: tuple[str, ...], expected: str) -> None:
    code, _, err = run(*args)
    assert code == 2 and expected in err


def test_scenarios_take_custom_assumptions() -> None:
    plain = json.loads(run("scenarios", "--json")[1])["scenarios"]["leap"]
    code, out, _ = run("scenarios", "--fab-closure", "2030", "--delay", "robotics=2", "--json")
    assert code == 0
    custom = json.loads(out)["scenarios"]["leap"]
    # From 2030 production has lost the fab's ~1,000 jobs.
    assert custom["jobs"]["production"][4] == pytest.approx(plain["jobs"]["production"][4] - 1000)
    assert custom["jobs"]["production"][3] == pytest.approx(plain["jobs"]["production"][3])
    assert custom["jobs"]["applications"][-1] < plain["jobs"]["applications"][-1]


def test_scenarios_json_gives_backing_and_jobs_per_market() -> None:
    code, out, _ = run("scenarios", "--json")
    assert code == 0
    data = json.loads(out)
    leap = data["backing"]["leap"]
    assert leap["increment"] == pytest.approx(8000)
    assert leap["business_cases"] == 0.0
    assert leap["assumed_split"] + leap["organic"] == pytest.approx(8000)
    by_market = data["scenarios"]["leap"]["by_market"]
    assert set(data["markets"]) <= set(by_market)
    assert sum(m["jobs"][-1] for m in by_market.values()) == pytest.approx(13600)


def test_scenarios_with_a_stress_narrative_and_without_markets() -> None:
    code, out, _ = run("scenarios", "--json", "--stress", "automotive-slump")
    assert code == 0
    data = json.loads(out)
    assert data["stress"] == "automotive-slump"
    assert data["scenarios"]["leap"]["total"][2] < 6985  # 2028 lower than on path
    assert data["scenarios"]["leap"]["total"][-1] == pytest.approx(13600)
    code, out, _ = run("scenarios", "--json", "--no-markets")
    assert code == 0
    assert json.loads(out)["markets"] == []


def test_an_unknown_stress_narrative_is_a_clear_error() -> None:
    code, _, err = run("scenarios", "--stress", "meteor")
    assert code == 2
    assert "--stress meteor: unknown stress narrative 'meteor'" in err
    assert "automotive-slump" in err  # the known ones are named


def test_simulate_runs_a_stress_narrative() -> None:
    code, out, _ = run(
        "simulate", "--n", "500", "--seed", "4", "--json", "--stress", "automotive-slump"
    )
    assert code == 0
    assert 0 <= json.loads(out)["p_goal"] <= 1


def test_a_project_can_be_realised_beyond_plan() -> None:
    code, out, _ = run("scenarios", "--json", "--realisation", "design-programme=1.5")
    assert code == 0
    leap = json.loads(out)["scenarios"]["leap"]
    assert leap["jobs"]["design"][-1] == pytest.approx(3400 + 500)


def test_a_stress_table_shows_the_central_paths_and_the_difference() -> None:
    code, out, _ = run("scenarios", "--stress", "automotive-slump")
    assert code == 0
    rows = [line.split()[:2] for line in out.splitlines()]
    assert ["Central", "path"] in rows and ["Difference", "0"] in rows


@pytest.mark.parametrize(
    ("args", "absent"),
    [(("sensitivity", "--n-base", "16"), "SALib"), (("discover", "--n", "200"), "ema_workbench")],
)
def test_without_the_analysis_extra_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], absent: str
) -> None:
    import importlib.util

    from clusterplan.model import sensitivity

    real = importlib.util.find_spec
    monkeypatch.setattr(
        sensitivity.importlib.util,
        "find_spec",
        lambda name, *a: None if name == absent else real(name, *a),
    )
    code, out, err = run(*args)
    assert code != 0
    assert f"{absent} not installed" in out + err
    assert "clusterplan[analysis]" in out + err
    assert "Traceback" not in out + err


def test_an_unknown_pillar_target_is_refused_by_the_core_with_the_known_pillars() -> None:
    code, _, err = run("backcast", "--pillar-target", "desgin=900")
    assert code == 2
    assert "unknown pillar(s): desgin (known: design, equipment," in err


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--set", "market_growth_factor=nan"], "--set market_growth_factor"),
        (["--market-factor", "inf"], "--market-factor"),
        (["--delay", "acp=nan"], "--delay acp"),
    ],
)
def test_a_value_that_is_no_finite_number_is_refused_as_typed(args: list[str], line: str) -> None:
    # Before: '--market-factor must be a finite number (got -)' for --set
    # market_growth_factor=nan: another option's name, and '-' for the value typed.
    result = CliRunner().invoke(app, ["scenarios", *args])
    assert result.exit_code == 2
    typed = args[-1].rpartition("=")[2]
    assert result.stderr.strip() == f"error: {line} must be a finite number (got {typed})"
