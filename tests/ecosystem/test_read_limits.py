"""Reading an import file is bounded: bytes, unpacked size, rows (streamed, stopping at the
limit), cell length and cell count, each refused with one line naming file, row and column
(issue 15, rows 3 and 9)."""

from __future__ import annotations

import io
import itertools
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from clusterplan.io import sheets
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import (
    LimitError,
    TableError,
    _table,
    parse_csv_text,
    parse_table_bytes,
    parse_xlsx_bytes,
    read_table,
)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_sheet(data: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced (openpyxl itself cuts long cells
    when writing; an attacker's file does not)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            content = src.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            dst.writestr(member, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _inline_sheet(rows: list[list[str]]) -> bytes:
    body = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()


def test_a_huge_cell_is_refused_by_the_unpacked_size_before_openpyxl(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Before: a 205 KB workbook with one 200 MB cell was handed to openpyxl (and the name
    # to difflib): ~24 GB. Here 5 MB in one cell packs to a few KB.
    data = _with_sheet(_xlsx([["a"]]), _inline_sheet([["name"], ["x" * 5_000_000]]))
    assert len(data) < 100_000

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl must not open an oversized workbook")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    limits = ReadLimits(max_unpacked_bytes=1_000_000)
    with pytest.raises(LimitError) as caught:
        parse_xlsx_bytes(data, "orgs.xlsx", limits)
    assert caught.value.limit == "unpacked_bytes"
    assert str(caught.value).startswith("orgs.xlsx: the workbook unpacks to at least")
    assert "at most 1,000,000 are allowed" in str(caught.value)


def test_a_zip_member_that_inflates_beyond_the_limit_is_counted_not_trusted() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/bomb.xml", b"\0" * 3_000_000)
    with pytest.raises(LimitError) as caught:
        parse_xlsx_bytes(buffer.getvalue(), "bomb.xlsx", ReadLimits(max_unpacked_bytes=2_000_000))
    assert caught.value.limit == "unpacked_bytes"


def test_a_long_cell_names_row_and_column() -> None:
    data = _with_sheet(
        _xlsx([["a"]]), _inline_sheet([["name", "description_public"], ["Nova", "y" * 40_000]])
    )
    with pytest.raises(LimitError) as caught:
        parse_xlsx_bytes(data, "orgs.xlsx")
    assert str(caught.value) == (
        "orgs.xlsx, row 2, column 'description_public': the cell has 40,000 characters; "
        "at most 32,767 are allowed"
    )
    with pytest.raises(LimitError) as csv_caught:
        parse_csv_text("name,place\nNova," + "z" * 40_000 + "\n", "orgs.csv")
    assert "row 2, column 'place': the cell has 40,000 characters" in str(csv_caught.value)
    with pytest.raises(LimitError) as huge:  # beyond the csv module's own field limit
        parse_csv_text("name,place\nNova," + "z" * 200_000 + "\n", "orgs.csv")
    assert huge.value.limit == "cell_chars" and "orgs.csv, row 2" in str(huge.value)


def test_reading_stops_at_the_first_row_over_the_limit() -> None:
    # Before: every row was read into memory first (2 M rows grew a worker ~10 MB/s).
    endless = itertools.repeat(["Nova", "supplier"])
    with pytest.raises(LimitError) as caught:
        _table("endless.csv", endless, ReadLimits(max_rows=1_000))
    assert (caught.value.limit, caught.value.row) == ("rows", 1_002)
    assert "more than 1,000 data rows" in str(caught.value)


def test_a_many_row_workbook_is_read_only_up_to_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _xlsx([["name", "kind"]] + [[f"Org {i}", "supplier"] for i in range(30_000)])
    read = [0]
    convert = sheets._xlsx_row

    def counting(values: object) -> object:
        read[0] += 1
        return convert(values)  # type: ignore[arg-type]

    monkeypatch.setattr(sheets, "_xlsx_row", counting)
    with pytest.raises(LimitError) as caught:
        parse_xlsx_bytes(data, "rows.xlsx", ReadLimits(max_rows=500))
    assert caught.value.row == 502 and read[0] == 502
    # Trailing empty rows (formatted, never filled) within a margin are fine.
    table = parse_csv_text("name\nNova\n" + ",\n" * 50, "t.csv", ReadLimits(max_rows=3))
    assert len(table.rows) == 1


def test_total_cells_are_bounded() -> None:
    wide = [[f"c{i}" for i in range(100)]] + [["v"] * 100 for _ in range(30)]
    with pytest.raises(LimitError) as caught:
        parse_xlsx_bytes(_xlsx(wide), "wide.xlsx", ReadLimits(max_cells=2_000))
    assert caught.value.limit == "cells" and caught.value.row == 21


def test_bytes_are_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("name\n" + "Nova\n" * 1_000, encoding="utf-8")
    with pytest.raises(LimitError) as caught:
        read_table(path, ReadLimits(max_bytes=1_000))
    assert caught.value.limit == "bytes"
    with pytest.raises(LimitError):
        parse_table_bytes(b"name\n" * 1_000, "up.csv", ReadLimits(max_bytes=100))


def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "orgs.csv"
    os.mkfifo(fifo)
    with pytest.raises(TableError, match="not a regular file"):
        read_table(fifo)


def test_limits_come_from_the_environment() -> None:
    limits = ReadLimits.from_env({"CLUSTERPLAN_IMPORT_MAX_ROWS": "5_000"})
    assert limits.max_rows == 5_000 and limits.max_bytes == ReadLimits().max_bytes
    with pytest.raises(ValueError, match="CLUSTERPLAN_IMPORT_MAX_CELLS must be positive"):
        ReadLimits.from_env({"CLUSTERPLAN_IMPORT_MAX_CELLS": "0"})
    with pytest.raises(ValueError, match="CLUSTERPLAN_IMPORT_MAX_BYTES must be a whole number"):
        ReadLimits.from_env({"CLUSTERPLAN_IMPORT_MAX_BYTES": "lots"})
