"""Background task kinds of the scenarios app: Sobol/PRIM and large Monte Carlo ensembles.

Registered with :func:`clusterweb.tasks.services.register`; the worker finds this module
through the tasks app's autodiscovery. Each returns its whole result at the end (stored in
one update by the tasks app), so a killed worker leaves nothing behind.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clusterweb.planning.services import current_plan_and_revision
from clusterweb.scenarios import analysis, services
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

SENSITIVITY = "scenarios.sensitivity"
ENSEMBLE = "scenarios.ensemble"
# Samples per ensemble step: progress is reported after each, and memory per step stays
# bounded (the totals kept are 4 bytes per sample and year).
ENSEMBLE_STEP = 50_000


def _result_url(record: TaskRecord) -> str:
    return f"{reverse('scenarios:sensitivity')}?task={record.pk}"


@register(SENSITIVITY, _("Sensitivity and scenario discovery"), result_url=_result_url)
def run_sensitivity(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """Sobol indices and PRIM boxes of the current plan (leap dimension, the plan's goal)."""
    if not analysis.available():
        raise TaskFailed(gettext_noop("The sensitivity model is not available."))
    sensitivity = importlib.import_module("clusterplan.model.sensitivity")
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
    ensembles up to the threshold)."""
    uncertainty = services.uncertainty_module()
    if uncertainty is None or services.growth_module() is None:
        raise TaskFailed(gettext_noop("The Monte Carlo model is not available."))
    plan, revision = current_plan_and_revision()
    samples = int(params["samples"])
    dimension = str(params["dimension"])
    growth = services.growth_module()
    assert growth is not None
    a = growth.growth_assumptions(plan)
    steps = max(1, -(-samples // ENSEMBLE_STEP))
    seeds = np.random.SeedSequence(int(params["seed"])).spawn(steps)
    parts = []
    years: list[int] = []
    for i in range(steps):
        if progress is not None:
            progress(i, steps, gettext_noop("Sampling the growth model"))
        n = min(ENSEMBLE_STEP, samples - i * ENSEMBLE_STEP)
        ens = uncertainty.simulate(
            plan,
            n,
            np.random.default_rng(seeds[i]),
            dimension=dimension,
            assumptions=a,
            keep_jobs=False,
            keep_inputs=False,
        )
        parts.append(ens.total_by_year)
        years = list(ens.years)
    totals = np.concatenate(parts, axis=1)
    goal = plan.employment.goal
    goal_jobs = goal.factor * sum(a.base_jobs.values())
    p_goal = float(np.mean(totals[years.index(goal.year)] >= goal_jobs))
    values = analysis.ensemble_percentiles(totals, services.PERCENTILES)
    if progress is not None:
        progress(steps, steps)
    return {
        "revision": revision,
        "n": samples,
        "dimension": dimension,
        "years": years,
        "goal_year": goal.year,
        "goal_jobs": goal_jobs,
        "p_goal": p_goal,
        **{f"p{q}": [float(v) for v in values[k]] for k, q in enumerate(services.PERCENTILES)},
    }
