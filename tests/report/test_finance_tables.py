"""The finance tables, built once as core tables: the command line's ``finance`` (text, CSV,
XLSX) and the web's finance pages show the same cells, totals by the one rule."""

from __future__ import annotations

import re

import pytest

from clusterplan.app import finance as app_finance
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import cash_needs, funding_status
from clusterplan.plan.schema import Plan
from clusterplan.report.finance import (
    cost_lines_table,
    funding_table,
    unknowns_table,
    whatif_cost_table,
    whatif_jobs_table,
)
from clusterplan.report.table import difference, shown_rows
from clusterplan.report.tables import cost_line_names

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
