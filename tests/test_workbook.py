"""A plan as one XLSX workbook: the exact round trip and every problem of a broken book."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.errors import Coded
from clusterplan.io.limits import ReadLimits
from clusterplan.plan.load import BUNDLED_PLAN_DIR, bundled_plan, load_plan
from clusterplan.plan.workbook import (
    INDEX_SHEET,
    WorkbookError,
    export_workbook,
    import_workbook,
)

runner = CliRunner()


@pytest.fixture(scope="module")
def book_bytes() -> bytes:
    return export_workbook(BUNDLED_PLAN_DIR)


def _edited(data: bytes, path: Path, edit: object) -> Path:
    book = load_workbook(io.BytesIO(data))
    edit(book)  # type: ignore[operator]
    book.save(path)
    return path


def _cell(sheet: object, row_id: str, column: str) -> object:
    """The cell of the row whose first 'id' cell is row_id, in the named column."""
    header = [c.value for c in sheet[1]]  # type: ignore[index]
    id_col = header.index("id") + 1
    col = header.index(column) + 1
    for row in range(2, sheet.max_row + 1):  # type: ignore[attr-defined]
        if sheet.cell(row=row, column=id_col).value == row_id:  # type: ignore[attr-defined]
            return sheet.cell(row=row, column=col)  # type: ignore[attr-defined]
    raise AssertionError(f"no row {row_id}")


def test_round_trip_of_the_bundled_plan_is_exact(tmp_path: Path, book_bytes: bytes) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(book_bytes)
    import_workbook(path, tmp_path / "plan")
    again = load_plan(tmp_path / "plan")
    assert again.model_dump() == bundled_plan().model_dump()
    # Files next to the YAML (the education supply CSV) travel too.
    supply = bundled_plan().talent
    assert supply is not None and supply.supply_file
    original = (BUNDLED_PLAN_DIR / supply.supply_file).read_text(encoding="utf-8-sig")
    copied = (tmp_path / "plan" / supply.supply_file).read_text(encoding="utf-8")
    assert copied.splitlines() == original.splitlines()


def test_one_sheet_per_part_with_sources_as_columns(book_bytes: bytes) -> None:
    book = load_workbook(io.BytesIO(book_bytes), read_only=True)
    titles = book.sheetnames
    assert titles[0] == INDEX_SHEET
    for part in ("meta", "pillars", "employment", "projects", "facts", "organisations"):
        assert part in titles
    assert any(t.startswith("assumptions") for t in titles)
    header = [c.value for c in next(book["projects"].iter_rows(max_row=1))]
    plan = bundled_plan()
    for year in plan.finance.cost_years:
        assert f"costs_meur.{year}" in header
    assert "source" in header and "assumption" in header
    assert any(str(h).startswith("coverage_meur.") for h in header)


def test_an_edited_figure_is_read_back(tmp_path: Path, book_bytes: bytes) -> None:
    plan = bundled_plan()
    project = plan.finance.projects[0]
    year = next(y for y in plan.finance.cost_years if y not in project.blank_years)

    def edit(book: object) -> None:
        _cell(book["projects"], project.id, f"costs_meur.{year}").value = 123.25  # type: ignore[index, attr-defined]

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    import_workbook(path, tmp_path / "plan")
    assert load_plan(tmp_path / "plan").project(project.id).costs_meur[year] == 123.25


def test_a_broken_workbook_names_every_problem_and_writes_nothing(
    tmp_path: Path, book_bytes: bytes
) -> None:
    plan = bundled_plan()
    first = plan.finance.projects[0].id
    year = plan.finance.cost_years[0]

    def edit(book: object) -> None:
        projects = book["projects"]  # type: ignore[index]
        _cell(projects, first, f"costs_meur.{year}").value = "lots"  # bad number
        header = [c.value for c in projects[1]]
        projects.delete_cols(header.index("name_en") + 1)  # missing column
        book["facts"].title = "factz"  # wrong sheet

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    target = tmp_path / "plan"
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, target)
    problems = caught.value.problems
    text = str(caught.value)
    assert "sheet 'factz'" in text and "unknown sheet" in text
    assert "sheet 'facts': sheet is missing" in text
    by_column = {(p.sheet, p.column): p for p in problems}
    bad = by_column[("projects", f"costs_meur.{year}")]
    assert bad.row == 2 + [p.id for p in plan.finance.projects].index(first)
    assert "number" in bad.reason
    assert "required" in by_column[("projects", "name_en")].reason
    missing = [p for p in problems if p.column == "name_en"]
    assert sorted(p.row for p in missing if p.row) == [
        2 + i for i in range(len(plan.finance.projects))
    ]
    assert len(problems) == 3 + len(plan.finance.projects)  # nothing else, no repeats
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["b.xlsx"]


def test_an_unknown_id_is_named_by_cell(tmp_path: Path, book_bytes: bytes) -> None:
    # Ids are checked across parts once every field is readable (as for a plan folder).
    plan = bundled_plan()
    second = plan.finance.projects[1].id

    def edit(book: object) -> None:
        _cell(book["projects"], second, "pillars[]").value = '["no-such-pillar"]'  # type: ignore[index, attr-defined]

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, tmp_path / "plan")
    [problem] = [p for p in caught.value.problems if "no-such-pillar" in p.reason]
    assert (problem.sheet, problem.row) == ("projects", 3)
    assert problem.column is not None and problem.column.startswith("pillars")
    assert not (tmp_path / "plan").exists()


def test_a_missing_parent_and_a_bad_json_cell_are_named(tmp_path: Path, book_bytes: bytes) -> None:
    def edit(book: object) -> None:
        phases = book["projects.phases"]  # type: ignore[index]
        header = [c.value for c in phases[1]]
        phases.cell(row=2, column=header.index("parent") + 1).value = "nope"
        _cell(book["projects"], bundled_plan().finance.projects[0].id, "pillars[]").value = "[x"  # type: ignore[index]

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, tmp_path / "plan")
    where = {(p.sheet, p.row, p.column) for p in caught.value.problems}
    assert ("projects.phases", 2, "parent") in where
    assert ("projects", 2, "pillars[]") in where


def test_a_workbook_over_the_size_limit_is_refused(tmp_path: Path, book_bytes: bytes) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(book_bytes)
    with pytest.raises(WorkbookError, match="bytes"):
        import_workbook(path, tmp_path / "plan", ReadLimits(max_bytes=1000))
    with pytest.raises(WorkbookError, match="unpacks"):
        import_workbook(path, tmp_path / "plan", ReadLimits(max_unpacked_bytes=10_000))
    with pytest.raises(WorkbookError) as caught:  # a sheet over a limit is named
        import_workbook(path, tmp_path / "plan", ReadLimits(max_rows=5))
    [problem] = caught.value.problems
    assert (problem.sheet, problem.row) == (INDEX_SHEET, 7)
    assert problem.text("nl").startswith(f"werkblad '{INDEX_SHEET}', rij 7: meer dan 5")
    assert not (tmp_path / "plan").exists()


def test_text_cells_are_formula_safe(tmp_path: Path) -> None:
    # A plan whose title starts with '=' is written as text and read back unchanged.
    import shutil

    plan_dir = tmp_path / "p"
    shutil.copytree(BUNDLED_PLAN_DIR, plan_dir)
    meta = plan_dir / "meta.yaml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("title: ", 'title: "=1+1" #', 1), encoding="utf-8"
    )
    assert load_plan(plan_dir).meta.title == "=1+1"
    data = export_workbook(plan_dir)
    sheet = load_workbook(io.BytesIO(data))["meta"]
    values = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}
    assert values["title"].data_type == "s" and values["title"].value == "'=1+1"
    (tmp_path / "b.xlsx").write_bytes(data)
    import_workbook(tmp_path / "b.xlsx", tmp_path / "back")
    assert load_plan(tmp_path / "back").meta.title == "=1+1"


def test_cli_export_and_import(tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["plan", "export", "--format", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["plan", "import", str(book), str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert load_plan(tmp_path / "p").model_dump() == bundled_plan().model_dump()
    result = runner.invoke(app, ["plan", "import", str(book), str(tmp_path / "p")])
    assert result.exit_code == 1
    assert "not an empty folder" in result.output
    result = runner.invoke(
        app, ["plan", "import", str(tmp_path / "nope.xlsx"), str(tmp_path / "q")]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_the_imported_plan_exports_to_the_same_sheets(tmp_path: Path, book_bytes: bytes) -> None:
    # Stricter than equal plans: every cell, absent field and unknown value is kept.
    from clusterplan.plan.workbook import plan_grids

    path = tmp_path / "b.xlsx"
    path.write_bytes(book_bytes)
    import_workbook(path, tmp_path / "plan")
    assert plan_grids(tmp_path / "plan") == plan_grids(BUNDLED_PLAN_DIR)


def test_cli_names_the_cell_of_a_bad_number(tmp_path: Path, book_bytes: bytes) -> None:
    plan = bundled_plan()
    project = plan.finance.projects[-1]
    year = plan.finance.cost_years[-1]

    def edit(book: object) -> None:
        _cell(book["projects"], project.id, f"costs_meur.{year}").value = "ten"  # type: ignore[index, attr-defined]

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    result = runner.invoke(app, ["plan", "import", str(path), str(tmp_path / "p")])
    assert result.exit_code == 1
    row = 2 + len(plan.finance.projects) - 1
    assert f"sheet 'projects', row {row}, column 'costs_meur.{year}'" in result.output
    assert "must be a number" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p").exists()


def test_export_refuses_a_csv_that_links_outside_the_plan(tmp_path: Path) -> None:
    import shutil

    from clusterplan.plan.workbook import plan_grids

    plan_dir = tmp_path / "p"
    shutil.copytree(BUNDLED_PLAN_DIR, plan_dir)
    outside = tmp_path / "secret.csv"
    outside.write_text("a,b\n1,2\n", encoding="utf-8")
    (plan_dir / "extra.csv").symlink_to(outside)
    with pytest.raises(WorkbookError, match="extra.csv: links outside the plan"):
        plan_grids(plan_dir)


def test_a_missing_field_row_is_named_on_its_sheet(tmp_path: Path, book_bytes: bytes) -> None:
    def edit(book: object) -> None:
        meta = book["meta"]  # type: ignore[index]
        for row in range(2, meta.max_row + 1):
            if meta.cell(row=row, column=1).value == "title":
                meta.delete_rows(row)
                return

    path = _edited(book_bytes, tmp_path / "b.xlsx", edit)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path, tmp_path / "plan")
    [problem] = caught.value.problems
    assert (problem.sheet, problem.column) == ("meta", "title")
    assert "required" in problem.reason


ENGLISH_PLACES = ("sheet", "row", "column", "unknown", "missing", "cells", "header", "must")
ENGLISH_REASONS = ("twice", "field", "empty", "valid", "given", "got", "number", "listed")
DUTCH_WORDS = ("werkblad", "rij", "kolom", "onbekend", "ontbreekt", "moet", "veldnaam", "geen")


def _broken_in_every_way(book: object) -> None:
    """Problems of each layer: a sheet's header (extra cells), the contents (a renamed
    sheet), the workbook's own reasons (id twice, bad JSON, empty field name) and the
    plan's (a bad number)."""
    plan = bundled_plan()
    first, second, third = (p.id for p in plan.finance.projects[:3])
    last = plan.finance.projects[-1].id
    taxonomy = book["taxonomy"]  # type: ignore[index]
    taxonomy.cell(row=3, column=taxonomy.max_column + 2).value = "x"
    book["facts"].title = "factz"  # type: ignore[index]
    projects = book["projects"]  # type: ignore[index]
    _cell(projects, first, "pillars[]").value = "[x"
    _cell(projects, last, f"costs_meur.{plan.finance.cost_years[0]}").value = "lots"
    _cell(projects, third, "id").value = second
    book["meta"].cell(row=2, column=1).value = None  # type: ignore[index]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cli_lists_a_broken_workbook_in_the_runs_language_only(
    tmp_path: Path, book_bytes: bytes, lang: str
) -> None:
    from tests.test_one_language import leaks

    path = _edited(book_bytes, tmp_path / "b.xlsx", _broken_in_every_way)
    result = runner.invoke(app, ["--lang", lang, "plan", "import", str(path), str(tmp_path / "p")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) >= 7, result.stderr
    if lang == "nl":
        assert all(line.startswith(f"fout: {path}: werkblad '") for line in lines), lines
        for said in (
            "werkblad 'taxonomy', rij 3: meer cellen dan kolommen in de kopregel",
            "werkblad 'factz': onbekend werkblad",
            "werkblad 'facts': werkblad ontbreekt",
            "kolom 'pillars[]': geen geldige JSON",
            "kolom 'id': id '",
            "kolom 'field': de veldnaam is leeg",
            "moet een getal zijn",
        ):
            assert said in result.stderr, (said, result.stderr)
        words = {"nl": ENGLISH_PLACES + ENGLISH_REASONS}
    else:
        assert all(line.startswith(f"error: {path}: sheet '") for line in lines), lines
        assert "sheet 'factz': unknown sheet (not listed in contents)" in result.stderr
        assert "column 'field': the field name is empty" in result.stderr
        words = {"en": DUTCH_WORDS}
    # Sheet titles, column names and ids are the workbook's own (quoted); so is the path.
    shown = re.sub(r"'[^']*'", "''", result.stderr.replace(str(path), "BOOK"))
    assert leaks(shown, lang, words=words) == []
    assert not (tmp_path / "p").exists()


def test_a_refused_folder_and_a_missing_book_are_named_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_text("x", encoding="utf-8")  # not an empty folder
    result = runner.invoke(
        app, ["--lang", "nl", "plan", "import", str(tmp_path / "nope.xlsx"), str(tmp_path)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == f"fout: {tmp_path}: bestaat al en is geen lege map"
    result = runner.invoke(
        app, ["--lang", "nl", "plan", "import", str(tmp_path / "nope.xlsx"), str(tmp_path / "p")]
    )
    assert result.exit_code == 1
    missing = f"fout: {tmp_path / 'nope.xlsx'}: bestand kan niet gelezen worden: het bestand"
    assert result.stderr.strip() == f"{missing} bestaat niet"  # not the system's English


def test_a_problem_and_the_error_speak_the_language_asked(tmp_path: Path) -> None:
    from clusterplan.errors import describe
    from clusterplan.plan.workbook import WorkbookProblem

    problem = WorkbookProblem("projects", 4, "id", Coded("workbook.id_twice", {"id": "a"}))
    assert str(problem) == "sheet 'projects', row 4, column 'id': id 'a' appears twice"
    assert (
        problem.text("nl") == "werkblad 'projects', rij 4, kolom 'id': id 'a' komt twee keer voor"
    )
    error = WorkbookError("b.xlsx", [problem, WorkbookProblem(None, None, None, problem.reason)])
    assert describe(error, "nl").splitlines() == [
        "b.xlsx: werkblad 'projects', rij 4, kolom 'id': id 'a' komt twee keer voor",
        "b.xlsx: id 'a' komt twee keer voor",
    ]
    assert str(error) == describe(error, "en")


def _bad_supply_sheet(book: object) -> None:
    """'veel' (no number) for the graduates of the plan's supply file, in its row 3."""
    supply = bundled_plan().talent
    assert supply is not None and supply.supply_file
    sheet = book[supply.supply_file.replace("/", ".")]  # type: ignore[index]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("graduates") + 1).value = "veel"


def test_cli_import_refuses_a_bad_supply_sheet_in_the_webs_words(
    tmp_path: Path, book_bytes: bytes
) -> None:
    # Before: the plan was written (and check called it valid) while the web refused the
    # same workbook, naming the supply file's row and column.
    from clusterplan.model.talent_supply import SupplyError, parse_supply_bytes

    path = _edited(book_bytes, tmp_path / "b.xlsx", _bad_supply_sheet)
    result = runner.invoke(app, ["--lang", "nl", "plan", "import", str(path), str(tmp_path / "p")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    # The web reads the plan's supply file by its name and shows each problem's text.
    supply = bundled_plan().talent
    assert supply is not None and supply.supply_file
    name = Path(supply.supply_file).name
    lines = (BUNDLED_PLAN_DIR / supply.supply_file).read_text(encoding="utf-8-sig").splitlines()
    cells = lines[2].split(",")
    cells[lines[0].split(",").index("graduates")] = "veel"
    lines[2] = ",".join(cells)
    with pytest.raises(SupplyError) as refused:
        parse_supply_bytes(name, "\n".join(lines).encode("utf-8"))
    shown = [p.text("nl") for p in refused.value.problems]
    assert len(shown) == 1 and shown[0].startswith(f"{name}, rij 3, kolom 'graduates': ")
    assert result.stderr.splitlines() == [f"fout: {text}" for text in shown]
    assert "veel" in result.stderr
    # All or nothing: no plan folder, no temporary folder left behind.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


def test_cli_import_refuses_a_plan_a_model_cannot_use_as_check_does(
    tmp_path: Path, book_bytes: bytes
) -> None:
    # Before: written, though check (and the web's upload) refuse it.
    def drop_first_growth_assumption(book: object) -> None:
        book["assumptions.growth"].delete_rows(2)  # type: ignore[index]

    path = _edited(book_bytes, tmp_path / "b.xlsx", drop_first_growth_assumption)
    result = runner.invoke(app, ["plan", "import", str(path), str(tmp_path / "p")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "the growth model cannot use this plan" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]
