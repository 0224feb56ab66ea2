"""``clusterplan impact``: jobs beyond the cluster, value, public money per job, leverage."""

from __future__ import annotations

import typer

from clusterplan.cli.app import (
    JsonOption,
    PlanOption,
    ScenarioOption,
    app,
    dimension_option,
    emit_json,
    fail,
    get_plan,
)
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.model.growth import GrowthError
from clusterplan.model.impact import HEADLINE, PLAN_TRACE_TAILS, ImpactError, Trace, impact
from clusterplan.report.impact import projects_table, sources_table
from clusterplan.report.numbers import format_number
from clusterplan.report.table import render_text

_LABELS = {
    "direct_jobs": "direct jobs (cluster)",
    "indirect_jobs": "indirect jobs (Type I, suppliers)",
    "induced_jobs": "induced jobs (Type II, spending of wages)",
    "total_jobs": "total jobs",
    "production_value_meur": "production value, M EUR",
    "value_added_meur": "value added, M EUR",
    "public_meur": "public money, M EUR",
    "private_meur": "private money, M EUR",
    "funded_direct_jobs": "direct jobs the funded projects add",
    "funded_total_jobs": "  with indirect and induced",
    "public_meur_per_direct_job": "public M EUR per direct job",
    "public_meur_per_total_job": "public M EUR per total job",
    "leverage": "leverage (private EUR per public EUR)",
    "net_additional_jobs": "net additional jobs",
    "public_meur_per_net_additional_job": "public M EUR per net additional job",
}


def _fmt(key: str, value: float | None) -> str:
    if value is None:
        return _("n/a")
    ratio = key.endswith("per_direct_job") or key.endswith("_job") or key == "leverage"
    return format_number(value, current_language(), 3 if ratio else 0)


def _trace(trace: Trace) -> str:
    """Where a figure comes from, in the run's language (the plan's source as it is)."""
    if trace.kind != "plan":
        return _(trace.ref)
    for tail in PLAN_TRACE_TAILS:
        if trace.ref.endswith(tail):
            return trace.ref[: -len(tail)] + _(tail)
    return trace.ref


@app.command("impact")
def impact_command(
    scenario: ScenarioOption = None,
    as_json: JsonOption = False,
    plan_dir: PlanOption = None,
) -> None:
    """Impact beyond direct jobs in the target year: indirect and induced jobs, production
    value, value added, public money per job and leverage, per project and funding source."""
    plan = get_plan(plan_dir)
    if scenario is not None:
        dimension_option(plan, scenario, "--scenario")
    try:
        result = impact(plan, scenario)
    except (ImpactError, GrowthError) as exc:
        fail(exc, code=1)
    if as_json:
        emit_json(result.to_dict())
        return
    figures = result.figures()
    typer.echo(f"Impact, {result.dimension}, {result.target_year}")
    for key in HEADLINE:
        typer.echo(
            f"  {_(_LABELS[key]):<42} {_fmt(key, figures[key]):>12}  [{_trace(result.traces[key])}]"
        )
    if not result.money.complete:
        typer.echo(
            "  "
            + _("money is a lower bound: coverage unknown ('?') for {sources}").format(
                sources=", ".join(result.money.unknown_sources)
            )
        )
    lang = current_language()
    for table in (projects_table(plan, result, lang), sources_table(plan, result, lang)):
        typer.echo("\n" + render_text(table))
