"""Sensitivity (Sobol), scenario discovery (PRIM) and large Monte Carlo ensembles.

They take seconds to minutes, so they run as background tasks (``background.py``): the
page starts one, the task page shows its progress, and the result is stored with the task
as JSON (:func:`results_to_json`, :func:`results_from_json`) and shown here.
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace
from typing import Any

from django.utils.translation import gettext as _

from clusterplan.model import sensitivity
from clusterplan.model.uncertainty import BAND_LABELS
from clusterplan.plan.schema import Plan
from clusterplan.report import sensitivity as sensitivity_tables
from clusterplan.report.scenario import band_table
from clusterweb.presentation import Table, page_language, shown, web_table


def available() -> bool:
    """True when the ``analysis`` extra (SALib, ema-workbench, pandas) is installed; the web
    server itself runs without it."""
    return not sensitivity.missing_packages()


def results_to_json(
    sobol: sensitivity.SobolResult, discovery: sensitivity.Discovery
) -> dict[str, Any]:
    """Sobol indices and PRIM boxes as JSON (tuples as lists; NaN is kept as None)."""
    return {"sobol": asdict(sobol), "discovery": asdict(discovery)}


def _nan(values: list[Any] | None) -> list[float] | None:
    return None if values is None else [math.nan if v is None else float(v) for v in values]


def results_from_json(
    data: dict[str, Any],
) -> tuple[sensitivity.SobolResult, sensitivity.Discovery]:
    """The core's ``SobolResult`` and ``Discovery`` again, from :func:`results_to_json`."""

    def indices(d: dict[str, Any]) -> sensitivity.SobolIndices:
        return sensitivity.SobolIndices(
            output=d["output"],
            names=list(d["names"]),
            first=_nan(d["first"]),
            first_conf=_nan(d["first_conf"]),
            total=_nan(d["total"]),
            total_conf=_nan(d["total_conf"]),
            variance=math.nan if d["variance"] is None else d["variance"],
        )

    s = data["sobol"]
    sobol = sensitivity.SobolResult(
        **{k: v for k, v in s.items() if k not in ("jobs", "goal_reached")},
        jobs=indices(s["jobs"]),
        goal_reached=indices(s["goal_reached"]),
    )
    d = data["discovery"]
    boxes = [
        sensitivity.PrimBox(
            limits={k: (float(lo), float(hi)) for k, (lo, hi) in b["limits"].items()},
            coverage=b["coverage"],
            density=b["density"],
            mass=b["mass"],
        )
        for b in d["boxes"]
    ]
    discovery = sensitivity.Discovery(
        **{k: v for k, v in d.items() if k not in ("boxes", "input_ranges")},
        boxes=boxes,
        input_ranges={k: (float(lo), float(hi)) for k, (lo, hi) in d["input_ranges"].items()},
    )
    return sobol, discovery


def ensemble_table(plan: Plan, result: dict[str, Any]) -> Table:
    """Percentiles of total jobs per year of a stored ensemble result (the core's band
    table, :func:`clusterplan.report.scenario.band_table`, titled by its size)."""
    band = {key: result[key] for key in BAND_LABELS}
    model = band_table(plan, result["years"], page_language(), band=band)
    title = _("Total jobs per year: Monte Carlo ensemble of %(n)s samples") % {
        "n": shown(result["n"], decimals=0)
    }
    return web_table(replace(model, key="ensemble", name=title, title=title), None)


def sobol_table(plan: Plan, sobol: sensitivity.SobolResult) -> Table:
    """First- and total-order indices of jobs in the goal year and of reaching the goal
    (the core's table, :func:`clusterplan.report.sensitivity.sobol_table`)."""
    return web_table(sensitivity_tables.sobol_table(plan, sobol, page_language()), None)


def discovery_tables(plan: Plan, discovery: sensitivity.Discovery) -> list[Table]:
    """One table per PRIM box: the input ranges where the goal tends to fail (the core's
    tables, :func:`clusterplan.report.sensitivity.discovery_tables`)."""
    models = sensitivity_tables.discovery_tables(plan, discovery, page_language())
    return [web_table(model, None) for model in models]
