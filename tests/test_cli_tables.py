"""The tables command in every format."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan.cli import app


def test_text_tables_are_aligned_and_complete() -> None:
    # A Dutch run (--lang nl) writes the figures: M EUR to one decimal, 1.165,0.
    result = CliRunner().invoke(app, ["--lang", "nl", "tables"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    acp = next(line for line in lines if line.startswith("Advanced Chip Packaging"))
    totals = [line for line in lines if line.startswith("Totaal ")]
    # costs 2031-2033, total, four sources, covered, not covered
    assert acp.split()[-10:] == [
        "30,0", "0,0", "0,0", "150,0", "50,0", "50,0", "35,0", "15,0", "150,0", "0,0"
    ]  # fmt: skip
    assert len(acp) == len(next(line for line in lines if line.startswith("Nieuwe 300mm fab")))
    # Totals are computed from the rows; unknown coverage of three projects is not counted.
    assert "1.165,0+?" in totals[0] and "197,5+?" in totals[0]
    assert totals[0].split()[1:3] == ["35,0", "155,0"]  # years without unknowns: no marker
    assert any(line.startswith("Schaalsprong 2034") and "13.600" in line for line in lines)
    # A printed total that differs from the rows is named, not silently replaced.
    assert any("8.800" in line and "8.750" in line for line in lines)
    assert result.stdout.startswith("Tabel 1. ")  # the plan's own name, from its sources


def test_csv_has_one_block_per_table() -> None:
    result = CliRunner().invoke(app, ["--lang", "nl", "tables", "--format", "csv"])
    rows = list(csv.reader(io.StringIO(result.stdout)))
    titles = [r[0] for r in rows if len(r) == 1]
    assert titles == ["Tabel 1", "Tabel 2", "Figuur 6"]  # the plan's names (its sources)
    robot = next(r for r in rows if r and r[0] == "Robotica Center of Excellence")
    assert robot[1:3] == ["25.0", "50.0"] and robot[-6:-2] == ["125.0", "75.0", "40.0", "10.0"]
    space = next(r for r in rows if r and r[0] == "Fysieke ruimte t.b.v. groei")
    assert space[3] == "?" and space[9] == "25.0+?"


def test_xlsx_has_one_sheet_per_table(tmp_path: Path) -> None:
    out = tmp_path / "tables.xlsx"
    result = CliRunner().invoke(
        app, ["--lang", "nl", "tables", "--format", "xlsx", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["Tabel 1", "Tabel 2", "Figuur 6"]
    sheet = book["Tabel 1"]
    assert sheet.cell(row=2, column=1).value == "Advanced Chip Packaging Pilot Line (ACP)"
    assert sheet.cell(row=2, column=10).value == 150
    assert sheet.cell(row=sheet.max_row, column=2).value == 35  # a complete total: a number
    assert sheet.cell(row=sheet.max_row, column=10).value == "1165.0+?"


def test_xlsx_without_out_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["tables", "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_overview_runs_on_the_bundled_plan() -> None:
    result = CliRunner().invoke(app, ["overview"])
    assert result.exit_code == 0
    assert "The goal: 11,200 jobs in 2034 (2 times the 5,600 jobs of 2026). [" in result.stdout


def test_overview_says_where_each_dimension_lands_against_the_goal() -> None:
    """The dashboard's table: jobs minus the goal, negative when short of it."""
    result = CliRunner().invoke(app, ["--lang", "nl", "overview"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index("Waar elke groeidimensie in 2034 uitkomt ten opzichte van het doel")
    rows = {line[:26].strip(): line.split()[-3:] for line in lines[start + 4 : start + 7]}
    assert rows == {
        "Organische groei": ["8.750", "11.200", "-2.450"],
        "Versnelde organische groei": ["9.150", "11.200", "-2.050"],
        "Schaalsprong": ["13.600", "11.200", "2.400"],
    }
