"""Commands about what the growth demands: space and talent."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from clusterplan.app import demand as app_demand
from clusterplan.cli.app import (
    JsonOption,
    PlanCommand,
    PlanOption,
    ScenarioOption,
    app,
    check_bound,
    dimension_option,
    emit_json,
    fail,
    get_plan,
    one_of,
)
from clusterplan.cli.localised import help_with
from clusterplan.errors import Coded
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.io.limits import ReadLimits
from clusterplan.model.demand import VARY, space_calibration
from clusterplan.model.demand_data import DemandDataError
from clusterplan.model.growth import GrowthError
from clusterplan.model.talent import talent_section
from clusterplan.model.talent_plan import (
    BACKCAST,
    inflow_against_targets,
    inflow_from_actuals,
    path_sources,
)
from clusterplan.model.talent_supply import (
    SUPPLY_COLUMNS,
    SupplyError,
    plan_supply_path,
    read_supply,
    supply_label,
)
from clusterplan.monitor.actuals import ActualsError, read_actuals
from clusterplan.plan import parts
from clusterplan.plan.bounds import DEMAND_SAMPLES, SEED, Bound, refused
from clusterplan.plan.load import BUNDLED_PLAN_DIR
from clusterplan.plan.schema import Plan
from clusterplan.report.demand import (
    calibration_data,
    render_calibration,
    render_space,
    render_talent,
    space_data,
    space_ensemble_data,
    space_milestones,
    supply_source,
    talent_data,
    talent_ensemble_data,
)
from clusterplan.report.talent import (
    render_inflow,
    render_measures,
    render_targets,
    talent_plan_data,
)

SamplesOption = Annotated[
    str | None,
    typer.Option(
        "--samples",
        help="Also run an ensemble of this many sampled parameter sets (percentile bands).",
    ),
]
SeedOption = Annotated[
    str | None, typer.Option("--seed", help="Seed of the ensemble (default: random).")
]
VaryOption = Annotated[
    str,
    typer.Option(
        "--vary",
        help=help_with(
            "What the ensemble varies ({choices}): the growth assumptions (job paths), "
            "the space or talent parameters, or both.",
            choices=VARY,
        ),
    ),
]
"""What a demand ensemble varies: one of the core's :data:`~clusterplan.model.demand.VARY`,
by default its first (as the use case's, :func:`clusterplan.app.demand.demand`)."""


def _whole(name: str, value: str | None, bound: Bound) -> int | None:
    """An optional whole-number option typed as text, within its declared ``bound``."""
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        fail(refused(name, value, Coded("value.not_whole")))
    check_bound(name, number, bound)
    return number


class _DemandRun(NamedTuple):
    """The plan and the checked scenario and ensemble options of a demand command."""

    plan: Plan
    scenario: str
    samples: int | None
    seed: int | None
    vary: str


def _demand_run(
    command: str,
    plan_dir: Path | None,
    scenario: str | None,
    samples: str | None,
    seed: str | None,
    vary: str,
) -> _DemandRun:
    """The course both demand commands share: check the ensemble options (exit 2), load
    the plan, require the parts ``command`` reads and check the scenario."""
    n = _whole("--samples", samples, DEMAND_SAMPLES)
    rng = _whole("--seed", seed, SEED)
    varied = one_of("--vary", vary, VARY)
    plan = get_plan(plan_dir)
    parts.require(plan, *parts.COMMAND_PARTS[command])
    return _DemandRun(plan, dimension_option(plan, scenario, "--scenario"), n, rng, varied)


def _until(plan: Plan, value: str | None) -> int:
    """``--until`` as a year within the demand models' years
    (:func:`clusterplan.app.demand.until_bound`); without it the use case's default
    (:func:`clusterplan.app.demand.last_year`, which the web and the API take too)."""
    if value is None:
        return app_demand.last_year(plan)
    try:
        year = int(value)
    except ValueError:
        fail(_("--until must be a year (got {value})").format(value=repr(value)))
    check_bound("--until", year, app_demand.until_bound(plan))
    return year


@app.command(cls=PlanCommand)
def space(
    scenario: ScenarioOption = None,
    until: str | None = typer.Option(
        None, "--until", help="Last year (default: the growth engine's last year)."
    ),
    as_json: JsonOption = False,
    calibration: bool = typer.Option(
        False,
        "--calibration",
        help="Compare the plan's last growth dimension with its demand figure.",
    ),
    samples: SamplesOption = None,
    seed: SeedOption = None,
    vary: VaryOption = VARY[0],
    plan_dir: PlanOption = None,
) -> None:
    """Space demand, supply and shortfall per year (m² floor area, by function)."""
    plan, name, n, rng, varied = _demand_run("space", plan_dir, scenario, samples, seed, vary)
    try:
        if calibration:
            check = space_calibration(plan)
            if as_json:
                emit_json(calibration_data(check))
            else:
                typer.echo(render_calibration(plan, check))
            return
        last = _until(plan, until)
        outcome = app_demand.demand(
            plan, name, last, samples=n or 0, seed=rng, vary=varied, models=("space",)
        )
    except (GrowthError, DemandDataError, ValueError) as exc:
        fail(exc, code=1)
    assert outcome.space is not None  # asked for
    if as_json:
        data = space_data(outcome.space, name, current_language(), space_milestones(plan))
        if outcome.samples:
            data["ensemble"] = space_ensemble_data(outcome, current_language())
        emit_json(data)
    else:
        typer.echo(render_space(plan, outcome, space_milestones(plan)), nl=False)


def _supply(plan: Plan, plan_dir: Path | None, supply: Path | None) -> tuple[Any, str | None]:
    """The supply data (``--supply FILE``, else the plan's ``talent.supply_file``)."""
    section = talent_section(plan)
    path = supply or plan_supply_path(plan_dir or BUNDLED_PLAN_DIR, section.supply_file)
    if path is None:
        return None, None
    data = read_supply(path, ReadLimits.from_env())  # a bad CLUSTERPLAN_IMPORT_* is one line
    return data, supply_label(plan, path.name)


def _inflow(plan: Plan, path: Path) -> dict[int, dict[str, float | None]]:
    """The monitored inflow per year and level from a monitoring actuals file."""
    try:
        return inflow_from_actuals(read_actuals(path, plan))
    except ActualsError as exc:
        fail(exc, code=1)


@app.command(cls=PlanCommand)
def talent(
    scenario: ScenarioOption = None,
    until: str | None = typer.Option(
        None, "--until", help="Last year (default: the growth engine's last year)."
    ),
    as_json: JsonOption = False,
    samples: SamplesOption = None,
    seed: SeedOption = None,
    vary: VaryOption = VARY[0],
    targets: bool = typer.Option(
        False, "--targets", help="Targets per level: derived from the job path, and adopted."
    ),
    measures: bool = typer.Option(
        False, "--measures", help="The gap before and after the measures, and their ranking."
    ),
    supply: Path | None = typer.Option(
        None,
        "--supply",
        help=help_with(
            "Education supply file (CSV/XLSX: {columns}); default: the plan's talent.supply_file.",
            columns=SUPPLY_COLUMNS,
        ),
    ),
    actuals: Path | None = typer.Option(
        None,
        "--actuals",
        help="Monitoring actuals file: the inflow per level is set against the targets.",
    ),
    source: str = typer.Option(
        BACKCAST,
        "--source",
        help=help_with(
            "Job path of the targets and gap: {backcast} or a growth dimension of the plan.",
            backcast=BACKCAST,
        ),
    ),
    plan_dir: PlanOption = None,
) -> None:
    """Hires needed by education level against the region's supply, per year.

    With --targets, --measures or --supply: the talent programme (targets from the job
    path, supply from the education data, the measures' effect, cost and ranking).
    """
    plan, name, n, rng, varied = _demand_run("talent", plan_dir, scenario, samples, seed, vary)
    one_of("--source", source, path_sources(plan))
    if targets or measures or supply is not None or actuals is not None:
        try:
            data, label = _supply(plan, plan_dir, supply)
            programme = app_demand.talent_programme(
                plan, data, source, supply_label=label, samples=n or 0, seed=rng
            )
            inflow = None if actuals is None else _inflow(plan, actuals)
        except (SupplyError, GrowthError, DemandDataError, ValueError) as exc:
            fail(exc, code=1)
        result, odds = programme.result, programme.odds
        rows = None if inflow is None else inflow_against_targets(result, inflow)
        if as_json:
            out = talent_plan_data(result, odds, label)
            if rows is not None:
                out["inflow"] = rows
            emit_json(out)
            return
        if rows is not None:
            typer.echo(render_inflow(rows))
        show_targets = targets or not measures
        show_measures = measures or not targets
        if show_targets:
            typer.echo(render_targets(plan, result, odds, label), nl=False)
        if show_measures:
            text = render_measures(plan, result, label, header=not show_targets)
            typer.echo(("\n" if show_targets else "") + text, nl=False)
        return
    try:
        last = _until(plan, until)
        data, label = _supply(plan, plan_dir, None)
        outcome = app_demand.demand(
            plan, name, last, supply=data, samples=n or 0, seed=rng, vary=varied, models=("talent",)
        )
    except (SupplyError, GrowthError, DemandDataError, ValueError) as exc:
        fail(exc, code=1)
    assert outcome.talent is not None  # asked for, and the plan has a talent part
    source = supply_source(label, current_language())
    if as_json:
        out = talent_data(plan, outcome.talent, name, current_language())
        out["supply_source"] = source
        if outcome.samples:
            out["ensemble"] = talent_ensemble_data(outcome, current_language())
        emit_json(out)
    else:
        typer.echo(render_talent(plan, outcome), nl=False)
        typer.echo(_("supply: {source}").format(source=source))
