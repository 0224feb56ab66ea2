"""Space and talent demand over an ensemble: vectorised call against a loop per sample."""

from __future__ import annotations

import time

import numpy as np

from clusterplan.model.space import space_assumptions, space_balance
from clusterplan.model.talent import talent_assumptions, talent_balance
from clusterplan.plan.load import bundled_plan


def main(quick: bool = False) -> None:
    """Time both models on ``n`` random job paths and print the loop/vectorised ratio."""
    n = 200 if quick else 5000
    plan = bundled_plan()
    space, talent = space_assumptions(plan), talent_assumptions(plan)
    years = list(range(2026, 2041))
    rng = np.random.default_rng(1)
    base = np.array([float(plan.employment.base[p]) for p in space.pillars])
    steps = rng.normal(150, 120, size=(n, len(base), len(years) - 1))
    jobs = np.maximum(
        base[None, :, None]
        + np.concatenate([np.zeros((n, len(base), 1)), steps.cumsum(axis=-1)], axis=-1),
        0.0,
    )
    for name, run in (
        ("space", lambda j: space_balance(j, years, space)),
        ("talent", lambda j: talent_balance(j, years, talent)),
    ):
        started = time.perf_counter()
        run(jobs)
        vectorised = time.perf_counter() - started
        started = time.perf_counter()
        for i in range(n):
            run(jobs[i])
        looped = time.perf_counter() - started
        print(
            f"{name}: n={n} vectorised {vectorised * 1e3:.1f} ms, loop {looped * 1e3:.1f} ms, "
            f"ratio {looped / vectorised:.1f}x"
        )
