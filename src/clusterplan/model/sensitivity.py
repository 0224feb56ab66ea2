"""Sensitivity (Sobol indices, SALib) and scenario discovery (PRIM, EMA Workbench).

Both work on the uncertain inputs of :mod:`clusterplan.model.uncertainty`: Sobol samples
the unit cube with SALib's Sobol sequence (``SALib.sample.sobol``) and maps it through
each input's distribution; PRIM looks for boxes of input ranges in a Monte Carlo ensemble
where the goal fails.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import numpy as np

from clusterplan.errors import Coded
from clusterplan.model.changes import ProjectChange
from clusterplan.model.growth import FloatArray, GrowthAssumptions, GrowthError, growth_assumptions
from clusterplan.model.uncertainty import (
    BLOCK,
    RngLike,
    engine,
    ensemble_goal,
    is_yes_or_no,
    seed_sequence,
    simulate,
)
from clusterplan.plan.bounds import (
    DEFAULT_DISCOVERY_SAMPLES,
    DEFAULT_DISCOVERY_THRESHOLD,
    DEFAULT_SEED,
    DEFAULT_SOBOL_BASE,
    SOBOL_BASE,
    refused,
)
from clusterplan.plan.schema import Plan

ANALYSIS_PACKAGES = {"sobol": ("SALib",), "discover": ("ema_workbench", "pandas")}
"""The packages of the ``analysis`` extra each analysis imports (lazily, when it runs)."""


def missing_packages(analysis: str | None = None) -> list[str]:
    """The packages of the ``analysis`` extra that are not installed (for one analysis,
    ``"sobol"`` or ``"discover"``, or for both when ``None``)."""
    wanted = ANALYSIS_PACKAGES[analysis] if analysis else sum(ANALYSIS_PACKAGES.values(), ())
    return [name for name in wanted if importlib.util.find_spec(name) is None]


def require_packages(analysis: str | None = None) -> None:
    """Raise GrowthError naming the missing packages (of ``analysis``, or of both when
    ``None``) and the extra that installs them."""
    missing = missing_packages(analysis)
    if missing:
        raise GrowthError(code="growth.analysis_missing", params={"packages": missing})


@dataclass(frozen=True)
class SobolIndices:
    """First- and total-order Sobol indices of one output.

    ``None`` values mean the output did not vary (e.g. the goal is reached in every sample).
    """

    output: str
    names: list[str]
    first: list[float] | None
    first_conf: list[float] | None
    total: list[float] | None
    total_conf: list[float] | None
    variance: float

    def ranked(self) -> list[tuple[str, float, float]]:
        """(name, first order, total order), largest total order first."""
        if self.first is None or self.total is None:
            return []
        rows = list(zip(self.names, self.first, self.total, strict=True))
        return sorted(rows, key=lambda r: -r[2])


@dataclass(frozen=True)
class SobolResult:
    """Sobol indices of jobs in the goal year and of reaching the goal."""

    n_base: int
    n_evaluations: int
    seed: int | None
    goal_jobs: float
    goal_year: int
    jobs: SobolIndices
    goal_reached: SobolIndices


class EnsembleOptions(TypedDict, total=False):
    """What an analysis takes for the ensemble it runs, as :func:`simulate` does: the
    growth dimension, the assumptions and changes, and the goal it is compared with."""

    dimension: str | None
    assumptions: GrowthAssumptions | None
    changes: Mapping[str, ProjectChange] | None
    goal_jobs: float | None
    goal_year: int | None


def _indices(
    output: str, names: list[str], y: FloatArray, seed: int | None, n_resamples: int
) -> SobolIndices:
    from SALib.analyze import sobol as sobol_analyze

    variance = float(np.var(y))
    if variance == 0.0:
        return SobolIndices(output, names, None, None, None, None, 0.0)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    res = sobol_analyze.analyze(
        problem, y, calc_second_order=False, num_resamples=n_resamples, seed=seed
    )
    return SobolIndices(
        output,
        names,
        [float(v) for v in res["S1"]],
        [float(v) for v in res["S1_conf"]],
        [float(v) for v in res["ST"]],
        [float(v) for v in res["ST_conf"]],
        variance,
    )


def base_sample_problem(n_base: int) -> Coded | None:
    """Why ``n_base`` cannot be the base sample of a Sobol analysis (outside
    :data:`~clusterplan.plan.bounds.SOBOL_BASE`, or not a power of 2), or None."""
    problem = SOBOL_BASE.problem(n_base)
    if problem is None and n_base & (n_base - 1):
        problem = Coded("value.power_of_two")
    return problem


def sobol_indices(
    plan: Plan,
    n_base: int = DEFAULT_SOBOL_BASE,
    rng: RngLike = DEFAULT_SEED,
    *,
    n_resamples: int = 100,
    **ensemble: Unpack[EnsembleOptions],
) -> SobolResult:
    """First- and total-order Sobol indices of jobs in the goal year and of reaching the goal.

    Parameters
    ----------
    n_base
        Base sample size ``N`` (a power of 2); the model runs ``N * (D + 2)`` times.
    rng
        Seed (scrambling of the Sobol sequence and bootstrap of the confidence intervals).
    ensemble
        The ensemble's dimension, assumptions, changes and goal (:class:`EnsembleOptions`).

    Returns
    -------
    SobolResult
        Sobol indices assume independent inputs, so here the application markets are drawn
        independently (each on its own triangular range): a market's index is its own
        effect, not the shared market cycle, which correlated draws would credit to the
        first market of the Cholesky order.
    """
    require_packages("sobol")
    from SALib.sample import sobol as sobol_sample

    wrong = base_sample_problem(n_base)
    if wrong is not None:
        why = refused("n_base", n_base, wrong)
        raise GrowthError(code=why.code, params=why.params)
    ss, seed = seed_sequence(rng)
    int_seed = int(ss.generate_state(1)[0])
    a = ensemble.get("assumptions") or growth_assumptions(plan)
    eng = engine(plan, ensemble.get("dimension"), a, changes=ensemble.get("changes"))
    year, target = ensemble_goal(
        plan, a, eng.years, ensemble.get("goal_jobs"), ensemble.get("goal_year")
    )
    names = [s.name for s in eng.inputs]
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        unit = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=int_seed)
    gi = eng.years.index(year)
    jobs = np.empty(unit.shape[0])
    for start in range(0, unit.shape[0], BLOCK):
        block = unit[start : start + BLOCK].astype(np.float32)
        jobs[start : start + BLOCK] = eng.evaluate_by_series(
            eng.values_from_unit(block, correlated=False)
        )[:, gi, :].sum(axis=0)
    reached = (jobs >= target).astype(float)
    return SobolResult(
        n_base=n_base,
        n_evaluations=int(unit.shape[0]),
        seed=seed,
        goal_jobs=target,
        goal_year=year,
        jobs=_indices(f"jobs_{year}", names, jobs, int_seed, n_resamples),
        goal_reached=_indices("goal_reached", names, reached, int_seed, n_resamples),
    )


@dataclass(frozen=True)
class PrimBox:
    """A box of input ranges where the goal tends to fail.

    Attributes
    ----------
    limits
        Restricted input to (lower, upper) within the sampled range.
    coverage
        Share of all failing samples that fall in the box.
    density
        Share of the samples in the box that fail.
    mass
        Share of all samples in the box.
    """

    limits: dict[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float

    @property
    def restricted(self) -> int:
        """Number of restricted inputs."""
        return len(self.limits)


@dataclass(frozen=True)
class Discovery:
    """Scenario discovery: where the goal fails, as PRIM boxes."""

    n: int
    seed: int | None
    goal_jobs: float
    goal_year: int
    failure_rate: float
    boxes: list[PrimBox]
    trajectory: list[dict[str, float]]
    input_ranges: dict[str, tuple[float, float]]


def discover(
    plan: Plan,
    n: int = DEFAULT_DISCOVERY_SAMPLES,
    rng: RngLike = DEFAULT_SEED,
    *,
    threshold: float = DEFAULT_DISCOVERY_THRESHOLD,
    peel_alpha: float = 0.1,
    paste_alpha: float = 0.1,
    mass_min: float = 0.1,
    max_boxes: int = 1,
    **ensemble: Unpack[EnsembleOptions],
) -> Discovery:
    """PRIM boxes of input ranges in which the goal fails.

    Parameters
    ----------
    n
        Monte Carlo samples.
    threshold
        Density a box must reach to be reported (EMA Workbench's ``threshold``).
    peel_alpha, paste_alpha, mass_min
        PRIM's peeling and pasting fractions and minimum box mass. The defaults (0.1 each)
        are coarser than EMA Workbench's (0.05, 0.05, 0.05) but within Friedman and
        Fisher's advised 0.05-0.1 for alpha; boxes holding under 10% of the samples are
        not searched. On 100,000 samples this takes about a fifth of the time.
    max_boxes
        Boxes to find one after another (covering).
    ensemble
        The ensemble's dimension, assumptions, changes and goal (:class:`EnsembleOptions`).

    Returns
    -------
    Discovery
        Boxes with coverage and density; empty when no box reaches ``threshold`` or
        the goal never fails.
    """
    if not 0 < threshold <= 1:
        raise GrowthError(code="growth.threshold_range")
    require_packages("discover")
    import pandas as pd

    with warnings.catch_warnings():  # EMA names an evaluator we do not use at import
        warnings.filterwarnings("ignore", "ipyparallel not installed", UserWarning)
        from ema_workbench.analysis import prim

    ens = simulate(plan, n, rng, keep_jobs=False, **ensemble)
    fails = ~ens.reached
    # PRIM peels real inputs by quantiles and categorical ones by category; a yes/no input
    # is categorical (as bool), every other input is cast to float64.
    x = pd.DataFrame(
        {k: (v > 0.5) if is_yes_or_no(k) else v.astype(np.float64) for k, v in ens.inputs.items()}
    )
    ranges = {k: (float(v.min()), float(v.max())) for k, v in x.items()}
    common = dict(
        n=n,
        seed=ens.seed,
        goal_jobs=ens.goal_jobs,
        goal_year=ens.goal_year,
        failure_rate=float(fails.mean()),
        input_ranges=ranges,
    )
    if not fails.any() or fails.all():
        return Discovery(boxes=[], trajectory=[], **common)  # type: ignore[arg-type]
    logging.getLogger("EMA").setLevel(logging.WARNING)
    alg = prim.Prim(
        x,
        fails,
        threshold=threshold,
        peel_alpha=peel_alpha,
        paste_alpha=paste_alpha,
        mass_min=mass_min,
    )
    boxes: list[PrimBox] = []
    trajectory: list[dict[str, float]] = []
    for _ in range(max_boxes):
        box = alg.find_box()
        if box is None or box.mean < threshold:
            break
        # Report the box of widest coverage that still reaches the density threshold
        # (EMA's default is the last, densest box of the peeling trajectory).
        pt = box.peeling_trajectory
        dense = pt[pt["density"] >= threshold]
        if len(dense):
            box.select(int(dense["coverage"].idxmax()))
        lims = box.box_lim
        limits: dict[str, tuple[float, float]] = {}
        for name in x.columns:
            first = lims[name].iloc[0]
            if isinstance(first, set):  # a categorical input: the values left in the box
                allowed = [float(v) for v in first]
                lo, hi = min(allowed), max(allowed)
            else:
                lo, hi = float(first), float(lims[name].iloc[1])
            if lo > ranges[name][0] or hi < ranges[name][1]:
                limits[name] = (lo, hi)
        boxes.append(
            PrimBox(
                limits=limits,
                coverage=float(box.coverage),
                density=float(box.density),
                mass=float(box.mass),
            )
        )
        if not trajectory:
            pt = box.peeling_trajectory
            trajectory = [
                {
                    "coverage": float(r["coverage"]),
                    "density": float(r["density"]),
                    "mass": float(r["mass"]),
                    "restricted": float(r["res_dim"]),
                }
                for _, r in pt.iterrows()
            ]
    return Discovery(boxes=boxes, trajectory=trajectory, **common)  # type: ignore[arg-type]


def sobol_json(result: SobolResult) -> dict[str, Any]:
    """A JSON-ready form of :class:`SobolResult`."""

    def one(ix: SobolIndices) -> dict[str, Any]:
        rows = {}
        for i, name in enumerate(ix.names):
            rows[name] = {
                "S1": None if ix.first is None else ix.first[i],
                "S1_conf": None if ix.first_conf is None else ix.first_conf[i],
                "ST": None if ix.total is None else ix.total[i],
                "ST_conf": None if ix.total_conf is None else ix.total_conf[i],
            }
        # the names' order kept apart: a JSON column (PostgreSQL's jsonb) reorders keys
        return {"output": ix.output, "variance": ix.variance, "names": ix.names, "indices": rows}

    return {
        "n_base": result.n_base,
        "n_evaluations": result.n_evaluations,
        "seed": result.seed,
        "goal_jobs": result.goal_jobs,
        "goal_year": result.goal_year,
        "jobs": one(result.jobs),
        "goal_reached": one(result.goal_reached),
    }


def discovery_json(result: Discovery) -> dict[str, Any]:
    """A JSON-ready form of :class:`Discovery`."""
    return {
        "n": result.n,
        "seed": result.seed,
        "goal_jobs": result.goal_jobs,
        "goal_year": result.goal_year,
        "failure_rate": result.failure_rate,
        "boxes": [
            {
                "coverage": b.coverage,
                "density": b.density,
                "mass": b.mass,
                "limits": {k: {"lower": lo, "upper": hi} for k, (lo, hi) in b.limits.items()},
            }
            for b in result.boxes
        ],
        "peeling_trajectory": result.trajectory,
        # the inputs' order kept apart: a JSON column (PostgreSQL's jsonb) reorders keys
        "inputs": list(result.input_ranges),
        "input_ranges": {
            k: {"lower": lo, "upper": hi} for k, (lo, hi) in result.input_ranges.items()
        },
    }


def _number(value: Any) -> float:
    """A stored figure again: None (how JSON keeps NaN) is NaN."""
    return math.nan if value is None else float(value)


def sobol_from_json(data: Mapping[str, Any]) -> SobolResult:
    """The :class:`SobolResult` of :func:`sobol_json` again (e.g. a stored task's result).

    JSON has no NaN, so a stored index may be None: it is read as NaN, and an output
    whose every index is None as one that did not vary (None, as :func:`sobol_indices`
    gives it)."""

    def one(d: Mapping[str, Any]) -> SobolIndices:
        rows: Mapping[str, Mapping[str, Any]] = d["indices"]
        names = list(d["names"])

        def column(key: str) -> list[float] | None:
            values = [rows[name][key] for name in names]
            if all(v is None for v in values):
                return None
            return [_number(v) for v in values]

        return SobolIndices(
            output=d["output"],
            names=names,
            first=column("S1"),
            first_conf=column("S1_conf"),
            total=column("ST"),
            total_conf=column("ST_conf"),
            variance=_number(d["variance"]),
        )

    return SobolResult(
        n_base=int(data["n_base"]),
        n_evaluations=int(data["n_evaluations"]),
        seed=data["seed"],
        goal_jobs=float(data["goal_jobs"]),
        goal_year=int(data["goal_year"]),
        jobs=one(data["jobs"]),
        goal_reached=one(data["goal_reached"]),
    )


def discovery_from_json(data: Mapping[str, Any]) -> Discovery:
    """The :class:`Discovery` of :func:`discovery_json` again (e.g. a stored task's
    result): input ranges and box limits in the inputs' order (as stored when a result
    names no order)."""
    order = {name: i for i, name in enumerate(data.get("inputs") or data["input_ranges"])}

    def bounds(ranges: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
        ordered = sorted(ranges.items(), key=lambda item: order.get(item[0], len(order)))
        return {k: (float(r["lower"]), float(r["upper"])) for k, r in ordered}

    return Discovery(
        n=int(data["n"]),
        seed=data["seed"],
        goal_jobs=float(data["goal_jobs"]),
        goal_year=int(data["goal_year"]),
        failure_rate=float(data["failure_rate"]),
        boxes=[
            PrimBox(
                limits=bounds(b["limits"]),
                coverage=float(b["coverage"]),
                density=float(b["density"]),
                mass=float(b["mass"]),
            )
            for b in data["boxes"]
        ],
        trajectory=[dict(row) for row in data["peeling_trajectory"]],
        input_ranges=bounds(data["input_ranges"]),
    )
