"""The growth engine: Figure 6, the base year, the fab, project timing, revenue, monotonicity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterplan.model.changes import ProjectChange
from clusterplan.model.growth import (
    GrowthError,
    growth_assumptions,
    project_jobs,
    revenue_residuals,
    trajectory,
)
from clusterplan.plan.schema import Plan

DIMENSIONS = ("organic", "accelerated", "leap")
"""The bundled plan's growth dimensions, in its order."""


# Figure 6 as printed in the plan (independent of the bundled YAML).
FIGURE6_2034 = {
    "organic": {
        "design": 1900,
        "equipment": 3200,
        "production": 2100,
        "packaging_test": 200,
        "applications": 1350,
    },
    "accelerated": {
        "design": 1900,
        "equipment": 3400,
        "production": 2100,
        "packaging_test": 400,
        "applications": 1350,
    },
    "leap": {
        "design": 3400,
        "equipment": 3950,
        "production": 2750,
        "packaging_test": 650,
        "applications": 2850,
    },
}
BASE_2026 = {
    "design": 1000,
    "equipment": 1700,
    "production": 2100,
    "packaging_test": 100,
    "applications": 700,
}


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_figure6_is_reproduced_pillar_by_pillar_in_2034(plan: Plan, dimension: str) -> None:
    traj = trajectory(plan, dimension)
    got = traj.at(2034)
    for pillar, wanted in FIGURE6_2034[dimension].items():
        assert got[pillar] == pytest.approx(wanted, abs=1e-9), pillar


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_trajectories_start_at_the_2026_base(plan: Plan, dimension: str) -> None:
    traj = trajectory(plan, dimension)
    assert traj.years[0] == 2026
    assert traj.at(2026) == pytest.approx(BASE_2026)
    assert traj.total[0] == pytest.approx(5600)
    assert traj.revenue_index[0] == pytest.approx(1.0)


def test_components_add_up_to_the_jobs(plan: Plan) -> None:
    traj = trajectory(plan, "leap")
    summed = sum(traj.components.values())
    np.testing.assert_allclose(summed, traj.jobs)
    assert {"organic", "acquisition", "acp", "robotics"} <= set(traj.components)


def test_accelerated_counts_only_acp_and_colabfab_projects(plan: Plan) -> None:
    traj = trajectory(plan, "accelerated")
    moving = {k for k, v in traj.components.items() if np.any(v) and k != "organic"}
    assert moving == {"acp", "colabfab"}


def test_a_fab_closure_lowers_production_from_the_closure_year(plan: Plan) -> None:
    base = trajectory(plan, "organic")
    closed = trajectory(plan, "organic", growth_assumptions(plan, fab_closure_year=2030))
    p = base.pillars.index("production")
    for i, year in enumerate(base.years):
        if year < 2030:
            assert closed.jobs[p, i] == pytest.approx(base.jobs[p, i])
        else:
            # The fab's ~1,000 jobs (plan fact) are gone from the closure year on.
            assert closed.jobs[p, i] == pytest.approx(base.jobs[p, i] - 1000)


def test_a_fab_closure_also_hurts_other_pillars(plan: Plan) -> None:
    base = trajectory(plan, "organic").at(2034)
    closed = trajectory(plan, "organic", growth_assumptions(plan, fab_closure_year=2030)).at(2034)
    assert closed["packaging_test"] < base["packaging_test"]
    assert closed["design"] < base["design"]


def test_a_delayed_project_contributes_less_by_2034(plan: Plan) -> None:
    on_time = project_jobs(plan)["lights-out-factory"][:, -1].sum()
    late = project_jobs(plan, changes={"lights-out-factory": ProjectChange(shift_years=2)})
    assert late["lights-out-factory"][:, -1].sum() < on_time
    assert on_time == pytest.approx(650 + 150)


def test_a_delay_assumption_acts_like_a_shift(plan: Plan) -> None:
    delayed = growth_assumptions(plan, delay_years={"robotics": 3.0})
    by_delay = project_jobs(plan, delayed)["robotics"]
    by_shift = project_jobs(plan, changes={"robotics": ProjectChange(shift_years=3)})["robotics"]
    np.testing.assert_allclose(by_delay, by_shift)


def test_project_jobs_ramp_with_spending_after_a_one_year_lag(plan: Plan) -> None:
    # ACP spends 30 M EUR a year 2027-2031 (Table 1); with a one-year lag 1/5 of its
    # jobs are there in 2028 and all of them from 2032.
    acp = project_jobs(plan)["acp"].sum(axis=0)
    years = list(range(2026, 2035))
    assert acp[years.index(2027)] == 0
    assert acp[years.index(2028)] == pytest.approx(250 / 5)
    assert acp[years.index(2032)] == pytest.approx(250)


def test_halving_a_project_halves_its_jobs(plan: Plan) -> None:
    full = project_jobs(plan)["test-center"]
    half = project_jobs(plan, changes={"test-center": ProjectChange(scale=0.5)})["test-center"]
    np.testing.assert_allclose(half, full / 2)


def test_acquisition_jobs_are_added(plan: Plan) -> None:
    extra = np.zeros((5, 9))
    extra[0, -1] = 123.0
    traj = trajectory(plan, "organic", acquisition_jobs=extra)
    assert traj.at(2034)["design"] == pytest.approx(1900 + 123)
    with pytest.raises(GrowthError):
        trajectory(plan, "organic", acquisition_jobs=np.zeros((5, 3)))


def test_the_trajectory_extends_to_2040_and_no_further(plan: Plan) -> None:
    traj = trajectory(plan, "leap", until=2040)
    assert traj.years[-1] == 2040
    assert traj.total[-1] > traj.total[traj.years.index(2034)]
    with pytest.raises(GrowthError):
        trajectory(plan, "leap", until=2041)


def test_one_productivity_rate_brings_revenue_within_3_points(plan: Plan) -> None:
    residuals = revenue_residuals(plan)
    assert set(residuals["rows"]) == set(DIMENSIONS)
    for row in residuals["rows"].values():
        assert abs(row["residual_pp"]) <= 3.0
    assert 0.0 < residuals["productivity_growth_per_year"] < 0.05


def test_unknown_overrides_are_refused(plan: Plan) -> None:
    with pytest.raises(GrowthError):
        growth_assumptions(plan, no_such_field=1)
    with pytest.raises(GrowthError):
        growth_assumptions(plan, realisation={"no-such-project": 0.5})
    with pytest.raises(GrowthError):
        trajectory(plan, "no-such-dimension")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(low=st.floats(1.0, 3.0), extra=st.floats(0.0, 1.0))
def test_more_market_growth_never_means_fewer_jobs(plan: Plan, low: float, extra: float) -> None:
    a = growth_assumptions(plan, market_growth_factor=low)
    b = growth_assumptions(plan, market_growth_factor=low + extra)
    slow = trajectory(plan, "leap", a, until=2040)
    fast = trajectory(plan, "leap", b, until=2040)
    assert np.all(fast.jobs >= slow.jobs - 1e-9)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    project=st.sampled_from(["acp", "lights-out-factory", "robotics", "design-programme"]),
    low=st.floats(0.0, 1.0),
    extra=st.floats(0.0, 1.0),
)
def test_higher_realisation_never_means_fewer_jobs(
    plan: Plan, project: str, low: float, extra: float
) -> None:
    a = growth_assumptions(plan, realisation={project: low})
    b = growth_assumptions(plan, realisation={project: low + extra})
    assert np.all(trajectory(plan, "leap", b).jobs >= trajectory(plan, "leap", a).jobs - 1e-9)


def test_every_growth_assumption_is_described_in_the_model_docs(plan: Plan) -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text("utf-8")
    for assumption in plan.assumptions:
        if not assumption.id.startswith("growth."):
            continue
        family = assumption.id.rsplit(".", 1)[0] + ".*"
        assert assumption.id in text or family in text, assumption.id
