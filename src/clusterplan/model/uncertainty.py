"""Uncertainty: the growth engine evaluated for many sampled assumption sets at once.

Every uncertain input is an assumption with a range in ``assumptions/growth.yaml``. Inputs
are drawn as uniform numbers in [0, 1) and mapped through each input's inverse
distribution, so Monte Carlo, Sobol (SALib) and PRIM (EMA Workbench) share one mapping.
Samples are evaluated in fixed blocks of :data:`BLOCK` (bounded memory) as float32 arrays
``[n, pillar, year]``; each block draws from its own child of the seed, so the same seed
gives the same numbers.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from itertools import groupby
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.special import ndtri

from clusterplan.i18n import Text
from clusterplan.model.changes import ProjectChange
from clusterplan.model.growth import (
    Batch,
    FloatArray,
    GrowthAssumptions,
    GrowthError,
    RampCurves,
    batch_of,
    check_dimension,
    dimension_projects,
    growth_assumptions,
    market_correlation,
    organic_by_series,
    ramp_curves,
    split_matrix,
)
from clusterplan.model.naming import DELAY, ELASTICITY, MARKET, REALISATION, input_name, split_name
from clusterplan.plan import parts
from clusterplan.plan.bounds import ENSEMBLE_MAX_BYTES, ensemble_problem
from clusterplan.plan.schema import Plan

BLOCK = 65_536
"""Samples per evaluation block (an implementation constant, not a model parameter)."""

RngLike = int | np.random.Generator | None

BAND_PERCENTILES: tuple[int, int, int] = (5, 50, 95)
"""The percentiles of an ensemble's band (low, middle, high), labelled ``p5``, ``p50`` and
``p95``: every band the analyses, the app, the monitor and the reports show."""

_TAIL = 2.0**-24  # keeps uniform numbers off 0 and 1 before the normal quantile
_Z95 = 1.6448536269514722  # the standard normal's 95th percentile
_NORMALS_KEY = 2**31  # spawn-key suffix of a block's stream of market normals


@dataclass(frozen=True)
class UncertainInput:
    """One sampled input: its name, its distribution and the assumption it comes from.

    ``mode`` is the triangular mode, the normal mean or the bernoulli probability.
    """

    name: str
    distribution: str
    low: float
    high: float
    mode: float
    assumption_id: str

    def from_normal(self, z: FloatArray) -> FloatArray:
        """Map standard normal numbers to a ``lognormal2`` input's values.

        A two-piece lognormal: the median is ``mode`` and ``low`` and ``high`` are the 5th
        and 95th percentiles, so the spread below and above the median may differ.
        """
        if self.distribution != "lognormal2":
            raise GrowthError(code="growth.not_lognormal", params={"name": self.name})
        down = math.log(self.mode / self.low) / _Z95 if self.low > 0 else 0.0
        up = math.log(self.high / self.mode) / _Z95
        dtype = z.dtype.type
        spread = np.where(z < 0, dtype(down), dtype(up))
        spread *= z
        np.exp(spread, out=spread)
        spread *= dtype(self.mode)
        return spread

    def from_unit(self, u: FloatArray) -> FloatArray:
        """Map uniform numbers in [0, 1) to this input's values."""
        lo, hi, mode = self.low, self.high, self.mode
        if self.distribution == "lognormal2":
            return self.from_normal(ndtri(np.clip(u, _TAIL, 1 - _TAIL)))
        if self.distribution == "bernoulli":
            return (u < mode).astype(np.float64)
        if self.distribution == "triangular" and hi > lo:
            c = (mode - lo) / (hi - lo)
            if c >= 1.0:
                rising: FloatArray = lo + (hi - lo) * np.sqrt(u)
                return rising
            left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
            right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - mode))
            out: FloatArray = np.where(u < c, left, right)
            return out
        if self.distribution == "normal":
            sd = (hi - lo) / (2 * 1.959963984540054)
            clipped: FloatArray = np.clip(mode + sd * ndtri(np.clip(u, 1e-12, 1 - 1e-12)), lo, hi)
            return clipped
        if self.distribution == "integer":
            whole: FloatArray = np.minimum(np.floor(lo + u * (hi - lo + 1.0)), hi)
            return whole
        return lo + u * (hi - lo)


def _range(plan: Plan, assumption_id: str) -> tuple[float, float, str]:
    a = plan.assumption(assumption_id)
    if a.low is None or a.high is None:
        raise GrowthError(
            code="growth.no_range", params={"assumption": plan.assumption_name(assumption_id)}
        )
    return float(a.low), float(a.high), a.distribution


def _carried(low: float, high: float, value: object, centre: float) -> tuple[float, float]:
    """The range ``low``-``high`` of an assumption of ``value`` around another central
    value: moved by the difference, so a scenario's own value keeps the plan's uncertainty
    around it (a market factor of 1.5 against the plan's 1.53-2.07 had given a band above
    its own line); not across zero when the plan's range is not (no negative share or
    delay); widened to hold the centre."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        moved = centre - float(value)
        floor = 0.0 if low >= 0 else -math.inf
        low, high = max(low + moved, floor), max(high + moved, floor)
    return min(low, centre), max(high, centre)


Per = Literal["pillar", "project", "market"]
"""What an input per item is per: the item's id follows the key (``elasticity__<pillar>``)."""


@dataclass(frozen=True)
class Situation:
    """What decides which inputs a run samples: the plan, its growth assumptions, the
    growth dimension and the last year of the run (None: the target year)."""

    plan: Plan
    assumptions: GrowthAssumptions
    dimension: str | None
    until: int | None


def _always(_: Situation) -> bool:
    return True


def _each(_: Situation, __: str) -> bool:
    return True


@dataclass(frozen=True)
class SampledKind:
    """The declaration of one sampled input, or with ``per`` of one per pillar, project or
    market: everything Monte Carlo, Sobol, PRIM and their labels need to know of it.

    ``assumption`` is the id of the plan assumption that gives the range and distribution
    (``{id}``: the item's id); a central value other than the assumption's (a scenario's
    input) carries the range with it, kept on the same side of zero, and the range is
    widened to hold the central value. ``centre``
    is the :class:`GrowthAssumptions` attribute of the central value (indexed by the item
    when ``per``); None: the assumption's own value. ``field`` is the :class:`Batch` field
    the values set (the item's column when ``per``); with ``overrides``, a bernoulli input
    instead sets ``field`` to ``overrides`` where it draws 1, after every other input.
    ``distribution`` replaces the assumption's; ``spread`` replaces its range (low, high). ``applies`` says whether a run samples the input
    at all, ``item_applies`` whether for one item. ``label`` names it in Dutch and English
    (``{item}``: the plan's name of the item); None: the scenario input's label of the
    same name (:data:`clusterplan.app.inputs.SCENARIO_INPUTS`).

    Adding an uncertain input to the analyses is one entry in :data:`SAMPLED` (plus its
    assumption, with a range, in the plan's data).
    """

    key: str
    assumption: str
    field: str
    label: Text | None
    per: Per | None = None
    centre: str | None = None
    distribution: str | None = None
    overrides: float | None = None
    spread: Callable[[Situation, str | None, float], tuple[float, float]] | None = None
    applies: Callable[[Situation], bool] = _always
    item_applies: Callable[[Situation, str], bool] = _each

    def items(self, s: Situation) -> list[str]:
        """The ids of the items (of its ``per``) a run may sample this input for."""
        a = s.assumptions
        if self.per == "pillar":
            return list(a.pillars)
        if self.per == "market":
            return list(a.markets)
        return list(dimension_projects(a, s.dimension))

    def sampled(self, s: Situation, item: str | None) -> UncertainInput:
        """This input (for ``item`` when ``per``) as a run samples it."""
        assumption_id = self.assumption.format(id=item)
        if self.centre is None:
            centre = float(s.plan.assumption(assumption_id).value)
        else:
            value = getattr(s.assumptions, self.centre)
            centre = float(value if item is None else value[item])
        if self.spread is None:
            low, high, dist = _range(s.plan, assumption_id)
            low, high = _carried(low, high, s.plan.assumption(assumption_id).value, centre)
        else:  # a range of its own, with the distribution it declares
            low, high = self.spread(s, item, centre)
            dist = ""
        name = input_name(self.key, item)
        return UncertainInput(name, self.distribution or dist, low, high, centre, assumption_id)


def _market_outlook(s: Situation, market: str | None, centre: float) -> tuple[float, float]:
    """A market's range: its low and high growth paths (plan data, taxonomy
    ``markets[].outlook``) as 5th and 95th percentiles of a two-piece lognormal."""
    look = next(m.outlook for m in s.plan.taxonomy.markets if m.id == market)
    assert look is not None  # growth_assumptions keeps only markets with an outlook
    return min(look.low, centre), max(look.high, centre)


def _yes_or_no(_: Situation, __: str | None, ___: float) -> tuple[float, float]:
    return 0, 1


def _adds_jobs(s: Situation, project: str) -> bool:
    return any(s.assumptions.projects[project].jobs.values())


def _facility_at_risk(s: Situation) -> bool:
    return s.assumptions.fab_pillar is not None


def _facility_may_close(s: Situation) -> bool:
    return s.assumptions.fab_pillar is not None and s.assumptions.fab_closure_year is None


SAMPLED: tuple[SampledKind, ...] = (
    SampledKind(
        key=MARKET,
        # the assumption that makes the markets drive growth; each market's range is plan
        # data (taxonomy markets[].outlook), drawn correlated (see :class:`Engine`)
        assumption="growth.market.pull",
        field="market_factor",
        per="market",
        centre="market_central",
        distribution="lognormal2",
        spread=_market_outlook,
        applies=lambda s: bool(s.assumptions.markets),
        label=Text(
            "Groei van de toepassingsmarkt: {item}", "Growth of the application market: {item}"
        ),
    ),
    SampledKind(
        key="market_growth_factor",
        assumption="growth.market-growth-factor",
        field="market_growth_factor",
        centre="market_growth_factor",
        applies=lambda s: not s.assumptions.markets,
        label=None,
    ),
    SampledKind(
        key="extension_market_growth_rate",
        assumption="growth.extension.market-growth-rate",
        field="extension_market_growth_rate",
        centre="extension_market_growth_rate",
        applies=lambda s: s.until is not None and s.until > s.assumptions.target_year,
        label=Text(
            "Marktgroei per jaar na het doeljaar", "Market growth per year after the target year"
        ),
    ),
    SampledKind(
        key=ELASTICITY,
        assumption="growth.elasticity.{id}",
        field="elasticity",
        per="pillar",
        centre="elasticity",
        item_applies=lambda s, p: s.plan.assumption(f"growth.elasticity.{p}").low is not None,
        label=Text(
            "Elasticiteit ten opzichte van de markt: {item}", "Elasticity to the market: {item}"
        ),
    ),
    SampledKind(
        key="fab_capacity_headroom",
        assumption="growth.fab.capacity-headroom",
        field="fab_capacity_headroom",
        centre="fab_capacity_headroom",
        applies=_facility_at_risk,
        label=Text("Capaciteitsruimte van de fab", "Fab capacity headroom"),
    ),
    SampledKind(
        key="fab_continues",
        assumption="growth.fab.p-continues",
        field="fab_closure_year",
        overrides=math.inf,  # a fab that continues never closes
        distribution="bernoulli",
        spread=_yes_or_no,
        applies=_facility_may_close,
        label=Text(
            "De bedreigde fab gaat door (1) of sluit (0)",
            "The fab at risk continues (1) or closes (0)",
        ),
    ),
    SampledKind(
        key="fab_closure_year",
        assumption="growth.fab.closure-year-range",
        field="fab_closure_year",
        distribution="integer",
        applies=_facility_may_close,
        label=None,
    ),
    SampledKind(
        key=REALISATION,
        assumption="growth.project.realisation.{id}",
        field="realisation",
        per="project",
        centre="realisation",
        item_applies=_adds_jobs,
        label=None,
    ),
    SampledKind(
        key=DELAY,
        assumption="growth.project.delay-years.{id}",
        field="delay_years",
        per="project",
        centre="delay_years",
        item_applies=_adds_jobs,
        label=None,
    ),
)
"""Every input the analyses sample, in the order they sample them (the order fixes which
random numbers each input draws, so it is part of a seed's result)."""


def sampled_kind(key: str) -> SampledKind | None:
    """The declaration in :data:`SAMPLED` of the input with this key (None: none)."""
    return next((kind for kind in SAMPLED if kind.key == key), None)


def is_yes_or_no(name: str) -> bool:
    """Whether the sampled input of this name is a yes/no (bernoulli) input."""
    kind = sampled_kind(split_name(name)[0])
    return kind is not None and kind.distribution == "bernoulli"


def uncertain_inputs(
    plan: Plan,
    assumptions: GrowthAssumptions | None = None,
    dimension: str | None = None,
    until: int | None = None,
) -> list[UncertainInput]:
    """The sampled inputs for a dimension, centred on the given assumptions: each entry of
    :data:`SAMPLED` that applies, once or per item.

    With the market pull: each application market's growth to the target year
    (``market__<id>``, a two-piece lognormal with median the central path and the low and
    high paths as 5th and 95th percentiles; drawn correlated, see :class:`Engine`); without
    it, the one market factor. Then the post-target-year market rate (only when the years go
    past the target year), elasticities with a range, production headroom, fab continuation
    and closure year, and realisation and delay of each project of the dimension that adds
    jobs.
    """
    s = Situation(plan, assumptions or growth_assumptions(plan), dimension, until)
    out: list[UncertainInput] = []
    # consecutive entries per the same kind of item are sampled item by item (a
    # project's realisation, then its delay, then the next project's)
    for per, group in groupby(SAMPLED, key=lambda kind: kind.per):
        kinds = [kind for kind in group if kind.applies(s)]
        if per is None:
            out += [kind.sampled(s, None) for kind in kinds]
            continue
        for item in kinds[0].items(s) if kinds else []:
            out += [kind.sampled(s, item) for kind in kinds if kind.item_applies(s, item)]
    return out


def inputs_to_batch(
    assumptions: GrowthAssumptions,
    inputs: Sequence[UncertainInput],
    values: Mapping[str, FloatArray],
    dtype: Any = np.float32,
) -> Batch:
    """A :class:`Batch` from input values (names as in :func:`uncertain_inputs`): each
    input sets its declared field (:data:`SAMPLED`); the rest keep the assumptions' value."""
    n = len(next(iter(values.values())))
    base = batch_of(assumptions, n, dtype)
    columns: Mapping[str, Sequence[str]] = {
        "pillar": assumptions.pillars,
        "project": assumptions.project_ids,
        "market": assumptions.markets,
    }
    out: dict[str, FloatArray | None] = {f.name: getattr(base, f.name) for f in fields(Batch)}
    overriding: list[tuple[SampledKind, FloatArray]] = []
    for spec in inputs:
        key, item = split_name(spec.name)
        kind = sampled_kind(key)
        if kind is None or (kind.per is None) != (item is None):
            continue
        v = values[spec.name]
        target = out[kind.field]
        if kind.overrides is not None:
            overriding.append((kind, v))
        elif kind.per is None or item is None:
            out[kind.field] = v
        elif target is not None:
            target[:, list(columns[kind.per]).index(item)] = v
    for kind, v in overriding:
        kept = out[kind.field]
        if kept is not None and kind.overrides is not None:
            out[kind.field] = np.where(v > 0.5, np.float64(kind.overrides), kept)
    cast: dict[str, Any] = {
        k: None if v is None else np.asarray(v, dtype=dtype) for k, v in out.items()
    }
    return Batch(**cast)


def _lower_times(lower: FloatArray, rows: FloatArray) -> FloatArray:
    """``lower @ rows`` for a lower-triangular ``[m, m]`` and ``[m, n]`` rows, as weighted
    row sums (no BLAS: its threads would oversubscribe the CPUs inside worker threads)."""
    out = np.empty_like(rows)
    term = np.empty_like(rows[0])
    for i in range(rows.shape[0]):
        np.multiply(rows[0], lower[i, 0], out=out[i])
        for j in range(1, i + 1):
            np.multiply(rows[j], lower[i, j], out=term)
            out[i] += term
    return out


@dataclass(frozen=True)
class Engine:
    """A prepared evaluator of one dimension: ramp table and split, ready for batches.

    ``market_cholesky`` (lower-triangular ``[market, market]``) correlates the market
    inputs: their standard normal numbers (drawn directly, or the normal quantile of their
    uniform numbers) are multiplied by the Cholesky factor before each market's own
    two-piece lognormal maps them (a Gaussian copula), so each market keeps its own
    distribution while the markets move together as the correlation matrix says.
    """

    assumptions: GrowthAssumptions
    inputs: list[UncertainInput]
    years: list[int]
    curves: RampCurves
    split: FloatArray  # [project, pillar]
    dtype: Any = np.float32
    market_cholesky: FloatArray | None = None

    @property
    def market_columns(self) -> list[int]:
        """Positions of the market inputs in :attr:`inputs`."""
        return [i for i, s in enumerate(self.inputs) if s.distribution == "lognormal2"]

    def values_from_draws(
        self, u: FloatArray, z: FloatArray | None = None, correlated: bool = True
    ) -> dict[str, FloatArray]:
        """Input values from uniform numbers ``[n, inputs]`` and, for the markets, standard
        normal numbers ``[n, markets]`` (default: the normal quantile of their columns of
        ``u``). ``correlated=False`` keeps the markets independent (for variance
        decompositions).
        """
        cols = self.market_columns
        out: dict[str, FloatArray] = {}
        if cols:
            if z is None:
                z = ndtri(np.clip(u[:, cols], _TAIL, 1 - _TAIL))
            rows = np.ascontiguousarray(z.T)  # [market, n]
            if correlated and self.market_cholesky is not None:
                rows = _lower_times(self.market_cholesky.astype(rows.dtype), rows)
            for m, i in enumerate(cols):
                out[self.inputs[i].name] = self.inputs[i].from_normal(rows[m])
        for i, spec in enumerate(self.inputs):
            if spec.name not in out:
                out[spec.name] = spec.from_unit(u[:, i])
        return out

    def values_from_unit(self, u: FloatArray, correlated: bool = True) -> dict[str, FloatArray]:
        """Input values from independent uniform numbers ``[n, inputs]``."""
        return self.values_from_draws(u, None, correlated)

    def evaluate(self, values: Mapping[str, FloatArray]) -> FloatArray:
        """Jobs ``[n, pillar, year]`` for input values (a view of :meth:`evaluate_by_series`)."""
        return np.moveaxis(self.evaluate_by_series(values), 2, 0)

    def evaluate_by_series(
        self, values: Mapping[str, FloatArray], out: FloatArray | None = None
    ) -> FloatArray:
        """Jobs laid out sample-last, ``[pillar, year, n]`` (into ``out`` when given)."""
        batch = inputs_to_batch(self.assumptions, self.inputs, values, self.dtype)
        jobs = organic_by_series(self.assumptions, batch, self.years, out)
        for j in range(self.split.shape[0]):  # a loop over projects, not samples
            pillars = np.flatnonzero(self.split[j])
            if pillars.size == 0:
                continue
            weight = self.curves.ramp(j, self.years, batch.delay_years[:, j])  # [Y, n]
            weight *= batch.realisation[None, :, j]
            for k in pillars:
                jobs[k] += self.split[j, k] * weight
        return jobs


def engine(
    plan: Plan,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
    *,
    until: int | None = None,
    changes: Mapping[str, ProjectChange] | None = None,
    dtype: Any = np.float32,
) -> Engine:
    """Prepare the vectorised evaluator of a dimension (inputs, ramp table, split)."""
    a = assumptions or growth_assumptions(plan)
    years = a.years(until)
    inputs = uncertain_inputs(plan, a, dimension, until)
    curves = ramp_curves(a, years[-1], changes)
    split = split_matrix(a, dimension_projects(a, dimension)).astype(dtype)
    cholesky = None
    if a.markets:
        cholesky = np.linalg.cholesky(market_correlation(plan, a.markets))
    return Engine(a, inputs, years, curves, split, dtype, cholesky)


@dataclass(frozen=True)
class Ensemble:
    """Monte Carlo result: ``n`` trajectories of one dimension.

    Stored sample-last (``[pillar, year, n]`` and ``[year, n]``, contiguous per series, so
    percentiles are fast); :attr:`jobs` and :attr:`total` are sample-first views.

    Attributes
    ----------
    inputs
        Input name to sampled values ``[n]`` (``fab_continues`` is 1.0 or 0.0).
    reached
        bool ``[n]``: total in the goal year at least the goal.
    """

    years: list[int]
    pillars: list[str]
    dimension: str
    n: int
    seed: int | None
    goal_jobs: float
    goal_year: int
    total_by_year: NDArray[np.float32]  # [year, n]
    reached: NDArray[np.bool_]
    inputs: dict[str, NDArray[np.float32]] = field(default_factory=dict)
    jobs_by_series: NDArray[np.float32] | None = None  # [pillar, year, n]

    @property
    def jobs(self) -> NDArray[np.float32] | None:
        """float32 ``[n, pillar, year]`` (a view; None when the jobs were not kept)."""
        if self.jobs_by_series is None:
            return None
        return np.moveaxis(self.jobs_by_series, 2, 0)

    @property
    def total(self) -> NDArray[np.float32]:
        """float32 ``[n, year]`` (a view)."""
        return self.total_by_year.T

    @property
    def p_goal(self) -> float:
        """Share of samples reaching the goal."""
        return float(np.mean(self.reached))

    def bands(self, percentiles: Sequence[float] = BAND_PERCENTILES) -> dict[str, FloatArray]:
        """Percentiles of jobs per pillar and year: ``'p5'`` -> ``[pillar, year]``."""
        if self.jobs_by_series is None:
            raise ValueError("the ensemble did not keep its jobs (keep_jobs=False)")
        series = self.jobs_by_series
        n_p, n_y = series.shape[:2]
        out: dict[str, FloatArray] = {_label(q): np.empty((n_p, n_y)) for q in percentiles}

        def one_pillar(k: int) -> None:  # copy its [year, n] rows and sort them
            values = percentiles_in_place(series[k].copy(), percentiles)
            for i, q in enumerate(percentiles):
                out[_label(q)][k] = values[i]

        # numpy sorts without the GIL, so pillars sort in parallel threads
        with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, n_p)) as pool:
            list(pool.map(one_pillar, range(n_p)))
        return out

    def means(self) -> FloatArray:
        """Mean jobs per pillar and year ``[pillar, year]`` (float64 accumulation)."""
        if self.jobs_by_series is None:
            raise ValueError("the ensemble did not keep its jobs (keep_jobs=False)")
        means: FloatArray = self.jobs_by_series.mean(axis=2, dtype=np.float64)
        return means

    def total_summary(
        self, percentiles: Sequence[float] = BAND_PERCENTILES
    ) -> dict[int, dict[str, float]]:
        """Per year: percentiles (``p5`` ...) and ``mean`` of the total."""
        mean = self.total_by_year.mean(axis=1, dtype=np.float64)
        values = percentiles_in_place(self.total_by_year.copy(), percentiles)
        out: dict[int, dict[str, float]] = {}
        for i, year in enumerate(self.years):
            row = {_label(q): float(values[k, i]) for k, q in enumerate(percentiles)}
            row["mean"] = float(mean[i])
            out[year] = row
        return out


def percentiles_in_place(rows: FloatArray, percentiles: Sequence[float]) -> FloatArray:
    """Percentiles along the last axis (numpy's 'linear' method); sorts ``rows`` in place.

    A full SIMD sort of contiguous rows is faster than ``np.percentile``'s partitioning
    for float32 samples of a million; returns float64 ``[len(percentiles), rows]``.
    """
    rows.sort(axis=-1)
    n = rows.shape[-1]
    out = np.empty((len(percentiles), rows.shape[0]))
    for i, q in enumerate(percentiles):
        if not 0 <= q <= 100:
            raise ValueError("percentiles must be within 0-100")
        pos = q / 100.0 * (n - 1)
        lo = int(math.floor(pos))
        hi = min(lo + 1, n - 1)
        w = pos - lo
        out[i] = rows[:, lo] * (1.0 - w) + rows[:, hi].astype(np.float64) * w
    return out


def _label(q: float) -> str:
    return f"p{q:g}"


BAND_LABELS: tuple[str, ...] = tuple(_label(q) for q in BAND_PERCENTILES)
"""The keys of a band's percentiles (``p5``, ``p50``, ``p95``) in :meth:`Ensemble.bands`
and :meth:`Ensemble.total_summary`."""

BAND_ENDS: tuple[str, str] = (BAND_LABELS[0], BAND_LABELS[-1])
"""The labels of a band's low and high end (``p5``, ``p95``)."""


def seed_sequence(rng: RngLike) -> tuple[np.random.SeedSequence, int | None]:
    """A seed sequence from a seed or a generator (and the seed, when one was given)."""
    if isinstance(rng, np.random.Generator):
        return np.random.SeedSequence(int(rng.integers(0, 2**63 - 1))), None
    if rng is None:
        ss = np.random.SeedSequence()
        return ss, None
    if isinstance(rng, bool) or not isinstance(rng, int) or rng < 0:
        raise GrowthError(code="growth.seed_negative")
    return np.random.SeedSequence(rng), rng


def ensemble_goal(
    plan: Plan,
    a: GrowthAssumptions,
    years: Sequence[int],
    goal_jobs: float | None,
    goal_year: int | None,
) -> tuple[int, float]:
    """The goal year and jobs an ensemble over ``years`` is measured against: those given,
    else the plan's goal (:func:`clusterplan.plan.parts.goal_target`); GrowthError when the
    year is not one of ``years`` or the goal is not positive."""
    target = parts.goal_target(plan)
    year = target.year if goal_year is None else goal_year
    if year not in years:
        raise GrowthError(
            code="growth.goal_year_outside",
            params={"year": year, "first": years[0], "last": years[-1]},
        )
    jobs = target.jobs_for(sum(a.base_jobs.values())) if goal_jobs is None else float(goal_jobs)
    if jobs <= 0:
        raise GrowthError(code="growth.goal_not_positive")
    return year, jobs


def simulate(
    plan: Plan,
    n: int,
    rng: RngLike = None,
    *,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
    changes: Mapping[str, ProjectChange] | None = None,
    until: int | None = None,
    goal_jobs: float | None = None,
    goal_year: int | None = None,
    keep_jobs: bool = True,
    keep_inputs: bool = True,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    max_bytes: int | None = None,
) -> Ensemble:
    """Monte Carlo over the uncertain assumptions of a dimension.

    Parameters
    ----------
    plan
        The plan.
    n
        Number of samples (at least 1).
    rng
        Seed or generator; the same seed gives the same numbers.
    dimension
        A growth dimension of the plan (default: its last).
    assumptions, changes, until
        As for :func:`clusterplan.model.growth.trajectory`; sampled inputs are centred on
        ``assumptions``.
    goal_jobs, goal_year
        Default: the plan's goal (factor x base total, goal year), else
        :func:`clusterplan.plan.parts.reference_goal`.
    keep_jobs, keep_inputs
        Keep ``[n, pillar, year]`` jobs and the sampled inputs (memory: 4 bytes each).
    progress
        Called with the number of samples done after each block.
    workers
        Threads evaluating blocks (default: one per CPU); the result does not depend on it.
    max_bytes
        Refuse (GrowthError, before allocating) an ensemble whose arrays would exceed this
        (default :data:`clusterplan.plan.bounds.ENSEMBLE_MAX_BYTES`); ``n`` is also capped
        at :data:`clusterplan.plan.bounds.MAX_SAMPLES`.

    Returns
    -------
    Ensemble
    """
    if n < 1:
        raise GrowthError(code="growth.n_too_small")
    a = assumptions or growth_assumptions(plan)
    dimension = check_dimension(plan, dimension or plan.employment.last_dimension)
    eng = engine(plan, dimension, a, until=until, changes=changes)
    year, target = ensemble_goal(plan, a, eng.years, goal_jobs, goal_year)
    too_big = ensemble_problem(
        n,
        len(a.pillars),
        len(eng.years),
        len(eng.inputs),
        keep_jobs,
        keep_inputs,
        ENSEMBLE_MAX_BYTES if max_bytes is None else max_bytes,
    )
    if too_big is not None:
        raise GrowthError(code=too_big.code, params=too_big.params)
    ss, seed = seed_sequence(rng)
    blocks = -(-n // BLOCK)
    children = ss.spawn(blocks)
    n_p, n_y = len(a.pillars), len(eng.years)
    jobs = np.empty((n_p, n_y, n), dtype=np.float32) if keep_jobs else None
    total = np.empty((n_y, n), dtype=np.float32)
    inputs = {s.name: np.empty(n, dtype=np.float32) for s in eng.inputs} if keep_inputs else {}
    gi = eng.years.index(year)

    def run_block(b: int) -> int:
        start, stop = b * BLOCK, min(n, (b + 1) * BLOCK)
        gen = np.random.default_rng(children[b])
        u = gen.random((stop - start, len(eng.inputs)), np.float32)
        n_markets = len(eng.market_columns)
        z = None
        if n_markets:  # an own stream, so the first samples do not depend on n
            child = children[b]
            normals = np.random.SeedSequence(
                child.entropy, spawn_key=(*child.spawn_key, _NORMALS_KEY)
            )
            z = np.random.default_rng(normals).standard_normal(
                (stop - start, n_markets), np.float32
            )
        values = eng.values_from_draws(u, z)
        target_slice = None if jobs is None else jobs[:, :, start:stop]
        by_series = eng.evaluate_by_series(values, target_slice)  # [pillar, year, block]
        np.sum(by_series, axis=0, out=total[:, start:stop])
        for name, arr in inputs.items():
            arr[start:stop] = values[name]
        return stop - start

    # Blocks are independent (own seeds, disjoint output slices), so threads give the same
    # numbers as one thread; numpy releases the GIL inside its array operations.
    n_workers = min(workers or os.cpu_count() or 1, blocks)
    if n_workers <= 1:
        for b in range(blocks):
            done = run_block(b)
            if progress is not None:
                progress(done)
    else:
        with ThreadPoolExecutor(max_workers=n_workers) as pool:
            for done in pool.map(run_block, range(blocks)):
                if progress is not None:
                    progress(done)
    reached = total[gi] >= target
    return Ensemble(
        years=eng.years,
        pillars=list(a.pillars),
        dimension=dimension,
        n=n,
        seed=seed,
        goal_jobs=target,
        goal_year=year,
        total_by_year=total,
        reached=reached,
        inputs=inputs,
        jobs_by_series=jobs,
    )


def summary(ensemble: Ensemble, percentiles: Sequence[float] = BAND_PERCENTILES) -> dict[str, Any]:
    """A JSON-ready summary: p_goal, the total per year and bands per pillar and year."""
    kept = ensemble.jobs_by_series is not None
    bands = ensemble.bands(percentiles) if kept else {}
    mean = ensemble.means() if kept else None
    pillars: dict[str, dict[str, dict[str, float]]] = {}
    for k, pillar in enumerate(ensemble.pillars):
        if not bands or mean is None:
            break
        pillars[pillar] = {
            str(year): {
                **{label: float(arr[k, i]) for label, arr in bands.items()},
                "mean": float(mean[k, i]),
            }
            for i, year in enumerate(ensemble.years)
        }
    return {
        "n": ensemble.n,
        "seed": ensemble.seed,
        "dimension": ensemble.dimension,
        "goal_jobs": ensemble.goal_jobs,
        "goal_year": ensemble.goal_year,
        "p_goal": ensemble.p_goal,
        "years": ensemble.years,
        "total": {str(y): v for y, v in ensemble.total_summary(percentiles).items()},
        "pillars": pillars,
    }
