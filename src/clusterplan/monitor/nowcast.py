"""Nowcast: the Monte Carlo ensemble conditioned on the observed jobs.

Each sample of the ensemble (:func:`clusterplan.model.uncertainty.simulate`) is a possible
future; the observed jobs per pillar and year say how plausible it is. Its weight is the
likelihood of the observations under a normal observation error, stated as an assumption
(``monitoring.observation_error``: one standard deviation is
``max(relative_sd x observed, min_sd)``):

    log w_i = -1/2 sum_obs ((jobs_i(pillar, year) - observed) / sd)^2

normalised in log space (the largest log weight is subtracted before exponentiating, so
no weight underflows to an all-zero vector). The effective sample size
``ESS = 1 / sum(w^2)`` (weights summing to 1) says on how many samples the result rests; a
warning is given when it falls below ``monitoring.nowcast.ess_min`` or the share
``ess_min_share`` of the samples. A year with a cluster total but no pillar figures is
observed as the total. Years outside the ensemble (history before the base year) are not
used.

Invariants (tested): without observations the result is the prior ensemble exactly;
observations below the plan path lower P(goal), above it raise it; the same seed gives
the same result.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from clusterplan.model.uncertainty import (
    BAND_LABELS,
    BAND_PERCENTILES,
    Ensemble,
    percentiles_in_place,
    simulate,
    uncertain_inputs,
)
from clusterplan.monitor.actuals import Actuals
from clusterplan.monitor.indicators import Monitoring, MonitoringError, monitoring_of
from clusterplan.plan.schema import Plan

TOTAL = "total"
"""Series name of the cluster total in the bands (the others are pillar ids)."""

Bands = dict[str, dict[int, dict[str, float]]]
"""Series (pillar id or ``total``) -> year -> ``p5``/``p50``/``p95``/``mean``."""


class Moved(NamedTuple):
    """How far the observations moved an uncertain input."""

    name: str
    prior_mean: float
    posterior_mean: float
    shift_sd: float
    """(posterior mean - prior mean) / prior standard deviation."""


@dataclass(frozen=True)
class Observation:
    """One observed figure the ensemble is weighed against (pillar None = total)."""

    pillar: str | None
    year: int
    value: float
    sd: float


@dataclass(frozen=True)
class Nowcast:
    """P(goal), bands and moved inputs, before and after the observations."""

    p_goal_prior: float
    p_goal: float
    effective_sample_size: float
    ess_share: float
    warning: str | None
    bands_prior: Bands
    bands: Bands
    moved: list[Moved]
    n: int
    seed: int | None
    dimension: str
    goal_jobs: float
    goal_year: int
    relative_sd: float
    observations: tuple[Observation, ...]
    assumption_of: dict[str, str]
    """Input name (as in ``moved``) to the id of the assumption it samples."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (years as strings)."""

        def bands(b: Bands) -> dict[str, dict[str, dict[str, float]]]:
            return {s: {str(y): row for y, row in years.items()} for s, years in b.items()}

        return {
            "p_goal_prior": self.p_goal_prior,
            "p_goal": self.p_goal,
            "effective_sample_size": self.effective_sample_size,
            "ess_share": self.ess_share,
            "warning": self.warning,
            "n": self.n,
            "seed": self.seed,
            "dimension": self.dimension,
            "goal_jobs": self.goal_jobs,
            "goal_year": self.goal_year,
            "observation_relative_sd": self.relative_sd,
            "observations": [
                {"subject": o.pillar, "year": o.year, "value": o.value, "sd": o.sd}
                for o in self.observations
            ],
            "moved": [
                {**m._asdict(), "assumption": self.assumption_of.get(m.name)} for m in self.moved
            ],
            "bands_prior": bands(self.bands_prior),
            "bands": bands(self.bands),
        }


def observations(
    plan: Plan,
    actuals: Actuals,
    years: Sequence[int],
    relative_sd: float,
    min_sd: float,
    monitoring: Monitoring | None = None,
) -> tuple[Observation, ...]:
    """The observed jobs the ensemble is weighed against.

    Every indicator compared with the ``jobs`` path counts: its per-pillar rows, and its
    cluster-total row in a year without pillar rows.
    """
    mon = monitoring or monitoring_of(plan)
    pillars = set(plan.pillar_ids)
    inside = set(years)
    out: list[Observation] = []
    for ind in mon.indicators:
        if ind.compare_with != "jobs":
            continue
        by_pillar_years: set[int] = set()
        for subject in actuals.subjects(ind.id):
            if subject is None or subject not in pillars:
                continue
            for year, value in actuals.series(ind.id, subject).items():
                if year in inside:
                    by_pillar_years.add(year)
                    out.append(Observation(subject, year, value, max(relative_sd * value, min_sd)))
        for year, value in actuals.series(ind.id, None).items():
            if year in inside and year not in by_pillar_years:
                out.append(Observation(None, year, value, max(relative_sd * value, min_sd)))
    return tuple(sorted(out, key=lambda o: (o.year, o.pillar or "")))


def log_likelihood(ensemble: Ensemble, obs: Sequence[Observation]) -> NDArray[np.float64]:
    """Log likelihood of the observations for every sample ``[n]`` (up to a constant)."""
    ll = np.zeros(ensemble.n, dtype=np.float64)
    series = ensemble.jobs_by_series
    for o in obs:
        i = ensemble.years.index(o.year)
        if o.pillar is None:
            sim = ensemble.total_by_year[i]
        else:
            if series is None:
                raise ValueError("the ensemble did not keep its jobs per pillar")
            sim = series[ensemble.pillars.index(o.pillar), i]
        z = (sim.astype(np.float64) - o.value) / o.sd
        ll -= 0.5 * z * z
    return ll


def normalised_weights(log_w: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weights summing to 1 from log weights (stable: the maximum is subtracted first)."""
    w = np.exp(log_w - np.max(log_w))
    total = math.fsum(w)
    out: NDArray[np.float64] = w / total
    return out


def systematic_resample(weights: NDArray[np.float64]) -> NDArray[np.intp]:
    """Indices of ``n`` equally weighted draws that follow the weights (systematic
    resampling with the fixed offset 1/2: deterministic; equal weights give 0..n-1).

    The weighted distribution of any series is then the plain distribution of its
    resampled values, up to 1/n in probability.
    """
    n = len(weights)
    cum = np.cumsum(weights)
    cum[-1] = 1.0  # guard against rounding: every draw finds a sample
    points = (np.arange(n, dtype=np.float64) + 0.5) / n
    out: NDArray[np.intp] = np.searchsorted(cum, points, side="left")
    return out


def _prior_bands(ensemble: Ensemble) -> Bands:
    bands = ensemble.bands()
    means = ensemble.means()
    out: Bands = {}
    for k, pillar in enumerate(ensemble.pillars):
        out[pillar] = {
            year: {
                **{label: float(arr[k, i]) for label, arr in bands.items()},
                "mean": float(means[k, i]),
            }
            for i, year in enumerate(ensemble.years)
        }
    out[TOTAL] = ensemble.total_summary()
    return out


def _weighted_bands(ensemble: Ensemble, w: NDArray[np.float64]) -> Bands:
    """Bands of the weighted ensemble: percentiles of the systematically resampled
    samples (the same percentile method as the prior bands); means are exact."""
    series = ensemble.jobs_by_series
    if series is None:
        raise ValueError("the ensemble did not keep its jobs per pillar")
    n_p, n_y, n = series.shape
    flat = np.concatenate([series.reshape(n_p * n_y, n), ensemble.total_by_year], axis=0)
    means = np.einsum("ij,j->i", flat, w)  # not BLAS: it oversubscribes a busy machine
    resampled = flat[:, systematic_resample(w)]  # a copy, sorted in place below
    values = percentiles_in_place(resampled, BAND_PERCENTILES)

    def row(r: int) -> dict[str, float]:
        out = {label: float(values[j, r]) for j, label in enumerate(BAND_LABELS)}
        out["mean"] = float(means[r])
        return out

    bands: Bands = {}
    for k, pillar in enumerate(ensemble.pillars):
        bands[pillar] = {year: row(k * n_y + i) for i, year in enumerate(ensemble.years)}
    bands[TOTAL] = {year: row(n_p * n_y + i) for i, year in enumerate(ensemble.years)}
    return bands


def _moved(ensemble: Ensemble, w: NDArray[np.float64] | None) -> list[Moved]:
    out = []
    for name, values in ensemble.inputs.items():
        x = values.astype(np.float64)
        prior = float(x.mean())
        sd = float(x.std())
        post = prior if w is None else float(np.sum(x * w))
        shift = 0.0 if sd == 0 or w is None else (post - prior) / sd
        out.append(Moved(name, prior, post, shift))
    return sorted(out, key=lambda m: (-abs(m.shift_sd), m.name))


def check_obs_error(value: float) -> None:
    """MonitoringError unless ``value`` can be the observation error (a relative standard
    deviation): a positive, finite number."""
    if not (value > 0 and math.isfinite(value)):
        raise MonitoringError(code="monitoring.obs_error", params={"value": value})


def nowcast(
    plan: Plan,
    actuals: Actuals,
    n: int | None = None,
    seed: int | None = None,
    obs_error: float | None = None,
    dimension: str | None = None,
) -> Nowcast:
    """Condition the ensemble of a dimension on the observed jobs.

    Parameters
    ----------
    plan
        A plan with a monitoring part.
    actuals
        Observed values; the indicators compared with ``jobs`` are used.
    n, seed
        Samples and seed (default: ``monitoring.nowcast``).
    obs_error
        Relative standard deviation of one observation (default:
        ``monitoring.observation_error.relative_sd``).
    dimension
        Growth dimension (default: ``monitoring.dimension``).
    """
    mon = monitoring_of(plan)
    n = mon.nowcast.samples if n is None else n
    seed = mon.nowcast.seed if seed is None else seed
    rel = mon.observation_error.relative_sd if obs_error is None else obs_error
    check_obs_error(rel)
    dim = mon.dimension if dimension is None else dimension
    ensemble = simulate(plan, n, seed, dimension=dim)
    obs = observations(plan, actuals, ensemble.years, rel, mon.observation_error.min_sd, mon)
    prior_bands = _prior_bands(ensemble)
    common: dict[str, Any] = {
        "p_goal_prior": ensemble.p_goal,
        "bands_prior": prior_bands,
        "n": n,
        "seed": ensemble.seed,
        "dimension": dim,
        "goal_jobs": ensemble.goal_jobs,
        "goal_year": ensemble.goal_year,
        "relative_sd": rel,
        "observations": obs,
        "assumption_of": {i.name: i.assumption_id for i in uncertain_inputs(plan, dimension=dim)},
    }
    if not obs:
        return Nowcast(
            p_goal=ensemble.p_goal,
            effective_sample_size=float(n),
            ess_share=1.0,
            warning=None,
            bands=prior_bands,
            moved=_moved(ensemble, None),
            **common,
        )
    w = normalised_weights(log_likelihood(ensemble, obs))
    ess = 1.0 / float(np.sum(w * w))
    share = ess / n
    warning = None
    if ess < mon.nowcast.ess_min or share < mon.nowcast.ess_min_share:
        warning = (
            f"the effective sample size collapsed to {ess:.0f} of {n} samples "
            f"({share:.2%}): the observations lie outside most of what the ensemble "
            "produces, so the updated P(goal) and bands rest on few trajectories; "
            "check the actuals, the observation error or the model's assumptions"
        )
    return Nowcast(
        p_goal=float(np.sum(w[ensemble.reached])),
        effective_sample_size=ess,
        ess_share=share,
        warning=warning,
        bands=_weighted_bands(ensemble, w),
        moved=_moved(ensemble, w),
        **common,
    )
