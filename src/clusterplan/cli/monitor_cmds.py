"""Commands about monitoring: the plan against the actuals, and the nowcast."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clusterplan import disclosure
from clusterplan.app.scenarios import goal_text
from clusterplan.cli.app import (
    PlanCommand,
    PlanOption,
    app,
    check_bound,
    dimension_name,
    emit_json,
    fail,
    get_plan,
    number,
)
from clusterplan.cli.growth_cmds import reference_goal_note
from clusterplan.cli.localised import help_with
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.model.growth import GrowthError
from clusterplan.monitor.actuals import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    Actuals,
    ActualsError,
    read_actuals,
)
from clusterplan.monitor.compare import compare
from clusterplan.monitor.indicators import MonitoringError, monitoring_of
from clusterplan.monitor.nowcast import check_obs_error, nowcast
from clusterplan.plan import bounds, parts
from clusterplan.plan.schema import Plan
from clusterplan.report.annual import (
    moved_table,
    nowcast_bands_table,
    nowcast_words,
    status_table,
    status_text,
)
from clusterplan.report.numbers import format_percent
from clusterplan.report.table import render_text

ActualsOption = Annotated[
    Path,
    typer.Option(
        "--actuals",
        help=help_with(
            "Actuals (.csv/.xlsx) with header {required} [,{optional}].",
            required=",".join(REQUIRED_COLUMNS),
            optional=",".join(OPTIONAL_COLUMNS),
        ),
    ),
]


def _read(path: Path, plan: Plan) -> Actuals:
    """Read actuals or exit 1 with one line per problem."""
    try:
        return read_actuals(path, plan)
    except (ActualsError, MonitoringError) as exc:
        fail(exc, code=1)


@app.command("monitor", cls=PlanCommand)
def monitor_cmd(
    actuals: ActualsOption,
    dimension: str | None = typer.Option(
        None, "--dimension", help="Growth dimension of the plan path (default: the plan's)."
    ),
    public: bool = typer.Option(
        False,
        "--public",
        help="Withhold partners' figures built from too few organisations (disclosure rule).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print every row as JSON."),
    plan_dir: PlanOption = None,
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
    lang = current_language()
    typer.echo(
        _("plan path: {dimension}; {n} actuals").format(
            dimension=dimension_name(plan, result.dimension), n=number(len(observed))
        )
    )
    typer.echo(render_text(status_table(result, lang)))
    marked = any(last.suppressed for c in result.indicators if (last := c.latest()) is not None)
    if marked:
        typer.echo(
            disclosure.note(monitoring_of(plan).disclosure.min_organisations, "organisations")
        )
    counts = ", ".join(f"{status_text(k)} {v}" for k, v in result.counts.items())
    typer.echo(_("indicators: {counts}").format(counts=counts))


@app.command("nowcast", cls=PlanCommand)
def nowcast_cmd(
    actuals: ActualsOption,
    seed: int | None = typer.Option(None, "--seed", help="Seed (default: the plan's)."),
    n: int | None = typer.Option(None, "--n", help="Samples (default: the plan's)."),
    obs_error: float | None = typer.Option(
        None, "--obs-error", help="Relative sd of one observation (default: the plan's)."
    ),
    dimension: str | None = typer.Option(
        None, "--dimension", help="Growth dimension (default: the plan's)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    plan_dir: PlanOption = None,
) -> None:
    """P(goal) and bands before and after conditioning the ensemble on the observed jobs."""
    if n is not None:
        check_bound("--n", n, bounds.NOWCAST_SAMPLES)
    if seed is not None:
        check_bound("--seed", seed, bounds.SEED)
    if obs_error is not None:
        try:
            check_obs_error(obs_error)  # the nowcast's rule, before any file is read
        except MonitoringError as exc:
            fail(exc)
    plan = get_plan(plan_dir)
    parts.require(plan, *parts.COMMAND_PARTS["nowcast"])
    observed = _read(actuals, plan)
    try:
        result = nowcast(plan, observed, n, seed, obs_error, dimension)
    except (MonitoringError, GrowthError) as exc:
        fail(exc, code=1)
    reference_goal_note(plan, err=as_json)
    if as_json:
        emit_json(result.to_dict())
        return
    lang = current_language()
    typer.echo(
        _(
            "{dimension}: {observed} observed job figures, {n} samples (seed {seed}), "
            "observation sd {sd}"
        ).format(
            dimension=dimension_name(plan, result.dimension),
            observed=len(result.observations),
            n=number(result.n),
            seed=result.seed,
            sd=format_percent(result.relative_sd, current_language(), 0),
        )
    )
    # the plan's goal, then the nowcast in the annual report's and the page's words
    for line in (goal_text(plan, lang), *nowcast_words(result, lang).sentences):
        if line:
            typer.echo(line)
    typer.echo(render_text(nowcast_bands_table(result, lang)) + "\n")
    typer.echo(render_text(moved_table(plan, result, lang)))
