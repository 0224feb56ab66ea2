"""A workbook's formula cell without a stored value (written by a program, never calculated
by a spreadsheet program): openpyxl reads it as empty, so a required value seemed missing, a
figure blank, and an import that keeps the stored value of an empty cell kept it silently.
Every reader of a workbook refuses it, naming file, sheet, row and column."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from openpyxl import Workbook

from clusterplan.io.book import read_sheets
from clusterplan.io.sheets import TableError, parse_table_bytes


def _book(*rows: list[object], sheets: int = 1) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "organisaties"
    for row in rows:
        sheet.append(row)
    for n in range(1, sheets):
        book.create_sheet(f"notes{n}").append(["note"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_rewritten(data: bytes, change: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML changed by ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def _stored(data: bytes, values: dict[str, str]) -> bytes:
    """The workbook as a spreadsheet program saves it: each formula cell named in ``values``
    with its value stored (``'str:'`` first: a text value, ``t="str"``)."""

    def store(text: str) -> str:
        for where, value in values.items():
            kind = ' t="str"' if value.startswith("str:") else ""
            value = value.removeprefix("str:")
            text = re.sub(
                rf'<c r="{where}"([^>]*)><f>([^<]*)</f><v ?/>',
                rf'<c r="{where}"\1{kind}><f>\2</f><v>{value}</v>',
                text,
            )
        return text

    return _sheet_rewritten(data, store)


ROWS = (["name", "jobs", "note"], ["A", 10, "x"], ["B", "=B2*2", "y"])


def test_a_formula_without_a_value_is_refused_naming_file_sheet_row_and_column() -> None:
    with pytest.raises(TableError) as caught:
        parse_table_bytes(_book(*ROWS), "orgs.xlsx")
    error = caught.value
    assert (error.row, error.column, error.sheet) == (3, "jobs", "organisaties")
    assert error.text("nl") == (
        "orgs.xlsx, werkblad 'organisaties', rij 3, kolom 'jobs': een formule zonder berekende "
        "waarde (het bestand is geschreven door een programma dat haar niet uitrekent): open "
        "het in een spreadsheetprogramma en sla het op, of vul de waarde zelf in"
    )
    assert error.text("en").startswith(
        "orgs.xlsx, sheet 'organisaties', row 3, column 'jobs': a formula without a calculated "
        "value"
    )


def test_an_optional_column_is_refused_too_and_a_book_of_sheets_names_the_sheet_once() -> None:
    """An import that keeps the stored value of an empty cell (organisations, start-ups)
    would have kept it: the reader refuses the cell whatever its column is for."""
    rows = (["name", "jobs", "note"], ["A", 10, '=IF(B2>5,"big","small")'])
    with pytest.raises(TableError) as caught:
        parse_table_bytes(_book(*rows, sheets=2), "orgs.xlsx")
    text = caught.value.text("en")
    assert text.startswith("orgs.xlsx, sheet 'organisaties', row 2, column 'note': a formula")
    assert text.count("organisaties") == 1
    tables, errors = read_sheets(_book(*rows, sheets=2), "plan.xlsx")
    assert list(tables) == ["notes1"]
    assert [(e.sheet, e.row, e.column) for e in errors] == [("organisaties", 2, "note")]


def test_a_calculated_formula_is_read_as_its_value_and_a_helper_column_is_passed_over() -> None:
    """A spreadsheet program stores the value with the formula (an empty text too); a
    formula beside the table, under no column name, is not the import's."""
    data = _stored(_book(*ROWS), {"B3": "20"})
    table = parse_table_bytes(data, "orgs.xlsx")
    assert [r.cells["jobs"] for r in table.rows] == [10, 20]
    empty_text = _stored(_book(*ROWS[:2], ["B", '=IF(1>2,"x","")', "y"]), {"B3": "str:"})
    assert parse_table_bytes(empty_text, "orgs.xlsx").rows[1].cells["jobs"] is None
    helper = _book(["name", "jobs"], ["A", 10, None, "=B2*2"])
    assert parse_table_bytes(helper, "orgs.xlsx").rows[0].cells == {"name": "A", "jobs": 10}


def _error_cell(data: bytes, where: str, error: str, *, formula: bool = True) -> bytes:
    """The workbook as a spreadsheet program saves a cell whose formula failed (``t="e"``,
    the error as its value), or, without ``formula``, a cell holding the error typed."""
    cell = f"<f>1/0</f><v>{error}</v>" if formula else f"<v>{error}</v>"
    return _sheet_rewritten(
        data,
        lambda text: re.sub(
            rf'<c r="{where}"[^>]*>.*?</c>', f'<c r="{where}" t="e">{cell}</c>', text
        ),
    )


@pytest.mark.parametrize("formula", [True, False])
def test_a_spreadsheet_error_is_refused_not_read_as_a_word(formula: bool) -> None:
    """'#N/A' in a name column had been read as the name '#N/A' (openpyxl gives the error
    as its text); refused naming the cell and the error, in the reader's words."""
    data = _error_cell(_book(*ROWS[:2], ["B", 20, "y"]), "A3", "#N/A", formula=formula)
    with pytest.raises(TableError) as caught:
        parse_table_bytes(data, "orgs.xlsx")
    error = caught.value
    assert (error.row, error.column) == (3, "name")
    assert error.text("nl").endswith(
        "een foutwaarde van het spreadsheetprogramma (#N/A) in plaats van een waarde: herstel "
        "de formule of vul de waarde zelf in"
    )
    assert "a spreadsheet error (#N/A)" in error.text("en")
