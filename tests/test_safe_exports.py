"""Every CSV and XLSX the command line writes is free of formulas (issue 15, row 7)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.io.export import (
    FORMULA_PREFIXES,
    export_tables,
    neutralise,
    restore_text,
    safe_cell,
)
from clusterplan.io.sheets import parse_csv_text, parse_xlsx_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _assert_csv_safe(text: str) -> int:
    """No cell could run as a formula; returns how many neutralised cells there are."""
    neutralised = 0
    for cell in _csv_cells(text):
        risky = len(cell) > 1 and cell.startswith(FORMULA_PREFIXES)
        assert not (risky and not re.fullmatch(r"-?[\d.]+", cell)), cell
        neutralised += cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES)
    return neutralised


def _assert_xlsx_safe(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    neutralised = 0
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str):
                    risky = len(cell.value) > 1 and cell.value.startswith(FORMULA_PREFIXES)
                    assert not risky, cell.value
                    neutralised += cell.value.startswith("'")
    return neutralised


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_could_be_a_formula_is_prefixed(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert restore_text(neutralise(text)) == text


def test_numbers_stay_numbers_and_plain_text_is_untouched() -> None:
    assert safe_cell(-12.5) == -12.5
    assert safe_cell(-3) == -3
    assert safe_cell("-1+1") == "'-1+1"
    assert safe_cell("-12.5") == "-12.5"  # a number written as text is not a formula
    assert safe_cell("NXP") == "NXP"
    assert safe_cell("-") == "-"  # a placeholder, not a formula
    assert safe_cell(float("nan")) == "nan"
    assert safe_cell(None) is None


@pytest.mark.parametrize("text", ["'=x", "''=x", "'plain", "'", "=", "x=1", "-", "'-", "'-1"])
def test_neutralising_can_be_undone_exactly(text: str) -> None:
    assert restore_text(neutralise(text)) == text


def test_xlsx_text_cells_are_strings_and_numbers_numbers() -> None:
    data = export_tables({"t": [["name", "jobs"], [HOSTILE[0], -5], ["-1+1", 2.5]]}, "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["A2"].value == "'" + HOSTILE[0] and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -5 and sheet["B2"].data_type == "n"
    assert sheet["A3"].value == "'-1+1"
    assert _assert_xlsx_safe(data) == 2


def test_control_characters_and_huge_text_do_not_break_xlsx() -> None:
    data = export_tables({"t": [["name"], ["a\x00b\x07c"], ["x" * 40_000]]}, "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["A2"].value == "a\ufffdb\ufffdc"
    assert len(str(sheet["A3"].value)) == 32_767


def test_an_exported_registry_reads_back_with_the_original_names() -> None:
    grid = [["name", "jobs"], *[[h, 3] for h in HOSTILE]]
    csv_table = parse_csv_text(export_tables({"d": grid}, "csv", titles=False).decode(), "f")
    xlsx_table = parse_xlsx_bytes(export_tables({"d": grid}, "xlsx"), "f")
    assert [r.cells["name"] for r in csv_table.rows] == HOSTILE
    # XML turns a CR into a line feed; every other text comes back as it was.
    assert [r.cells["name"] for r in xlsx_table.rows][:-1] == HOSTILE[:-1]


@pytest.fixture
def hostile_plan(plan_copy: Path) -> Path:
    """The bundled plan with a hostile text in every project and phase name."""
    path = plan_copy / "finance.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    out, n = [], 0
    for line in lines:
        key, sep, _ = line.partition("name_nl: ")
        if sep and key.strip() == "":
            line = key + sep + '"' + HOSTILE[n % len(HOSTILE)].replace('"', '\\"') + f' {n}"'
            line = line.replace("\t", "\\t").replace("\r", "\\r")
            n += 1
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return plan_copy


@pytest.mark.parametrize("command", ["tables", "finance"])
def test_cli_csv_and_xlsx_exports_hold_no_formula(
    command: str, hostile_plan: Path, tmp_path: Path
) -> None:
    # finance shows ids and fixed labels only (no free text): safe, nothing to neutralise.
    # The hostile texts are the Dutch names, which a Dutch run shows.
    least = 1 if command == "tables" else 0
    runner = CliRunner()
    result = runner.invoke(
        app, ["--lang", "nl", command, "--plan", str(hostile_plan), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert _assert_csv_safe(result.stdout) >= least
    out = tmp_path / "out.csv"
    args = ["--lang", "nl", command, "--plan", str(hostile_plan), "--format", "csv"]
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    assert _assert_csv_safe(out.read_bytes().decode("utf-8")) >= least
    book = tmp_path / "out.xlsx"
    args = ["--lang", "nl", command, "--plan", str(hostile_plan), "--format", "xlsx"]
    result = runner.invoke(app, [*args, "--out", str(book)])
    assert result.exit_code == 0, result.output
    assert _assert_xlsx_safe(book.read_bytes()) >= least


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_registry_export_holds_no_formula(suffix: str, tmp_path: Path) -> None:
    runner = CliRunner()
    leads = tmp_path / "import.csv"
    rows = "\n".join(
        f'"{h.replace(chr(34), chr(34) * 2)} {n}",supplier,{n + 1}' for n, h in enumerate(HOSTILE)
    )
    leads.write_text("name,kind,jobs\n" + rows + "\n", encoding="utf-8")
    store = tmp_path / f"store{suffix}"
    result = runner.invoke(
        app, ["ecosystem", "import", str(leads), "--commit", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / f"export{suffix}"
    result = runner.invoke(app, ["ecosystem", "export", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    for path in (store, out):
        if suffix == ".csv":
            assert _assert_csv_safe(path.read_bytes().decode("utf-8")) >= len(HOSTILE)
        else:
            assert _assert_xlsx_safe(path.read_bytes()) >= len(HOSTILE)
    # The store reads back with the names as typed (the prefix is not kept).
    result = runner.invoke(
        app, ["ecosystem", "export", str(tmp_path / "again.csv"), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    again = (tmp_path / "again.csv").read_bytes().decode("utf-8")
    assert "'" + HOSTILE[0] + " 0" in _csv_cells(again)  # one prefix, not two


@pytest.mark.parametrize(
    "args",
    [
        ["finance", "--format", "xlsx", "--out", "{tmp}/missing_dir/x.xlsx"],
        ["finance", "--format", "csv", "--out", "{tmp}/missing_dir/x.csv"],
        ["tables", "--format", "json", "--out", "{tmp}/missing_dir/x.json"],
        ["tables", "--format", "xlsx", "--out", "{tmp}"],
        ["ecosystem", "export", "{tmp}/missing_dir/x.csv"],
    ],
)
def test_out_in_a_missing_folder_is_one_line_not_a_traceback(
    args: list[str], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: cannot write ")
