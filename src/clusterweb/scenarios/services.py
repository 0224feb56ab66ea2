"""Scenarios: the core's growth engine and Monte Carlo ensemble for a set of assumptions.

A scenario is a set of *values* (what the user changed): dimension, market growth
factor, fab closure year, realisation and delay per project, acquisition jobs. They are
turned into growth overrides (:func:`overrides_from`) and evaluated by the core
(``clusterplan.model.growth.trajectory``; ``clusterplan.model.uncertainty.simulate`` when
installed). Nothing is computed here except arranging inputs and results.

Acquisition jobs are entered as one number: the extra jobs in the target year. They are
spread over the pillars by their share of the base-year jobs and ramp in linearly from
the base year; the page says so.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterweb.planning import tables
from clusterweb.presentation import Table, chart, line_spec, num, table

logger = logging.getLogger(__name__)

PERCENTILES = (5, 50, 95)


def growth_module() -> ModuleType | None:
    """The core's growth model, or None when it is not installed."""
    try:
        return importlib.import_module("clusterplan.model.growth")
    except ImportError:
        return None


def uncertainty_module() -> ModuleType | None:
    """The core's Monte Carlo module, or None when it is not installed."""
    try:
        return importlib.import_module("clusterplan.model.uncertainty")
    except ImportError:
        return None


def dimensions(plan: Plan) -> list[str]:
    """The plan's growth dimensions, in its order."""
    return plan.employment.dimension_ids


def last_dimension(plan: Plan) -> str:
    """The plan's last growth dimension (the default scenario: every project)."""
    return dimensions(plan)[-1]


def dimension_label(key: str, plan: Plan | None = None) -> str:
    """The name (page language) of a growth dimension of the plan (default: the current
    plan), or of 'enabling'."""
    from clusterplan.plan.schema import ENABLING
    from clusterweb.planning.services import current_plan

    if key == ENABLING:
        return str(_("Enabling"))
    scenario = (plan or current_plan()).employment.scenarios.get(key)
    if scenario is None:
        return key
    return tables.name_of(scenario)


def dimension_choices(plan: Plan) -> list[tuple[str, str]]:
    """Choices of the plan's growth dimensions for a form."""
    return [(d, dimension_label(d, plan)) for d in dimensions(plan)]


# --------------------------------------------------------------------------- inputs


def defaults(plan: Plan) -> dict[str, Any]:
    """The form's default values: the plan's growth assumptions."""
    growth = growth_module()
    assert growth is not None
    a = growth.growth_assumptions(plan)
    values: dict[str, Any] = {
        "dimension": last_dimension(plan),
        "market_growth_factor": float(a.market_growth_factor),
        "fab_closure_year": a.fab_closure_year,
        "acquisition_jobs": 0.0,
    }
    for pid in a.project_ids:
        values[f"realisation__{pid}"] = float(a.realisation[pid])
        values[f"delay__{pid}"] = float(a.delay_years[pid])
    return values


def project_ids(plan: Plan) -> list[str]:
    """Projects the growth engine knows (those with job effects)."""
    growth = growth_module()
    assert growth is not None
    return list(growth.growth_assumptions(plan).project_ids)


def overrides_from(values: dict[str, Any]) -> dict[str, Any]:
    """Growth-engine overrides from scenario values."""
    realisation = {
        k.split("__", 1)[1]: float(v)
        for k, v in values.items()
        if k.startswith("realisation__") and v is not None
    }
    delay = {
        k.split("__", 1)[1]: float(v)
        for k, v in values.items()
        if k.startswith("delay__") and v is not None
    }
    out: dict[str, Any] = {"realisation": realisation, "delay_years": delay}
    if values.get("market_growth_factor") is not None:
        out["market_growth_factor"] = float(values["market_growth_factor"])
    closure = values.get("fab_closure_year")
    out["fab_closure_year"] = None if closure in (None, "") else int(closure)
    return out


def acquisition_array(plan: Plan, a: Any, years: list[int], jobs: float) -> np.ndarray:
    """Acquisition jobs ``[pillar, year]``: linear from 0 (base year) to ``jobs`` (target
    year), shared over pillars as the base-year jobs are."""
    base = np.array([a.base_jobs[p] for p in a.pillars], dtype=float)
    share = base / base.sum()
    steps = (np.asarray(years, dtype=float) - a.base_year) / (a.target_year - a.base_year)
    return np.outer(share, np.clip(steps, 0.0, None) * float(jobs or 0.0))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ScenarioResult:
    """What a scenario gives: its trajectory, the plan's dimensions and the ensemble."""

    values: dict[str, Any]
    years: list[int]
    pillars: list[str]
    jobs: np.ndarray  # [pillar, year]
    total: np.ndarray  # [year]
    plan_totals: dict[str, np.ndarray]  # dimension -> [year], default assumptions
    goal_jobs: float
    goal_year: int
    ensemble: dict[str, Any] | None  # {"n", "p_goal", "p5", "p50", "p95"} per year


_RESULTS: OrderedDict[tuple[Any, ...], tuple[Plan, ScenarioResult]] = OrderedDict()
_RESULTS_SIZE = 64
_RESULTS_LOCK = threading.Lock()  # waitress serves requests from several threads


def _key(plan: Plan, values: dict[str, Any], samples: int) -> tuple[Any, ...]:
    return (id(plan), samples, tuple(sorted((k, str(v)) for k, v in values.items())))


_PLAN_TOTALS: dict[int, tuple[Plan, dict[str, np.ndarray]]] = {}


def _plan_totals(plan: Plan) -> dict[str, np.ndarray]:
    """Total jobs per year of the plan's three dimensions at default assumptions."""
    hit = _PLAN_TOTALS.get(id(plan))
    if hit is not None and hit[0] is plan:
        return hit[1]
    growth = growth_module()
    assert growth is not None
    default = growth.growth_assumptions(plan)
    totals = {d: growth.trajectory(plan, d, default).total for d in dimensions(plan)}
    _PLAN_TOTALS.clear()
    _PLAN_TOTALS[id(plan)] = (plan, totals)
    return totals


def compute(plan: Plan, values: dict[str, Any], samples: int | None = None) -> ScenarioResult:
    """Evaluate a scenario with the core (results are cached per plan and values)."""
    samples = settings.CLUSTERWEB_ENSEMBLE_SAMPLES if samples is None else samples
    key = _key(plan, values, samples)
    with _RESULTS_LOCK:
        hit = _RESULTS.get(key)
        if hit is not None and hit[0] is plan:  # same object, not a reused id
            _RESULTS.move_to_end(key)
            return hit[1]
    growth = growth_module()
    assert growth is not None
    a = growth.growth_assumptions(plan, **overrides_from(values))
    years = a.years()
    dimension = values.get("dimension") or last_dimension(plan)
    acquisition = acquisition_array(plan, a, years, values.get("acquisition_jobs") or 0.0)
    traj = growth.trajectory(plan, dimension, a, acquisition_jobs=acquisition)
    plan_totals = _plan_totals(plan)
    goal = plan.employment.goal
    goal_jobs = goal.factor * sum(a.base_jobs.values())
    ensemble = None
    uncertainty = uncertainty_module()
    ens = None
    if uncertainty is not None and samples > 0:
        try:
            ens = uncertainty.simulate(
                plan,
                samples,
                settings.CLUSTERWEB_SEED,
                dimension=dimension,
                assumptions=a,
                keep_jobs=False,
                keep_inputs=False,
                max_bytes=settings.CLUSTERWEB_ENSEMBLE_MAX_BYTES,
            )
        except growth.GrowthError as exc:  # e.g. above the ensemble memory limit
            logger.warning("Monte Carlo ensemble not computed: %s", exc)
    if ens is not None:
        summary = ens.total_summary(PERCENTILES)
        extra = acquisition.sum(axis=0)
        ensemble = {
            "n": ens.n,
            "p_goal": float(
                np.mean(ens.total_by_year[ens.years.index(goal.year)] + extra[-1] >= goal_jobs)
            ),
            **{
                f"p{q}": np.array([summary[y][f"p{q}"] for y in ens.years]) + extra
                for q in PERCENTILES
            },
        }
    result = ScenarioResult(
        values=dict(values),
        years=list(years),
        pillars=list(a.pillars),
        jobs=traj.jobs,
        total=traj.total,
        plan_totals=plan_totals,
        goal_jobs=goal_jobs,
        goal_year=goal.year,
        ensemble=ensemble,
    )
    with _RESULTS_LOCK:
        _RESULTS[key] = (plan, result)
        while len(_RESULTS) > _RESULTS_SIZE:
            _RESULTS.popitem(last=False)
    return result


def ensemble_summary(plan: Plan) -> dict[str, Any] | None:
    """Median jobs of the ensemble in the goal year and the probability of the goal (leap,
    default assumptions); None when the core has no Monte Carlo module."""
    if growth_module() is None or uncertainty_module() is None:
        return None
    result = compute(plan, defaults(plan))
    if result.ensemble is None:
        return None
    i = result.years.index(result.goal_year)
    return {
        "label": _("Monte Carlo ensemble, median %(year)s") % {"year": result.goal_year},
        "median": round(float(result.ensemble["p50"][i])),
        "p5": round(float(result.ensemble["p5"][i])),
        "p95": round(float(result.ensemble["p95"][i])),
        "probability_pct": round(100 * result.ensemble["p_goal"], 1),
        "provenance": _(
            "computed: %(n)s samples of the uncertain assumptions (growth model), leap dimension"
        )
        % {"n": result.ensemble["n"]},
    }


# --------------------------------------------------------------------------- presentation


def trajectory_table(result: ScenarioResult, download_view: str | None) -> Table:
    """Total jobs per year: this scenario, its percentiles and the plan's dimensions."""
    columns = [_("Year"), _("This scenario")]
    if result.ensemble:
        columns += ["P5", "P50", "P95"]
    columns += [dimension_label(d) for d in result.plan_totals]
    rows = []
    for i, year in enumerate(result.years):
        row: list[Any] = [str(year), num(result.total[i], 0)]
        if result.ensemble:
            row += [num(result.ensemble[f"p{q}"][i], 0) for q in PERCENTILES]
        row += [num(result.plan_totals[d][i], 0) for d in result.plan_totals]
        rows.append(row)
    return table(
        _("Total jobs per year (computed by the growth model)"),
        columns,
        rows,
        slug="trajectory",
        download_view=download_view,
    )


def trajectory_chart(result: ScenarioResult, download_view: str | None) -> dict[str, Any]:
    """Total jobs per year with the P5-P95 band and the goal."""
    tab = trajectory_table(result, download_view)
    series = {_("This scenario"): [float(v) for v in result.total]}
    for d in result.plan_totals:
        series[dimension_label(d)] = [float(v) for v in result.plan_totals[d]]
    bands = None
    if result.ensemble:
        bands = {
            _("P5-P95 band"): (
                [float(v) for v in result.ensemble["p5"]],
                [float(v) for v in result.ensemble["p95"]],
            )
        }
    spec = line_spec(
        result.years,
        series,
        unit=_("jobs"),
        bands=bands,
        marks={_("Goal"): result.goal_jobs},
    )
    # Every series named at a glance: the legend wraps to a second line in the page's half
    # column (a scrolling legend hid the last entries), and the plot starts below it.
    spec["legend"] = {"type": "plain", "top": 0}
    spec["grid"]["top"] = 84
    return chart("scenario-trajectory", _("Jobs per year"), spec, tab)


def pillar_table(plan: Plan, result: ScenarioResult, download_view: str | None) -> Table:
    """Jobs per pillar in the goal year: this scenario against the base year."""
    names = {p.id: tables.name_of(p) for p in plan.taxonomy.pillars}
    i = result.years.index(result.goal_year)
    rows = [
        [names[p], num(result.jobs[k, 0], 0), num(result.jobs[k, i], 0)]
        for k, p in enumerate(result.pillars)
    ]
    rows.append([_("Total"), num(result.total[0], 0), num(result.total[i], 0)])
    return table(
        _("Jobs per pillar in %(year)s (this scenario)") % {"year": result.goal_year},
        [_("Pillar"), str(result.years[0]), str(result.goal_year)],
        rows,
        slug="pillars",
        download_view=download_view,
    )


def headline(result: ScenarioResult) -> dict[str, Any]:
    """Jobs in the goal year, against the goal, and the probability (when computed)."""
    i = result.years.index(result.goal_year)
    jobs = float(result.total[i])
    return {
        "jobs": round(jobs),
        "goal": round(result.goal_jobs),
        "gap": round(result.goal_jobs - jobs),
        "reaches": jobs >= result.goal_jobs,
        "probability_pct": None
        if result.ensemble is None
        else round(100 * result.ensemble["p_goal"], 1),
        "samples": None if result.ensemble is None else result.ensemble["n"],
    }


def compare_table(
    plan: Plan, first: Any, second: Any, download_view: str | None
) -> tuple[Table, Table]:
    """Two saved scenarios side by side: their inputs and their results."""
    base = defaults(plan)
    a = {**base, **first.values}
    b = {**base, **second.values}
    rows = []
    for key in base:
        if a.get(key) != b.get(key) or key in ("dimension", "market_growth_factor"):
            rows.append([input_label(plan, key), _show(a.get(key)), _show(b.get(key))])
    inputs = table(
        _("Inputs that differ"),
        [_("Input"), first.name, second.name],
        rows,
        numeric=[False, True, True],
        slug="compare-inputs",
        download_view=download_view,
    )
    ra, rb = compute(plan, a), compute(plan, b)
    out_rows = []
    for i, year in enumerate(ra.years):
        out_rows.append(
            [str(year), num(ra.total[i], 0), num(rb.total[i], 0), num(rb.total[i] - ra.total[i], 0)]
        )
    results = table(
        _("Total jobs per year"),
        [_("Year"), first.name, second.name, _("Difference")],
        out_rows,
        slug="compare-results",
        download_view=download_view,
    )
    return inputs, results


def compare_chart(plan: Plan, first: Any, second: Any, results: Table) -> dict[str, Any]:
    """Total jobs per year of two saved scenarios, with the goal."""
    base = defaults(plan)
    ra = compute(plan, {**base, **first.values})
    rb = compute(plan, {**base, **second.values})
    bands = {}
    for name, result in ((first.name, ra), (second.name, rb)):
        if result.ensemble:
            bands[f"{name} P5-P95"] = (
                [float(v) for v in result.ensemble["p5"]],
                [float(v) for v in result.ensemble["p95"]],
            )
    spec = line_spec(
        ra.years,
        {first.name: [float(v) for v in ra.total], second.name: [float(v) for v in rb.total]},
        unit=_("jobs"),
        bands=bands or None,
        marks={_("Goal"): ra.goal_jobs},
    )
    return chart("compare", _("Total jobs per year"), spec, results)


def _show(value: Any) -> Any:
    if value is None:
        return "—"
    if isinstance(value, float):
        return num(value, 2)
    return value


def input_label(plan: Plan, key: str) -> str:
    """A readable label for a scenario input."""
    if key.startswith("realisation__") or key.startswith("delay__"):
        kind, pid = key.split("__", 1)
        try:
            name = tables.name_of(plan.project(pid))
        except KeyError:
            name = pid
        if kind == "realisation":
            return _("Realisation: %(project)s") % {"project": name}
        return _("Delay (years): %(project)s") % {"project": name}
    labels = {
        "dimension": _("Growth dimension"),
        "market_growth_factor": _("Market growth factor to the target year"),
        "fab_closure_year": _("Fab closure year (empty: the fab continues)"),
        "acquisition_jobs": _("Acquisition jobs in the target year"),
    }
    return str(labels.get(key, key))
