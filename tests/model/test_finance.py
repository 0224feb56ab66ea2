"""Cash needs per line, source and year; unknowns; commitments; what-if changes."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import (
    FinanceInputError,
    cash_needs,
    funding_status,
    line_needs,
)
from clusterplan.plan.schema import Commitment, CostLine, Plan

SOURCES = ("private", "subsidies", "national", "regional")
"""The bundled plan's funding sources, in its order."""


# Table 1 and 2 of the plan, as printed (Financieringsagenda), independent of the YAML.
TABLE1_COVERAGE = {"private": 545.0, "subsidies": 310.0, "national": 197.5, "regional": 112.5}
TABLE1_YEAR_TOTALS = [35, 155, 180, 280, 275, 155, 45, 40]
TABLE2_YEAR_TOTALS = [0.7, 1.6, 2.1, 2.8, 2.8, 2.8, 2.8, 2.8]
TABLE2_COVERAGE = {"private": 5.7, "subsidies": 0.0, "national": 0.0, "regional": 12.7}
YEARS = list(range(2026, 2034))


def test_matrix_adds_up_exactly_to_table1_coverage_totals(plan: Plan) -> None:
    needs = cash_needs(plan)
    projects = needs.coverage_meur[: needs.n_projects]
    for s, source in enumerate(SOURCES):
        assert math.fsum(projects[:, s, :].ravel()) == TABLE1_COVERAGE[source]


def test_matrix_adds_up_exactly_to_table1_year_totals(plan: Plan) -> None:
    needs = cash_needs(plan)
    assert list(needs.years) == YEARS
    projects = needs.coverage_meur[: needs.n_projects]
    for t, total in enumerate(TABLE1_YEAR_TOTALS):
        assert math.fsum(projects[:, :, t].ravel()) == total
    assert needs.year_totals("projects").tolist() == TABLE1_YEAR_TOTALS


def test_matrix_adds_up_exactly_to_each_projects_coverage(plan: Plan) -> None:
    needs = cash_needs(plan)
    for project in plan.finance.projects:
        row = needs.coverage_meur[needs.line_index(project.id)]
        for s, source in enumerate(SOURCES):
            given_meur = project.coverage_meur.get(source)
            if given_meur is None:
                assert not row[s].any()
            else:
                assert math.fsum(row[s]) == given_meur, (project.id, source)


def test_coverage_follows_spending_in_proportion(plan: Plan) -> None:
    needs = cash_needs(plan)
    lights_out = needs.coverage_meur[needs.line_index("lights-out-factory")]
    # private 100 of 200: half of every year's cost (50, 100, 25, 15, 10 from 2029).
    assert lights_out[SOURCES.index("private")].tolist() == pytest.approx(
        [0, 0, 0, 25, 50, 12.5, 7.5, 5]
    )
    # regional 15 of 200.
    assert lights_out[SOURCES.index("regional")][3] == pytest.approx(50 * 15 / 200)


def test_organisation_costs_are_separate_and_in_the_grand_total(plan: Plan) -> None:
    needs = cash_needs(plan)
    assert needs.year_totals("organisation") == pytest.approx(TABLE2_YEAR_TOTALS)
    org = needs.by_source("organisation").sum(axis=1)
    assert org == pytest.approx([TABLE2_COVERAGE[s] for s in SOURCES])
    assert needs.total_meur("projects") == pytest.approx(1165)
    assert needs.total_meur("all") == pytest.approx(1165 + 18.4)


def test_public_share_is_subsidies_national_regional(plan: Plan) -> None:
    needs = cash_needs(plan)
    # 2026 projects: robotics 25 (public 125/250), physical space 10 (national+regional all);
    # organisation: programme organisation 0.5 (regional 12.2/13.2), LSI 0.2 (0.5/5.2).
    expected_2026 = 25 * 125 / 250 + 10 + 0.5 * 12.2 / 13.2 + 0.2 * 0.5 / 5.2
    assert needs.public_meur("all")[0] == pytest.approx(expected_2026)
    total_public = sum(TABLE1_COVERAGE[s] for s in ("subsidies", "national", "regional"))
    assert needs.public_meur("projects").sum() == pytest.approx(total_public)


def test_cumulative_curve_ends_at_the_known_total(plan: Plan) -> None:
    needs = cash_needs(plan)
    curve = needs.cumulative_cost_meur("projects")
    assert curve[-1] == pytest.approx(1165)
    assert (np.diff(curve) >= 0).all()
    assert needs.cumulative_by_source_meur("projects")[:, -1] == pytest.approx(
        [TABLE1_COVERAGE[s] for s in SOURCES]
    )


def test_unknown_costs_are_listed_and_not_counted_as_zero(plan: Plan) -> None:
    needs = cash_needs(plan)
    costs = {(u.line, u.year) for u in needs.unknown if u.kind == "cost"}
    assert ("physical-space", 2028) in costs and ("physical-space", 2033) in costs
    assert ("fab-300mm", 2031) in costs and ("wafer-fab-continuation", 2033) in costs
    assert len(costs) == 6 + 3 + 3
    # every year from 2028 has an unknown cost, so those year totals are incomplete
    assert needs.year_incomplete("projects").tolist() == [False, False] + [True] * 6
    assert needs.year_incomplete("organisation").tolist() == [False] * 8


def test_unknown_coverage_is_listed_and_marks_the_source_incomplete(plan: Plan) -> None:
    needs = cash_needs(plan)
    coverage = {(u.line, u.source) for u in needs.unknown if u.kind == "coverage"}
    assert ("physical-space", "private") in coverage
    assert ("physical-space", "national") not in coverage
    assert {("fab-300mm", s) for s in SOURCES} <= coverage
    incomplete = needs.by_source_incomplete("projects")
    # physical space spends (or may spend) every year, and its private share is unknown
    assert incomplete[SOURCES.index("private")].all()
    # national coverage is known everywhere except where the fabs' '?' years are
    assert incomplete[SOURCES.index("national")].tolist() == [False] * 5 + [True] * 3
    assert any(u.kind == "total" and u.line == "fab-300mm" for u in needs.unknown)


def test_a_line_with_unknown_costs_spreads_known_coverage_over_known_years(plan: Plan) -> None:
    needs = cash_needs(plan)
    space = needs.coverage_meur[needs.line_index("physical-space")]
    assert space[SOURCES.index("national")].tolist() == pytest.approx([4, 6, 0, 0, 0, 0, 0, 0])
    assert space[SOURCES.index("regional")].tolist() == pytest.approx([6, 9, 0, 0, 0, 0, 0, 0])


def _line(costs: dict[int, float | None], **coverage: float | None) -> CostLine:
    cov = {s: coverage.get(s, 0.0) for s in SOURCES}
    return CostLine.model_validate(
        {
            "id": "x",
            "name_nl": "x",
            "name_en": "x",
            "source": "test",
            "costs_meur": costs,
            "coverage_meur": cov,
        }
    )


def test_uncovered_cost_is_shown_when_coverage_is_short() -> None:
    line = _line({2026: 10.0, 2027: 30.0}, private=20.0)
    needs = line_needs(line, [2026, 2027])
    assert needs.uncovered.tolist() == pytest.approx([5, 15])


def test_explicit_yearly_coverage_replaces_the_spread() -> None:
    line = _line({2026: 10.0, 2027: 30.0}, private=20.0, regional=20.0)
    needs = line_needs(line, [2026, 2027], coverage_by_year={"regional": {2026: 10.0, 2027: 10.0}})
    assert needs.coverage[SOURCES.index("regional")].tolist() == [10, 10]
    assert needs.coverage[SOURCES.index("private")].tolist() == pytest.approx([5, 15])


def test_it_rejects_explicit_coverage_that_does_not_add_up() -> None:
    line = _line({2026: 10.0, 2027: 30.0}, regional=20.5)
    with pytest.raises(FinanceInputError, match="adds up to 15") as refused:
        line_needs(line, [2026, 2027], coverage_by_year={"regional": {2026: 5.0, 2027: 10.0}})
    # the amounts are figures, written in the reader's notation
    assert "niet de 20,5 mln euro" in refused.value.text("nl")
    assert "20.5" in refused.value.text("en")


def test_it_rejects_explicit_coverage_outside_the_cost_years() -> None:
    line = _line({2026: 10.0, 2027: 30.0}, regional=20.0)
    with pytest.raises(FinanceInputError, match="2030 outside"):
        line_needs(line, [2026, 2027], coverage_by_year={"regional": {2026: 10.0, 2030: 10.0}})


def test_it_rejects_explicit_coverage_for_an_unknown_source(plan: Plan) -> None:
    with pytest.raises(FinanceInputError, match="leaves the line's private coverage unknown"):
        cash_needs(plan, coverage_by_year={"physical-space": {"private": {2026: 1.0}}})


def test_explicit_coverage_from_the_call_overrides_the_plan(plan: Plan) -> None:
    needs = cash_needs(plan, coverage_by_year={"acp": {"regional": {2027: 15.0}}})
    acp = needs.coverage_meur[needs.line_index("acp")]
    assert acp[SOURCES.index("regional")].tolist() == [0, 15, 0, 0, 0, 0, 0, 0]


def test_it_rejects_changes_for_unknown_projects(plan: Plan) -> None:
    with pytest.raises(FinanceInputError, match="no-such"):
        cash_needs(plan, changes={"no-such": ProjectChange(shift_years=1)})


def test_a_shift_moves_costs_and_coverage_and_extends_the_years(plan: Plan) -> None:
    base = cash_needs(plan)
    moved = cash_needs(plan, changes={"lights-out-factory": ProjectChange(shift_years=2)})
    assert moved.years[-1] == 2035
    row = moved.cost_meur[moved.line_index("lights-out-factory")]
    assert row.tolist() == pytest.approx([0, 0, 0, 0, 0, 50, 100, 25, 15, 10])
    assert moved.total_meur("projects") == pytest.approx(base.total_meur("projects"))
    assert moved.by_source("projects").sum(axis=1) == pytest.approx(
        [TABLE1_COVERAGE[s] for s in SOURCES]
    )
    # 2029 loses the factory's 50 M EUR
    assert moved.year_totals("projects")[3] == pytest.approx(280 - 50)


def test_a_scale_scales_costs_and_coverage(plan: Plan) -> None:
    needs = cash_needs(plan, changes={"robotics": ProjectChange(scale=0.5)})
    row = needs.coverage_meur[needs.line_index("robotics")]
    assert row.sum(axis=1) == pytest.approx([62.5, 37.5, 20, 5])
    assert needs.total_meur("projects") == pytest.approx(1165 - 125)


def test_unknown_costs_move_with_a_shift(plan: Plan) -> None:
    needs = cash_needs(plan, changes={"physical-space": ProjectChange(shift_years=1)})
    unknown_years = sorted(
        u.year for u in needs.unknown if u.kind == "cost" and u.line == "physical-space"
    )
    assert unknown_years == list(range(2029, 2035))


@settings(max_examples=60, deadline=None)
@given(
    costs=st.lists(st.floats(0, 200, allow_nan=False), min_size=8, max_size=8),
    shares=st.lists(st.floats(0, 1), min_size=4, max_size=4),
    shift=st.integers(-2, 3),
    stretch=st.integers(0, 3),
)
def test_spread_rows_add_up_to_coverage_under_any_change(
    costs: list[float], shares: list[float], shift: int, stretch: int
) -> None:
    total = math.fsum(costs)
    weight = sum(shares) or 1.0
    coverage = {s: total * f / weight for s, f in zip(SOURCES, shares, strict=True)}
    line = _line(dict(zip(YEARS, costs, strict=True)), **coverage)
    years = list(range(2026, 2040))
    needs = line_needs(line, years, ProjectChange(shift_years=shift, stretch_years=stretch))
    for s, source in enumerate(SOURCES):
        if total > 0:
            assert math.fsum(needs.coverage[s]) == pytest.approx(
                coverage[source], rel=1e-9, abs=1e-9
            )
    assert (needs.coverage >= -1e-9).all()


def _with_commitments(plan: Plan, commitments: list[dict[str, object]]) -> Plan:
    finance = plan.finance.model_copy(
        update={"commitments": [Commitment.model_validate(c) for c in commitments]}
    )
    return plan.model_copy(update={"finance": finance})


def test_secured_counts_granted_and_paid_only(plan: Plan) -> None:
    prov = {"source": "test letter"}
    own = _with_commitments(
        plan,
        [
            {"line": "acp", "source": "regional", "amount_meur": 3.0, "year": 2027,
             "status": "granted", "instrument": "oost-nl-topfonds", "provenance": prov},
            {"line": "acp", "source": "regional", "amount_meur": 2.0, "year": 2027,
             "status": "paid", "provenance": prov},
            {"line": "acp", "source": "regional", "amount_meur": 7.0, "year": 2027,
             "status": "applied", "provenance": prov},
            {"line": "robotics", "source": "subsidies", "amount_meur": 10.0, "year": None,
             "status": "granted", "instrument": "chips-ju", "provenance": prov},
        ],
    )  # fmt: skip
    status = funding_status(own)
    r, y = SOURCES.index("regional"), 1
    assert status.secured_meur[r, y] == 5.0
    assert status.pipeline_meur[r, y] == 7.0
    needed_2027 = status.needed_meur[r, y]
    assert status.gap_meur[r, y] == pytest.approx(needed_2027 - 5.0)
    sub = SOURCES.index("subsidies")
    assert status.secured_unscheduled_meur[sub] == 10.0
    assert status.gap_total_meur[sub] == pytest.approx(310.0 - 10.0)


def test_bundled_plan_has_no_commitments_so_the_gap_is_the_whole_need(plan: Plan) -> None:
    status = funding_status(plan)
    assert not plan.finance.commitments
    assert status.secured_meur.sum() == 0
    assert status.gap_total_meur == pytest.approx(
        [TABLE1_COVERAGE[s] + TABLE2_COVERAGE[s] for s in SOURCES]
    )
