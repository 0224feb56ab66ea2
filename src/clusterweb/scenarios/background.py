"""Background task kinds of the scenarios app: Sobol/PRIM and large Monte Carlo ensembles.

Registered with :func:`clusterweb.tasks.services.register`; the worker finds this module
through the tasks app's autodiscovery. Each returns its whole result at the end (stored in
one update by the tasks app), so a killed worker leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clusterplan.app import scenarios
from clusterplan.model import sensitivity
from clusterweb.planning.services import current_plan_and_revision
from clusterweb.scenarios import analysis
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

SENSITIVITY = "scenarios.sensitivity"
ENSEMBLE = "scenarios.ensemble"


def _result_url(record: TaskRecord) -> str:
    return f"{reverse('scenarios:sensitivity')}?task={record.pk}"


@register(SENSITIVITY, _("Sensitivity and scenario discovery"), result_url=_result_url)
def run_sensitivity(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """Sobol indices and PRIM boxes of the current plan (its last growth dimension, its goal)."""
    if (missing := analysis.missing()) is not None:  # the core's words, in each language
        raise TaskFailed(missing)
    plan, revision = current_plan_and_revision()
    params = record.params
    progress(0, 2, gettext_noop("Sobol sensitivity indices"))
    sobol = sensitivity.sobol_indices(plan, int(params["sobol_base"]), int(params["seed"]))
    progress(1, 2, gettext_noop("Scenario discovery (PRIM)"))
    discovery = sensitivity.discover(plan, int(params["samples"]), int(params["seed"]))
    progress(2, 2)
    return {"revision": revision, **analysis.results_to_json(sobol, discovery)}


@register(ENSEMBLE, _("Monte Carlo ensemble"), result_url=_result_url)
def run_ensemble(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """A Monte Carlo ensemble of the plan's default assumptions, in steps with progress."""
    return ensemble(record.params, progress)


def ensemble(params: dict[str, Any], progress: Progress | None = None) -> dict[str, Any]:
    """Percentiles of total jobs per year and the probability of the goal (also inline for
    ensembles up to the threshold): :func:`clusterplan.app.scenarios.ensemble`."""
    plan, revision = current_plan_and_revision()

    def report(done: int, steps: int) -> None:
        if progress is not None:
            progress(done, steps, gettext_noop("Sampling the growth model"))

    outcome = scenarios.ensemble(
        plan,
        int(params["samples"]),
        int(params["seed"]),
        str(params["dimension"]),
        progress=report,
    )
    fields = {f.name: getattr(outcome, f.name) for f in dataclass_fields(outcome)}
    return {
        "revision": revision,
        **{k: v for k, v in fields.items() if k != "percentiles"},  # the core's fields, once
        **{f"p{q}": values for q, values in outcome.percentiles.items()},
    }
