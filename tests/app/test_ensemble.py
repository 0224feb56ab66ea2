"""The platform's ensemble is the command line's ``simulate``: the same samples and seed
give the same probability of the goal and the same band (it had drawn its samples in
blocks of its own seeds, so the two differed while both said "seed S")."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from clusterplan.app import scenarios
from clusterplan.cli import app
from clusterplan.plan.schema import Plan


def test_the_ensemble_is_simulate_with_the_same_samples_and_seed(plan: Plan) -> None:
    dimension = plan.employment.dimension_ids[0]
    calls: list[tuple[int, int]] = []
    outcome = scenarios.ensemble(
        plan, 70_000, 11, dimension, progress=lambda done, total: calls.append((done, total))
    )
    cli = CliRunner().invoke(
        app, ["simulate", "--n", "70000", "--seed", "11", "--dimension", dimension, "--json"]
    )
    assert cli.exit_code == 0, cli.output
    data = json.loads(cli.stdout)
    assert outcome.p_goal == data["p_goal"]
    for q, row in outcome.percentiles.items():
        shown = [data["total"][str(year)][f"p{q}"] for year in outcome.years]
        assert row == shown, q
    # progress in samples, from none to all (two blocks of the model's)
    assert calls[0] == (0, 70_000) and calls[-1] == (70_000, 70_000)
    assert len(calls) == 3


def test_a_scenarios_band_carries_the_plans_range_to_its_own_values() -> None:
    # Before: a market factor of 1.5 against the plan's range 1.53-2.07 only widened the
    # range to 1.5-2.07 with its mode at the edge: the scenario's own line (1,174 jobs in the
    # last year) lay below the 5th percentile of its band (1,179), and at 2.2 near its top.
    from pathlib import Path

    from clusterplan.plan.load import load_plan

    plan = load_plan(Path(__file__).parents[1] / "plans" / "three-pillars")
    default = scenarios.scenario(plan, {}, samples=2000, seed=1)
    width = default.band.percentiles[95][-1] - default.band.percentiles[5][-1]  # type: ignore[union-attr]
    for factor in (1.5, 2.2):
        outcome = scenarios.scenario(plan, {"market_growth_factor": factor}, samples=2000, seed=1)
        assert outcome.band is not None
        last = float(outcome.total[-1])
        low, mid, high = (float(outcome.band.percentiles[q][-1]) for q in (5, 50, 95))
        assert low < last < high, (factor, low, last, high)
        assert abs(mid - last) < 0.1 * (high - low), (factor, mid, last)
        assert 0.7 * width < high - low < 1.3 * width  # the plan's uncertainty, carried
