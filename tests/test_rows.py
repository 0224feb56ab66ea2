"""The one row reader of the core's imports (:class:`clusterplan.io.rows.RowReader`): each
cell by the core's rule, a number held to its declared range, every problem collected with
its row and column, and the reading going on after a refused cell."""

from __future__ import annotations

import pytest

from clusterplan.errors import Coded
from clusterplan.events.tables import EventTableError
from clusterplan.io import cell_values
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import parse_csv_text
from clusterplan.plan.bounds import HEADCOUNT, PEOPLE_PER_YEAR, SHARE, YEAR


def test_every_problem_of_every_row_is_collected_in_the_core_words() -> None:
    table = parse_csv_text("year,graduates,name\n2030,12.5,A\n1800,x,\n,-1,C\n", "f.csv")
    reader = RowReader("f.csv")
    read = []
    for row in table.rows:
        n, cells = row.number, row.cells
        year = reader.whole(n, cells, "year", YEAR, needed=True)
        graduates = reader.cell(
            n, cells, "graduates", cell_values.number, needed=True, bound=PEOPLE_PER_YEAR
        )
        name = reader.required(n, cells, "name")
        read.append((year, graduates, name))
    assert read == [(2030, 12.5, "A"), (None, None, None), (None, None, "C")]
    found = [(p.row, p.column, p.reason.code) for p in reader.problems]  # type: ignore[union-attr]
    assert found == [
        (3, "year", "value.problem_got"),
        (3, "graduates", "value.number"),
        (3, "name", "table.empty_cell"),
        (4, "year", "table.empty_cell"),
        (4, "graduates", "value.problem_got"),
    ]
    assert (
        reader.problems[0].text("en")
        == "f.csv, row 3, column 'year': must be between 1900 and 2200 (got 1800)"
    )


def test_a_number_out_of_range_is_refused_with_the_number_given_in_the_readers_notation() -> None:
    """Leads, requests, supply and the registry refused '-1' or '2.5 million' by the range
    alone: the reader had to find the cell to see what was wrong with it."""
    table = parse_csv_text('graduates,share\n-1,"1,5"\n1234567.5,0.5\n', "f.csv")
    reader = RowReader("f.csv")
    for row in table.rows:
        reader.bounded(row.number, row.cells, "graduates", PEOPLE_PER_YEAR)
        reader.bounded(row.number, row.cells, "share", SHARE)
    texts = {lang: [p.text(lang) for p in reader.problems] for lang in ("nl", "en")}
    assert texts["en"] == [
        "f.csv, row 2, column 'graduates': must not be negative "
        "(between 0 and 1,000,000 people/yr) (got -1)",
        "f.csv, row 2, column 'share': must be between 0 and 1 share (got 1.5)",
        "f.csv, row 3, column 'graduates': must be between 0 and 1,000,000 people/yr "
        "(got 1,234,567.5)",
    ]
    assert (
        texts["nl"][1]
        == "f.csv, rij 2, kolom 'share': moet tussen 0 en 1 aandeel liggen (gegeven: 1,5)"
    )
    assert texts["nl"][2].endswith("(gegeven: 1.234.567,5)")


def test_an_empty_cell_that_is_not_needed_is_none_without_a_problem() -> None:
    table = parse_csv_text("year,done,name\n,,A\n", "f.csv")
    reader = RowReader("f.csv")
    (row,) = table.rows
    assert reader.whole(row.number, row.cells, "year", YEAR) is None
    assert reader.flag(row.number, row.cells, "done") is False
    assert reader.problems == []


def test_a_bound_says_whether_a_number_is_whole_and_a_question_mark_may_mean_unknown() -> None:
    table = parse_csv_text('jobs,share\n12.0,"0,5"\n?,?\n2.5,x\n', "f.csv")
    reader = RowReader("f.csv")
    read = [
        (
            reader.bounded(row.number, row.cells, "jobs", HEADCOUNT, unknown=True),
            reader.bounded(row.number, row.cells, "share", SHARE),
        )
        for row in table.rows
    ]
    assert read == [(12, 0.5), (None, None), (None, None)]
    assert isinstance(read[0][0], int)
    found = [(p.row, p.column, p.reason.code) for p in reader.problems]  # type: ignore[union-attr]
    assert found == [
        (3, "share", "value.number"),  # '?' is unknown only where the import allows it
        (4, "jobs", "value.whole_number"),
        (4, "share", "value.number"),
    ]


def test_a_cell_as_text_writes_a_workbooks_whole_number_without_its_fraction() -> None:
    cells = {"id": 12.0, "name": "  Acme ", "empty": None}
    assert [RowReader.text(cells, c) for c in ("id", "name", "empty", "absent")] == [
        "12",
        "Acme",
        "",
        "",
    ]


def test_the_header_names_each_missing_and_each_unknown_column() -> None:
    reader = RowReader("f.csv")
    reader.header(("a", "x"), ("a", "b"), ("a", "b", "c"))
    assert [(p.row, p.column, p.reason.code) for p in reader.problems] == [  # type: ignore[union-attr]
        (1, "b", "table.missing_column"),
        (1, "x", "import.unknown_column"),
    ]
    passed_over = RowReader("f.csv")
    passed_over.header(("a", "x"), ("a",))
    assert passed_over.problems == []


def test_a_file_is_refused_with_every_problem_or_not_at_all() -> None:
    reader = RowReader("f.csv")
    reader.refuse(EventTableError)  # nothing found: the file is taken
    reader.fail(2, "a", Coded("table.empty_cell"))
    reader.fail(3, "b", Coded("table.empty_cell"))
    with pytest.raises(EventTableError) as caught:
        reader.refuse(EventTableError)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "a"), (3, "b")]
