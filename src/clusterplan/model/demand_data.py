"""Reading the space and talent assumptions of a plan into plain numbers.

The plan loader has already checked ranges (non-negative m2 per job, shares within 0-1,
mixes adding up to 1); this module only turns the entries into arrays in a fixed order and
says clearly which entry is missing or has the wrong shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from clusterplan.errors import ClusterplanError
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan

FloatArray = NDArray[np.float64]


class DemandDataError(ClusterplanError, ValueError):
    """A space or talent assumption that is missing or has the wrong shape."""

    default_code = "demand.detail"


def assumption_value(plan: Plan, assumption_id: str) -> Any:
    """The value of an assumption, or :class:`DemandDataError` naming the missing id."""
    return parts.assumption_value(plan, assumption_id, DemandDataError)


def number(plan: Plan, assumption_id: str) -> float:
    """A scalar assumption as a float."""
    value = assumption_value(plan, assumption_id)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DemandDataError(
            code="demand.not_number",
            params={"assumption": plan.assumption_name(assumption_id), "value": repr(value)},
        )
    return float(value)


def mapping(plan: Plan, assumption_id: str) -> Mapping[str, Any]:
    """A mapping-valued assumption."""
    value = assumption_value(plan, assumption_id)
    if not isinstance(value, dict):
        raise DemandDataError(
            code="demand.not_mapping", params={"assumption": plan.assumption_name(assumption_id)}
        )
    return value


def vector(plan: Plan, assumption_id: str, keys: Sequence[str]) -> FloatArray:
    """A mapping-valued assumption as an array in the order of ``keys`` (all required)."""
    value = mapping(plan, assumption_id)
    missing = [k for k in keys if k not in value]
    if missing:
        raise DemandDataError(
            code="demand.lacks_keys",
            params={"assumption": plan.assumption_name(assumption_id), "keys": missing},
        )
    extra = sorted(set(value) - set(keys))
    if extra:
        raise DemandDataError(
            code="demand.unknown_keys",
            params={"assumption": plan.assumption_name(assumption_id), "keys": extra},
        )
    return np.array([float(value[k]) for k in keys], dtype=np.float64)


def check_jobs(jobs: NDArray[Any], pillars: Sequence[str], years: Sequence[int]) -> FloatArray:
    """Jobs as float64 ``[..., pillar, year]``, checked against the axes."""
    out = np.asarray(jobs, dtype=np.float64)
    if out.ndim < 2 or out.shape[-2:] != (len(pillars), len(years)):
        raise DemandDataError(
            code="demand.jobs_shape",
            params={"pillars": len(pillars), "years": len(years), "shape": str(out.shape)},
        )
    if len(years) < 2:
        raise DemandDataError(code="demand.too_few_years")
    if any(b - a != 1 for a, b in zip(years, years[1:], strict=False)):
        raise DemandDataError(code="demand.years_not_consecutive")
    if np.isnan(out).any() or (out < 0).any():
        raise DemandDataError(code="demand.jobs_unknown_or_negative")
    return out


def draw(
    plan: Plan,
    assumption_id: str,
    centre: FloatArray | float,
    n: int,
    rng: np.random.Generator | int | None,
) -> FloatArray:
    """``n`` draws of an assumption by its distribution, shaped ``[n, *centre.shape]``.

    ``centre`` is the default (a scalar, or one value per pillar/function for a mapping
    value); ``low`` and ``high`` bound every entry. ``fixed`` (or no range) repeats the
    centre; ``uniform`` draws in ``[low, high]``; ``triangular`` peaks at the centre;
    ``normal`` has the centre as mean and a quarter of the range as spread, clipped.
    """
    a = plan.assumption(assumption_id)
    generator = np.random.default_rng(rng)
    mid = np.asarray(centre, dtype=np.float64)
    shape = (n, *mid.shape)
    if a.distribution == "fixed" or a.low is None or a.high is None:
        return np.broadcast_to(mid, shape).copy()
    low, high = float(a.low), float(a.high)
    if a.distribution == "uniform":
        return generator.uniform(low, high, size=shape)
    if a.distribution == "triangular":
        peak = np.clip(mid, low, high)
        if high == low:
            return np.full(shape, low)
        return generator.triangular(low, np.broadcast_to(peak, shape), high)
    if a.distribution == "normal":
        return np.clip(generator.normal(mid, (high - low) / 4.0, size=shape), low, high)
    raise DemandDataError(
        code="demand.cannot_sample",
        params={"assumption": plan.assumption_name(assumption_id), "value": a.distribution},
    )
