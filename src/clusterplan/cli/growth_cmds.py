"""Commands of the growth engine: scenarios, simulate, sensitivity, discover, backcast."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from clusterplan.app import scenarios as app_scenarios
from clusterplan.app.inputs import DIMENSION as DIMENSION_INPUT
from clusterplan.app.inputs import InputError
from clusterplan.app.inputs import scenario_inputs as declared_inputs
from clusterplan.cli.app import (
    DimensionOption,
    JsonOption,
    PlanCommand,
    PlanOption,
    app,
    check_bound,
    dimension_name,
    dimension_option,
    emit_json,
    fail,
    get_plan,
    number,
    say,
)
from clusterplan.cli.localised import help_with
from clusterplan.errors import Coded
from clusterplan.i18n import current_language, format_value
from clusterplan.i18n import gettext as _
from clusterplan.labels import label
from clusterplan.model.backcast import SHAPES
from clusterplan.model.growth import (
    GrowthAssumptions,
    GrowthError,
    backing,
    growth_assumptions,
    market_results,
    revenue_residuals,
    stress_label,
    stress_narratives,
    with_stress,
)
from clusterplan.model.naming import DELAY, REALISATION, input_name, split_name
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import format_number
from clusterplan.report.scenario import (
    band_table,
    pillar_band_table,
    revenue_table,
    trajectory_table,
)
from clusterplan.report.sensitivity import (
    discovery_summary,
    discovery_tables,
    sobol_summary,
    sobol_table,
)
from clusterplan.report.table import render_text

SamplesOption = Annotated[int, typer.Option("--n", help="Number of samples.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Random seed (same seed, same numbers).")]
GoalJobsOption = Annotated[
    float | None,
    typer.Option(
        "--goal-jobs",
        help="Default: the plan's goal (factor x base-year jobs), else its last dimension's target.",
    ),
]
GoalYearOption = Annotated[
    int | None,
    typer.Option("--goal-year", help="Default: the plan's goal year, else its target year."),
]
StressOption = Annotated[
    str | None,
    typer.Option("--stress", help="A named market stress narrative (growth.market.stress)."),
]
MarketsOption = Annotated[
    bool,
    typer.Option(
        "--markets/--no-markets",
        help="Application markets drive the pillars (default) or the one market factor does.",
    ),
]


_Result = TypeVar("_Result")


def _stressed(plan: Plan, a: GrowthAssumptions, stress: str | None) -> GrowthAssumptions:
    """The assumptions under the narrative ``--stress`` names (the core refuses a name the
    plan does not have, with the known ones)."""
    if stress is None:
        return a
    try:
        return with_stress(plan, a, stress)
    except GrowthError as exc:
        fail(_("--stress {stress}: {reason}").format(stress=stress, reason=say(exc)))


def _fmt(value: float) -> str:
    return number(value, 0)


def _ratio(value: float, decimals: int) -> str:
    return format_number(value, current_language(), decimals)


def reference_goal_note(plan: Plan, *, err: bool = False) -> None:
    """One line when the plan sets no goal: what the goal-based output compares with
    (:func:`clusterplan.app.scenarios.reference_note`); to stderr when ``err`` (JSON output)."""
    note = app_scenarios.reference_note(plan, current_language())
    if note is not None:
        typer.echo(note, err=err)


@contextmanager
def _progress(total: int, label: str, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr when it is a terminal; otherwise nothing."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)


def _check_jobs(option: str, value: float | None) -> None:
    """Exit 2 when a jobs figure is given outside the declared range (that it is positive
    is the core's rule: ``growth.goal_not_positive``, ``backcast.target_not_positive``)."""
    if value is not None:
        check_bound(option, value, bounds.JOBS)


def _check_stress(stress: str | None, markets: bool) -> None:
    if stress is not None and not markets:
        fail(_("--stress needs the application markets (leave out --no-markets)"))


def _goal_run(
    run: Callable[..., _Result],
    plan_dir: Path | None,
    n: int,
    seed: int,
    dimension: str | None,
    goal_jobs: float | None,
    goal_year: int | None,
    as_json: bool,
    **options: Any,
) -> tuple[Plan, _Result]:
    """The course every ensemble command shares: check its shared arguments (exit 2), load
    the plan, ``run(plan, n, seed, dimension=..., goal_jobs=..., goal_year=..., **options)``
    (a growth error ends in one line) and, when no goal is given, say which goal the
    result is compared with. Returns the plan and the result."""
    check_bound("--seed", seed, bounds.SEED)
    _check_jobs("--goal-jobs", goal_jobs)
    plan = get_plan(plan_dir)
    dimension_option(plan, dimension)
    try:
        result = run(
            plan, n, seed, dimension=dimension, goal_jobs=goal_jobs, goal_year=goal_year, **options
        )
    except GrowthError as exc:
        fail(exc)
    if goal_jobs is None:
        reference_goal_note(plan, err=as_json)
    return plan, result


_SHORTHANDS = {"delay": DELAY, "realisation": REALISATION}
"""Per-project options of ``scenarios`` and the declared input (clusterplan.app.inputs)
each sets."""


def _named_values(
    plan: Plan,
    market_factor: float | None,
    fab_closure: int | None,
    delay: list[str] | None,
    realisation: list[str] | None,
    settings: list[str] | None,
) -> dict[str, Any]:
    """Named scenario inputs from the options (exit 2 with one line when one is invalid)."""
    declared = {i.name: i for i in declared_inputs(plan)}
    values: dict[str, Any] = {}
    given_as: dict[str, str] = {}  # the option each value came from, as the user typed it

    def put(name: str, value: Any, option: str, item: str) -> None:
        """One value per input: a second one had silently replaced the first."""
        if name in values:
            fail(_("--{what} {id}: given twice").format(what=option, id=item))
        values[name] = value
        given_as[name] = f"--{option} {item}"

    if market_factor is not None:
        values["market_growth_factor"] = market_factor
    if fab_closure is not None:
        values["fab_closure_year"] = fab_closure
    for option, items in (("delay", delay), ("realisation", realisation)):
        for item in items or []:
            project, sep, value = item.partition("=")
            if not sep:
                fail(
                    _("{option} needs PROJECT=VALUE (got {value})").format(
                        option=f"--{option}", value=repr(item)
                    )
                )
            name = input_name(_SHORTHANDS[option], project)
            if name not in declared:
                fail(
                    _("{option}: unknown project {project}").format(
                        option=f"--{option}", project=repr(project)
                    )
                )
            put(name, _number(f"--{option} {project}", value), option, project)
    for item in settings or []:
        name, sep, value = item.partition("=")
        if not sep:
            fail(_("--set needs NAME=VALUE (got {value})").format(value=repr(item)))
        if name not in declared:
            fail(_("--set: unknown input {name} (see: clusterplan inputs)").format(name=repr(name)))
        if name == DIMENSION_INPUT:
            fail(_("--set dimension: scenarios shows every dimension"))
        spec = declared[name]
        number = None if value == "" and not spec.required else _number(f"--set {name}", value)
        put(name, number, "set", name)
    for name, value in values.items():
        problem = declared[name].problem(value)
        if problem is not None:
            fail(bounds.refused(given_as.get(name) or _option_of(name), value, problem))
    return values


def _number(what: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        fail(_("{what}: not a number ({value})").format(what=what, value=repr(text)))


def _option_of(name: str) -> str:
    """The option a named input came from, for messages."""
    key, project = split_name(name)
    if project is not None and key in _SHORTHANDS.values():
        return f"--{key} {project}"
    return {"market_growth_factor": "--market-factor", "fab_closure_year": "--fab-closure"}.get(
        name, f"--set {name}"
    )


@app.command(cls=PlanCommand)
def inputs(plan_dir: PlanOption = None, as_json: JsonOption = False) -> None:
    """The named inputs of a scenario (for ``scenarios --set NAME=VALUE``): range, unit and
    the plan's default."""
    plan = get_plan(plan_dir)
    lang = current_language()
    rows = [i.as_data(lang) for i in declared_inputs(plan)]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        span = (
            "|".join(row["choices"])
            if row["choices"]
            else f"{format_value(row['low'], lang)}-{format_value(row['high'], lang)}"
            f" {row['unit_label']}"
        )
        shown = "-" if row["default"] is None else format_value(row["default"], lang)
        default = _("default {value}").format(value=shown)
        typer.echo(f"{row['name']:40} {span:28} {default}  {row['label']}")


@app.command(cls=PlanCommand)
def scenarios(
    plan_dir: PlanOption = None,
    until: int | None = typer.Option(
        None, "--until", help="Last year (up to the plan's extension limit)."
    ),
    market_factor: float | None = typer.Option(
        None,
        "--market-factor",
        help="Custom: market growth factor to the target year (default: the plan's).",
    ),
    fab_closure: int | None = typer.Option(
        None, "--fab-closure", help="Custom: the facility at risk closes in this year."
    ),
    delay: list[str] | None = typer.Option(
        None, "--delay", help="Custom: PROJECT=YEARS later (repeatable)."
    ),
    realisation: list[str] | None = typer.Option(
        None,
        "--realisation",
        help=help_with(
            "Custom: PROJECT=SHARE realised, {low}-{high} (above 1: beyond plan; repeatable).",
            low=bounds.REALISATION.low,
            high=bounds.REALISATION.high,
        ),
    ),
    settings: list[str] | None = typer.Option(
        None,
        "--set",
        help="Custom: NAME=VALUE for any scenario input (names: clusterplan inputs; repeatable).",
    ),
    stress: StressOption = None,
    markets: MarketsOption = True,
    as_json: JsonOption = False,
) -> None:
    """Jobs per pillar and year for every growth dimension of the plan (its target figures).

    With custom options the same dimensions are shown under those assumptions;
    ``--stress NAME`` runs a market stress narrative. The JSON also gives, per dimension,
    the jobs and revenue carried by each market and how much of the increment is backed
    by business cases (``backing``).
    """
    plan = get_plan(plan_dir)
    try:  # the declared inputs read the growth assumptions, which the plan may lack
        values = _named_values(plan, market_factor, fab_closure, delay, realisation, settings)
    except GrowthError as exc:
        fail(exc)
    _check_stress(stress, markets)
    try:
        a = _stressed(plan, app_scenarios.assumptions(plan, values, markets=markets), stress)
        trajs = app_scenarios.trajectories(plan, a, values, until)
        residuals = revenue_residuals(plan, a)
        backed = backing(plan, a)
    except (GrowthError, InputError) as exc:
        fail(exc)
    first = next(iter(trajs.values()))
    if as_json:
        emit_json(
            {
                "years": first.years,
                "pillars": first.pillars,
                "stress": stress,
                "markets": list(a.markets),
                "scenarios": {
                    dim: {
                        "jobs": {p: t.jobs[k].tolist() for k, p in enumerate(t.pillars)},
                        "total": t.total.tolist(),
                        "revenue_index": t.revenue_index.tolist(),
                        "by_market": market_results(a, t) if a.markets else {},
                    }
                    for dim, t in trajs.items()
                },
                "backing": backed,
                "revenue": residuals,
            }
        )
        return
    central = None
    if stress is not None:
        narrative = stress_label(stress_narratives(plan)[stress], stress, current_language())
        typer.echo(_("Stress narrative: {stress}").format(stress=narrative) + "\n")
        try:
            central = app_scenarios.trajectories(
                plan, app_scenarios.assumptions(plan, values), values, until
            )
        except GrowthError as exc:
            fail(exc)
    lang = current_language()
    for dim, t in trajs.items():
        plain = None if central is None else central[dim]
        typer.echo(render_text(trajectory_table(plan, t, lang, central=plain)) + "\n")
    try:  # the same assumptions as above: what they refuse was refused there
        part = app_scenarios.market_part(plan, values, lang, stress=stress, markets=markets)
    except (GrowthError, InputError) as exc:
        fail(exc)
    if part.markets is not None:
        typer.echo(render_text(part.markets) + "\n")
    rate = residuals["productivity_growth_per_year"] * 100
    typer.echo(_("Productivity growth (calibrated): {rate}% per year").format(rate=_ratio(rate, 2)))
    typer.echo(render_text(revenue_table(plan, residuals["rows"], lang)) + "\n")
    typer.echo(render_text(part.backing))


@app.command(cls=PlanCommand)
def simulate(
    n: SamplesOption = bounds.DEFAULT_SAMPLES,
    seed: SeedOption = bounds.DEFAULT_SEED,
    goal_jobs: GoalJobsOption = None,
    goal_year: GoalYearOption = None,
    dimension: DimensionOption = None,
    plan_dir: PlanOption = None,
    stress: StressOption = None,
    markets: MarketsOption = True,
    as_json: JsonOption = False,
) -> None:
    """Monte Carlo: probability of reaching the goal and bands of the jobs.

    The application markets are sampled with their correlation; ``--no-markets`` samples
    the one market factor instead; ``--stress NAME`` applies a market stress narrative.
    """
    from clusterplan.model.uncertainty import Ensemble, summary
    from clusterplan.model.uncertainty import simulate as run

    check_bound("--n", n, bounds.SAMPLES)
    _check_stress(stress, markets)

    def ensemble(plan: Plan, n: int, seed: int, **goal: Any) -> Ensemble:
        a = _stressed(plan, growth_assumptions(plan, markets=markets), stress)
        with _progress(n, "simulating", enabled=not as_json) as progress:
            return run(plan, n, seed, assumptions=a, keep_inputs=False, progress=progress, **goal)

    plan, ens = _goal_run(ensemble, plan_dir, n, seed, dimension, goal_jobs, goal_year, as_json)
    data = summary(ens)
    if as_json:
        emit_json(data)
        return
    typer.echo(
        app_scenarios.ensemble_sentence(
            plan,
            n=n,
            seed=seed,
            dimension=ens.dimension,
            goal_jobs=ens.goal_jobs,
            goal_year=ens.goal_year,
            p_goal=ens.p_goal,
            lang=current_language(),
        )
    )
    lang = current_language()
    totals = list(data["total"].values())
    band = {key: [row[key] for row in totals] for key in totals[0]}
    typer.echo(render_text(band_table(plan, ens.years, lang, band=band)))
    if data["pillars"]:
        last = str(ens.years[-1])
        by_pillar = {pillar: rows[last] for pillar, rows in data["pillars"].items()}
        typer.echo("\n" + render_text(pillar_band_table(plan, ens.years[-1], by_pillar, lang)))


@app.command(cls=PlanCommand)
def sensitivity(
    n_base: int = typer.Option(
        bounds.DEFAULT_SOBOL_BASE, "--n-base", help="Sobol base sample (power of 2)."
    ),
    seed: SeedOption = bounds.DEFAULT_SEED,
    goal_jobs: GoalJobsOption = None,
    goal_year: GoalYearOption = None,
    dimension: DimensionOption = None,
    plan_dir: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """Sobol first- and total-order indices of jobs in the goal year and of the goal."""
    from clusterplan.model.sensitivity import base_sample_problem, sobol_indices, sobol_json

    problem = base_sample_problem(n_base)
    if problem is not None:
        fail(bounds.refused("--n-base", n_base, problem))
    plan, result = _goal_run(
        sobol_indices, plan_dir, n_base, seed, dimension, goal_jobs, goal_year, as_json
    )
    if as_json:
        emit_json(sobol_json(result))
        return
    typer.echo(sobol_summary(result, current_language()))
    typer.echo("\n" + render_text(sobol_table(plan, result, current_language())))


@app.command(cls=PlanCommand)
def discover(
    n: SamplesOption = bounds.DEFAULT_DISCOVERY_SAMPLES,
    seed: SeedOption = bounds.DEFAULT_SEED,
    threshold: float = typer.Option(
        bounds.DEFAULT_DISCOVERY_THRESHOLD, "--threshold", help="Minimum density of a box."
    ),
    goal_jobs: GoalJobsOption = None,
    goal_year: GoalYearOption = None,
    dimension: DimensionOption = None,
    plan_dir: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """Scenario discovery (PRIM): which assumption ranges make the goal fail."""
    from clusterplan.model.sensitivity import discover as run
    from clusterplan.model.sensitivity import discovery_json

    check_bound("--n", n, bounds.SAMPLES)
    if not (math.isfinite(threshold) and 0 < threshold <= 1):  # the core's words name no option
        fail(bounds.refused("--threshold", threshold, Coded("value.above_zero_at_most_one")))
    plan, result = _goal_run(  # the core refuses a goal year or threshold out of range
        run, plan_dir, n, seed, dimension, goal_jobs, goal_year, as_json, threshold=threshold
    )
    if as_json:
        emit_json(discovery_json(result))
        return
    for line in discovery_summary(result, current_language()):
        typer.echo(line)
    for table in discovery_tables(plan, result, current_language()):
        typer.echo("\n" + render_text(table))


@app.command(cls=PlanCommand)
def backcast(
    target_total: float | None = typer.Option(
        None,
        "--target-total",
        help="Jobs in the target year (default: the plan's goal, else its last dimension's target).",
    ),
    year: int | None = typer.Option(
        None, "--year", help="Target year (default: the plan's goal year, else its target year)."
    ),
    shape: str = typer.Option(
        SHAPES[0],
        "--shape",
        help=help_with("Shape of the path to the target: {choices}.", choices=SHAPES),
    ),
    pillar_target: list[str] | None = typer.Option(
        None, "--pillar-target", help="PILLAR=JOBS, repeatable: targets per pillar."
    ),
    dimension: str | None = typer.Option(
        None,
        "--dimension",
        help="What organic growth + projects deliver (default: the plan's assumption).",
    ),
    plan_dir: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """Milestones per pillar back from a target, and the gap acquisition must close."""
    from clusterplan.app.backcast import backcast as run
    from clusterplan.model.backcast import backcast_json
    from clusterplan.report.backcast import backcast_tables

    _check_jobs("--target-total", target_total)
    plan = get_plan(plan_dir)
    if dimension is not None:
        dimension_option(plan, dimension)
    targets: dict[str, float] | None = None
    if pillar_target:
        targets = {}
        for item in pillar_target:
            name, sep, value = item.partition("=")
            if not sep:
                fail(_("--pillar-target needs PILLAR=JOBS (got {item})").format(item=repr(item)))
            if name in targets:  # a second target had silently replaced the first
                fail(_("--{what} {id}: given twice").format(what="pillar-target", id=name))
            try:
                targets[name] = float(value)
            except ValueError:
                fail(
                    _("--pillar-target {name}: not a number ({value})").format(
                        name=name, value=repr(value)
                    )
                )
            check_bound(f"--pillar-target {name}", targets[name], bounds.JOBS)
    try:
        result = run(
            plan, target_total, year, targets_by_pillar=targets, shape=shape, dimension=dimension
        )
    except GrowthError as exc:
        fail(exc)
    data = backcast_json(result)
    if target_total is None and not targets:
        reference_goal_note(plan, err=as_json)
    if as_json:
        emit_json(data)
        return
    typer.echo(
        _(
            "Back-casting to {target} jobs in {year} ({shape}); "
            "gap against '{dimension}' (organic + projects)"
        ).format(
            target=_fmt(data["target_total"]),
            year=result.target_year,
            shape=label("backcast.shape", shape),
            dimension=dimension_name(plan, result.delivered_dimension),
        )
    )
    for table in backcast_tables(plan, result, current_language(), mark_milestones=True):
        typer.echo("\n" + render_text(table))
