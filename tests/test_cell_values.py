"""One rule for what a cell of an imported table means (:mod:`clusterplan.io.cell_values`),
and every import of the core reading its number and whole-number columns by that rule.

Before, each import had its own: the registry took ``1_000`` as a thousand and ``nan`` as a
revenue, leads took ``2026-01-05junk`` as a date, supply refused a decimal comma that
actuals took, and an event's priority refused ``2.0``. The second half of this file holds
every import to the rule cell by cell, so a new import or a local shortcut that reads a
cell otherwise fails here; the last part holds every import to the words of the one row
reader (:class:`~clusterplan.io.rows.RowReader`) for a refused number, a number outside
its range and an empty cell, where the actuals and the leads had words of their own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import pytest

from clusterplan.ecosystem import Registry, ecosystem_settings, preview_import
from clusterplan.ecosystem.funnel import LEAD_JOBS, LEAD_NUMBER_BOUNDS
from clusterplan.ecosystem.leads_table import TableProblems, history_from_table, leads_from_table
from clusterplan.ecosystem.registry import NUMBER_BOUNDS, registry_from_plan
from clusterplan.ecosystem.startup_import import (
    Known,
    Register,
    funding_rows,
    jobs_rows,
    milestone_rows,
    profile_rows,
)
from clusterplan.errors import Coded, ProblemsError
from clusterplan.events.tables import (
    EventTableError,
    availability_from_table,
    requests_from_table,
)
from clusterplan.io import cell_values
from clusterplan.io.cell_values import CellError
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import Cell, FileProblem, Table, parse_csv_text
from clusterplan.labels import label, names
from clusterplan.model.talent_supply import SupplyError, parse_supply
from clusterplan.monitor.actuals import ActualsError, parse_actual_rows
from clusterplan.plan.bounds import HEADCOUNT, MONEY_MEUR, PEOPLE_PER_YEAR, PRIORITY, YEAR, Bound
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("12.5", 12.5),
        ("12,5", 12.5),
        (" 7 ", 7.0),
        ("1 234", 1234.0),
        ("1\u00a0234,5", 1234.5),
        ("1e3", 1000.0),
        ("-3", -3.0),
        (12, 12.0),
        (12.25, 12.25),
    ],
)
def test_a_number_is_read_in_either_notation(cell: Cell, value: float) -> None:
    assert cell_values.number(cell) == value


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("1_000", "value.number"),
        ("1,234.5", "value.number"),
        ("1.234,5", "value.number"),
        ("12,5,0", "value.number"),
        ("twelve", "value.number"),
        ("", "value.number"),
        (None, "value.number"),
        (True, "value.number"),
        ("nan", cell_values.NOT_FINITE),
        ("-inf", cell_values.NOT_FINITE),
        (float("inf"), cell_values.NOT_FINITE),
    ],
)
def test_what_is_not_a_number_is_refused_with_its_code(cell: Cell, code: str) -> None:
    with pytest.raises(CellError) as caught:
        cell_values.number(cell)
    assert caught.value.reason.code == code
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError still do


@pytest.mark.parametrize(("cell", "value"), [("12", 12), ("12.0", 12), ("12,0", 12), (12.0, 12)])
def test_a_whole_number_may_carry_a_zero_fraction(cell: Cell, value: int) -> None:
    result = cell_values.whole(cell)
    assert result == value and isinstance(result, int)


@pytest.mark.parametrize("cell", ["12.5", "12,5", "1_2", "nan", "inf", True, None, "x"])
def test_what_is_not_whole_is_refused(cell: Cell) -> None:
    with pytest.raises(CellError) as caught:
        cell_values.whole(cell)
    assert caught.value.reason.code == "value.whole_number"


def test_dates_from_text_and_from_a_workbook() -> None:
    assert cell_values.day("2028-03-14") == date(2028, 3, 14)
    assert cell_values.day(" 2028-03-14 ") == date(2028, 3, 14)
    assert cell_values.day("2028-03-14 09:30:00") == date(2028, 3, 14)
    assert cell_values.day(datetime(2028, 3, 14, 9, 30)) == date(2028, 3, 14)
    for bad in ("14-03-2028", "2028-03-14junk", "2028-13-01", "", None):
        with pytest.raises(CellError) as caught:
            cell_values.day(bad)
        assert caught.value.reason.code == "value.not_a_date"


def test_yes_and_no_in_both_languages() -> None:
    assert [cell_values.flag(c) for c in ("ja", "YES", "1", 1, True, "waar")] == [True] * 6
    assert [cell_values.flag(c) for c in ("nee", "No", "0", 0, False, "onwaar")] == [False] * 6
    with pytest.raises(CellError) as caught:
        cell_values.flag("misschien")
    assert caught.value.reason.code == "value.yes_no"


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("nl", ["?", "?", "ja", "nee", "1500", "12,345", "2030-06-01", "Acme; ACME BV"]),
        ("en", ["?", "?", "yes", "no", "1500", "12.345", "2030-06-01", "Acme; ACME BV"]),
    ],
)
def test_a_value_is_written_as_a_file_holds_it_and_reads_back(lang: str, texts: list[str]) -> None:
    """What an import's preview shows for a value is what a file in that language holds:
    yes and no in the language's words, a number in its decimal mark and not grouped (an
    import reads ``1.500`` as 1,5), unknown as '?', a list separated as in a cell."""
    given = [None, [], True, False, 1500, 12.345, date(2030, 6, 1), ["Acme", "ACME BV"]]
    assert [cell_values.written(v, lang) for v in given] == texts
    assert cell_values.flag(texts[2]) is True and cell_values.flag(texts[3]) is False
    assert cell_values.whole(texts[4]) == 1500 and cell_values.number(texts[5]) == 12.345
    assert cell_values.day(texts[6]) == given[6]
    assert [p.strip() for p in texts[7].split(cell_values.LIST_SEPARATOR)] == given[7]


def test_a_value_of_an_enumeration_is_written_by_its_words_and_reads_back() -> None:
    words = names("startup.stage")
    for lang in ("nl", "en"):
        for value in words:
            text = cell_values.written(value, lang, "startup.stage")
            assert text == label("startup.stage", value, lang)
            assert cell_values.choice(text, words) == value


def test_a_refusal_quotes_the_cell_in_either_language() -> None:
    with pytest.raises(CellError) as caught:
        cell_values.number("twaalf" * 20)
    quoted = repr(("twaalf" * 20)[: cell_values.SHOWN_CHARS])
    assert caught.value.reason.text("en") == f"must be a number (got {quoted})"
    assert caught.value.reason.text("nl") == f"moet een getal zijn (gegeven: {quoted})"
    with pytest.raises(CellError) as caught:
        cell_values.number("nan")
    assert caught.value.reason.text("nl") == "moet een eindig getal zijn (gegeven: 'nan')"


# --------------------------------------------------------------------------- every import

NUMBER_CELLS = ["12.5", "12,5", "1 234", "1e3", " 7 ", "1_000", "1,234.5", "nan", "inf", "x"]
"""Cells a number column meets, half of them refused by the rule (none negative: every
number column below refuses a negative amount by its own bound)."""


def _whole_cells(year: int) -> list[str]:
    """Cells a whole-number column meets, around ``year`` so that a year column takes the
    accepted ones by its range too."""
    head, tail = divmod(year, 1000)
    return [
        str(year),
        f"{year}.0",
        f"{year},0",
        f"{head} {tail:03d}",
        f"{year / 1000}e3",
        f"{year}.5",
        f"{year},5",
        f"{head}_{tail:03d}",
        "nan",
        "x",
    ]


def _csv(header: list[str], row: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([header, row])
    return out.getvalue()


Reader = Callable[[Plan, str], float | None]
"""Reads one cell into one column of one import; None when the import refuses the row."""


def _registry(column: str) -> Reader:
    def read(plan: Plan, cell: str) -> float | None:
        cells = {"name": "Acme", "kind": "supplier", column: cell}
        table = parse_csv_text(_csv(list(cells), list(cells.values())), "o.csv")
        preview = preview_import(Registry(()), table, plan.taxonomy, ecosystem_settings(plan))
        if not preview.valid:
            return None
        (organisation,) = preview.commit().organisations
        value: float = getattr(organisation, column)
        return value

    return read


def _leads(column: str) -> Reader:
    def read(plan: Plan, cell: str) -> float | None:
        pillar = plan.taxonomy.pillars[0].id
        cells = dict(LEAD_ROW)
        cells[column.replace("PILLAR", pillar)] = cell
        text = _csv(list(cells), list(cells.values()))
        registry = registry_from_plan(plan)
        try:
            (lead,) = leads_from_table(
                parse_csv_text(text, "l.csv"), registry, plan.taxonomy, ecosystem_settings(plan)
            )
        except TableProblems:
            return None
        if column == "jobs_PILLAR":
            return lead.expected_jobs[pillar]
        value: float | None = getattr(lead, column)
        return value

    return read


def _one_row(
    base: Callable[[Plan], dict[str, str]],
    parse: Callable[[Plan, dict[str, str]], Any],
    refused: type[Exception],
) -> Callable[[str], Reader]:
    """A reader per column of an import that takes one row of ``base`` cells: the row with
    the cell put in that column, parsed; None when the import refuses it."""

    def for_column(column: str) -> Reader:
        def read(plan: Plan, cell: str) -> float | None:
            try:
                found = parse(plan, {**base(plan), column: cell})
            except refused:
                return None
            value: float = getattr(found, column)
            return value

        return read

    return for_column


def _actuals_row(plan: Plan) -> dict[str, str]:
    """A row of actuals the import takes."""
    return {
        "indicator": "jobs",
        "subject": plan.taxonomy.pillars[0].id,
        "year": str(plan.employment.base_year + 1),
        "value": "5",
        "source": "test",
    }


def _supply_row(plan: Plan) -> dict[str, str]:
    """A row of education supply the import takes."""
    return {
        "institution": "School",
        "programme": "Programme",
        "level": EDUCATION_LEVELS[0],
        "year": str(plan.employment.base_year),
        "enrolled": "40",
        "graduates": "30",
    }


LEAD_ROW = {"company": "Acme", "source": "event", "stage": "visit"}
"""A row of leads the import takes."""


_actuals = _one_row(
    _actuals_row,
    lambda plan, cells: next(iter(parse_actual_rows([cells], plan, "a.csv"))),
    ActualsError,
)
_supply = _one_row(
    _supply_row,
    lambda plan, cells: parse_supply(
        parse_csv_text(_csv(list(cells), list(cells.values())), "s.csv")
    ).rows[0],
    SupplyError,
)


def _event_slot(plan: Plan, cell: str) -> float | None:
    table = parse_csv_text(_csv(["participant", "slot"], ["x", cell]), "av.csv")
    try:
        (slots,) = availability_from_table(table, slots=10_000).values()
    except EventTableError:
        return None
    (slot,) = slots
    return slot


NUMBER_READERS: dict[str, Reader] = {
    "registry revenue": _registry("revenue_meur"),
    "lead capex": _leads("capex_meur"),
    "actual value": _actuals("value"),
    "supply graduates": _supply("graduates"),
}
WHOLE_READERS: dict[str, Reader] = {
    "registry jobs": _registry("jobs"),
    "lead jobs": _leads("jobs_PILLAR"),
    "actual year": _actuals("year"),
    "supply year": _supply("year"),
    "event slot": _event_slot,
    # an event priority is read by the same reader as a slot, within bounds.PRIORITY (1-100),
    # which a year-like cell is outside: tests/events/test_cli_events.py holds it
}


def _by_rule(parse: Callable[[Cell], float], cell: str) -> float | None:
    try:
        return parse(cell)
    except CellError:
        return None


@pytest.mark.parametrize("reader", NUMBER_READERS, ids=str)
def test_every_number_column_reads_a_cell_as_the_rule_does(plan: Plan, reader: str) -> None:
    read = NUMBER_READERS[reader]
    found = {cell: read(plan, cell) for cell in NUMBER_CELLS}
    assert found == {cell: _by_rule(cell_values.number, cell) for cell in NUMBER_CELLS}


@pytest.mark.parametrize("reader", WHOLE_READERS, ids=str)
def test_every_whole_number_column_reads_a_cell_as_the_rule_does(plan: Plan, reader: str) -> None:
    read = WHOLE_READERS[reader]
    cells = _whole_cells(plan.employment.base_year + 1)
    found = {cell: read(plan, cell) for cell in cells}
    assert found == {cell: _by_rule(cell_values.whole, cell) for cell in cells}
    assert sum(v is not None for v in found.values()) == 5  # both halves are exercised


# --------------------------------------------------------------------------- enumerations


def test_a_value_is_named_by_itself_or_its_words_in_either_language() -> None:
    names = {"on_hold": ("Gepauzeerd", "On hold"), "identified": ("Geïdentificeerd", "Identified")}
    for cell in ("on_hold", "On hold", "on-hold", " ON  HOLD ", "gepauzeerd"):
        assert cell_values.choice(cell, names) == "on_hold", cell
    assert cell_values.choice("geidentificeerd", names) == "identified"
    for bad in ("", None, "maybe", "on"):
        with pytest.raises(CellError) as caught:
            cell_values.choice(bad, names)
        assert caught.value.reason.code == "value.not_one_of"
    assert caught.value.reason.text("nl") == (
        "moet een van on_hold, identified zijn (gegeven: 'on')"
    )


def _choice_cells(kind: str) -> list[str]:
    """Cells naming values of ``kind`` every way the rule allows, and one naming none."""
    (value, (dutch, english)), *_ = names(kind).items()
    return [value, dutch.upper(), english, value.replace("_", "-"), "no such value"]


def _text_of(found: float | str | None) -> str | None:
    return None if found is None else str(getattr(found, "value", found))


CHOICE_READERS: dict[str, tuple[str, Callable[[Plan, str], object]]] = {
    "registry kind": ("organisation.kind", _registry("kind")),
    "lead source": ("lead.source", _leads("source")),
    "lead stage": ("lead.stage", _leads("stage")),
    "supply level": ("education.level", _supply("level")),
}


@pytest.mark.parametrize("reader", CHOICE_READERS, ids=str)
def test_every_enumeration_column_reads_a_cell_as_the_rule_does(plan: Plan, reader: str) -> None:
    kind, read = CHOICE_READERS[reader]
    cells = _choice_cells(kind)
    found = {cell: _text_of(read(plan, cell)) for cell in cells}  # type: ignore[arg-type]
    expected = {}
    for cell in cells:
        try:
            expected[cell] = cell_values.choice(cell, names(kind))
        except CellError:
            expected[cell] = None
    assert found == expected
    assert list(expected.values()).count(None) == 1


# --------------------------------------------------------------------------- headers


def test_every_import_names_each_missing_column_in_the_same_words(plan: Plan) -> None:
    """Supply had named its missing columns in one line of its own words, actuals in
    another, leads in a third, an event's requests only the first in a fourth; each missing
    column is now its own problem, one reason."""
    missing: dict[str, list[tuple[object, str]]] = {}
    with pytest.raises(SupplyError) as supply:
        parse_supply(
            parse_csv_text("institution,programme,level,year,extra\nA,P,hbo,2027,1\n", "s")
        )
    missing["supply"] = [(p.column, p.reason.code) for p in supply.value.problems]
    with pytest.raises(ActualsError) as actuals:
        parse_actual_rows([], plan, "a.csv", ("indicator", "subject", "year", "source", "x"))
    missing["actuals"] = [(p.column, p.reason.code) for p in actuals.value.problems]
    with pytest.raises(TableProblems) as leads:
        leads_from_table(
            parse_csv_text("company,x\nAcme,1\n", "l.csv"),
            registry_from_plan(plan),
            plan.taxonomy,
            ecosystem_settings(plan),
        )
    missing["leads"] = [(p.column, p.reason.code) for p in leads.value.problems]
    with pytest.raises(EventTableError) as event:
        requests_from_table(parse_csv_text("a,x\nA,1\n", "r.csv"))
    missing["event requests"] = [(p.column, p.reason.code) for p in event.value.problems]
    assert missing == {
        # supply reads a public data set's shape: other columns are passed over
        "supply": [("enrolled", "table.missing_column"), ("graduates", "table.missing_column")],
        "actuals": [("value", "table.missing_column"), ("x", "import.unknown_column")],
        "leads": [
            ("source", "table.missing_column"),
            ("stage", "table.missing_column"),
            ("x", "import.unknown_column"),
        ],
        "event requests": [("b", "table.missing_column"), ("x", "import.unknown_column")],
    }


# --------------------------------------------------------------------------- one wording

Problems = Callable[[Plan, dict[str, str]], Sequence[FileProblem]]
"""The problems an import finds in a file of one row of these cells (none: it takes it)."""


def _table(cells: dict[str, str], file: str) -> Table:
    return parse_csv_text(_csv(list(cells), list(cells.values())), file)


def _raised(read: Callable[[Plan, Table], object], refused: type[ProblemsError[Any]]) -> Problems:
    def problems(plan: Plan, cells: dict[str, str]) -> Sequence[FileProblem]:
        try:
            read(plan, _table(cells, "f.csv"))
        except refused as exc:
            return exc.problems
        return []

    return problems


def _registry_problems(plan: Plan, cells: dict[str, str]) -> Sequence[FileProblem]:
    table = _table(cells, "f.csv")
    return preview_import(Registry(()), table, plan.taxonomy, ecosystem_settings(plan)).problems


_FOUNDED = Register([Known("acme", "Acme", 2010)])

IMPORTS: dict[str, tuple[Callable[[Plan], dict[str, str]], Problems]] = {
    "registry": (
        lambda plan: {"name": "Acme", "kind": "supplier"},
        _registry_problems,
    ),
    "leads": (
        lambda plan: LEAD_ROW,
        _raised(
            lambda plan, table: leads_from_table(
                table, registry_from_plan(plan), plan.taxonomy, ecosystem_settings(plan)
            ),
            TableProblems,
        ),
    ),
    "lead history": (
        lambda plan: {"lead": "acme", "stage": "visit", "date": "2026-01-05"},
        _raised(lambda plan, table: history_from_table(table, ["acme"]), TableProblems),
    ),
    "actuals": (
        _actuals_row,
        _raised(
            lambda plan, table: parse_actual_rows(table.rows, plan, table.file, table.columns),
            ActualsError,
        ),
    ),
    "supply": (
        _supply_row,
        _raised(lambda plan, table: parse_supply(table), SupplyError),
    ),
    "event requests": (
        lambda plan: {"a": "x", "b": "y", "priority": "2"},
        _raised(lambda plan, table: requests_from_table(table), EventTableError),
    ),
    "event availability": (
        lambda plan: {"participant": "x", "slot": "3"},
        _raised(lambda plan, table: availability_from_table(table, slots=10), EventTableError),
    ),
    "start-up jobs": (
        lambda plan: {"startup": "acme", "year": "2020", "jobs": "3"},
        lambda plan, cells: jobs_rows(_table(cells, "f.csv"), _FOUNDED).problems,
    ),
    "start-up funding": (
        lambda plan: {"startup": "acme", "date": "2020-01-05", "amount_meur": "1", "kind": "loan"},
        lambda plan, cells: funding_rows(_table(cells, "f.csv"), _FOUNDED).problems,
    ),
    "start-up milestones": (
        lambda plan: {"startup": "acme", "date": "2020-01-05", "title": "Prototype"},
        lambda plan, cells: milestone_rows(_table(cells, "f.csv"), _FOUNDED).problems,
    ),
    "start-ups": (
        lambda plan: {"name": "Nova", "stage": "seed", "programme": "none", "founded": "2015"},
        lambda plan, cells: (
            profile_rows(
                _table(cells, "f.csv"),
                _FOUNDED,
                organisations=(),
                taxonomy=plan.taxonomy,
                this_year=2026,
            ).problems
        ),
    ),
}
"""Every import of the core, with a row of cells it takes."""

whole, number = cell_values.whole, cell_values.number
NUMBER_COLUMNS: list[tuple[str, str, Callable[[Cell], float], Bound | None]] = [
    ("registry", "jobs", whole, NUMBER_BOUNDS["jobs"]),
    ("registry", "revenue_meur", number, NUMBER_BOUNDS["revenue_meur"]),
    ("leads", "jobs_PILLAR", whole, LEAD_JOBS),
    ("leads", "landing_year", whole, LEAD_NUMBER_BOUNDS["landing_year"]),
    ("leads", "area_m2", number, LEAD_NUMBER_BOUNDS["area_m2"]),
    ("leads", "capex_meur", number, LEAD_NUMBER_BOUNDS["capex_meur"]),
    ("leads", "probability", number, LEAD_NUMBER_BOUNDS["probability"]),
    ("actuals", "year", whole, None),  # within the plan's years: the actuals' own reason
    ("actuals", "value", number, None),  # any size; negative only where the indicator allows
    ("supply", "year", whole, YEAR),
    ("supply", "enrolled", number, PEOPLE_PER_YEAR),
    ("supply", "graduates", number, PEOPLE_PER_YEAR),
    ("event requests", "priority", whole, PRIORITY),
    ("event availability", "slot", whole, None),  # within the event's slots
    ("start-up jobs", "year", whole, YEAR),
    ("start-up jobs", "jobs", whole, HEADCOUNT),
    ("start-up funding", "amount_meur", number, MONEY_MEUR),
    ("start-ups", "founded", whole, None),  # not after this year: the portfolio's own reason
    ("start-ups", "status_year", whole, None),
]
"""Every number column of every import: the rule of its cells and its declared range."""
NUMBER_PARAMS = [pytest.param(*c, id=f"{c[0]}-{c[1]}") for c in NUMBER_COLUMNS]

REQUIRED_CELLS: list[tuple[str, str]] = [
    ("leads", "company"),
    ("leads", "source"),
    ("leads", "stage"),
    ("lead history", "lead"),
    ("lead history", "stage"),
    ("lead history", "date"),
    ("actuals", "indicator"),
    ("actuals", "year"),
    ("actuals", "value"),
    ("actuals", "source"),
    ("supply", "institution"),
    ("supply", "programme"),
    ("supply", "level"),
    ("supply", "year"),
    ("supply", "graduates"),
    ("event requests", "a"),
    ("event requests", "b"),
    ("event availability", "participant"),
    ("event availability", "slot"),
    ("start-up jobs", "startup"),
    ("start-up jobs", "year"),
    ("start-up jobs", "jobs"),
    ("start-up funding", "startup"),
    ("start-up funding", "date"),
    ("start-up funding", "amount_meur"),
    ("start-up funding", "kind"),
    ("start-up milestones", "startup"),
    ("start-up milestones", "date"),
    ("start-up milestones", "title"),
    ("start-ups", "name"),
]
"""Every column of an import whose cell must not be empty (the registry has none: an empty
cell keeps the stored value)."""


def _problem_of(plan: Plan, name: str, column: str, cell: str) -> tuple[str, FileProblem]:
    """The column a cell goes into (a lead's ``jobs_PILLAR``: the plan's first pillar) and
    the one problem the import finds with it."""
    base, problems = IMPORTS[name]
    column = column.replace("PILLAR", plan.taxonomy.pillars[0].id)
    found = problems(plan, {**base(plan), column: cell})
    assert len(found) == 1, [p.text("en") for p in found]
    return column, found[0]


def _as_read(problem: FileProblem) -> tuple[object, ...]:
    """A problem as a user reads it, in both languages, with its code and parameters."""
    reason = problem.reason
    assert isinstance(reason, Coded), problem
    where = (problem.file, problem.row, problem.column)
    return (*where, reason.code, reason.params, problem.text("en"), problem.text("nl"))


def test_the_lists_hold_every_import() -> None:
    assert {c[0] for c in NUMBER_COLUMNS} == set(IMPORTS) - {
        "lead history",
        "start-up milestones",
    }
    assert {name for name, _ in REQUIRED_CELLS} == set(IMPORTS) - {"registry"}


@pytest.mark.parametrize("name", IMPORTS, ids=str)
def test_each_row_of_the_lists_is_taken_as_it_is(plan: Plan, name: str) -> None:
    """So each problem below is the one cell's."""
    base, problems = IMPORTS[name]
    assert list(problems(plan, base(plan))) == []


@pytest.mark.parametrize("cell", ["x", "1_000", "nan", "12,5,0"])
@pytest.mark.parametrize(("name", "column", "rule", "bound"), NUMBER_PARAMS)
def test_every_import_words_a_refused_number_as_the_row_reader_does(
    plan: Plan,
    name: str,
    column: str,
    rule: Callable[[Cell], float],
    bound: Bound | None,
    cell: str,
) -> None:
    column, problem = _problem_of(plan, name, column, cell)
    shared = RowReader(problem.file)
    shared.cell(2, {column: cell}, column, rule, needed=True, bound=bound)
    (expected,) = shared.problems
    assert _as_read(problem) == _as_read(expected)


@pytest.mark.parametrize("cell", ["-1", "1e13"])
@pytest.mark.parametrize(
    ("name", "column", "rule", "bound"), [p for p in NUMBER_PARAMS if p.values[3] is not None]
)
def test_every_import_words_a_number_outside_its_range_as_the_row_reader_does(
    plan: Plan, name: str, column: str, rule: Callable[[Cell], float], bound: Bound, cell: str
) -> None:
    """At the number's own column, in the words of its one declared range (a lead's was
    named at its company, through the lead's own check)."""
    column, problem = _problem_of(plan, name, column, cell)
    shared = RowReader(problem.file)
    assert shared.bounded(2, {column: cell}, column, bound) is None
    (expected,) = shared.problems
    assert _as_read(problem) == _as_read(expected)
    assert (rule is whole) == bound.integer  # the range's kind of number is the column's


@pytest.mark.parametrize("cell", ["", "  "])
@pytest.mark.parametrize(("name", "column"), REQUIRED_CELLS, ids=str)
def test_every_import_words_an_empty_required_cell_as_the_row_reader_does(
    plan: Plan, name: str, column: str, cell: str
) -> None:
    column, problem = _problem_of(plan, name, column, cell)
    shared = RowReader(problem.file)
    assert shared.required(2, {column: cell}, column) is None
    (expected,) = shared.problems
    assert _as_read(problem) == _as_read(expected)
