"""Plan against actual: status rules and gaps computed by hand, plan paths, plan data."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterplan.model.growth import trajectory
from clusterplan.monitor.actuals import Actual, Actuals, parse_actual_rows, read_actuals
from clusterplan.monitor.compare import (
    Comparison,
    compare,
    compare_indicator,
    comparison_grid,
    plan_path,
)
from clusterplan.monitor.indicators import MonitoringError, StatusRule, monitoring_of, status_of
from clusterplan.plan.load import PlanError, load_plan
from clusterplan.plan.schema import Plan
from tests.monitor.conftest import FICTIONAL

RULE = StatusRule(id="r", at_risk_share=0.05, off_track_share=0.15, assumption="test")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (120.0, "on_track"),
        (95.0, "on_track"),  # exactly plan x (1 - 0.05)
        (94.99, "at_risk"),
        (85.0, "at_risk"),  # exactly plan x (1 - 0.15)
        (84.99, "off_track"),
        (0.0, "off_track"),
        (None, "no_data"),
    ],
)
def test_status_higher_is_better_by_hand(actual: float | None, expected: str) -> None:
    assert status_of(actual, 100.0, RULE, "higher_is_better") == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (80.0, "on_track"),
        (105.0, "on_track"),
        (105.01, "at_risk"),
        (115.0, "at_risk"),
        (115.01, "off_track"),
    ],
)
def test_status_lower_is_better_by_hand(actual: float, expected: str) -> None:
    assert status_of(actual, 100.0, RULE, "lower_is_better") == expected


def test_no_plan_value_is_no_data() -> None:
    assert status_of(5.0, None, RULE, "higher_is_better") == "no_data"


def test_rule_shares_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="at least at_risk_share"):
        StatusRule(id="r", at_risk_share=0.2, off_track_share=0.1, assumption="x")


def test_jobs_path_is_the_growth_trajectory_of_the_monitoring_dimension(plan: Plan) -> None:
    mon = monitoring_of(plan)
    path = plan_path(plan, "jobs")
    t = trajectory(plan, mon.dimension)
    for k, pillar in enumerate(t.pillars):
        for i, year in enumerate(t.years):
            assert path[pillar, year] == pytest.approx(t.jobs[k, i])
    base, target = plan.employment.base_year, plan.employment.target_year
    assert path[None, base] == pytest.approx(sum(plan.employment.base.values()))
    assert path[None, target] == pytest.approx(
        sum(plan.employment.scenarios[mon.dimension].jobs.values())
    )


def test_spending_path_is_table_one(plan: Plan) -> None:
    path = plan_path(plan, "spending")
    for project in plan.finance.projects:
        for year, cost in project.costs_meur.items():
            if cost is not None:
                assert path[project.id, year] == pytest.approx(cost)


def test_jobs_gap_and_status_on_the_fictional_set_by_hand(plan: Plan, fictional: Actuals) -> None:
    jobs = compare(plan, fictional).indicator("jobs")
    last = max(fictional.years("jobs"))
    row = jobs.row(None, last)
    assert row is not None and row.plan is not None
    actual = sum(fictional.series("jobs", p)[last] for p in plan.pillar_ids)
    assert row.actual == actual
    assert row.gap == pytest.approx(actual - row.plan)
    share = actual / row.plan
    assert 0.85 <= share < 0.95 and row.status == "at_risk"
    assert jobs.status == "at_risk"
    # every jobs row has the ensemble band and the back-cast milestone
    assert row.band is not None and row.band["p5"] <= row.band["p50"] <= row.band["p95"]
    goal = plan.employment.goal
    goal_row = jobs.row(None, goal.year)
    assert goal_row is not None and goal_row.milestone == pytest.approx(
        goal.factor * sum(plan.employment.base.values())
    )
    # history rows have an actual but no plan value
    first = jobs.row(None, min(fictional.years("jobs")))
    assert first is not None and first.plan is None and first.status == "no_data"


def test_one_project_off_track_while_the_total_is_at_risk(plan: Plan, fictional: Actuals) -> None:
    spending = compare(plan, fictional).indicator("spending")
    # lights-out factory: planned 50, realised 20 -> 40% of plan, below 1 - 0.30
    row = next(r for r in spending.rows if r.subject == "lights-out-factory" and r.actual)
    assert (row.plan, row.actual, row.gap, row.status) == (50.0, 20.0, -30.0, "off_track")
    assert spending.status == "at_risk"


def test_the_fictional_set_has_an_indicator_off_track(plan: Plan, fictional: Actuals) -> None:
    result = compare(plan, fictional)
    assert result.indicator("space-realised").status == "off_track"
    assert result.counts["off_track"] >= 1
    json.dumps(result.to_dict())  # JSON-ready


def test_lower_is_better_reverses_the_status(plan: Plan) -> None:
    ind = monitoring_of(plan).indicator("jobs").model_copy(update={"direction": "lower_is_better"})
    path = plan_path(plan, "jobs")
    year = plan.employment.base_year + 2
    high = Actuals.of([Actual("jobs", None, year, path[None, year] * 1.2, "x", None)], plan)
    got = compare_indicator(plan, ind, high).row(None, year)
    assert got is not None and got.status == "off_track"


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_shuffled_rows_give_the_same_result(plan: Plan, seed: int) -> None:
    lines = FICTIONAL.read_text(encoding="utf-8").splitlines()
    header, body = lines[0].split(","), lines[1:]
    shuffled = body[:]
    random.Random(seed).shuffle(shuffled)

    def rows(text_rows: list[str]) -> list[dict[str, str]]:
        import csv

        return [dict(zip(header, r, strict=True)) for r in csv.reader(text_rows)]

    a = parse_actual_rows(rows(body), plan, "a")
    b = parse_actual_rows(rows(shuffled), plan, "b")
    assert compare(plan, a).to_dict() == compare(plan, b).to_dict()


def test_a_plan_without_the_monitoring_part_loads(plan_copy: Path) -> None:
    (plan_copy / "monitoring.yaml").unlink()
    plan = load_plan(plan_copy)
    assert plan.monitoring is None
    with pytest.raises(MonitoringError, match="no monitoring part"):
        read_actuals(FICTIONAL, plan)


def test_a_new_indicator_needs_no_code(plan_copy: Path, tmp_path: Path) -> None:
    text = (plan_copy / "monitoring.yaml").read_text(encoding="utf-8")
    extra = (
        "  - id: patents\n    label_nl: Octrooien\n    label_en: Patents\n    unit: count\n"
        "    compare_with: jobs\n    subject: pillar\n"
    )
    text = text.replace("indicators:\n", "indicators:\n" + extra, 1)
    (plan_copy / "monitoring.yaml").write_text(text, encoding="utf-8")
    plan = load_plan(plan_copy)
    actuals = tmp_path / "a.csv"
    year = plan.employment.base_year + 1
    actuals.write_text(
        f"indicator,subject,year,value,source\npatents,design,{year},3,octrooiregister\n"
    )
    got = compare(plan, read_actuals(actuals, plan)).indicator("patents")
    row = got.row("design", year)
    assert row is not None and row.actual == 3.0 and row.status == "off_track"


def test_a_bad_monitoring_part_names_file_line_and_field(plan_copy: Path) -> None:
    path = plan_copy / "monitoring.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("relative_sd: 0.10", "relative_sd: -1"), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(plan_copy)
    line = good.splitlines().index("  relative_sd: 0.10") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:{line}: observation_error.relative_sd: must not be negative (got -1)"
    ]
    path.write_text(good.replace("    rule: talent\n", "    rule: talnet\n"), encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(plan_copy)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert "unknown status rule 'talnet' (indicator 'inflow')" in problem.reason


def test_public_comparison_withholds_figures_from_fewer_than_three_organisations(
    plan: Plan, fictional: Actuals
) -> None:
    minimum = monitoring_of(plan).disclosure.min_organisations
    assert minimum == 3
    full = compare(plan, fictional).indicator("partner-jobs")
    public = compare(plan, fictional).disclosed(minimum).indicator("partner-jobs")
    shown = {(r.subject, r.year): r.actual for r in public.rows if r.actual is not None}
    # equipment in the first year: three organisations (610 + 540 + 180) -> shown
    year = min(fictional.years("partner-jobs"))
    assert shown == {("equipment", year): 1330.0}
    # design that year comes from one organisation: withheld, and so is the total it
    # belongs to (else total - equipment = design)
    design = public.row("design", year)
    total = public.row(None, year)
    assert design is not None and design.suppressed and design.actual is None
    assert total is not None and total.suppressed and total.actual is None
    full_total = full.row(None, year)
    assert full_total is not None and full_total.organisations == 4


def _partner_jobs(plan: Plan, orgs_per_year: dict[int, int], compare_with: str) -> Comparison:
    """The comparison of the partner jobs indicator held against ``compare_with``, with one
    pillar's figure from ``orgs_per_year[year]`` organisations (100 jobs each)."""
    ind = monitoring_of(plan).indicator("partner-jobs")
    ind = ind.model_copy(update={"compare_with": compare_with})
    pillar = plan.pillar_ids[0]
    rows = [
        Actual("partner-jobs", pillar, year, 100.0, "x", None, f"o{k}")
        for year, n in orgs_per_year.items()
        for k in range(n)
    ]
    return Comparison("leap", (compare_indicator(plan, ind, Actuals.of(rows, plan)),))


def test_a_withheld_latest_year_stays_the_latest(plan: Plan) -> None:
    """A reader who may not see the latest year's figure gets that year with its actual,
    gap and status withheld, not the year before as if it were the latest."""
    base = plan.employment.base_year
    full = _partner_jobs(plan, {base + 1: 3, base + 2: 2}, "jobs")
    public = full.disclosed(3)
    shown = public.indicator("partner-jobs")
    last, whole = shown.latest(), full.indicator("partner-jobs").latest()
    assert whole is not None and whole.year == base + 2 and whole.status != "no_data"
    assert last is not None and last.year == base + 2 and last.suppressed
    assert (last.actual, last.gap, last.status, shown.status) == (None, None, "no_data", "no_data")
    assert public.counts["no_data"] == 1
    # up to the year before, that year's figure of three organisations is the latest
    earlier = shown.latest(until=base + 1)
    assert earlier is not None and (earlier.year, earlier.actual) == (base + 1, 300.0)


def test_the_latest_of_an_indicator_held_against_nothing_is_its_latest_actual(
    plan: Plan,
) -> None:
    base = plan.employment.base_year
    full = _partner_jobs(plan, {base + 1: 3, base + 2: 2}, "none")
    whole = full.indicator("partner-jobs").latest()
    assert whole is not None and (whole.year, whole.actual, whole.plan) == (base + 2, 200.0, None)
    last = full.disclosed(3).indicator("partner-jobs").latest()
    assert last is not None and last.year == base + 2 and last.suppressed


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["design", "equipment", "production"]),
            st.integers(min_value=0, max_value=2),
            st.sampled_from(["o1", "o2", "o3", "o4", "o5"]),
            st.integers(min_value=1, max_value=500),
        ),
        max_size=25,
        unique_by=lambda c: (c[0], c[1], c[2]),
    )
)
def test_no_public_figure_comes_from_fewer_than_three_organisations(
    plan: Plan, cells: list[tuple[str, int, str, int]]
) -> None:
    base = plan.employment.base_year
    rows = [
        Actual("partner-jobs", pillar, base + dy, float(v), "x", None, org)
        for pillar, dy, org, v in cells
    ]
    actuals = Actuals.of(rows, plan)
    ind = monitoring_of(plan).indicator("partner-jobs")
    full = Comparison("leap", (compare_indicator(plan, ind, actuals),))
    public = full.disclosed(3).indicator("partner-jobs")
    for r in public.rows:
        if r.actual is None:
            continue
        orgs = {c[2] for c in cells if c[1] == r.year - base and (r.subject in (None, c[0]))}
        assert len(orgs) >= 3
        if r.subject is None:  # every part of a shown total is shown itself
            for part in public.rows:
                if part.year == r.year and part.subject is not None:
                    assert part.actual is not None


def test_the_comparison_grid_has_every_row(plan: Plan, fictional: Actuals) -> None:
    result = compare(plan, fictional)
    grid = comparison_grid(result)
    assert len(grid) == 1 + sum(len(c.rows) for c in result.indicators)
    header = grid[0]
    jobs_rows = [r for r in grid[1:] if r[0] == "jobs" and r[2] == ""]
    last = max(fictional.years("jobs"))
    row = next(r for r in jobs_rows if r[header.index("year")] == last)
    got = result.indicator("jobs").row(None, last)
    assert got is not None and row[header.index("gap")] == got.gap
    assert row[header.index("status")] == "at_risk"
