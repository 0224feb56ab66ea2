"""The finance tables, built once as core tables: the command line's ``finance`` (text, CSV,
XLSX) and the web's finance pages show the same cells, totals by the one rule."""

from __future__ import annotations

import re

import pytest

from clusterplan.app import finance as app_finance
from clusterplan.labels import label as words
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import cash_needs, funding_status
from clusterplan.plan.schema import COMMITMENT_STATUSES, BusinessCase, Commitment, Plan
from clusterplan.report.finance import (
    commitments_table,
    cost_lines_table,
    funding_table,
    unknowns_table,
    whatif_cost_table,
    whatif_jobs_table,
)
from clusterplan.report.table import difference, shown_rows
from clusterplan.report.tables import case_jobs_table, cost_line_names

ONE_DECIMAL = {
    "nl": re.compile(r"-?\d{1,3}(\.\d{3})*,\d(\+\?)?"),
    "en": re.compile(r"-?\d{1,3}(,\d{3})*\.\d(\+\?)?"),
}
WHOLE = {"nl": re.compile(r"-?\d{1,3}(\.\d{3})*"), "en": re.compile(r"-?\d{1,3}(,\d{3})*")}


def _changes(plan: Plan) -> dict[str, ProjectChange]:
    """Two changes: the first project two years later, the last one scaled down."""
    first, last = plan.finance.projects[0].id, plan.finance.projects[-1].id
    return {first: ProjectChange(shift_years=2), last: ProjectChange(scale=0.5)}


def test_the_cost_lines_total_row_has_the_cost_of_every_year(plan: Plan) -> None:
    """The command line's grid left the totals row's years empty; the table's totals row
    holds each year's cost by the one rule, '+?' where an unknown cost belongs in it."""
    needs = cash_needs(plan)
    table = cost_lines_table(plan, needs, "nl")
    totals = table.totals
    assert totals is not None
    years = totals.cells[1 : 1 + len(needs.years)]
    assert [c.value for c in years] == pytest.approx(list(needs.year_totals()))
    assert [c.includes_unknown for c in years] == list(needs.year_incomplete())
    assert totals.cells[-1].value == pytest.approx(needs.total_meur())
    assert totals.cells[-1].includes_unknown
    # A year the plan leaves unknown ('?') with nothing known in it is unknown, not 0+?.
    i = next(i for i, row in enumerate(needs.cost_unknown) if row.any())
    year = int(needs.cost_unknown[i].argmax())
    assert table.body[i].cells[1 + year].shown("nl") == "?"


def test_the_unknowns_table_has_a_row_per_cost_line_with_unknowns(plan: Plan) -> None:
    needs = cash_needs(plan)
    table = unknowns_table(plan, needs, "en")
    assert [r.key for r in table.rows] == list(dict.fromkeys(u.line for u in needs.unknown))
    for row in table.rows:
        costs = [str(u.year) for u in needs.unknown if u.line == row.key and u.kind == "cost"]
        assert row.cells[1].shown("en") == (", ".join(costs) or "—")
    assert not any(column.numeric for column in table.columns)


def test_the_funding_gap_is_what_is_needed_less_what_is_secured(plan: Plan) -> None:
    status = funding_status(plan)
    table = funding_table(plan, status, "nl")
    assert [c.key for c in table.columns] == ["label", "needed", "secured", "pipeline", "gap"]
    for s, row in enumerate(table.body):
        needed, secured, _pipeline, gap = row.cells[1:]
        assert needed.value == pytest.approx(status.needed_total_meur[s])
        assert gap.value == pytest.approx(status.gap_total_meur[s])
        assert gap.value == pytest.approx(needed.value - secured.value)
        assert gap.includes_unknown == needed.includes_unknown == status.needed_incomplete[s].any()
    assert table.totals is not None
    assert table.totals.cells[1].value == pytest.approx(status.needed_total_meur.sum())


def _committed(plan: Plan) -> tuple[Plan, dict[tuple[str, str], float]]:
    """The plan with commitments for its first two sources in every status (one of them
    without a year), and what they add up to per source and status."""
    line, first_year = plan.finance.projects[0].id, cash_needs(plan).years[0]
    sources = [s.id for s in plan.finance.sources][:2]
    items: list[Commitment] = []
    expected: dict[tuple[str, str], float] = {}
    for k, source in enumerate(sources):
        for n, status in enumerate(COMMITMENT_STATUSES):
            for year in (first_year, None):
                amount = 1.25 * (n + 1) + k
                items.append(
                    Commitment(
                        line=line,
                        source=source,
                        amount_meur=amount,
                        year=year,
                        status=status,
                        provenance={"source": "test letter"},
                    )
                )
                expected[(source, status)] = expected.get((source, status), 0.0) + amount
    finance = plan.finance.model_copy(update={"commitments": items})
    return plan.model_copy(update={"finance": finance}), expected


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_commitments_are_added_up_per_source_and_status_beside_the_need(
    plan: Plan, lang: str
) -> None:
    """The web's finance page added the commitments up itself; the core's table does, and
    its gap is the funding table's (needed less granted and paid)."""
    own, expected = _committed(plan)
    status = funding_status(own)
    table = commitments_table(own, status, lang)
    keys = ["label", *COMMITMENT_STATUSES, "needed", "gap"]
    assert [c.key for c in table.columns] == keys
    headings = [c.heading for c in table.columns[1 : 1 + len(COMMITMENT_STATUSES)]]
    assert headings == [words("commitment.status", s, lang) for s in COMMITMENT_STATUSES]
    funding = {r.key: r for r in funding_table(own, status, lang).body}
    assert [r.key for r in table.body] == list(funding)
    for s, (row, source) in enumerate(zip(table.body, status.sources, strict=True)):
        by_status = dict(zip(COMMITMENT_STATUSES, row.cells[1:-2], strict=True))
        for st, cell in by_status.items():
            assert cell.value == pytest.approx(expected.get((source, st), 0.0))
        needed, gap = row.cells[-2:]
        assert needed == funding[row.key].cells[1]
        secured = sum(expected.get((source, st), 0.0) for st in ("granted", "paid"))
        assert gap.value == pytest.approx(status.needed_total_meur[s] - secured)
        assert gap == funding[row.key].cells[-1]
    assert any(expected.get((source, "planned")) for source in status.sources)
    totals = table.totals
    assert totals is not None
    for n, st in enumerate(COMMITMENT_STATUSES, start=1):
        assert totals.cells[n].value == pytest.approx(
            sum(v for (_source, key), v in expected.items() if key == st)
        )


def test_a_business_case_table_has_its_direct_jobs_per_year_from_its_documents(
    plan: Plan,
) -> None:
    project = plan.finance.projects[0]
    assert case_jobs_table(plan, project.id, "nl") is None  # no case, no table
    case = BusinessCase.model_validate(
        {
            "jobs": {2030: {"structural": 20, "temporary": 80}, 2032: {"structural": 120}},
            "sources": ["Business case v1", "Letter of intent"],
        }
    )
    projects = [
        p.model_copy(update={"business_case": case}) if p.id == project.id else p
        for p in plan.finance.projects
    ]
    own = plan.model_copy(
        update={"finance": plan.finance.model_copy(update={"projects": projects})}
    )
    table = case_jobs_table(own, project.id, "en")
    assert table is not None
    assert [c.key for c in table.columns] == ["year", "structural", "temporary"]
    assert shown_rows(table) == [
        ["Year", "Structural", "Temporary"],
        ["2030", "20", "80"],
        ["2032", "120", "0"],
    ]
    assert {c.provenance for r in table.rows for c in r.cells[1:]} == {
        "Business case v1; Letter of intent"
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_what_if_cost_table_sets_the_plan_against_the_changes(plan: Plan, lang: str) -> None:
    outcome = app_finance.finance(plan, _changes(plan))
    base, changed = outcome.plan_needs, outcome.needs
    table = whatif_cost_table(plan, base, changed, lang)
    before = dict(zip(base.years, base.year_totals(), strict=True))
    after = dict(zip(changed.years, changed.year_totals(), strict=True))
    open_before = dict(zip(base.years, base.year_incomplete(), strict=True))
    open_after = dict(zip(changed.years, changed.year_incomplete(), strict=True))
    assert [r.key for r in table.body] == [str(y) for y in sorted(set(before) | set(after))]
    for row in table.body:
        year = int(row.key)
        plan_cell, changed_cell, diff = row.cells[1:]
        assert plan_cell.value == pytest.approx(before.get(year, 0.0))
        assert changed_cell.value == pytest.approx(after.get(year, 0.0))
        assert plan_cell.includes_unknown == bool(open_before.get(year, False))
        assert changed_cell.includes_unknown == bool(open_after.get(year, False))
        assert diff == difference(changed_cell, plan_cell, "meur")
    totals = table.totals
    assert totals is not None
    assert totals.cells[1].value == pytest.approx(base.total_meur())
    assert totals.cells[2].value == pytest.approx(changed.total_meur())
    # Every figure, the difference too, with the unit's one decimal (not -25 next to -28,6).
    for row in shown_rows(table)[1:]:
        for text in row[1:]:
            assert ONE_DECIMAL[lang].fullmatch(text), text
    assert any(text.endswith("+?") for row in shown_rows(table)[1:] for text in row)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_what_if_jobs_table_has_before_after_and_difference(plan: Plan, lang: str) -> None:
    changes = _changes(plan)
    changes[plan.finance.organisation[0].id] = ProjectChange(shift_years=1)
    outcome = app_finance.finance(plan, changes)
    effect = outcome.effect
    assert effect is not None
    table = whatif_jobs_table(plan, effect, lang)
    assert [r.key for r in table.rows] == [str(y) for y in effect.years]
    for row, before, after in zip(table.rows, effect.before, effect.after, strict=True):
        assert row.cells[1].value == pytest.approx(before)
        assert row.cells[2].value == pytest.approx(after)
        assert row.cells[3].value == pytest.approx(after - before)
    for row in shown_rows(table)[1:]:
        for text in row[1:]:
            assert WHOLE[lang].fullmatch(text), text
    # The organisation line is not in the growth model: a note names it.
    line = plan.finance.organisation[0].id
    assert line in effect.ignored
    assert len(table.notes) == 1
    assert cost_line_names(plan, lang)[line] in table.notes[0]
