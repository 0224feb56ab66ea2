"""The finance and phase commands: JSON content, files, what-if, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan.app import finance as app_finance
from clusterplan.cli import app
from clusterplan.cli.app import tables_csv
from clusterplan.model.changes import ProjectChange
from clusterplan.model.phasing import phaseable_projects
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from clusterplan.report.finance import (
    cost_lines_table,
    phasing_message,
    phasing_notes,
    phasing_tables,
    printed_totals_table,
    whatif_tables,
)
from clusterplan.report.numbers import at_least
from clusterplan.report.table import export_grid, render_text

TABLE1_COVERAGE = {"private": 545.0, "subsidies": 310.0, "national": 197.5, "regional": 112.5}
TABLE2_COVERAGE = {"private": 5.7, "subsidies": 0.0, "national": 0.0, "regional": 12.7}


def _json(args: list[str], code: int = 0) -> dict[str, Any]:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_whole_number_written_with_a_decimal_is_taken_as_the_web_and_the_api_take_it() -> None:
    """``--shift acp=1.0`` is a shift of one year (the bound's rule, as the form and the
    API apply it); the command line had refused it as not a whole number."""
    one = CliRunner().invoke(app, ["finance", "--shift", "acp=1", "--json"])
    written = CliRunner().invoke(app, ["finance", "--shift", "acp=1.0", "--json"])
    assert written.exit_code == 0, written.stderr
    assert json.loads(written.stdout) == json.loads(one.stdout)


@pytest.fixture(scope="module")
def finance_json() -> dict[str, Any]:
    return _json(["finance", "--json"])


def test_finance_json_has_the_documented_keys(finance_json: dict[str, Any]) -> None:
    for key in ("years", "by_source", "by_project", "public_share", "unknown", "grand_total_meur"):
        assert key in finance_json
    assert finance_json["years"] == list(range(2026, 2034))


def test_finance_json_sources_add_up_to_tables_1_and_2(finance_json: dict[str, Any]) -> None:
    for source, per_year in finance_json["by_source"].items():
        assert sum(per_year.values()) == pytest.approx(
            TABLE1_COVERAGE[source] + TABLE2_COVERAGE[source]
        )
    assert finance_json["grand_total_meur"] == pytest.approx(1165 + 18.4)
    assert finance_json["by_project"]["robotics"]["2027"] == 50


def test_finance_json_lists_unknowns_and_says_the_total_is_a_lower_bound(
    finance_json: dict[str, Any],
) -> None:
    texts = [u["text"] for u in finance_json["unknown"]]
    # named as the unknowns table names the line: its table and its name; the source too
    assert "Tabel 1: Physical space for growth: cost unknown, year 2028" in texts
    assert "Tabel 1: Physical space for growth: coverage unknown, source Private" in texts
    assert {"line": "physical-space", "kind": "cost", "year": 2028} in [
        {k: u[k] for k in ("line", "kind", "year")} for u in finance_json["unknown"]
    ]  # the other keys keep the ids
    assert finance_json["grand_total_is_lower_bound"] is True
    assert finance_json["grand_total_unknown_count"] == len(texts)
    # a '?' cost is not shown as a zero cost without a flag
    assert 2031 in finance_json["cost_unknown_years"]["fab-300mm"]
    assert 2028 in finance_json["year_totals_incomplete_years"]


def test_finance_json_public_share_is_known_public_coverage(finance_json: dict[str, Any]) -> None:
    public = finance_json["public_share"]
    by_source = finance_json["by_source"]
    for year, value in public.items():
        expected = sum(by_source[s][year] for s in ("subsidies", "national", "regional"))
        assert value == pytest.approx(expected)


def test_finance_xlsx_writes_one_sheet_per_view(tmp_path: Path) -> None:
    out = tmp_path / "finance.xlsx"
    result = CliRunner().invoke(
        app, ["--lang", "nl", "finance", "--format", "xlsx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames[:4] == ["Bronnen", "Bronnen projecten", "Kostenposten", "Onbekend"]
    sheet = book["Bronnen projecten"]
    assert sheet.cell(row=2, column=1).value == "Privaat"
    assert (
        sheet.cell(row=2, column=10).value == "545.0+?"
    )  # private: physical space unknown (M EUR: one decimal)
    # national: known 197.5, but the fabs' national coverage in 2031-2033 is unknown
    assert sheet.cell(row=4, column=10).value == "197.5+?"
    assert sheet.cell(row=4, column=2).value == 8  # 2026: robotics 40/250*25 + space 4


ENGLISH_DECIMAL = re.compile(r"\d\.\d(?!\d)")
"""A figure written with an English decimal point (``0.2``, ``1183.4``); a Dutch thousands
separator is followed by three digits (``1.183,4``)."""
DUTCH_DECIMAL = re.compile(r"\d,\d(?!\d)")


@pytest.mark.parametrize("what_if", [[], ["--shift", "lights-out-factory=2"]])
def test_a_dutch_finance_run_writes_dutch_numbers(what_if: list[str]) -> None:
    """The text tables were machine-format grids: '0.2+?', '1183.4+?' in a Dutch run."""
    result = CliRunner().invoke(app, ["--lang", "nl", "finance", *what_if])
    assert result.exit_code == 0, result.output
    assert "1.183,4+?" in result.stdout  # the cost over all years: 1165 + 18.4
    assert "0,2" in result.stdout
    assert ENGLISH_DECIMAL.search(result.stdout) is None, ENGLISH_DECIMAL.search(result.stdout)


def test_an_english_finance_run_writes_english_numbers() -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "finance", "--scale", "robotics=0.5"])
    assert result.exit_code == 0, result.output
    assert "1,183.4+?" in result.stdout
    assert DUTCH_DECIMAL.search(result.stdout) is None, DUTCH_DECIMAL.search(result.stdout)


def test_finance_csv_keeps_machine_numbers_and_fills_the_cost_totals_row() -> None:
    """CSV writes the same tables as numbers ('.' decimals, no grouping); the cost lines'
    totals row has each year's cost (the grid had left them empty)."""
    result = CliRunner().invoke(app, ["--lang", "nl", "finance", "--format", "csv"])
    assert result.exit_code == 0, result.output
    plan = load_plan(BUNDLED_PLAN_DIR)
    table = cost_lines_table(plan, app_finance.finance(plan).needs, "nl")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    start = rows.index([table.name])
    grid = [[str(cell) for cell in row] for row in export_grid(table)]
    assert rows[start + 1 : start + 1 + len(grid)] == grid
    totals = rows[start + len(grid)]
    assert totals[0] == "Totaal" and all(totals[1:]), totals
    assert totals[-1] == "1183.4+?"


def test_the_what_if_tables_of_the_command_line_are_the_cores() -> None:
    """Text and CSV of ``finance --shift`` write the core's what-if tables: cost per year and
    jobs per year, the plan against the changes and the difference."""
    plan = load_plan(BUNDLED_PLAN_DIR)
    changes = {"lights-out-factory": ProjectChange(shift_years=2)}
    outcome = app_finance.finance(plan, changes)
    assert outcome.effect is not None
    tables = whatif_tables(plan, outcome.plan_needs, outcome.needs, outcome.effect, "nl")
    args = ["--lang", "nl", "finance", "--shift", "lights-out-factory=2"]
    text = CliRunner().invoke(app, args).stdout
    shown = CliRunner().invoke(app, [*args, "--format", "csv"]).stdout
    for table in tables:
        assert render_text(table) in text
        grid = tables_csv({table.name: export_grid(table)})
        assert grid.replace("\r\n", "\n") in shown.replace("\r\n", "\n")


def test_finance_xlsx_without_out_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["finance", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_finance_what_if_shift_moves_costs_and_reports_jobs() -> None:
    data = _json(["finance", "--json", "--shift", "lights-out-factory=2"])
    assert data["years"][-1] == 2035
    assert data["by_project"]["lights-out-factory"]["2031"] == 50
    effect = data["jobs_effect"]
    assert effect["years"][0] == 2026
    # the factory's jobs come two years later: fewer jobs in 2031, none gained anywhere
    assert effect["delta"]["2031"] < 0
    assert all(v <= 1e-9 for v in effect["delta"].values())


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--shift", "nope=1"], "unknown project 'nope'"),
        (["--shift", "acp=soon"], "--shift acp=soon: must be a number"),
        (["--shift", "acp=1.5"], "--shift acp must be a whole number (got 1.5)"),
        (["--stretch", "acp=-1"], "must not be negative"),
        (["--scale", "acp"], "is not PROJECT=VALUE"),
        (["--shift", "acp=1", "--shift", "acp=2"], "--shift acp: given twice"),
    ],
)
def test_finance_rejects_bad_what_if_options(args: list[str], fragment: str) -> None:
    result = CliRunner().invoke(app, ["finance", *args])
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def phase_20() -> dict[str, Any]:
    return _json(["phase", "--cap", "regional=20", "--json"])


def test_phase_meets_the_cap_and_the_precedence(phase_20: dict[str, Any]) -> None:
    assert phase_20["feasible"] is True
    assert max(phase_20["by_source"]["regional"].values()) <= 20 + 1e-6
    starts = {pid: s["start_year"] for pid, s in phase_20["shifts"].items()}
    assert starts["lights-out-factory"] >= starts["acp"] + 2
    assert starts["test-center"] >= starts["lights-out-factory"]


def test_phase_reports_jobs_before_and_after(phase_20: dict[str, Any]) -> None:
    # Figure 6, 'Schaalsprong 2034': ~13,600 jobs with every project as planned.
    assert phase_20["jobs_goal_year_before"] == pytest.approx(13600, abs=1)
    assert phase_20["jobs_goal_year_after"] <= phase_20["jobs_goal_year_before"] + 1e-6
    assert phase_20["goal_year"] == 2034


@pytest.mark.parametrize(
    ("lang", "unknown", "message", "note"),
    [
        (
            "nl",
            "Tabel 1: Fysieke ruimte t.b.v. groei: kosten onbekend, jaar 2028",
            "elk plafond en elke volgorde wordt gehaald",
            "Fysieke ruimte t.b.v. groei: onbekende kosten tellen niet mee tegen de plafonds",
        ),
        (
            "en",
            "Tabel 1: Physical space for growth: cost unknown, year 2028",
            "every cap and precedence holds",
            "Physical space for growth: unknown costs are not counted against the caps",
        ),
    ],
)
def test_the_texts_of_finance_and_phase_json_follow_the_language(
    lang: str, unknown: str, message: str, note: str
) -> None:
    """The texts in ``finance --json`` and ``phase --json`` are the run's language and the
    words of the pages (an unknown by its table and line's name, the re-phasing message and
    notes with the projects' names, as :func:`phasing_message` and :func:`phasing_notes`
    give the page); they were English with ids whatever ``--lang`` said."""
    plan = load_plan(BUNDLED_PLAN_DIR)
    finance = _json(["--lang", lang, "finance", "--json"])
    assert unknown in [u["text"] for u in finance["unknown"]]
    phase = _json(["--lang", lang, "phase", "--cap", "regional=20", "--json"])
    _problem, result = app_finance.rephase(plan, {"regional": 20.0})
    assert phase["message"] == phasing_message(plan, result, lang) == message
    assert phase["notes"] == phasing_notes(plan, result, lang)
    assert note in phase["notes"]


def test_phase_infeasible_cap_exits_1_with_the_binding_cap() -> None:
    result = CliRunner().invoke(app, ["phase", "--cap", "regional=5", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["status"] == "infeasible-caps"
    (binding,) = data["binding_caps"]
    assert binding["source"] == "regional" and binding["relaxation_meur"] > 0
    # The reader's names and M EUR's one decimal, rounded up (the JSON keeps ids and the
    # exact relaxation): raising the cap by the written rise is enough.
    assert "Regional cap 5 M EUR/yr must rise by " in result.stderr
    rise = binding["relaxation_meur"]
    written = math.ceil(rise * 10) / 10
    assert f"must rise by {written} to {5 + written}" in result.stderr
    enough = _json(["phase", "--cap", f"regional={5 + written}", "--json"])
    assert enough["feasible"] is True


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--cap", "regio=20"], "unknown source 'regio'"),
        (["--cap", "regional=-3"], "must not be negative"),
        (["--cap", "regional=200000"], "must be between 0 and 100,000 M EUR"),
        (["--cap", "regional=20", "--window", "3:-1"], "is empty"),
        (["--cap", "regional=20", "--stretch", "0,x"], "whole years"),
        (["--cap", "regional=20", "--stretch", "0,-1"], "must not be negative"),
        # the range a what-if stretch takes (there was no upper bound)
        (["--cap", "regional=20", "--stretch", "0,50"], "between 0 and 10 years"),
    ],
)
def test_phase_rejects_bad_arguments_with_exit_2(args: list[str], fragment: str) -> None:
    result = CliRunner().invoke(app, ["phase", *args])
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_phase_uses_a_value_table_file(tmp_path: Path) -> None:
    # Only robotics is worth anything, and only on time: under a tight private cap the
    # optimiser keeps robotics on time and moves others.
    table = {
        pid: {f"{s},0": (100.0 if pid == "robotics" and s == 0 else 0.0) for s in range(-1, 4)}
        for pid in phaseable_projects(load_plan(BUNDLED_PLAN_DIR))
    }
    path = tmp_path / "values.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    data = _json(["phase", "--cap", "private=100", "--values", str(path), "--json"])
    assert data["shifts"]["robotics"]["shift_years"] == 0
    assert max(data["by_source"]["private"].values()) <= 100 + 1e-6


def test_phase_rejects_a_broken_value_table(tmp_path: Path) -> None:
    path = tmp_path / "values.json"
    path.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["phase", "--values", str(path)])
    assert result.exit_code == 2
    assert "value table" in result.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_printed_totals_table_sets_each_printed_total_against_its_rows(lang: str) -> None:
    """Per year the plan prints a total for, the printed figure, the sum of the current
    rows ('+?' where a row's cost is unknown) and their difference; every figure with the
    unit's one decimal, in the run's notation."""
    plan = load_plan(BUNDLED_PLAN_DIR)
    table = printed_totals_table(plan, lang)
    parts = [("projects", plan.finance.projects, plan.finance.projects_printed_totals)]
    if plan.finance.organisation_printed_totals is not None:
        parts.append(
            ("organisation", plan.finance.organisation, plan.finance.organisation_printed_totals)
        )
    seen = 0
    for key, lines, printed in parts:
        assert printed is not None
        for year, value in printed.costs_meur.items():
            if value is None:
                continue
            row = f"{key}:year:{year}"
            costs = [line.costs_meur.get(year) for line in lines]
            known = sum(c for c in costs if c is not None)
            assert table.cell(row, "printed").value == pytest.approx(value)
            current = table.cell(row, "current")
            assert current.value == pytest.approx(known)
            assert current.includes_unknown == (None in costs)
            assert table.cell(row, "difference").value == pytest.approx(known - value)
            seen += 1
    assert seen > 0
    decimal = "," if lang == "nl" else "."
    for row in table.rows:
        for cell in row.cells[1:]:
            text = cell.shown(lang).removesuffix("+?")
            assert re.fullmatch(rf"-?[\d.,]*\d{re.escape(decimal)}\d", text), text


def test_printed_totals_table_shows_a_total_that_no_longer_adds_up() -> None:
    """A row changed since the plan was printed: its year's current total and the
    difference move with it; the printed figure stays."""
    plan = load_plan(BUNDLED_PLAN_DIR)
    project = next(p for p in plan.finance.projects if p.costs_meur.get(2027))
    before = printed_totals_table(plan, "en").cell("projects:year:2027", "printed").value
    project.costs_meur[2027] = float(project.costs_meur[2027] or 0) + 2.5
    table = printed_totals_table(plan, "en")
    assert table.cell("projects:year:2027", "printed").value == before
    assert table.cell("projects:year:2027", "difference").value == pytest.approx(2.5)


def test_finance_prints_the_printed_totals_table() -> None:
    result = CliRunner().invoke(app, ["--lang", "en", "finance"])
    assert result.exit_code == 0, result.output
    plan = load_plan(BUNDLED_PLAN_DIR)
    assert render_text(printed_totals_table(plan, "en")) in result.stdout


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_phase_prints_the_choice_and_need_tables_of_its_result(lang: str) -> None:
    """The re-phasing text holds the core's two tables, whose figures are the optimiser's:
    per project the start, shift, stretch and jobs in the goal year; per source and year
    the need (M EUR), a capped source named with its cap."""
    args = ["phase", "--cap", "regional=20"]
    data = _json(args + ["--json"])
    result = CliRunner().invoke(app, ["--lang", lang, *args])
    assert result.exit_code == 0, result.output
    plan = load_plan(BUNDLED_PLAN_DIR)
    problem, outcome = app_finance.rephase(plan, {"regional": 20.0})
    choice, need = phasing_tables(plan, problem, outcome, lang)
    assert render_text(choice) in result.stdout
    assert render_text(need) in result.stdout
    assert [r.key for r in choice.rows] == list(data["shifts"])
    for pid, shift in data["shifts"].items():
        # The optimiser's choice, not a figure of the plan: every figure is computed.
        assert all(choice.cell(pid, k).computed for k in ("start_year", "shift", "stretch"))
        assert choice.cell(pid, "start_year").value == shift["start_year"]
        assert choice.cell(pid, "shift").value == shift["shift_years"]
        assert choice.cell(pid, "stretch").value == shift["stretch_years"]
    jobs = sum(float(choice.cell(pid, "jobs_goal_year").value or 0) for pid in data["shifts"])
    assert jobs > 0
    for source, by_year in data["by_source"].items():
        for year, value in by_year.items():
            assert need.cell(source, f"year:{year}").value == pytest.approx(value, abs=1e-9)
    cap = "20,0" if lang == "nl" else "20.0"
    assert cap in need.cell("regional", "source").shown(lang)
    assert [c.heading for c in choice.columns][-1].endswith(str(data["goal_year"]))


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [(11.4254, "meur", 11.5), (11.4, "meur", 11.4), (0.0, "meur", 0.0), (3.2, "jobs", 4.0)],
)
def test_at_least_rounds_up_to_the_units_decimals(value: float, unit: str, written: float) -> None:
    assert at_least(value, unit) == written


def test_spending_moved_before_the_first_year_is_said_where_it_is_counted() -> None:
    # Before: a line starting in the agenda's first year, moved a year earlier, had its
    # first year's money added to that year without a word (5.0 became 15.0 in 2030).
    plan_dir = Path(__file__).parent / "plans" / "three-pillars"
    plan = load_plan(plan_dir)
    first = min(plan.finance.cost_years)
    line = next(p for p in plan.finance.projects if (p.costs_meur.get(first) or 0) > 0)
    moved = line.costs_meur[first]
    outcome = app_finance.finance(plan, {line.id: ProjectChange(shift_years=-1)})
    assert outcome.needs.years[0] == first
    cost = next(t for t in outcome.tables(plan, "nl") if t.key == "whatif-cost")
    name = line.name_nl or line.name
    assert any(n.startswith(f"{name}: ") and f"vóór {first}" in n for n in cost.notes), cost.notes
    data = outcome.as_data(plan, "en")
    assert data["advanced_meur"] == {line.id: moved}
    later = app_finance.finance(plan, {line.id: ProjectChange(shift_years=1)})
    assert later.as_data(plan, "en")["advanced_meur"] == {}
    result = CliRunner().invoke(
        app, ["--lang", "nl", "finance", "--plan", str(plan_dir), "--shift", f"{line.id}=-1"]
    )
    assert result.exit_code == 0, result.output
    assert f"telt mee in {first}." in result.output
