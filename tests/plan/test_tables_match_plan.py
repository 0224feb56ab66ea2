"""`clusterplan tables --format json` against an independent transcription of the plan."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from tests.plan.transcription import (
    FIGURE6,
    PILLARS,
    TABLE1,
    TABLE1_IDS,
    TABLE1_YEARS,
    TABLE2,
    TABLE2_IDS,
    cell,
    jobs,
)

SOURCES = ["private", "subsidies", "national", "regional"]


@pytest.fixture(scope="module")
def tables_json() -> dict[str, Any]:
    result = CliRunner().invoke(app, ["tables", "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _rows(text: str) -> list[list[str]]:
    return [line.split("|") for line in text.splitlines()]


def _expected_total(row: list[str]) -> float | None:
    costs = row[1:9]
    printed = row[9].strip()
    if printed == "-" and any(c.strip() == "?" for c in costs):
        return None  # a dash total next to unknown cells is unknown, not zero
    return cell(printed)


@pytest.mark.parametrize(
    ("table", "ids", "key"),
    [(TABLE1, TABLE1_IDS, "projects"), (TABLE2, TABLE2_IDS, "organisation")],
)
def test_every_cost_and_coverage_cell_matches_the_plan(
    tables_json: dict[str, Any], table: str, ids: list[str], key: str
) -> None:
    rows = _rows(table)[:-1]
    got = {p["id"]: p for p in tables_json[key]}
    assert list(got) == ids
    for project_id, row in zip(ids, rows, strict=True):
        project = got[project_id]
        for year, printed in zip(TABLE1_YEARS, row[1:9], strict=True):
            assert project["costs_meur"][str(year)] == cell(printed), (project_id, year)
        assert project["total_meur"] == _expected_total(row), project_id
        for source, printed in zip(SOURCES, row[10:14], strict=True):
            assert project["coverage_meur"][source] == cell(printed), (project_id, source)


def test_table1_totals_row_matches_the_plan(tables_json: dict[str, Any]) -> None:
    totals = _rows(TABLE1)[-1]
    assert tables_json["years"] == TABLE1_YEARS
    for year, printed in zip(TABLE1_YEARS, totals[1:9], strict=True):
        assert tables_json["project_totals_meur"][str(year)] == cell(printed)
    assert tables_json["project_totals"]["total_meur"] == 1165
    assert [tables_json["project_totals"]["coverage_meur"][s] for s in SOURCES] == [
        545,
        310,
        197.5,
        112.5,
    ]


def test_table2_totals_row_matches_the_plan(tables_json: dict[str, Any]) -> None:
    totals = _rows(TABLE2)[-1]
    for year, printed in zip(TABLE1_YEARS, totals[1:9], strict=True):
        assert tables_json["organisation_totals_meur"][str(year)] == cell(printed)
    assert tables_json["organisation_totals"]["total_meur"] == pytest.approx(18.4)


def test_figure6_matches_the_plan(tables_json: dict[str, Any]) -> None:
    employment = tables_json["employment"]
    assert employment["pillars"] == PILLARS
    rows = _rows(FIGURE6)
    assert employment["base"] == {p: jobs(v) for p, v in zip(PILLARS, rows[0][1:6], strict=True)}
    assert employment["base_total_printed"] == jobs(rows[0][6])
    for row in rows[1:]:
        scenario = row[0]
        assert employment["scenarios"][scenario] == {
            p: jobs(v) for p, v in zip(PILLARS, row[1:6], strict=True)
        }
        assert employment["scenario_totals_printed"][scenario] == jobs(row[6])
        assert employment["revenue_growth_pct"][scenario] == float(row[7].strip("+%"))


def test_unknown_cells_stay_unknown_never_zero(tables_json: dict[str, Any]) -> None:
    by_id = {p["id"]: p for p in tables_json["projects"]}
    assert by_id["physical-space"]["costs_meur"]["2028"] is None
    assert by_id["physical-space"]["coverage_meur"]["private"] is None
    assert all(v is None for v in by_id["fab-300mm"]["coverage_meur"].values())
    assert by_id["fab-300mm"]["total_meur"] is None
    assert by_id["wafer-fab-continuation"]["has_unknown_costs"] is True
