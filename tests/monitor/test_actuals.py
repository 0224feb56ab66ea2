"""Reading actuals: all or nothing, every problem named by file, row, column and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clusterplan.errors import Coded
from clusterplan.io.sheets import FileProblem, grid_to_csv, grid_to_xlsx, parse_csv_text, read_table
from clusterplan.monitor.actuals import (
    Actual,
    Actuals,
    ActualsError,
    actuals_grid,
    parse_actual_rows,
    read_actuals,
)
from clusterplan.plan.schema import Plan
from tests.monitor.conftest import FICTIONAL

HEADER = "indicator,subject,year,value,source,received,organisation"


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def problems(tmp_path: Path, plan: Plan, *rows: str, header: str = HEADER) -> list[FileProblem]:
    with pytest.raises(ActualsError) as caught:
        read_actuals(write(tmp_path, *rows, header=header), plan)
    return caught.value.problems


def only(found: list[FileProblem]) -> FileProblem:
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def coded(problem: FileProblem) -> Coded:
    """The problem's reason, which is coded (its code and parameters, for any language)."""
    assert isinstance(problem.reason, Coded), problem
    return problem.reason


def test_fictional_set_covers_every_indicator_with_sources(plan: Plan, fictional: Actuals) -> None:
    assert plan.monitoring is not None
    assert set(fictional.indicators()) == {i.id for i in plan.monitoring.indicators}
    assert all(a.source and a.received is not None for a in fictional)
    base = plan.employment.base_year
    assert fictional.series("jobs", "design")[base] == plan.employment.base["design"]
    assert min(fictional.years("jobs")) < base  # history before the base year
    assert len(fictional.years("jobs")) >= 5


def test_fictional_set_is_labelled_fictional() -> None:
    readme = (FICTIONAL.parent / "README.md").read_text(encoding="utf-8")
    assert "FICTIONAL" in readme
    assert all("fictief" in line for line in FICTIONAL.read_text().splitlines()[1:])


def test_a_good_file_reads_every_field(tmp_path: Path, plan: Plan) -> None:
    path = write(
        tmp_path,
        "jobs,design,2027,1070,PWR,2028-03-14,",
        "partner-jobs,equipment,2028,12,eigen opgave,,besi",
        'revenue,,2027,"4310,5",jaarrekening,,',
    )
    got = read_actuals(path, plan)
    assert got.rows == (
        Actual("jobs", "design", 2027, 1070.0, "PWR", date(2028, 3, 14)),
        Actual("partner-jobs", "equipment", 2028, 12.0, "eigen opgave", None, "besi"),
        Actual("revenue", None, 2027, 4310.5, "jaarrekening", None),
    )


def test_one_bad_row_among_good_ones_names_that_row_and_nothing_is_read(
    tmp_path: Path, plan: Plan
) -> None:
    found = problems(
        tmp_path,
        plan,
        "jobs,design,2027,1070,PWR,,",
        "jobs,design,2028,1390,PWR,,",
        "jobs,desing,2029,1700,PWR,,",
        "jobs,design,2030,2010,PWR,,",
    )
    p = only(found)
    assert (p.row, p.column, coded(p).code) == (4, "subject", "actuals.unknown_subject")
    assert (coded(p).params["value"], coded(p).params["kind"]) == ("desing", "pillar")
    assert str(p).startswith(f"{tmp_path / 'actuals.csv'}, row 4, column 'subject': 'desing'")


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ("patents,,2027,3,x,,", "indicator", "unknown indicator 'patents'"),
        (",,2027,3,x,,", "indicator", "empty (a value is required)"),
        ("jobs,acp,2027,3,x,,", "subject", "'acp' is not a pillar id of the plan"),
        ("spending,design,2027,3,x,,", "subject", "'design' is not a project id"),
        ("spending-by-source,eu,2027,3,x,,", "subject", "'eu' is not a funding source"),
        ("inflow,phd,2027,3,x,,", "subject", "'phd' is not an education level"),
        ("revenue,design,2027,3,x,,", "subject", "'design' is not empty"),
        ("jobs,design,20x7,3,x,,", "year", "must be a whole number (got '20x7')"),
        ("jobs,design,2027.5,3,x,,", "year", "must be a whole number (got '2027.5')"),
        ("jobs,design,,3,x,,", "year", "empty (a value is required)"),
        ("jobs,design,2099,3,x,,", "year", "2099 is outside"),
        ("spending,acp,2099,3,x,,", "year", "for 'spending'"),
        ("spending,acp,2020,3,x,,", "year", "has no history before the plan"),
        ("jobs,design,1900,3,x,,", "year", "1900 is outside"),
        ("jobs,design,2027,many,x,,", "value", "must be a number (got 'many')"),
        ("jobs,design,2027,1_000,x,,", "value", "must be a number (got '1_000')"),
        ('jobs,design,2027,"1,000,5",x,,', "value", "must be a number"),
        ("jobs,design,2027,nan,x,,", "value", "must be a finite number"),
        ("jobs,design,2027,inf,x,,", "value", "must be a finite number"),
        ("jobs,design,2027,-5,x,,", "value", "must not be negative (got -5)"),
        ("jobs,design,2027,5,,,", "source", "empty (a value is required)"),
        ("jobs,design,2027,5,x,14-03-2028,", "received", "must be a date as YYYY-MM-DD"),
        ("jobs,design,2027,5,x,2028-03-14junk,", "received", "must be a date as YYYY-MM-DD"),
        ("partner-jobs,design,2027,5,x,,", "organisation", "is submitted per organisation"),
    ],
)
def test_each_kind_of_bad_cell_is_named(
    tmp_path: Path, plan: Plan, row: str, column: str, reason: str
) -> None:
    p = only(problems(tmp_path, plan, "jobs,design,2027,1070,PWR,,", row))
    assert (p.file, p.row, p.column) == (str(tmp_path / "actuals.csv"), 3, column)
    assert reason in p.reason
    assert coded(p).text("nl") != coded(p).text("en")  # worded in the reader's language


def test_history_years_are_allowed_only_for_indicators_with_history(
    tmp_path: Path, plan: Plan
) -> None:
    assert plan.monitoring is not None
    first = plan.monitoring.history_from
    got = read_actuals(write(tmp_path, f"jobs,,{first},2900,Figuur 4,,"), plan)
    assert got.series("jobs", None) == {first: 2900.0}
    p = only(problems(tmp_path, plan, f"jobs,,{first - 1},2900,Figuur 4,,"))
    assert p.column == "year" and f"outside {first}-" in p.reason
    late = only(problems(tmp_path, plan, f"spending,acp,{plan.meta.horizon_end + 1},3,x,,"))
    assert "no history" not in late.reason  # the year is too late, not too early


def test_duplicates_name_both_rows(tmp_path: Path, plan: Plan) -> None:
    p = only(
        problems(
            tmp_path,
            plan,
            "jobs,design,2027,1070,PWR,,",
            "jobs,equipment,2027,1830,PWR,,",
            "jobs,design,2027,1071,PWR (revised),,",
        )
    )
    assert p.row == 4 and "duplicate of row 2" in p.reason
    assert (coded(p).code, coded(p).params) == ("actuals.duplicate", {"first_row": 2})


def test_the_same_subject_from_two_organisations_is_no_duplicate(
    tmp_path: Path, plan: Plan
) -> None:
    got = read_actuals(
        write(
            tmp_path,
            "partner-jobs,equipment,2028,610,x,,besi",
            "partner-jobs,equipment,2028,540,x,,asmpt-alsi",
        ),
        plan,
    )
    assert got.series("partner-jobs", "equipment") == {2028: 1150.0}
    assert got.organisations("partner-jobs", "equipment", 2028) == 2


def test_an_organisation_must_be_one_the_plan_or_the_registry_knows(
    tmp_path: Path, plan: Plan
) -> None:
    """A misspelt id would count as one more organisation under the disclosure rule; the
    platform refused it, the command line took it."""
    rows = ("partner-jobs,design,2027,60,x,,nxp", "partner-jobs,design,2027,60,x,,NXP")
    with pytest.raises(ActualsError) as caught:
        read_actuals(write(tmp_path, *rows), plan)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, "organisation")
    assert problem.reason.code == "registry.unknown_organisation"
    table = read_table(write(tmp_path, *rows))
    known = {"nxp", "NXP"}  # a registry (the platform's) that holds both
    got = parse_actual_rows(table.rows, plan, table.file, table.columns, known)
    assert got.organisations("partner-jobs", "design", 2027) == 2


def test_every_problem_of_a_file_is_listed(tmp_path: Path, plan: Plan) -> None:
    found = problems(
        tmp_path, plan, "jobs,design,2027,-1,,,", "nope,,2027,1,x,,", "jobs,design,2027,1,x,,"
    )
    assert [(p.row, p.column) for p in found] == [(2, "value"), (2, "source"), (3, "indicator")]


def test_header_problems_name_the_column(tmp_path: Path, plan: Plan) -> None:
    found = problems(
        tmp_path, plan, "jobs,design,2027,1,x", header="indicator,subject,yaer,value,source"
    )
    assert [(p.row, p.column, p.reason.split(" (")[0]) for p in found] == [
        (1, "year", "required column is missing"),
        (1, "yaer", "unknown column"),
    ]
    assert [coded(p).code for p in found] == ["table.missing_column", "import.unknown_column"]


def test_unreadable_files_are_one_problem_not_a_traceback(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "actuals.txt"
    path.write_text("x")
    with pytest.raises(ActualsError) as caught:
        read_actuals(path, plan)
    assert "unsupported file type" in str(caught.value)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ActualsError) as caught:
        read_actuals(broken, plan)
    assert "not a readable XLSX workbook" in str(caught.value)


def test_xlsx_reads_the_same_as_csv(tmp_path: Path, plan: Plan, fictional: Actuals) -> None:
    table = parse_csv_text(FICTIONAL.read_text(encoding="utf-8"), "x")
    grid: list[list[str | int | float | None]] = [list(table.columns)]
    for row in table.rows:
        cells: list[str | int | float | None] = [row.cells[c] or None for c in table.columns]
        cells[2] = int(str(cells[2]))  # numbers as numbers, as a spreadsheet stores them
        cells[3] = float(str(cells[3]))
        grid.append(cells)
    path = tmp_path / "actuals.xlsx"
    path.write_bytes(grid_to_xlsx(grid))
    assert read_actuals(path, plan).rows == fictional.rows


def test_parse_actual_rows_takes_plain_mappings(plan: Plan) -> None:
    rows = [{"indicator": "jobs", "subject": "design", "year": 2027, "value": 5, "source": "x"}]
    assert parse_actual_rows(rows, plan, "web form").series("jobs", "design") == {2027: 5.0}
    with pytest.raises(ActualsError) as caught:
        parse_actual_rows([{**rows[0], "year": "later"}], plan, "web form")
    assert (
        str(caught.value) == "web form, row 2, column 'year': must be a whole number (got 'later')"
    )


def test_totals_follow_the_aggregation_by_hand() -> None:
    def a(ind: str, subject: str | None, year: int, value: float) -> Actual:
        return Actual(ind, subject, year, value, "x", None)

    got = Actuals(
        (
            a("s", "p", 1, 1.0),
            a("s", "q", 1, 2.0),
            a("s", None, 2, 10.0),
            a("s", "p", 2, 4.0),
            a("m", "p", 1, 1.0),
            a("m", "q", 1, 4.0),
            a("l", "p", 1, 7.0),
            a("l", "q", 2, 3.0),
            a("l", "p", 3, 5.0),
        ),
        {"s": "sum", "m": "mean", "l": "last"},
    )
    assert got.total("s", 1) == 3.0
    assert got.total("s", 2) == 10.0  # a row given as the cluster total wins
    assert got.total("s", 3) is None
    assert got.total("m", 1) == 2.5
    assert got.total("l", 1) == 7.0
    assert got.total("l", 2) == 10.0  # p carried forward from year 1, q counted in year 2
    assert got.total("l", 3) == 8.0
    assert got.total("l", 0) is None


def test_a_downloaded_grid_reads_back_the_same(
    tmp_path: Path, plan: Plan, fictional: Actuals
) -> None:
    path = tmp_path / "download.csv"
    path.write_text(grid_to_csv(actuals_grid(fictional)), encoding="utf-8")
    assert read_actuals(path, plan).rows == fictional.rows


def test_a_workbook_of_several_sheets_names_the_sheet_read(tmp_path: Path, plan: Plan) -> None:
    """Only the first sheet is read: with a notes sheet first, every problem says which
    sheet it is about (it had said "row 1, column 'indicator': required column missing" of
    a file whose second sheet has that column); a workbook of one sheet names none."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["read me"])
    data = book.create_sheet("Figures")
    data.append(["indicator", "subject", "year", "value", "source"])
    path = tmp_path / "figures.xlsx"
    book.save(path)
    with pytest.raises(ActualsError) as caught:
        read_actuals(path, plan)
    texts = {lang: " ".join(p.text(lang) for p in caught.value.problems) for lang in ("nl", "en")}
    assert "figures.xlsx, werkblad 'Notes', rij 1" in texts["nl"], texts["nl"]
    assert "figures.xlsx, sheet 'Notes', row 1" in texts["en"], texts["en"]
    del book["Notes"]
    data.append(["no-such-indicator", "", 2027, 1, "x"])
    book.save(path)
    with pytest.raises(ActualsError) as caught:
        read_actuals(path, plan)
    assert [p.text("en").split(": ")[0] for p in caught.value.problems] == [
        f"{path}, row 2, column 'indicator'"
    ]
