"""Commands about monitoring: the plan against the actuals, and the nowcast."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterplan.cli.app import PlanOption, app, echo_error, emit_json, fail, get_plan
from clusterplan.i18n import gettext as _
from clusterplan.model.growth import GrowthError
from clusterplan.monitor.actuals import Actuals, ActualsError, read_actuals
from clusterplan.monitor.compare import compare
from clusterplan.monitor.indicators import MonitoringError, monitoring_of
from clusterplan.monitor.nowcast import TOTAL, nowcast
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import NOT_A_NUMBER, format_number

MAX_SAMPLES = 1_000_000
"""Above this the ensemble and its resampled copy need more than ~0.5 GB of memory."""

ActualsOption = typer.Option(
    ...,
    "--actuals",
    help="Actuals (.csv/.xlsx) with header indicator,subject,year,value,source "
    "[,received,organisation].",
)


def _read(path: Path, plan: Plan) -> Actuals:
    """Read actuals or exit 1 with one line per problem."""
    try:
        return read_actuals(path, plan)
    except ActualsError as exc:
        for problem in exc.problems:
            echo_error(problem)
        raise typer.Exit(1) from None
    except MonitoringError as exc:
        fail(exc, code=1)


def _fmt(value: float | None) -> str:
    return NOT_A_NUMBER if value is None else format_number(value, "en", 1)


@app.command("monitor")
def monitor_cmd(
    actuals: Path = ActualsOption,
    dimension: str | None = typer.Option(
        None, "--dimension", help="Growth dimension of the plan path (default: the plan's)."
    ),
    public: bool = typer.Option(
        False,
        "--public",
        help="Withhold partners' figures built from too few organisations (disclosure rule).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print every row as JSON."),
    plan_dir: Path | None = PlanOption,
) -> None:
    """The plan against the actuals: per indicator the latest status, plan, actual and gap."""
    plan = get_plan(plan_dir)
    parts.require(plan, *parts.COMMAND_PARTS["monitor"])
    observed = _read(actuals, plan)
    try:
        result = compare(plan, observed, dimension)
    except (MonitoringError, GrowthError) as exc:
        fail(exc, code=1)
    if public:
        result = result.disclosed(monitoring_of(plan).disclosure.min_organisations)
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(f"plan path: {result.dimension}; {len(observed)} actuals")
    typer.echo(
        f"{'indicator':<26} {'status':<10} {'year':>5} {'plan':>12} {'actual':>12} {'gap':>12}"
    )
    for c in result.indicators:
        last = c.latest()
        if last is None:
            years = observed.years(c.indicator.id)
            note = f"actuals {years[0]}-{years[-1]}" if years else "no actuals"
            if c.indicator.compare_with == "none":
                note += " (held against no plan figure)"
                typer.echo(f"{c.indicator.id:<26} {'-':<10} {note}")
            else:
                typer.echo(f"{c.indicator.id:<26} {c.status:<10} {note}")
            continue
        typer.echo(
            f"{c.indicator.id:<26} {c.status:<10} {last.year:>5} {_fmt(last.plan):>12} "
            f"{_fmt(last.actual):>12} {_fmt(last.gap):>12}  {c.indicator.unit}"
        )
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    typer.echo(f"indicators: {counts}")


@app.command("nowcast")
def nowcast_cmd(
    actuals: Path = ActualsOption,
    seed: int | None = typer.Option(None, "--seed", help="Seed (default: the plan's)."),
    n: int | None = typer.Option(None, "--n", help="Samples (default: the plan's)."),
    obs_error: float | None = typer.Option(
        None, "--obs-error", help="Relative sd of one observation (default: the plan's)."
    ),
    dimension: str | None = typer.Option(
        None, "--dimension", help="Growth dimension (default: the plan's)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    plan_dir: Path | None = PlanOption,
) -> None:
    """P(goal) and bands before and after conditioning the ensemble on the observed jobs."""
    if n is not None and not 1 <= n <= MAX_SAMPLES:
        fail(
            _("--n must be between 1 and {max_samples} (got {n})").format(
                max_samples=format(MAX_SAMPLES, ","), n=n
            )
        )
    if seed is not None and seed < 0:
        fail(_("--seed must not be negative (got {seed})").format(seed=seed))
    if obs_error is not None and not obs_error > 0:
        fail(
            _("--obs-error must be a positive number (got {obs_error})").format(obs_error=obs_error)
        )
    plan = get_plan(plan_dir)
    parts.require(plan, *parts.COMMAND_PARTS["nowcast"])
    observed = _read(actuals, plan)
    try:
        result = nowcast(plan, observed, n, seed, obs_error, dimension)
    except (MonitoringError, GrowthError) as exc:
        fail(exc, code=1)
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(
        f"{result.dimension}: {len(result.observations)} observed job figures, "
        f"{result.n:,} samples (seed {result.seed}), observation sd {result.relative_sd:.0%}"
    )
    typer.echo(
        f"P(goal: {result.goal_jobs:,.0f} jobs in {result.goal_year}): "
        f"{result.p_goal_prior:.1%} before, {result.p_goal:.1%} after the actuals"
    )
    typer.echo(
        f"effective sample size: {result.effective_sample_size:,.0f} ({result.ess_share:.1%})"
    )
    if result.warning:
        typer.echo(f"warning: {result.warning}")
    prior, post = result.bands_prior[TOTAL], result.bands[TOTAL]
    typer.echo(
        f"{'year':>5} {'p5':>9} {'p50':>9} {'p95':>9}   after: {'p5':>9} {'p50':>9} {'p95':>9}"
    )
    for year in prior:
        a, b = prior[year], post[year]
        typer.echo(
            f"{year:>5} {a['p5']:>9,.0f} {a['p50']:>9,.0f} {a['p95']:>9,.0f}          "
            f"{b['p5']:>9,.0f} {b['p50']:>9,.0f} {b['p95']:>9,.0f}"
        )
    typer.echo("moved most (shift in prior standard deviations):")
    for m in result.moved[:5]:
        typer.echo(
            f"  {m.name:<36} {m.prior_mean:>9.3f} -> {m.posterior_mean:>9.3f}  {m.shift_sd:+.2f}"
        )
