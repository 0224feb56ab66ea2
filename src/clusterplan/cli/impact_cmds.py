"""``clusterplan impact``: jobs beyond the cluster, value, public money per job, leverage."""

from __future__ import annotations

import typer

from clusterplan.cli.app import (
    JsonOption,
    PlanCommand,
    PlanOption,
    ScenarioOption,
    app,
    dimension_name,
    dimension_option,
    emit_json,
    fail,
    get_plan,
)
from clusterplan.i18n import current_language
from clusterplan.model.growth import GrowthError
from clusterplan.model.impact import ImpactError, impact
from clusterplan.report.impact import (
    assumptions_table,
    headline_table,
    jobs_table,
    pillar_table,
    projects_table,
    sources_table,
    trace_text,
    unknown_coverage_note,
)
from clusterplan.report.messages import msg
from clusterplan.report.table import render_text


@app.command("impact", cls=PlanCommand)
def impact_command(
    scenario: ScenarioOption = None,
    as_json: JsonOption = False,
    plan_dir: PlanOption = None,
) -> None:
    """Impact beyond direct jobs in the target year: indirect and induced jobs, production
    value, value added, public money per job and leverage; the jobs per year, the figures
    per pillar, per project and funding source, and the named assumptions behind them."""
    plan = get_plan(plan_dir)
    if scenario is not None:
        dimension_option(plan, scenario, "--scenario")
    try:
        result = impact(plan, scenario)
    except (ImpactError, GrowthError) as exc:
        fail(exc, code=1)
    lang = current_language()
    if as_json:
        data = result.to_dict()
        for key, trace in data["traces"].items():  # the words too, in the run's language
            trace["text"] = trace_text(plan, result, key, lang)
        emit_json(data)
        return
    name = dimension_name(plan, result.dimension)  # the annual report's intro, too
    typer.echo(msg("impact.intro", lang, dimension=name, year=result.target_year))
    typer.echo(render_text(headline_table(plan, result, lang)))
    note = unknown_coverage_note(plan, result, lang)
    if note is not None:
        typer.echo(note)
    for table in (
        jobs_table(plan, result, lang),
        pillar_table(plan, result, lang),
        projects_table(plan, result, lang),
        sources_table(plan, result, lang),
        assumptions_table(plan, lang),
    ):
        typer.echo("\n" + render_text(table))
