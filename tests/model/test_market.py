"""Market pull: application markets, exposure, correlated sampling and stress narratives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterplan.model.growth import (
    UNASSIGNED,
    GrowthError,
    growth_assumptions,
    jobs_by_market,
    market_correlation,
    stress_narratives,
    trajectory,
    with_stress,
)
from clusterplan.model.uncertainty import engine, simulate
from clusterplan.plan.schema import Plan

DIMENSIONS = ("organic", "accelerated", "leap")
"""The bundled plan's growth dimensions, in its order."""


def test_the_market_pull_is_on_and_central_paths_reproduce_figure_6(plan: Plan) -> None:
    a = growth_assumptions(plan)
    assert len(a.markets) == len(plan.taxonomy.markets)
    index = a.market_index_at_target()
    assert len(set(round(v, 6) for v in index.values())) > 1  # pillars follow own markets
    for dim in DIMENSIONS:
        wanted = plan.employment.scenarios[dim].jobs  # type: ignore[index]
        got = trajectory(plan, dim, a).at(plan.employment.target_year)
        for pillar, jobs in wanted.items():
            assert got[pillar] == pytest.approx(jobs, rel=1e-12), (dim, pillar)


def test_the_single_factor_engine_is_still_reachable_and_also_exact(plan: Plan) -> None:
    a = growth_assumptions(plan, markets=False)
    assert a.markets == ()
    assert set(a.market_index_at_target().values()) == {plan.employment.market_growth_factor}
    got = trajectory(plan, "leap", a).at(plan.employment.target_year)
    for pillar, jobs in plan.employment.scenarios["leap"].jobs.items():
        assert got[pillar] == pytest.approx(jobs, rel=1e-12)


def _lowered(plan: Plan, market: str, factor: float) -> tuple[np.ndarray, np.ndarray]:
    # an unbound fab pillar, so every exposed pillar can respond
    a = growth_assumptions(plan, fab_capacity_headroom=100.0)
    low = dataclasses.replace(
        a, market_central={**a.market_central, market: a.market_central[market] * factor}
    )
    before = trajectory(plan, "leap", a).jobs
    after = trajectory(plan, "leap", low).jobs
    return before, after


@settings(max_examples=25, deadline=None)
@given(
    market=st.sampled_from(
        [
            "defence",
            "medical",
            "agrifood",
            "automotive",
            "telecom_data",
            "industry_robotics",
            "energy",
            "power_electronics",
        ]
    ),
    factor=st.floats(min_value=0.5, max_value=0.99),
)
def test_lowering_one_market_lowers_exactly_the_exposed_pillars_by_their_exposure(
    plan: Plan, market: str, factor: float
) -> None:
    a = growth_assumptions(plan, fab_capacity_headroom=100.0)
    before, after = _lowered(plan, market, factor)
    target = -1
    years = trajectory(plan, "leap", a).years
    span = a.target_year - a.base_year
    drop = before - after
    for k, pillar in enumerate(a.pillars):
        weight = a.exposure.get(pillar, {}).get(market, 0.0)
        if weight == 0:
            np.testing.assert_allclose(drop[k], 0.0, atol=1e-9)
            continue
        assert np.all(drop[k, 1:] > 0), pillar
        # in proportion to the exposure: the pillar's index falls by exactly
        # weight * (old path - new path) of that market, every year
        e = a.elasticity[pillar]
        organic_before = trajectory(plan, "organic", a).jobs[k]
        index_before = (organic_before / a.base_jobs[pillar]) ** (1 / e)
        organic_after = organic_before - drop[k]
        index_after = (organic_after / a.base_jobs[pillar]) ** (1 / e)
        frac = np.clip((np.asarray(years) - a.base_year) / span, None, 1.0)
        central = a.market_central[market]
        path_drop = central**frac - (central * factor) ** frac
        np.testing.assert_allclose(
            index_before[1:] - index_after[1:], weight * path_drop[1:], rtol=1e-9
        )
    assert drop[:, target].sum() > 0


def test_jobs_carried_by_the_markets_add_up_to_the_total(plan: Plan) -> None:
    a = growth_assumptions(plan)
    traj = trajectory(plan, "leap", a)
    carried = jobs_by_market(a, traj)
    np.testing.assert_allclose(sum(carried.values()), traj.total, rtol=1e-12)
    assert set(carried) == {*a.markets, UNASSIGNED}
    assert carried["telecom_data"][-1] > carried["agrifood"][-1] > 0


def test_market_samples_are_correlated_as_the_assumption_says(plan: Plan) -> None:
    a = growth_assumptions(plan)
    ens = simulate(plan, 40_000, 5, dimension="organic")
    wanted = market_correlation(plan, a.markets)
    names = [f"market__{m}" for m in a.markets]
    ranks = np.array([np.argsort(np.argsort(ens.inputs[n])) for n in names])
    got = np.corrcoef(ranks)
    # triangular margins through a Gaussian copula: rank correlation ~ (6/pi) asin(rho/2)
    expected = 6 / np.pi * np.arcsin(wanted / 2)
    np.testing.assert_allclose(got, expected, atol=0.03)
    eng = engine(plan, "organic", a)
    assert eng.market_cholesky is not None


def test_exposure_shares_that_do_not_add_up_to_one_are_refused_in_the_readers_notation(
    plan: Plan,
) -> None:
    bad = []
    for a in plan.assumptions:
        if a.id == "growth.market.exposure":
            shares = {pillar: dict(row) for pillar, row in a.value.items()}
            shares["design"]["telecom_data"] = 0.25  # the design row now adds up to 0.95
            a = a.model_copy(update={"value": shares})
        bad.append(a)
    broken = plan.model_copy(update={"assumptions": bad})
    with pytest.raises(GrowthError) as refused:
        growth_assumptions(broken)
    assert "(gegeven: 0,95)" in refused.value.text("nl")
    assert "(got 0.95)" in refused.value.text("en")


def test_a_correlation_matrix_that_is_not_positive_definite_is_refused(plan: Plan) -> None:
    bad = [
        a.model_copy(update={"value": {"default": -0.5}})
        if a.id == "growth.market.correlation"
        else a
        for a in plan.assumptions
    ]
    broken = plan.model_copy(update={"assumptions": bad})
    with pytest.raises(GrowthError, match="positive definite"):
        market_correlation(broken, growth_assumptions(plan).markets)


def test_a_stress_narrative_lowers_only_its_markets_pillars_and_only_in_its_years(
    plan: Plan,
) -> None:
    a = growth_assumptions(plan)
    assert {"automotive-slump", "ai-boom"} <= set(stress_narratives(plan))
    slump = with_stress(plan, a, "automotive-slump")
    base = trajectory(plan, "leap", a)
    hit = trajectory(plan, "leap", slump)
    years = base.years
    stressed = {int(y) for m in slump.stress.values() for y in m}
    for i, year in enumerate(years):
        if year in stressed:
            assert hit.total[i] < base.total[i]
        else:
            assert hit.total[i] == pytest.approx(base.total[i])
    boom = trajectory(plan, "leap", with_stress(plan, a, "ai-boom"), until=a.extension_until_year)
    plain = trajectory(plan, "leap", a, until=a.extension_until_year)
    assert np.all(boom.total[2:] > plain.total[2:])  # persists after its last year
    k = a.pillars.index("applications")  # sells nothing into telecom and data
    np.testing.assert_allclose(boom.jobs[k], plain.jobs[k])


def test_an_unknown_stress_is_refused_with_the_known_names(plan: Plan) -> None:
    with pytest.raises(GrowthError, match="automotive-slump"):
        with_stress(plan, growth_assumptions(plan), "meteor")


def test_the_ensemble_runs_under_a_stress(plan: Plan) -> None:
    a = growth_assumptions(plan)
    plain = simulate(plan, 2000, 3, assumptions=a)
    slump = simulate(plan, 2000, 3, assumptions=with_stress(plan, a, "automotive-slump"))
    i = plain.years.index(2028)
    assert slump.total[:, i].mean() < plain.total[:, i].mean()


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_plans_own_path_lies_inside_the_p5_p95_band(plan: Plan, dimension: str) -> None:
    # Every uncertain input has upside and downside (market paths, elasticities as the
    # productivity channel, realisation above 1, a year earlier or later). The fab's
    # continuation is one-sided on purpose (growth.fab.p-continues: every row of Figure 6
    # assumes the fab continues), which pulls the band down; still the plan's path is
    # inside the band every year and, in the target year, not at its edge (P10-P90).
    ens = simulate(plan, 50_000, 7, dimension=dimension)
    path = trajectory(plan, dimension).total
    for i, year in enumerate(ens.years[1:], start=1):
        rank = float(np.mean(ens.total[:, i] < path[i]))
        assert 0.05 < rank < 0.95, (year, rank)
    final = float(np.mean(ens.total[:, -1] < path[-1]))
    assert 0.10 < final < 0.90, final
