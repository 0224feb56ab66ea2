"""Scenarios: the application layer's scenario use case, cached, and its presentation.

A scenario is a set of *values* (what the user changed), named as the inputs declared in
:mod:`clusterplan.app.inputs`: dimension, market growth factor, fab closure year,
realisation and delay per project, acquisition jobs. :func:`compute` hands them to
:func:`clusterplan.app.scenarios.scenario` (the same use case as the command line and the
API) and keeps the result; nothing is computed here except arranging results.

Acquisition jobs are entered as one number: the extra jobs in the target year. They are
spread over the pillars by their share of the base-year jobs and ramp in linearly from
the base year; the page says so.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from clusterplan.app import inputs
from clusterplan.app import scenarios as use_case
from clusterplan.app.scenarios import ScenarioOutcome
from clusterplan.cache import PlanCache
from clusterplan.model.growth import FloatArray
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterplan.report import scenario as core_scenario
from clusterplan.report.numbers import percent
from clusterplan.report.tables import dimension_name
from clusterweb.presentation import Table, chart, line_spec, page_language, shown, web_table

logger = logging.getLogger(__name__)


def ensemble_max_samples() -> int:
    """The largest ensemble this server computes: ``CLUSTERWEB_ENSEMBLE_MAX_SAMPLES`` within
    the declared bound (:data:`clusterplan.plan.bounds.SAMPLES`). The one limit of the web
    form's samples and of the API's (its schema's maximum)."""
    return min(int(settings.CLUSTERWEB_ENSEMBLE_MAX_SAMPLES), int(bounds.SAMPLES.high))


def dimension_label(key: str, plan: Plan | None = None) -> str:
    """The name (page language) of a growth dimension of the plan (default: the current
    plan), or of 'enabling', in the core's words."""
    from clusterweb.planning.services import current_plan

    return dimension_name(plan or current_plan(), key, page_language())


def dimension_choices(plan: Plan) -> list[tuple[str, str]]:
    """Choices of the plan's growth dimensions for a form."""
    return [(d, dimension_label(d, plan)) for d in plan.employment.dimension_ids]


# --------------------------------------------------------------------------- inputs


def defaults(plan: Plan) -> dict[str, Any]:
    """The form's default values: the plan's (:func:`clusterplan.app.inputs.defaults`)."""
    return inputs.defaults(plan)


def project_ids(plan: Plan) -> list[str]:
    """Projects the growth engine knows (those with job effects)."""
    return inputs.project_ids(plan)


# --------------------------------------------------------------------------- results


_RESULTS: PlanCache[ScenarioOutcome] = PlanCache(64)
"""Scenario results per plan (one object per stored revision), samples and values."""
_PLAN_TOTALS: PlanCache[dict[str, FloatArray]] = PlanCache(4)
"""Each dimension's totals at the plan's own assumptions, per plan."""


def _key(values: dict[str, Any], samples: int, stress: str | None) -> tuple[Any, ...]:
    """What a result depends on besides the plan: the samples, the seed, the values and the
    stress narrative."""
    seed = settings.CLUSTERWEB_SEED
    return (samples, seed, stress, tuple(sorted((k, str(v)) for k, v in values.items())))


def compute(
    plan: Plan, values: dict[str, Any], samples: int | None = None, stress: str | None = None
) -> ScenarioOutcome:
    """Evaluate a scenario with the application layer (cached per plan and values), under
    the market stress narrative ``stress`` when given.

    ``values`` are the cleaned values of the scenario form (every declared input).
    """
    samples = settings.CLUSTERWEB_ENSEMBLE_SAMPLES if samples is None else samples
    return _RESULTS.get(
        plan, _key(values, samples, stress), lambda: _compute(plan, values, samples, stress)
    )


def _compute(
    plan: Plan, values: dict[str, Any], samples: int, stress: str | None
) -> ScenarioOutcome:
    outcome = use_case.scenario(
        plan,
        values,
        samples=samples,
        seed=settings.CLUSTERWEB_SEED,
        max_bytes=settings.CLUSTERWEB_ENSEMBLE_MAX_BYTES,
        stress=stress,
    )
    if outcome.band_problem is not None:
        logger.warning("Monte Carlo ensemble not computed: %s", outcome.band_problem)
    return outcome


def plan_totals(plan: Plan) -> dict[str, FloatArray]:
    """Each growth dimension's total jobs per year at the plan's own assumptions (cached per
    plan): :func:`clusterplan.app.scenarios.dimension_totals`."""
    return _PLAN_TOTALS.get(plan, "totals", lambda: use_case.dimension_totals(plan))


def ensemble_summary(plan: Plan) -> dict[str, Any] | None:
    """Median jobs of the ensemble in the goal year and the probability of the goal (or of
    its reference when the plan sets none; the plan's last growth dimension, default assumptions); None when no ensemble
    was computed."""
    result = compute(plan, defaults(plan))
    band = result.band
    if band is None:
        return None
    i = result.years.index(result.year)
    return {
        "label": _("Monte Carlo ensemble, median %(year)s") % {"year": result.year},
        "median": round(float(band.percentiles[50][i])),
        "p5": round(float(band.percentiles[5][i])),
        "p95": round(float(band.percentiles[95][i])),
        "probability_pct": percent(band.p_goal),
        "provenance": ensemble_provenance(plan, band.n, result.dimension),
    }


def ensemble_provenance(plan: Plan, samples: int, dimension: str) -> str:
    """Where an ensemble's figures come from: its samples, its seed (so that ``clusterplan
    simulate`` gives the same) and its growth dimension; the dashboard's and the scenario
    page's one wording."""
    return _(
        "computed: %(n)s samples of the uncertain assumptions (growth model), seed "
        "%(seed)s, growth dimension %(dimension)s"
    ) % {
        "n": shown(samples, decimals=0),
        "seed": settings.CLUSTERWEB_SEED,
        "dimension": dimension_label(dimension, plan),
    }


# --------------------------------------------------------------------------- presentation


def trajectory_table(plan: Plan, result: ScenarioOutcome, download_view: str | None) -> Table:
    """Total jobs per year: this scenario, its percentiles and the plan's dimensions
    (:func:`clusterplan.report.scenario.band_table`)."""
    band = None
    if result.band is not None:
        band = {f"p{q}": values for q, values in result.band.percentiles.items()}
    model = core_scenario.band_table(
        plan,
        result.years,
        page_language(),
        band=band,
        scenario=result.total,
        dimensions=plan_totals(plan),
    )
    return web_table(model, download_view)


def trajectory_chart(
    plan: Plan, result: ScenarioOutcome, download_view: str | None
) -> dict[str, Any]:
    """Total jobs per year with the P5-P95 band and the goal, each line named by its
    column of the page's :func:`trajectory_table` (shown with the chart)."""
    tab = trajectory_table(plan, result, download_view)
    heading = {column.key: column.short or column.heading for column in tab["model"].columns}
    series = {heading["scenario"]: [float(v) for v in result.total]}
    for d, totals in plan_totals(plan).items():
        series[heading[f"dimension:{d}"]] = [float(v) for v in totals]
    bands = None
    if result.band is not None:
        bands = {_("P5-P95 band"): _band(result.band)}
    spec = line_spec(
        result.years,
        series,
        unit=_("jobs"),
        bands=bands,
        marks={_("Goal"): result.goal_jobs},
        legend_wraps=True,
        on_top=heading["scenario"],
    )
    return chart("scenario-trajectory", _("Jobs per year"), spec, tab)


def _band(band: use_case.Band) -> tuple[list[float], list[float]]:
    """The band of a chart: its lowest and highest percentile per year."""
    low, high = _band_ends(band).values()
    return low, high


def pillar_table(plan: Plan, result: ScenarioOutcome, download_view: str | None) -> Table:
    """Jobs per pillar in the base year and the goal year (or target year) of this scenario
    (:func:`clusterplan.report.scenario.pillar_table`)."""
    model = core_scenario.pillar_table(plan, result, result.year, page_language())
    return web_table(model, download_view)


def headline(plan: Plan, result: ScenarioOutcome) -> dict[str, Any]:
    """Jobs in the goal year against the goal (the plan's, or its reference when it sets
    none: ``declared`` False) and where the goal comes from, and the probability of the goal
    with where it comes from (when computed), as the dashboard says them."""
    i = result.years.index(result.year)
    jobs = float(result.total[i])
    goal = result.goal_jobs
    band = result.band
    return {
        "year": result.year,
        "jobs": round(jobs),
        "goal": round(goal),
        "declared": result.goal_declared,
        "goal_source": use_case.goal(plan).provenance if result.goal_declared else None,
        "probability_pct": None if band is None else percent(band.p_goal),
        "provenance": None if band is None else ensemble_provenance(plan, band.n, result.dimension),
    }


def compare_table(
    plan: Plan, first: Any, second: Any, download_view: str | None
) -> tuple[Table, Table]:
    """Two saved scenarios side by side: their inputs and their results."""
    named = [(first.name, first.values), (second.name, second.values)]
    inputs_tab = web_table(core_scenario.inputs_table(plan, named, page_language()), download_view)
    base = defaults(plan)
    a = {**base, **first.values}
    b = {**base, **second.values}
    ra, rb = compute(plan, a), compute(plan, b)
    model = core_scenario.comparison_table(
        ra.years,
        (first.name, ra.total),
        (second.name, rb.total),
        page_language(),
        bands={
            name: _band_ends(r.band) for name, r in ((first.name, ra), (second.name, rb)) if r.band
        },
    )
    return inputs_tab, web_table(model, download_view)


BAND_PERCENTILES = (use_case.PERCENTILES[0], use_case.PERCENTILES[-1])
"""The percentiles a chart's band runs between: the core's lowest and highest."""


def _band_ends(band: use_case.Band) -> dict[str, list[float]]:
    """The ends of an ensemble's band per year (:data:`BAND_PERCENTILES`), by key
    (``p5``, ``p95``)."""
    return {f"p{q}": [float(v) for v in band.percentiles[q]] for q in BAND_PERCENTILES}


def compare_chart(plan: Plan, first: Any, second: Any, results: Table) -> dict[str, Any]:
    """Total jobs per year of two saved scenarios, with the goal; each one's band around its
    line (the table under the chart holds the band's figures), and a note saying so."""
    base = defaults(plan)
    ra = compute(plan, {**base, **first.values})
    rb = compute(plan, {**base, **second.values})
    bands, notes = {}, []
    for name, result in ((first.name, ra), (second.name, rb)):
        if result.band is not None:  # named as its line: in its colour, shown with it
            bands[name] = _band(result.band)
    if bands:
        low, high = (core_scenario.band_heading(f"p{q}", page_language()) for q in BAND_PERCENTILES)
        notes.append(
            _(
                "The shaded band around each line runs from %(low)s to %(high)s of its "
                "ensemble; the table gives them per scenario and year."
            )
            % {"low": low, "high": high}
        )
    spec = line_spec(
        ra.years,
        {first.name: [float(v) for v in ra.total], second.name: [float(v) for v in rb.total]},
        unit=_("jobs"),
        bands=bands or None,
        marks={_("Goal"): ra.goal_jobs},
    )
    return chart("compare", results["caption"], spec, results, notes)
