"""Nowcast invariants: no actuals = the prior exactly; below lowers, above raises P(goal);
deterministic for a seed; the effective sample size and its warning."""

from __future__ import annotations

import numpy as np
import pytest

from clusterplan.model.uncertainty import simulate
from clusterplan.monitor.actuals import Actual, Actuals
from clusterplan.monitor.compare import plan_path
from clusterplan.monitor.nowcast import (
    TOTAL,
    normalised_weights,
    nowcast,
    observations,
    systematic_resample,
)
from clusterplan.plan.schema import Plan

N = 3_000
SEED = 11


def scaled_path(plan: Plan, factor: float, years: int = 3) -> Actuals:
    """The plan's jobs path per pillar x factor, for the first years after the base year."""
    base = plan.employment.base_year
    path = plan_path(plan, "jobs")
    rows = [
        Actual("jobs", s, y, v * factor, "test", None)
        for (s, y), v in path.items()
        if s is not None and base < y <= base + years
    ]
    return Actuals.of(rows, plan)


def test_no_actuals_is_the_prior_ensemble_exactly(plan: Plan) -> None:
    result = nowcast(plan, Actuals.of([], plan), N, SEED)
    prior = simulate(plan, N, SEED, dimension=result.dimension)
    assert result.p_goal == result.p_goal_prior == prior.p_goal
    assert result.bands == result.bands_prior
    assert result.bands[TOTAL] == prior.total_summary((5, 50, 95))
    assert result.effective_sample_size == N and result.warning is None
    assert all(m.prior_mean == m.posterior_mean for m in result.moved)


def test_history_and_other_indicators_do_not_condition(plan: Plan, fictional: Actuals) -> None:
    base = plan.employment.base_year
    kept = [a for a in fictional if a.indicator != "jobs" or a.year < base]
    result = nowcast(plan, Actuals.of(kept, plan), N, SEED)
    assert result.observations == ()
    assert result.p_goal == result.p_goal_prior


@pytest.mark.parametrize("factor", [0.8, 0.85])
def test_actuals_below_the_plan_path_lower_p_goal(plan: Plan, factor: float) -> None:
    result = nowcast(plan, scaled_path(plan, factor), N, SEED)
    assert result.p_goal < result.p_goal_prior


@pytest.mark.parametrize("factor", [1.0, 1.05])
def test_actuals_on_or_above_the_plan_path_raise_p_goal(plan: Plan, factor: float) -> None:
    result = nowcast(plan, scaled_path(plan, factor), N, SEED)
    assert result.p_goal > result.p_goal_prior


def test_p_goal_rises_with_the_observed_jobs(plan: Plan) -> None:
    got = [nowcast(plan, scaled_path(plan, f), N, SEED).p_goal for f in (0.75, 0.8, 0.85, 0.9)]
    assert got == sorted(got) and got[0] < got[-1]


def test_the_same_seed_gives_the_same_result(plan: Plan, fictional: Actuals) -> None:
    a = nowcast(plan, fictional, N, SEED).to_dict()
    b = nowcast(plan, fictional, N, SEED).to_dict()
    assert a == b
    assert nowcast(plan, fictional, N, SEED + 1).to_dict() != a


def test_result_has_the_promised_keys_and_moves_inputs(plan: Plan, fictional: Actuals) -> None:
    result = nowcast(plan, fictional, N, SEED)
    data = result.to_dict()
    assert {"p_goal_prior", "p_goal", "effective_sample_size"} <= set(data)
    assert 1 <= result.effective_sample_size <= N
    assert result.ess_share == pytest.approx(result.effective_sample_size / N)
    shifts = [abs(m.shift_sd) for m in result.moved]
    assert shifts == sorted(shifts, reverse=True) and shifts[0] > 0
    ids = {a.id for a in plan.assumptions}
    assert all(m["assumption"] in ids for m in data["moved"])


def test_a_collapsed_sample_is_warned_about(plan: Plan, fictional: Actuals) -> None:
    tight = nowcast(plan, fictional, N, SEED, obs_error=0.002)
    assert tight.warning is not None and "effective sample size" in tight.warning
    assert tight.effective_sample_size < 10


def test_observations_use_pillars_and_totals_only_where_pillars_are_missing(plan: Plan) -> None:
    base = plan.employment.base_year
    rows = [
        Actual("jobs", "design", base + 1, 1000.0, "x", None),
        Actual("jobs", None, base + 1, 6000.0, "x", None),  # pillars given: not used
        Actual("jobs", None, base + 2, 6500.0, "x", None),  # only a total: used
        Actual("jobs", None, base - 3, 5000.0, "x", None),  # history: outside the ensemble
    ]
    years = list(range(base, plan.employment.target_year + 1))
    got = observations(plan, Actuals.of(rows, plan), years, 0.1, 10.0)
    assert [(o.pillar, o.year, o.sd) for o in got] == [
        ("design", base + 1, 100.0),
        (None, base + 2, 650.0),
    ]


def test_weights_and_effective_sample_size_by_hand() -> None:
    w = normalised_weights(np.log(np.array([1.0, 1.0, 2.0])) - 1_000.0)  # no underflow
    assert w.tolist() == pytest.approx([0.25, 0.25, 0.5])
    assert 1.0 / float(np.dot(w, w)) == pytest.approx(1 / (0.0625 + 0.0625 + 0.25))
    assert systematic_resample(np.full(5, 0.2)).tolist() == [0, 1, 2, 3, 4]
    assert systematic_resample(np.array([0.0, 0.0, 1.0, 0.0])).tolist() == [2, 2, 2, 2]
    # weights 0.5, 0.25, 0.25: the draws at 1/8, 3/8, 5/8, 7/8 pick 0, 0, 1, 2
    assert systematic_resample(np.array([0.5, 0.25, 0.25, 0.0])).tolist() == [0, 0, 1, 2]


def test_equal_weights_give_the_prior_bands(plan: Plan) -> None:
    from clusterplan.monitor.nowcast import _prior_bands, _weighted_bands

    ens = simulate(plan, 500, 5)
    prior, equal = _prior_bands(ens), _weighted_bands(ens, np.full(500, 1 / 500))
    for series, years in prior.items():
        for year, row in years.items():
            assert equal[series][year] == pytest.approx(row, rel=1e-6)


def test_shuffled_actuals_give_the_same_nowcast(plan: Plan, fictional: Actuals) -> None:
    import random

    rows = list(fictional.rows)
    random.Random(3).shuffle(rows)
    shuffled = Actuals.of(rows, plan)
    assert nowcast(plan, shuffled, 1_000, SEED).to_dict() == (
        nowcast(plan, fictional, 1_000, SEED).to_dict()
    )
