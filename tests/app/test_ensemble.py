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
