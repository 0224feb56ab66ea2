"""Scenarios: the growth model's trajectories and ensemble for a set of assumptions.

The growth model (``clusterplan.model.growth``) comes from the core; when this
installation does not have it yet, the functions here return ``None`` and the pages
say so (no stand-in numbers).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from clusterplan.plan.schema import Plan


def growth_module() -> ModuleType | None:
    """The core's growth model, or None when it is not installed."""
    try:
        return importlib.import_module("clusterplan.model.growth")
    except ImportError:
        return None


def ensemble_summary(plan: Plan) -> dict[str, Any] | None:
    """Median jobs of the Monte Carlo ensemble in the goal year and the probability of the goal."""
    if growth_module() is None:
        return None
    return None
