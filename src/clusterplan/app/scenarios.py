"""Use cases of the growth model: the goal, a scenario from named inputs, an ensemble.

Each function wraps the core (:mod:`clusterplan.model.growth`,
:mod:`clusterplan.model.uncertainty`) for the command line, the web and the API, so that
they sequence the same calls: inputs are checked and turned into growth overrides by
:mod:`clusterplan.app.inputs`, acquisition jobs are added the same way everywhere, and the
goal is the plan's, or when it sets none its reference (:func:`goal`, said in one line by
:func:`reference_note`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from clusterplan.app import inputs
from clusterplan.i18n import gettext, normalise_language
from clusterplan.model import uncertainty
from clusterplan.model.growth import (
    FloatArray,
    GrowthAssumptions,
    GrowthError,
    Trajectory,
    backing,
    growth_assumptions,
    jobs_by_market,
    stress_label,
    stress_narratives,
    trajectory,
    with_stress,
)
from clusterplan.plan import bounds, parts
from clusterplan.plan.schema import Plan
from clusterplan.report import scenario as scenario_report
from clusterplan.report.messages import msg
from clusterplan.report.numbers import AS_NEEDED, format_number, format_percent
from clusterplan.report.table import Table
from clusterplan.report.tables import dimension_name

PERCENTILES: tuple[int, ...] = uncertainty.BAND_PERCENTILES
"""Percentiles of an ensemble's band (P5, median, P95): the model's
:data:`~clusterplan.model.uncertainty.BAND_PERCENTILES`."""


@dataclass(frozen=True)
class Goal:
    """What a scenario is compared with: at least ``jobs`` jobs in ``year`` (``factor`` x
    base-year jobs).

    The plan's goal, or when the plan sets none its reference (``declared`` False,
    ``dimension`` the growth dimension whose target it is; see
    :func:`clusterplan.plan.parts.reference_goal`). ``provenance``: where it comes from
    (the plan's section, or the assumption it rests on).
    """

    year: int
    factor: float
    jobs: float
    declared: bool = True
    dimension: str | None = None
    provenance: str = ""


def goal(plan: Plan) -> Goal:
    """The plan's goal, or its reference when it sets none."""
    g = parts.goal_target(plan)
    base = plan.employment.base_total
    jobs = g.jobs_for(base)
    factor = g.factor if g.factor is not None else (jobs / base if base > 0 else 0.0)
    return Goal(
        year=g.year,
        factor=factor,
        jobs=jobs,
        declared=g.declared,
        dimension=g.dimension,
        provenance=g.provenance,
    )


def goal_text(plan: Plan, lang: str | None) -> str | None:
    """The plan's goal in one sentence in ``lang``: its jobs and year, and the factor of the
    base-year jobs it is (written with the decimals it has); None when the plan sets no goal
    (:func:`reference_note` says what is compared instead). The annual report, the dashboard
    and the public page write it."""
    target = goal(plan)
    if not target.declared:
        return None
    chosen = normalise_language(lang)
    emp = plan.employment
    return msg(
        "goal.text",
        chosen,
        goal=format_number(target.jobs, chosen, 0),
        goal_year=target.year,
        factor=format_number(target.factor, chosen, AS_NEEDED),
        base=format_number(emp.base_total, chosen, 0),
        base_year=emp.base_year,
    )


def goal_line(plan: Plan, lang: str | None) -> str:
    """The plan's goal in one sentence (:func:`goal_text`), or when it sets none, that it
    sets none and the base year's jobs, in ``lang``. The overview prints it and the
    dashboard shows it."""
    text = goal_text(plan, lang)
    if text is not None:
        return text
    chosen = normalise_language(lang)
    emp = plan.employment
    return msg(
        "goal.none", chosen, base=format_number(emp.base_total, chosen, 0), base_year=emp.base_year
    )


def reference_note(plan: Plan, lang: str | None) -> str | None:
    """The one line that says a plan sets no goal and what its goal-based figures compare
    with instead (:func:`clusterplan.plan.parts.reference_goal`), in ``lang``; None when
    the plan sets its goal. The command line prints it and the web shows it."""
    target = goal(plan)
    if target.declared or target.dimension is None:
        return None
    chosen = normalise_language(lang)
    name = dimension_name(plan, target.dimension, chosen)
    return gettext(
        "The plan sets no goal: figures that need one compare with its growth dimension "
        "{dimension} ({jobs} jobs in {year}).",
        chosen,
    ).format(dimension=name, jobs=format_number(target.jobs, chosen, 0), year=target.year)


def ensemble_sentence(
    plan: Plan,
    *,
    n: int,
    seed: int,
    dimension: str,
    goal_jobs: float,
    goal_year: int,
    p_goal: float,
    lang: str | None,
) -> str:
    """One line on what an ensemble says of the goal in ``lang``: its samples and seed, the
    growth dimension, and the share of samples with at least the goal's jobs in its year.
    The command line's ``simulate`` prints it and the web shows it under an ensemble."""
    chosen = normalise_language(lang)
    return gettext(
        "{n} samples, seed {seed}, dimension {dimension}: at least {goal} jobs in {year} "
        "in {p} of the samples",
        chosen,
    ).format(
        n=format_number(n, chosen, 0),
        seed=seed,
        dimension=dimension_name(plan, dimension, chosen),
        goal=format_number(goal_jobs, chosen, 0),
        year=goal_year,
        p=format_percent(p_goal, chosen),
    )


@dataclass(frozen=True)
class Landing:
    """Where a growth dimension of the plan lands in its target year, against the goal (the
    plan's, or its reference: :func:`goal`)."""

    dimension: str
    jobs: float
    """The dimension's total jobs in the target year, as the plan gives them."""
    difference: float
    """Jobs minus the goal's jobs: negative when the dimension falls short of the goal."""

    @property
    def reaches(self) -> bool:
        """True when the dimension reaches the goal."""
        return self.difference >= 0


def landings(plan: Plan) -> list[Landing]:
    """Each growth dimension's total jobs in the target year and its difference from the
    goal, in the plan's order."""
    target = goal(plan)
    out = []
    for key, scenario in plan.employment.scenarios.items():
        jobs = scenario.total
        out.append(Landing(key, jobs, jobs - target.jobs))
    return out


def goal_or_none(plan: Plan) -> Goal | None:
    """The plan's goal, or None when the plan sets none (the goal is optional)."""
    return goal(plan) if parts.has(plan, "goal") else None


@dataclass(frozen=True)
class Band:
    """An ensemble's spread of the total jobs per year and its chance of the goal."""

    n: int
    p_goal: float  # of the plan's goal, or its reference (:func:`goal`)
    percentiles: Mapping[int, FloatArray]  # percentile -> [year]

    def as_dict(self) -> dict[str, Any]:
        """``{"n", "p_goal", "p5", "p50", "p95"}`` (arrays per year)."""
        return {
            "n": self.n,
            "p_goal": self.p_goal,
            **{f"p{q}": v for q, v in self.percentiles.items()},
        }


@dataclass(frozen=True)
class ScenarioOutcome:
    """A scenario's trajectory (with its acquisition jobs) and, when asked, its band."""

    values: dict[str, Any]
    dimension: str
    years: list[int]
    pillars: list[str]
    jobs: FloatArray  # [pillar, year]
    total: FloatArray  # [year]
    goal_jobs: float  # the plan's goal, or its reference (:func:`goal`)
    goal_year: int
    goal_declared: bool  # False for the reference of a plan without a goal
    year: int  # the year results are reported for: the goal's (:func:`goal`)
    band: Band | None
    band_problem: str | None = None
    """Why the band was not computed (e.g. above the memory limit), or None."""
    stress: str | None = None
    """The market stress narrative the trajectory and the band are under, or None."""


def acquisition_array(a: GrowthAssumptions, years: Sequence[int], jobs: float) -> FloatArray:
    """Acquisition jobs ``[pillar, year]``: linear from 0 (base year) to ``jobs`` (target
    year), shared over pillars as the base-year jobs are."""
    base = np.array([a.base_jobs[p] for p in a.pillars], dtype=float)
    share = base / base.sum()
    steps = (np.asarray(years, dtype=float) - a.base_year) / (a.target_year - a.base_year)
    return np.outer(share, np.clip(steps, 0.0, None) * float(jobs or 0.0))


def dimension_totals(plan: Plan) -> dict[str, FloatArray]:
    """Total jobs per year of each growth dimension of the plan at its own assumptions."""
    a = growth_assumptions(plan)
    return {d: trajectory(plan, d, a).total for d in plan.employment.dimension_ids}


def assumptions(
    plan: Plan, values: Mapping[str, Any], *, markets: bool = True
) -> GrowthAssumptions:
    """The growth assumptions of named input values (checked; missing: the plan's)."""
    checked = inputs.check(plan, values)
    return growth_assumptions(plan, markets=markets, **inputs.overrides(plan, checked))


def trajectories(
    plan: Plan,
    a: GrowthAssumptions,
    values: Mapping[str, Any],
    until: int | None = None,
    dimensions: Sequence[str] | None = None,
) -> dict[str, Trajectory]:
    """The trajectory under ``a`` of each growth dimension (default: every one of the
    plan), with the acquisition jobs of ``values`` added (the dimension input is not used:
    the dimensions are given)."""
    years = a.years(until)
    jobs = float(inputs.check(plan, values).get(inputs.ACQUISITION) or 0.0)
    extra = acquisition_array(a, years, jobs) if jobs else None
    return {
        d: trajectory(plan, d, a, until=until, acquisition_jobs=extra)
        for d in (plan.employment.dimension_ids if dimensions is None else dimensions)
    }


def stress_choices(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """The plan's market stress narratives: (name, label in ``lang``), in the plan's order."""
    return [
        (name, stress_label(entry, name, lang)) for name, entry in stress_narratives(plan).items()
    ]


@dataclass(frozen=True)
class MarketPart:
    """A scenario's market part, as ``clusterplan scenarios`` prints it (the plan's last
    growth dimension): ``markets``, the jobs each application market carries in the target
    year (on the central paths and, under a narrative, with it; None when the plan has no
    application markets); ``stressed``, under a narrative, the jobs per pillar and year with
    the central total and the difference; ``backing``, per dimension the increment business
    cases back and the assumed rest."""

    stress: str | None
    markets: Table | None
    stressed: Table | None
    backing: Table


def market_part(
    plan: Plan,
    values: Mapping[str, Any],
    lang: str,
    *,
    stress: str | None = None,
    markets: bool = True,
) -> MarketPart:
    """The market part of the scenario of named input values (:func:`assumptions`, with the
    acquisition jobs of ``values`` added), under the stress narrative ``stress`` when given
    (GrowthError for a name the plan does not have)."""
    central = assumptions(plan, values, markets=markets)
    a = central if stress is None else with_stress(plan, central, stress)
    last = plan.employment.last_dimension
    hit = trajectories(plan, a, values, dimensions=[last])[last]
    plain = None if stress is None else trajectories(plan, central, values, dimensions=[last])[last]
    table = None
    if a.markets:
        carried = jobs_by_market(central, hit if plain is None else plain)
        table = scenario_report.market_table(
            plan,
            last,
            hit.years,
            a.target_year,
            lang,
            carried,
            None if plain is None else jobs_by_market(a, hit),
        )
    return MarketPart(
        stress=stress,
        markets=table,
        stressed=None
        if plain is None
        else scenario_report.trajectory_table(plan, hit, lang, plain),
        backing=scenario_report.backing_table(plan, backing(plan, a), a.target_year, lang),
    )


def _total_ensemble(
    plan: Plan,
    n: int,
    rng: uncertainty.RngLike,
    dimension: str,
    a: GrowthAssumptions,
    target: Goal,
    max_bytes: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> uncertainty.Ensemble:
    """A Monte Carlo ensemble of ``n`` samples under ``a`` that keeps only the total jobs
    (not the jobs per pillar, not the inputs), compared with ``target``; ``progress`` as
    :func:`clusterplan.model.uncertainty.simulate` calls it."""
    return uncertainty.simulate(
        plan,
        n,
        rng,
        dimension=dimension,
        assumptions=a,
        keep_jobs=False,
        keep_inputs=False,
        max_bytes=max_bytes,
        goal_year=target.year,
        goal_jobs=target.jobs,
        progress=progress,
    )


def scenario(
    plan: Plan,
    values: Mapping[str, Any],
    *,
    samples: int = 0,
    seed: int = 0,
    max_bytes: int | None = bounds.ENSEMBLE_MAX_BYTES,
    stress: str | None = None,
) -> ScenarioOutcome:
    """A scenario from named input values (:mod:`clusterplan.app.inputs`; missing: the
    plan's defaults), with a Monte Carlo band of ``samples`` samples when positive, under
    the market stress narrative ``stress`` when given (as ``clusterplan scenarios`` and
    ``simulate --stress``).

    Raises :class:`~clusterplan.app.inputs.InputError` for an unknown or invalid value and
    :class:`~clusterplan.model.growth.GrowthError` when the model refuses the assumptions
    (codes ``growth.stress_*`` for the narrative); an ensemble above ``max_bytes`` is left
    out (``band_problem`` says why).
    """
    checked = inputs.check(plan, values)
    a = growth_assumptions(plan, **inputs.overrides(plan, checked))
    if stress is not None:
        a = with_stress(plan, a, stress)
    years = a.years()
    dimension = str(checked.get(inputs.DIMENSION) or inputs.defaults(plan)[inputs.DIMENSION])
    acquisition = acquisition_array(a, years, float(checked.get(inputs.ACQUISITION) or 0.0))
    traj = trajectory(plan, dimension, a, acquisition_jobs=acquisition)
    target = goal(plan)
    band = None
    problem = None
    if samples > 0:
        try:
            ens = _total_ensemble(plan, samples, seed, dimension, a, target, max_bytes)
        except GrowthError as exc:
            problem = str(exc)
        else:
            summary = ens.total_summary(PERCENTILES)
            extra = acquisition.sum(axis=0)  # acquisition jobs per year, over the pillars
            at_goal = (
                ens.total_by_year[ens.years.index(target.year)] + extra[years.index(target.year)]
            )
            p_goal = float(np.mean(at_goal >= target.jobs))
            band = Band(
                n=ens.n,
                p_goal=p_goal,
                percentiles={
                    q: np.array([summary[y][f"p{q}"] for y in ens.years]) + extra
                    for q in PERCENTILES
                },
            )
    return ScenarioOutcome(
        values=dict(checked),
        dimension=dimension,
        years=list(years),
        pillars=list(a.pillars),
        jobs=traj.jobs,
        total=traj.total,
        goal_jobs=target.jobs,
        goal_year=target.year,
        goal_declared=target.declared,
        year=target.year,
        band=band,
        band_problem=problem,
        stress=stress,
    )


@dataclass(frozen=True)
class EnsembleOutcome:
    """A Monte Carlo ensemble of the plan's default assumptions, summarised."""

    n: int
    seed: int  # with n and dimension, what reproduces it (``clusterplan simulate``)
    dimension: str
    years: list[int]
    goal_year: int  # the plan's goal, or its reference (:func:`goal`)
    goal_jobs: float
    goal_declared: bool  # False for the reference of a plan without a goal
    p_goal: float
    year: int  # the year results are reported for: the goal's (:func:`goal`)
    percentiles: Mapping[int, list[float]]


def ensemble(
    plan: Plan,
    samples: int,
    seed: int,
    dimension: str,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> EnsembleOutcome:
    """An ensemble of ``samples`` samples drawn with ``seed`` under the plan's assumptions:
    the numbers of ``clusterplan simulate --n samples --seed seed --dimension dimension``
    (its total jobs only), calling ``progress(done, samples)`` as blocks of samples finish."""
    a = growth_assumptions(plan)
    target = goal(plan)
    finished = [0]

    def block_done(n: int) -> None:  # the samples of one block (model.uncertainty)
        finished[0] += n
        if progress is not None:
            progress(finished[0], samples)

    if progress is not None:
        progress(0, samples)
    ens = _total_ensemble(plan, samples, seed, dimension, a, target, progress=block_done)
    years = list(ens.years)
    totals = ens.total_by_year
    p_goal = ens.p_goal
    values = uncertainty.percentiles_in_place(totals, PERCENTILES)
    return EnsembleOutcome(
        n=samples,
        seed=seed,
        dimension=dimension,
        years=years,
        goal_year=target.year,
        goal_jobs=target.jobs,
        goal_declared=target.declared,
        p_goal=p_goal,
        year=target.year,
        percentiles={q: [float(v) for v in values[k]] for k, q in enumerate(PERCENTILES)},
    )
