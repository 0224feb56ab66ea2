"""Finance benchmarks: cash needs, and the re-phasing MILP against its targets and a peer.

Figures printed:
- cash needs of the bundled plan (``cash_needs``), per call;
- the plan's re-phasing problem (its 10 projects with known spending out of 12, regional
  cap 20 M EUR/yr, window -1:3) solved by HiGHS: target < 1 s;
- a generated portfolio of 100 projects with 5-year windows: target < 30 s;
- the peer: brute force on a generated instance small enough for it, against the MILP on
  the same instance (same optimum checked), as a ratio.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from clusterplan.model.finance import cash_needs
from clusterplan.model.jobs_effect import goal_year_other_jobs, goal_year_value_table
from clusterplan.model.phasing import (
    PhaseOption,
    PhasingProblem,
    Precedence,
    brute_force_phasing,
    option_keys,
    phaseable_projects,
    phasing_problem,
    phasing_settings,
    solve_phasing,
)
from clusterplan.plan.load import bundled_plan

T = TypeVar("T")
SOURCES = ("private", "subsidies", "national", "regional")
PLAN_TARGET_S = 1.0
PORTFOLIO_TARGET_S = 30.0


def _timed(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    assert out is not None
    return statistics.median(times), out


def portfolio(
    n_projects: int, window: int, seed: int, n_precedence: int | None = None
) -> PhasingProblem:
    """A random portfolio: spending profiles, coverage shares, jobs, caps, precedences.

    Caps are 85 % of the peak yearly need per source with nothing moved, so they bind.
    A project's value is its jobs times the share of its spending done by the goal year
    minus one (a lag), like the growth engine's ramp.
    """
    rng = np.random.default_rng(seed)
    first_year, n_base_years = 2026, 8
    years = tuple(range(first_year, first_year + n_base_years + window))
    goal_index = n_base_years  # 2034
    options, starts = [], []
    for _ in range(n_projects):
        start = int(rng.integers(0, 5))
        length = int(rng.integers(2, 6))
        profile = rng.uniform(1.0, 20.0, size=length)
        shares = rng.dirichlet(np.ones(len(SOURCES)))
        jobs = float(rng.integers(10, 400))
        starts.append(start)
        opts = []
        for shift in range(window):
            spend = np.zeros(len(years))
            spend[start + shift : start + shift + length] = profile
            done = spend[: goal_index - 1 + 1].sum() / profile.sum()
            opts.append(
                PhaseOption(
                    shift_years=shift,
                    stretch_years=0,
                    start_year=first_year + start + shift,
                    delay_years=shift,
                    need_meur=shares[:, None] * spend[None, :],
                    jobs=round(jobs * done, 6),
                )
            )
        options.append(tuple(opts))
    base = sum(opts[0].need_meur for opts in options)
    caps = {s: float(0.85 * base[i].max()) for i, s in enumerate(SOURCES)}
    ids = tuple(f"p{i:03d}" for i in range(n_projects))
    n_prec = n_projects // 5 if n_precedence is None else n_precedence
    precedence = []
    for _ in range(n_prec):
        a, b = (int(v) for v in rng.choice(n_projects, size=2, replace=False))
        lag = int(rng.integers(0, 2))
        if starts[b] >= starts[a] + lag:
            precedence.append(Precedence(ids[a], ids[b], lag))
    return PhasingProblem(
        years=years,
        sources=SOURCES,
        project_ids=ids,
        options=tuple(options),
        fixed_need_meur=np.zeros((len(SOURCES), len(years))),
        caps_meur=caps,
        precedence=tuple(precedence),
    )


def main(quick: bool) -> None:
    """Print every figure with its target or peer."""
    plan = bundled_plan()
    per_call, _ = _timed(lambda: cash_needs(plan), 3 if quick else 10)
    print(f"cash_needs(bundled plan): {per_call * 1e3:.1f} ms per call")

    settings = phasing_settings(plan)
    movable = phaseable_projects(plan)
    table = goal_year_value_table(plan, option_keys(settings), movable)
    other = goal_year_other_jobs(plan, movable)
    problem = phasing_problem(plan, {"regional": 20.0}, table, other_jobs=other)
    n_opts = sum(len(o) for o in problem.options)
    solve_s, result = _timed(lambda: solve_phasing(problem), 3 if quick else 7)
    print(
        f"plan re-phasing ({len(problem.project_ids)} movable projects of "
        f"{len(plan.finance.projects)}, {n_opts} options, regional cap 20): "
        f"{solve_s:.3f} s median, {result.status}; target < {PLAN_TARGET_S:g} s "
        f"({PLAN_TARGET_S / solve_s:.0f}x under)"
    )

    n_big = 30 if quick else 100
    for seed in (7,) if quick else (7, 8, 9):
        big = portfolio(n_big, window=5, seed=seed)
        started = time.perf_counter()
        big_result = solve_phasing(big)
        big_s = time.perf_counter() - started
        print(
            f"generated portfolio seed {seed} ({n_big} projects, 5-year windows, "
            f"{n_big * 5} options, {len(big.precedence)} precedences, caps at 85% of peak): "
            f"{big_s:.2f} s, {big_result.status}; target < {PORTFOLIO_TARGET_S:g} s "
            f"({PORTFOLIO_TARGET_S / big_s:.1f}x under)"
        )

    n_small = 5 if quick else 7
    small = portfolio(n_small, window=5, seed=11, n_precedence=2)
    milp_s, small_result = _timed(lambda: solve_phasing(small), 3)
    started = time.perf_counter()
    best = brute_force_phasing(small)
    brute_s = time.perf_counter() - started
    same = (
        best is not None
        and small_result.feasible
        and abs(small_result.jobs_goal_year - best[0]) <= 1e-6 * max(1.0, best[0])
        and small_result.total_delay_years == best[1]
    )
    same = same or (best is None and not small_result.feasible)
    print(
        f"peer: brute force over 5^{n_small} = {5**n_small} combinations: {brute_s:.2f} s; "
        f"MILP on the same instance: {milp_s:.3f} s; ratio {brute_s / milp_s:.0f}x; "
        f"same optimum: {same}"
    )
