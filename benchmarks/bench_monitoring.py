"""Monitoring benchmark: the nowcast against rejection sampling, in the same run.

The observed jobs: one trajectory of the model itself (drawn with its own seed, so the
truth is something the ensemble can produce), per pillar for five years after the base
year: 25 observations. Ours: :func:`clusterplan.monitor.nowcast.nowcast` on 100,000
samples (importance weights from the likelihood under the plan's observation error). The
peer: plain rejection sampling (ABC) on the same ensemble: keep the samples whose every
observed figure lies within k observation standard deviations, P(goal) = share of the kept
that reach the goal. Printed: time, P(goal), effective sample size against the acceptance
rate (the rejection sampler's effective sample size is the number it keeps). A box of
+-k sd targets a broader posterior than the stated normal error, so a second peer is
rejection that is exact for it (keep each sample with probability L / max L).
"""

from __future__ import annotations

import time

import numpy as np

from clusterplan.model.uncertainty import simulate
from clusterplan.monitor.actuals import Actual, Actuals
from clusterplan.monitor.indicators import monitoring_of
from clusterplan.monitor.nowcast import log_likelihood, nowcast, observations
from clusterplan.plan.load import bundled_plan

OBSERVED_YEARS = 5
SEED = 42
TRUTH_SEED = 7
TOLERANCES_SD: tuple[float, ...] = (2.0, 3.0)


def observed_truth(n_years: int = OBSERVED_YEARS) -> Actuals:
    """Jobs per pillar of one model trajectory for the years after the base year."""
    plan = bundled_plan()
    mon = monitoring_of(plan)
    truth = simulate(plan, 1, TRUTH_SEED, dimension=mon.dimension)
    jobs = truth.jobs
    assert jobs is not None
    base = plan.employment.base_year
    rows = [
        Actual("jobs", pillar, year, float(jobs[0, k, i]), "benchmark truth", None)
        for k, pillar in enumerate(truth.pillars)
        for i, year in enumerate(truth.years)
        if base < year <= base + n_years
    ]
    return Actuals.of(rows, plan)


def main(quick: bool = False) -> None:
    """Print the nowcast against rejection sampling."""
    plan = bundled_plan()
    mon = monitoring_of(plan)
    n = 10_000 if quick else 100_000
    actuals = observed_truth()
    rel, min_sd = mon.observation_error.relative_sd, mon.observation_error.min_sd

    started = time.perf_counter()
    ours = nowcast(plan, actuals, n, SEED)
    ours_s = time.perf_counter() - started
    print(
        f"observations: {len(ours.observations)} (jobs per pillar, {OBSERVED_YEARS} years); "
        f"{n:,} samples; observation sd {rel:.0%}; P(goal) before: {ours.p_goal_prior:.3f}"
    )
    print(
        f"nowcast (ours): P(goal) {ours.p_goal:.3f} | effective sample size "
        f"{ours.effective_sample_size:,.0f} ({ours.ess_share:.2%}) | {ours_s:.2f} s"
        + (" | WARNING: ESS collapsed" if ours.warning else "")
    )

    started = time.perf_counter()
    ens = simulate(plan, n, SEED, dimension=mon.dimension)
    sim_s = time.perf_counter() - started
    obs = observations(plan, actuals, ens.years, rel, min_sd, mon)
    series = ens.jobs_by_series
    assert series is not None
    for k_sd in TOLERANCES_SD:
        started = time.perf_counter()
        keep = np.ones(n, dtype=bool)
        for o in obs:
            sim = (
                series[ens.pillars.index(o.pillar), ens.years.index(o.year)]
                if o.pillar
                else (ens.total_by_year[ens.years.index(o.year)])
            )
            keep &= np.abs(sim - o.value) <= k_sd * o.sd
        kept = int(keep.sum())
        p_goal = float(ens.reached[keep].mean()) if kept else float("nan")
        reject_s = sim_s + time.perf_counter() - started
        print(
            f"rejection within {k_sd:g} sd (peer): P(goal) {p_goal:.3f} | accepted {kept:,} "
            f"({kept / n:.2%}) | {reject_s:.2f} s"
        )
        if kept:
            print(
                f"  |P(goal) ours - peer| = {abs(ours.p_goal - p_goal):.3f} (a box of +-{k_sd:g} "
                "sd targets a broader posterior than the normal error: compare P(goal), "
                "not the counts)"
            )
        else:
            print("  the peer accepts no sample: it gives no P(goal) at all")
    # The box above targets a broader posterior than the stated normal error; rejection
    # that is exact for it keeps each sample with probability L / max L.
    started = time.perf_counter()
    ll = log_likelihood(ens, obs)
    u = np.random.default_rng(SEED).random(n)
    exact = np.log(u) <= ll - ll.max()
    kept = int(exact.sum())
    p_goal = float(ens.reached[exact].mean()) if kept else float("nan")
    exact_s = sim_s + time.perf_counter() - started
    print(
        f"rejection exact for the normal error (peer): P(goal) {p_goal:.3f} | accepted "
        f"{kept:,} ({kept / n:.2%}) | {exact_s:.2f} s"
    )
    print(
        f"  ratio: ours rests on {ours.effective_sample_size / max(kept, 1):.1f}x the samples "
        f"of the exact rejection sampler; |P(goal) ours - peer| = {abs(ours.p_goal - p_goal):.3f}"
    )
    # The web platform's import case (its own module: it runs Django in a child process).
    from benchmarks.monitoring_import import main_import

    main_import(quick)
    # The annual progress report against a plain CSV baseline (its own module).
    from benchmarks.monitoring_report import main_report

    main_report(quick)
