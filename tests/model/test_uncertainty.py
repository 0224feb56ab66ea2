"""Monte Carlo: determinism, shapes, memory layout, and agreement with the single path."""

from __future__ import annotations

import numpy as np
import pytest

from clusterplan.model.growth import GrowthError, growth_assumptions, trajectory
from clusterplan.model.uncertainty import (
    BLOCK,
    UncertainInput,
    engine,
    percentiles_in_place,
    simulate,
    summary,
    uncertain_inputs,
)
from clusterplan.plan.schema import Plan


def test_the_same_seed_gives_the_same_numbers(plan: Plan) -> None:
    a = simulate(plan, 3000, 42)
    b = simulate(plan, 3000, 42)
    assert a.jobs is not None and b.jobs is not None
    np.testing.assert_array_equal(a.jobs, b.jobs)
    assert a.p_goal == b.p_goal


def test_another_seed_gives_other_numbers(plan: Plan) -> None:
    a = simulate(plan, 3000, 1)
    b = simulate(plan, 3000, 2)
    assert not np.array_equal(a.total, b.total)


def test_a_generator_is_accepted_and_is_deterministic(plan: Plan) -> None:
    a = simulate(plan, 500, np.random.default_rng(7))
    b = simulate(plan, 500, np.random.default_rng(7))
    np.testing.assert_array_equal(a.total, b.total)


def test_samples_do_not_depend_on_how_many_are_drawn(plan: Plan) -> None:
    small = simulate(plan, 10, 5)
    large = simulate(plan, BLOCK + 10, 5)
    np.testing.assert_array_equal(small.total, large.total[:10])


def test_arrays_are_float32_and_shaped_sample_pillar_year(plan: Plan) -> None:
    ens = simulate(plan, 100, 0)
    assert ens.jobs is not None
    assert ens.jobs.shape == (100, 5, 9) and ens.jobs.dtype == np.float32
    assert ens.total.shape == (100, 9)
    np.testing.assert_allclose(ens.total, ens.jobs.sum(axis=1), rtol=1e-5)
    assert ens.reached.shape == (100,)
    np.testing.assert_array_equal(ens.reached, ens.total[:, -1] >= 11200)


def test_every_sample_starts_at_the_2026_base(plan: Plan) -> None:
    ens = simulate(plan, 200, 3)
    assert ens.jobs is not None
    np.testing.assert_allclose(ens.jobs[:, :, 0], [[1000, 1700, 2100, 100, 700]] * 200)


def test_the_vectorised_engine_matches_the_single_trajectory_at_defaults(plan: Plan) -> None:
    eng = engine(plan, "leap")
    defaults = {
        "market_growth_factor": 2.0,
        "fab_capacity_headroom": 0.0,
        "fab_continues": 1.0,
        "fab_closure_year": 2030.0,
    }
    values = {}
    for spec in eng.inputs:
        head, _, key = spec.name.partition("__")
        if spec.name in defaults:
            v = defaults[spec.name]
        elif head == "realisation":
            v = 1.0
        elif head == "delay":
            v = 0.0
        elif head == "market":  # central paths
            v = float(eng.assumptions.market_central[key])
        else:  # calibrated elasticities
            v = float(eng.assumptions.elasticity[key])
        values[spec.name] = np.full(4, v, dtype=np.float32)
    jobs = eng.evaluate(values)
    wanted = trajectory(plan, "leap").jobs
    for i in range(4):
        np.testing.assert_allclose(jobs[i], wanted, rtol=1e-5)


def test_p_goal_is_the_share_of_samples_reaching_the_goal(plan: Plan) -> None:
    ens = simulate(plan, 2000, 11, goal_jobs=9000)
    assert ens.p_goal == pytest.approx(float(np.mean(ens.total[:, -1] >= 9000)))
    easier = simulate(plan, 2000, 11, goal_jobs=6000)
    assert easier.p_goal >= ens.p_goal


def test_summary_bands_are_ordered_and_match_numpy(plan: Plan) -> None:
    ens = simulate(plan, 4000, 9)
    data = summary(ens)
    assert set(data) >= {"n", "seed", "p_goal", "total", "pillars"}
    row = data["total"]["2034"]
    assert row["p5"] <= row["p50"] <= row["p95"]
    assert row["p50"] == pytest.approx(float(np.percentile(ens.total[:, -1], 50)), rel=1e-6)
    assert ens.jobs is not None
    design = data["pillars"]["design"]["2030"]
    assert design["p95"] == pytest.approx(float(np.percentile(ens.jobs[:, 0, 4], 95)), rel=1e-6)


def test_percentiles_follow_numpys_linear_method() -> None:
    rows = np.random.default_rng(0).random((3, 101))
    wanted = np.percentile(rows, [2.5, 50, 97.5], axis=1)
    np.testing.assert_allclose(percentiles_in_place(rows.copy(), [2.5, 50, 97.5]), wanted)


def test_uncertain_inputs_cover_the_leap_projects_with_jobs(plan: Plan) -> None:
    names = {s.name for s in uncertain_inputs(plan)}
    assert {"market__automotive", "fab_continues", "realisation__robotics"} <= names
    assert "market_growth_factor" not in names  # the markets replace the one factor
    single = {s.name for s in uncertain_inputs(plan, growth_assumptions(plan, markets=False))}
    assert "market_growth_factor" in single and "market__automotive" not in single
    assert "realisation__fab-300mm" not in names  # no jobs by 2034 in the split
    organic = {s.name for s in uncertain_inputs(plan, dimension="organic")}
    assert not any(n.startswith("realisation__") for n in organic)


@pytest.mark.parametrize(
    ("dist", "mode"), [("uniform", 0.5), ("triangular", 0.8), ("triangular", 1.0)]
)
def test_inputs_stay_within_their_range(dist: str, mode: float) -> None:
    spec = UncertainInput("x", dist, 0.2, 1.0, mode, "test")
    u = np.linspace(0, 1, 1001)
    v = spec.from_unit(u)
    assert v.min() >= 0.2 - 1e-12 and v.max() <= 1.0 + 1e-12
    assert np.all(np.diff(v) >= 0)  # inverse CDFs are monotone


def test_bernoulli_input_has_its_probability() -> None:
    spec = UncertainInput("fab", "bernoulli", 0, 1, 0.7, "test")
    u = np.random.default_rng(1).random(100_000)
    assert spec.from_unit(u).mean() == pytest.approx(0.7, abs=0.01)


def test_bad_arguments_are_refused(plan: Plan) -> None:
    with pytest.raises(GrowthError):
        simulate(plan, 0, 1)
    with pytest.raises(GrowthError):
        simulate(plan, 10, 1, goal_year=2040)
    with pytest.raises(GrowthError):
        simulate(plan, 10, -3)


def test_threads_do_not_change_the_numbers(plan: Plan) -> None:
    one = simulate(plan, 2 * BLOCK + 5, 8, workers=1, keep_inputs=False)
    two = simulate(plan, 2 * BLOCK + 5, 8, workers=2, keep_inputs=False)
    assert one.jobs is not None and two.jobs is not None
    np.testing.assert_array_equal(one.jobs, two.jobs)


def test_the_ensemble_extends_to_2040_with_the_goal_still_in_2034(plan: Plan) -> None:
    ens = simulate(plan, 300, 2, until=2040)
    assert ens.jobs is not None and ens.jobs.shape == (300, 5, 15)
    assert ens.goal_year == 2034
    np.testing.assert_array_equal(ens.reached, ens.total[:, ens.years.index(2034)] >= 11200)
