"""Growth engine benchmark: our vectorised engine against EMA Workbench 2.5, same run.

1. Peer: the same model as an EMA user would write it, a plain-Python scalar version
   (``benchmarks/growth_scalar.py``: loops over pillars, years and projects, floats; the
   same inputs, distributions and equations, checked against our engine in
   ``tests/test_growth_scalar_peer.py``), run through EMA Workbench's SequentialEvaluator:
   EMA samples the unit cube by LHS and each experiment maps it through the inverse
   distributions and computes one full 5-pillar x 9-year trajectory. EMA's ceiling is the
   same run with a model that does nothing (same inputs and outcomes). Ours: ``simulate``
   over the same inputs. Both distributions of total jobs in 2034 are compared (means
   within sampling error, plus a KS test); our throughput is printed with its ratio to the
   peer (target >= 100x) and to the ceiling.
2. 1,000,000 samples simulated and summarised (target <= 2 s; peak memory < 600 MB,
   measured with tracemalloc in a second run, and the process's peak RSS).
3. Sobol (N=4096, SALib) plus PRIM (EMA Workbench) on 100,000 samples (target < 10 s;
   library imports are done before timing and reported apart).
4. Market pull: 1,000,000 samples with correlated market paths (Gaussian copula over the
   eight application markets) against the present single-factor engine
   (``growth_assumptions(plan, markets=False)``) in the same run, alternating, best of
   two each (target: market pull within 2x of the single factor).

Run: ``python -m benchmarks growth`` (``--quick`` for a smoke run).
"""

from __future__ import annotations

import logging
import math
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings
from typing import Any

import numpy as np
from scipy import stats

from benchmarks.growth_scalar import ScalarGrowthModel, values_from_unit
from clusterplan.model.growth import growth_assumptions
from clusterplan.model.sensitivity import discover, sobol_indices
from clusterplan.model.uncertainty import Engine, engine, simulate, summary
from clusterplan.plan.load import bundled_plan

GOAL_YEAR = 2034


def _ema_model(eng: Engine, *, ceiling: bool = False) -> Any:
    """The EMA model: the plain-Python scalar growth model, or (``ceiling``) a model that
    does nothing with the same inputs and outcomes (EMA's own overhead per experiment)."""
    from ema_workbench import ArrayOutcome, Model, RealParameter, ScalarOutcome

    names = [f"u{i:02d}" for i in range(len(eng.inputs))]
    specs = list(zip(names, eng.inputs, strict=True))
    scalar = ScalarGrowthModel.from_assumptions(eng.assumptions, "leap")
    gi = scalar.years.index(GOAL_YEAR)
    shape = (len(scalar.pillars), len(scalar.years))
    nothing = np.zeros(shape)
    chol = None if eng.market_cholesky is None else eng.market_cholesky.tolist()

    def growth_model(**kwargs: float) -> dict[str, Any]:
        values = values_from_unit(eng.inputs, [kwargs[name] for name, _ in specs], chol)
        jobs = scalar.run_named(values)  # [pillar][year], plain floats
        return {"jobs": np.array(jobs), "total_2034": sum(row[gi] for row in jobs)}

    def do_nothing(**kwargs: float) -> dict[str, Any]:
        return {"jobs": nothing, "total_2034": 0.0}

    model = Model("growth", function=do_nothing if ceiling else growth_model)
    model.uncertainties = [RealParameter(name, 0.0, 1.0) for name in names]
    model.outcomes = [
        ArrayOutcome("jobs", shape=shape, dtype=float),
        ScalarOutcome("total_2034"),
    ]
    return model


def _peer(eng: Engine, n: int, *, ceiling: bool = False) -> tuple[float, np.ndarray]:
    from ema_workbench import SequentialEvaluator, ema_logging

    ema_logging.log_to_stderr(logging.WARNING)
    np.random.seed(20260)  # noqa: NPY002  (EMA's LHS sampler uses the global generator)
    random.seed(20260)
    model = _ema_model(eng, ceiling=ceiling)
    started = time.perf_counter()
    with SequentialEvaluator(model) as evaluator:
        _, outcomes = evaluator.perform_experiments(scenarios=n)
    seconds = time.perf_counter() - started
    return seconds, np.asarray(outcomes["total_2034"], dtype=float)


def _same_distribution(ours: np.ndarray, peer: np.ndarray) -> tuple[float, float, float]:
    """(difference of means, its standard error, KS p-value)."""
    diff = float(ours.mean() - peer.mean())
    se = math.sqrt(ours.var() / ours.size + peer.var() / peer.size)
    ks = stats.ks_2samp(ours, peer)
    return diff, se, float(ks.pvalue)


def _fresh_process_rss_mb(n: int) -> float:
    """Peak RSS (MB) of a new interpreter that only simulates ``n`` samples and summarises."""
    # VmHWM is the peak RSS of this process image; ru_maxrss would also count the memory of
    # the parent at fork time (Linux carries it across exec).
    code = (
        "import resource\n"
        "from clusterplan.plan.load import bundled_plan\n"
        "from clusterplan.model.uncertainty import simulate, summary\n"
        f"summary(simulate(bundled_plan(), {n}, 1))\n"
        "try:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    print(int(status.split()[0]))\n"
        "except OSError:\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def _market_pull_case(n: int) -> None:
    """Correlated market paths against the single market factor, same run, same n."""
    plan = bundled_plan()
    engines = {
        "single factor (present engine)": growth_assumptions(plan, markets=False),
        "market pull, correlated paths": growth_assumptions(plan),
    }
    best = {name: math.inf for name in engines}
    for _ in range(2):  # alternate, so load changes hit both alike
        for name, a in engines.items():
            started = time.perf_counter()
            simulate(plan, n, 7, assumptions=a, keep_inputs=False)
            best[name] = min(best[name], time.perf_counter() - started)
    for name, seconds in best.items():
        print(f"  {name:32} {n:,} samples: {seconds:.2f} s (best of 2)")
    ratio = best["market pull, correlated paths"] / best["single factor (present engine)"]
    print(f"  market pull / single factor: {ratio:.2f}x (target <= 2x)")


def main(quick: bool) -> None:
    """Run the growth benchmark and print figures and ratios against the peer."""
    warnings.filterwarnings("ignore", category=UserWarning)
    warnings.filterwarnings("ignore", message=".*inplace.*")
    plan = bundled_plan()
    n_peer = 300 if quick else 3000
    n_ours = 100_000 if quick else 1_000_000
    n_sobol = 512 if quick else 4096
    n_prim = 20_000 if quick else 100_000
    print(f"cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f} (1 min)")

    started = time.perf_counter()
    import ema_workbench.analysis.prim  # noqa: F401
    import SALib.analyze.sobol  # noqa: F401

    print(f"imports of EMA Workbench and SALib: {time.perf_counter() - started:.1f} s")

    # 1. peer comparison, full trajectories
    eng = engine(plan, "leap")
    simulate(plan, 1000, 0)  # warm-up
    _peer(eng, 50, ceiling=True)  # warm-up of EMA's evaluator (imports, first experiments)
    ceiling_s, _ = _peer(eng, n_peer, ceiling=True)
    peer_s, peer_total = _peer(eng, n_peer)
    started = time.perf_counter()
    ens = simulate(plan, n_ours, 20260, keep_inputs=False)
    ours_s = time.perf_counter() - started
    ours_total = ens.total[:, ens.years.index(GOAL_YEAR)].astype(np.float64)
    diff, se, ks_p = _same_distribution(ours_total, peer_total)
    peer_rate, ceiling_rate, ours_rate = n_peer / peer_s, n_peer / ceiling_s, n_ours / ours_s
    print(
        f"peer     EMA SequentialEvaluator, plain-Python scalar model: {n_peer:,} experiments"
        f" in {peer_s:.2f} s = {peer_rate:,.0f} /s (5 pillars x {len(ens.years)} years each)"
    )
    print(
        f"ceiling  EMA SequentialEvaluator, a model that does nothing:  {n_peer:,} experiments"
        f" in {ceiling_s:.2f} s = {ceiling_rate:,.0f} /s (same inputs and outcomes)"
    )
    print(
        f"ours     simulate:                                          {n_ours:,} samples"
        f" in {ours_s:.2f} s = {ours_rate:,.0f} /s"
    )
    print(
        f"throughput ratio ours/peer: {ours_rate / peer_rate:,.0f}x (target >= 100x);"
        f" ours/ceiling: {ours_rate / ceiling_rate:,.0f}x (no EMA model can run faster than"
        f" the ceiling); EMA's own overhead is {ceiling_s:.2f} s of the peer's {peer_s:.2f} s"
    )
    same = abs(diff) <= 3 * se
    print(
        f"total jobs {GOAL_YEAR}: mean ours {ours_total.mean():,.1f}, peer {peer_total.mean():,.1f},"
        f" difference {diff:+.1f} (standard error {se:.1f}, |z| = {abs(diff) / se:.2f});"
        f" KS p = {ks_p:.3f} -> {'same distribution' if same else 'DIFFERENT'}"
    )
    del ens

    # 2. one million samples simulated and summarised
    started, cpu_started = time.perf_counter(), time.process_time()
    ens = simulate(plan, n_ours, 1)
    data = summary(ens)
    sim_s = time.perf_counter() - started
    sim_cpu = time.process_time() - cpu_started
    del ens, data
    tracemalloc.start()
    ens = simulate(plan, n_ours, 1)
    data = summary(ens)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{n_ours:,} samples simulated + summarised (bands per pillar and year, total):"
        f" {sim_s:.2f} s wall (target <= 2 s), {sim_cpu:.2f} s CPU over all threads;"
        f" p_goal = {data['p_goal']:.4f}"
    )
    print(
        f"peak memory (tracemalloc, during the run): {peak_mb:,.0f} MB (target < 600 MB);"
        f" process peak RSS so far: {rss_mb:,.0f} MB"
    )
    del ens, data

    print(
        f"peak RSS of a fresh process doing only the {n_ours:,}-sample run and summary:"
        f" {_fresh_process_rss_mb(n_ours):,.0f} MB (target < 600 MB)"
    )

    print("market pull against the present engine:")
    _market_pull_case(n_ours)

    # 3. Sobol N=4096 + PRIM on 100,000 samples
    started, cpu_started = time.perf_counter(), time.process_time()
    sob = sobol_indices(plan, n_sobol, 1)
    sobol_s, sobol_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    started, cpu_started = time.perf_counter(), time.process_time()
    disc = discover(plan, n_prim, 1)
    prim_s, prim_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    box = disc.boxes[0] if disc.boxes else None
    print(f"load average now: {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cpus")
    print(
        f"Sobol N={n_sobol} ({sob.n_evaluations:,} runs): {sobol_s:.2f} s; PRIM on"
        f" {n_prim:,} samples: {prim_s:.2f} s; together {sobol_s + prim_s:.2f} s wall"
        f" (target < 10 s), {sobol_cpu + prim_cpu:.2f} s CPU"
    )
    if box is not None:
        print(
            f"  PRIM box: coverage {box.coverage:.2f}, density {box.density:.2f},"
            f" restricts {', '.join(box.limits)}"
        )
