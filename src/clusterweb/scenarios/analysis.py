"""Sensitivity (Sobol), scenario discovery (PRIM) and large Monte Carlo ensembles.

They take seconds to minutes, so they run as background tasks (``background.py``): the
page starts one, the task page shows its progress, and the result is stored with the task
as JSON (:func:`results_to_json`, :func:`results_from_json`) and shown here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from clusterplan.model import sensitivity
from clusterplan.model.growth import GrowthError
from clusterplan.model.uncertainty import BAND_LABELS
from clusterplan.plan.schema import Plan
from clusterplan.report import sensitivity as sensitivity_tables
from clusterplan.report.scenario import band_table
from clusterweb.errors import error_text
from clusterweb.presentation import Table, page_language, sentence, shown, web_table


def missing() -> GrowthError | None:
    """Why Sobol and PRIM cannot run on this installation: the core's refusal, naming the
    packages of the ``analysis`` extra it lacks (None: it has them; the web server itself
    runs without them)."""
    try:
        sensitivity.require_packages()
    except GrowthError as exc:
        return exc
    return None


def missing_text() -> str | None:
    """:func:`missing` as a sentence in the page's language."""
    exc = missing()
    return None if exc is None else sentence(error_text(exc))


def results_to_json(
    sobol: sensitivity.SobolResult, discovery: sensitivity.Discovery
) -> dict[str, Any]:
    """Sobol indices and PRIM boxes as stored with the task: the core's JSON forms
    (:func:`clusterplan.model.sensitivity.sobol_json`, ``discovery_json``), the same the
    command line's ``--json`` writes."""
    return {
        "sobol": sensitivity.sobol_json(sobol),
        "discovery": sensitivity.discovery_json(discovery),
    }


def results_from_json(
    data: dict[str, Any],
) -> tuple[sensitivity.SobolResult, sensitivity.Discovery]:
    """The core's ``SobolResult`` and ``Discovery`` again, from :func:`results_to_json`."""
    return (
        sensitivity.sobol_from_json(data["sobol"]),
        sensitivity.discovery_from_json(data["discovery"]),
    )


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


def sobol_summary(sobol: sensitivity.SobolResult) -> str:
    """The base sample, model runs and seed the Sobol indices were computed with, in the
    page's language: the command line's line
    (:func:`clusterplan.report.sensitivity.sobol_summary`)."""
    return sensitivity_tables.sobol_summary(sobol, page_language())


def discovery_summary(discovery: sensitivity.Discovery) -> list[str]:
    """What scenario discovery found, in the page's language: the command line's lines
    (:func:`clusterplan.report.sensitivity.discovery_summary`)."""
    return sensitivity_tables.discovery_summary(discovery, page_language())


def discovery_tables(plan: Plan, discovery: sensitivity.Discovery) -> list[Table]:
    """One table per PRIM box: the input ranges where the goal tends to fail (the core's
    tables, :func:`clusterplan.report.sensitivity.discovery_tables`)."""
    models = sensitivity_tables.discovery_tables(plan, discovery, page_language())
    return [web_table(model, None) for model in models]
