"""Commands about the ecosystem: white spots, concentration, import/export, the pipeline."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clusterplan.app import funnel
from clusterplan.cli.app import (
    DimensionOption,
    JsonOption,
    PlanCommand,
    PlanCommands,
    PlanOption,
    app,
    dimension_option,
    echo_error,
    emit_json,
    fail,
    get_plan,
    say,
    write_tables_out,
)
from clusterplan.cli.growth_cmds import reference_goal_note
from clusterplan.cli.localised import help_with
from clusterplan.ecosystem import (
    Registry,
    acquisition_contribution,
    concentration,
    ecosystem_settings,
    preview_import,
    registry_from_plan,
    registry_grid,
    white_spots,
    white_spots_data,
)
from clusterplan.ecosystem.growth_link import departure_effect
from clusterplan.ecosystem.importing import ImportPreview, closest_hints
from clusterplan.ecosystem.leads_table import TableProblems, history_from_table, leads_from_table
from clusterplan.ecosystem.settings import EcosystemSettings, SettingsError
from clusterplan.ecosystem.whitespots import Axis, require_parts
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.io.sheets import SUFFIXES, Table, TableError, read_table
from clusterplan.io.yaml_io import not_a_regular_file
from clusterplan.model.growth import GrowthError
from clusterplan.plan.schema import Plan
from clusterplan.report.concentration import (
    departure_table,
    empty_registry_text,
    pillar_table,
    single_points_table,
    uncovered_text,
    unknown_jobs_text,
)
from clusterplan.report.funnel import gap_sentence, gap_table, pipeline_tables
from clusterplan.report.numbers import format_number
from clusterplan.report.table import render_text
from clusterplan.report.tables import taxonomy_items
from clusterplan.report.whitespots import judgements, judgements_heading, legend, whitespot_table

if TYPE_CHECKING:
    from clusterplan.io.limits import ReadLimits

ecosystem_app = typer.Typer(
    cls=PlanCommands,
    help="The cluster's organisations: white spots, concentration, import and export.",
    no_args_is_help=True,
)
app.add_typer(ecosystem_app, name="ecosystem")

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Registry file (.csv/.xlsx) to read (and, with --commit, write). "
        "Default: the plan's organisations.",
    ),
]


def _settings(plan: Plan) -> EcosystemSettings:
    try:
        return ecosystem_settings(plan)
    except SettingsError as exc:
        fail(exc, code=1)


def _read_limits() -> ReadLimits:
    """The import limits (``CLUSTERPLAN_IMPORT_*``); a bad value is a one-line error."""
    from clusterplan.io.limits import ReadLimits

    try:
        return ReadLimits.from_env()
    except ValueError as exc:
        fail(exc)


def _table(path: Path) -> Table:
    refused = not_a_regular_file(path)
    if refused:
        fail(_("{path}: {refused}").format(path=path, refused=say(refused)), code=1)
    try:
        return read_table(path, _read_limits())
    except TableError as exc:
        fail(exc, code=1)


def _print_problems(problems: list[Any]) -> None:
    for problem in problems:
        echo_error(problem)


def load_registry(
    plan: Plan, settings: EcosystemSettings, store: Path | None, *, new: bool = False
) -> Registry:
    """The registry from a store file, or the plan's organisations without one. A store
    that does not exist is refused (exit 2), unless ``new`` (an import that may start it:
    it starts from the plan's organisations)."""
    if store is not None and not store.exists() and not new:
        fail(_("{file}: no such file").format(file=store))
    if store is None or not store.exists():
        return registry_from_plan(plan)
    preview = preview_import(Registry(()), _table(store), plan.taxonomy, settings)
    if not preview.valid:
        _print_problems(list(preview.problems))
        raise typer.Exit(1)
    return preview.commit()


def _check_suffix(path: Path, what: str) -> None:
    if path.suffix.lower() not in SUFFIXES:
        fail(_("{what} must end in .csv or .xlsx (got '{name}')").format(what=what, name=path.name))


@ecosystem_app.command("whitespots", cls=PlanCommand)
def whitespots_cmd(
    plan_dir: PlanOption = None,
    store: StoreOption = None,
    axis: Axis = typer.Option(
        Axis.TECHNOLOGIES,
        "--by",
        help=help_with(
            "Columns of the matrix: {choices}.", choices=tuple(str(a.value) for a in Axis)
        ),
    ),
    as_json: JsonOption = False,
) -> None:
    """Segment x technology (or market) matrix: organisations and jobs per cell, flags."""
    plan = get_plan(plan_dir)
    require_parts(plan, axis)
    settings = _settings(plan)
    matrix = white_spots(load_registry(plan, settings, store), plan.taxonomy, settings, axis)
    if as_json:
        emit_json(white_spots_data(matrix))
        return
    lang = current_language()
    typer.echo(render_text(whitespot_table(plan, matrix, lang, with_jobs=True), width=100))
    typer.echo(legend(matrix, lang))
    typer.echo("\n" + judgements_heading(lang) + ":")
    for judgement in judgements(plan, matrix, lang):
        typer.echo(f"- [{judgement.kind}] {judgement.where}: {judgement.text}")
        if judgement.source:
            typer.echo(f"  ({judgement.source})")


@ecosystem_app.command("concentration", cls=PlanCommand)
def concentration_cmd(
    plan_dir: PlanOption = None,
    store: StoreOption = None,
    leave: str | None = typer.Option(None, "--leave", help="Organisation id that leaves."),
    from_year: int | None = typer.Option(None, "--from", help="Year it leaves (with --leave)."),
    dimension: DimensionOption = None,
    as_json: JsonOption = False,
) -> None:
    """Share of each pillar's jobs held by its largest organisation; single points of failure."""
    if (leave is None) != (from_year is None):
        fail(_("--leave and --from go together"))
    plan = get_plan(plan_dir)
    if dimension is not None:
        dimension_option(plan, dimension)
    settings = _settings(plan)
    registry = load_registry(plan, settings, store)
    report = concentration(registry, taxonomy_items(plan), settings, plan.employment.base)
    data: dict[str, Any] = {
        "region_only": report.region_only,
        "pillars": [vars(p) for p in report.pillars],
        "single_points": [vars(s) for s in report.single_points],
        "uncovered": [{"dimension": d, "item": i} for d, i in report.uncovered],
    }
    effect = None
    if leave is not None and from_year is not None:
        try:
            effect = departure_effect(plan, registry, leave, from_year, settings, dimension)
        except GrowthError as exc:
            fail(exc)
        data["departure"] = {
            "organisation": leave,
            "from_year": from_year,
            "dimension": effect.dimension,
            "jobs_known": effect.jobs_known,
            "years": effect.before.years,
            "total_before": [round(float(v), 1) for v in effect.before.total],
            "total_after": [round(float(v), 1) for v in effect.after.total],
        }
    if as_json:
        emit_json(data)
        return

    lang = current_language()
    if (empty := empty_registry_text(registry, lang)) is not None:
        typer.echo(empty)  # tables of nothing but unknowns would not say why
        return
    typer.echo(render_text(pillar_table(plan, report, registry, lang), width=100))
    typer.echo("\n" + render_text(single_points_table(plan, report, registry, lang)))
    if (uncovered := uncovered_text(plan, report, lang)) is not None:
        typer.echo(uncovered)
    if effect is not None:
        typer.echo("\n" + render_text(departure_table(plan, effect, registry, lang)))
        if (unknown := unknown_jobs_text(effect, registry, lang)) is not None:
            typer.echo(unknown)


class ExportFormat(StrEnum):
    """Export formats."""

    csv = "csv"
    xlsx = "xlsx"


@ecosystem_app.command("export", cls=PlanCommand)
def export_cmd(
    out: Path = typer.Argument(..., help="File to write (.csv or .xlsx)."),
    plan_dir: PlanOption = None,
    store: StoreOption = None,
    public: bool = typer.Option(False, "--public", help="Leave out confidential fields."),
) -> None:
    """Write the registry as CSV or XLSX (the import format)."""
    _check_suffix(out, _("the output file"))
    plan = get_plan(plan_dir)
    registry = load_registry(plan, _settings(plan), store)
    write_tables_out(out, {"data": registry_grid(registry, public_only=public)}, titles=False)
    typer.echo(
        _("wrote {n} organisations to {path}").format(n=len(registry.organisations), path=out)
    )


def _preview_data(preview: ImportPreview) -> dict[str, Any]:
    return {
        "file": preview.file,
        "valid": preview.valid,
        "create": preview.count("create"),
        "update": preview.count("update"),
        "unchanged": preview.count("unchanged"),
        "rows": [
            {
                "row": o.row,
                "name": o.name,
                "action": o.action,
                "organisation": o.organisation_id,
                "match": None if o.match is None else o.match.kind,
                "similarity": None if o.match is None else round(o.match.similarity, 3),
                "matched_name": None if o.match is None else o.match.matched_name,
                "changes": [
                    {"field": c.field, "old": _plain(c.old), "new": _plain(c.new)}
                    for c in o.changes
                ],
            }
            for o in preview.outcomes
        ],
        "problems": [vars(p) for p in preview.problems],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "value"):
        return value.value
    return value


@ecosystem_app.command("import", cls=PlanCommand)
def import_cmd(
    file: Path = typer.Argument(..., help="CSV or XLSX file with one organisation per row."),
    plan_dir: PlanOption = None,
    store: StoreOption = None,
    commit: bool = typer.Option(False, "--commit", help="Write the result to --store."),
    as_json: bool = typer.Option(False, "--json", help="Print the preview as JSON."),
) -> None:
    """Preview an import (what matches, what is created); --commit writes it, all or nothing."""
    _check_suffix(file, _("the import file"))
    if commit and store is None:
        fail(_("--commit needs --store FILE (the registry file to write)"))
    if store is not None:
        _check_suffix(store, "--store")
    if not file.exists():
        fail(_("{file}: no such file").format(file=file))
    plan = get_plan(plan_dir)
    settings = _settings(plan)
    registry = load_registry(plan, settings, store, new=True)
    preview = preview_import(registry, _table(file), plan.taxonomy, settings)
    if as_json:
        emit_json(_preview_data(preview))
    else:
        for o in preview.outcomes:
            how = ""
            if o.match is not None and o.match.kind not in ("none",):
                how = " " + _("(matched '{name}' by {how}, {similarity})").format(
                    name=o.match.matched_name,
                    how=_(o.match.kind),
                    similarity=format_number(o.match.similarity, current_language(), 2),
                )
            elif hints := closest_hints(o.match):
                names = ", ".join(
                    f"{best} ({format_number(score, current_language(), 2)})"
                    for best, score in hints
                )
                how = " " + _("(closest: {names}; below the match threshold)").format(names=names)
            typer.echo(
                _("row {row}: {action} {organisation}").format(
                    row=o.row, action=_(o.action), organisation=o.organisation_id
                )
                + how
            )
            for c in o.changes:
                old, new = c.written(current_language())
                typer.echo(f"    {c.field}: {old} -> {new}")
        typer.echo(preview.summary(current_language()))
    if not preview.valid:
        _print_problems(list(preview.problems))
        typer.echo(_("nothing imported"), err=True)
        raise typer.Exit(1)
    if commit and store is not None:
        result = preview.commit()
        write_tables_out(store, {"data": registry_grid(result)}, titles=False)
        typer.echo(
            _("committed: {count} organisations in {store}").format(
                count=len(result.organisations), store=store
            )
        )
    elif not as_json:
        typer.echo(_("preview only: add --commit --store FILE to write"))


@app.command("pipeline", cls=PlanCommand)
def pipeline_cmd(
    leads_file: Path = typer.Argument(..., help="Leads file (.csv or .xlsx)."),
    plan_dir: PlanOption = None,
    store: StoreOption = None,
    history: Path | None = typer.Option(None, "--history", help="Stage history (.csv/.xlsx)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Today, YYYY-MM-DD (default: today)."),
    as_json: JsonOption = False,
) -> None:
    """The weighted acquisition pipeline, its share of the acquisition gap, funnel statistics."""
    _check_suffix(leads_file, _("the leads file"))
    if history is not None:
        _check_suffix(history, "--history")
    try:
        today = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        fail(_("--as-of must be a date as YYYY-MM-DD (got '{as_of}')").format(as_of=as_of))
    for path in (leads_file, history):
        if path is not None and not path.exists():
            fail(_("{path}: no such file").format(path=path))
    plan = get_plan(plan_dir)
    settings = _settings(plan)
    registry = load_registry(plan, settings, store)
    try:
        leads = leads_from_table(_table(leads_file), registry, plan.taxonomy, settings)
        moves = history_from_table(_table(history), [x.id for x in leads]) if history else ()
    except TableProblems as exc:
        _print_problems(exc.problems)
        typer.echo(_("nothing read"), err=True)
        raise typer.Exit(1) from None
    outcome = funnel.pipeline(plan, leads, moves, today, settings, reference=True)
    pipe, gap, stats = outcome.pipeline, outcome.gap, outcome.stats
    assert gap is not None  # the plan's goal, or its reference
    contribution = acquisition_contribution(pipe)
    data = {
        "as_of": today.isoformat(),
        "pillars": list(pipe.pillars),
        "years": list(pipe.years),
        "acquisition_jobs": [[round(float(v), 2) for v in row] for row in contribution],
        "area_m2_by_landing_year": [round(float(v), 1) for v in pipe.area_m2],
        "capex_meur_by_landing_year": [round(float(v), 3) for v in pipe.capex_meur],
        "beyond_horizon_jobs": round(pipe.beyond_horizon_jobs, 2),
        "leads_with_unknown_jobs": list(pipe.jobs_unknown),
        "leads": [
            {
                "id": w.lead_id,
                "company": w.company,
                "source": w.source,
                "stage": w.stage,
                "probability": w.probability,
                "landing_year": w.landing_year,
                "landing_year_assumed": w.landing_year_assumed,
                "weighted_jobs": {k: round(v, 2) for k, v in w.weighted_jobs.items()},
                "weighted_area_m2": w.weighted_area_m2,
                "weighted_capex_meur": w.weighted_capex_meur,
            }
            for w in pipe.leads
        ],
        "acquisition_gap": {
            "dimension": gap.dimension,
            "goal_year": gap.goal_year,
            "goal_jobs": gap.goal_jobs,
            "year": gap.year,
            "gap_jobs": gap.gap_jobs,
            "covered_jobs": gap.covered_jobs,
            "remaining_gap_jobs": gap.remaining_gap_jobs,
            "covered_share": gap.covered_share,
            "by_year": {
                str(y): {"gap": g, "pipeline": p, "covered": c, "remaining": r}
                for y, g, p, c, r in gap.by_year()
            },
        },
        "stats": [
            {
                "source": s.source,
                "leads": s.leads,
                "landed": s.landed,
                "lost": s.lost,
                "open": s.open,
                "conversion": s.conversion,
                "reached": dict(s.reached),
                "days_in_stage": {
                    k: {"stays": n, "mean": mean, "median": median}
                    for k, (n, mean, median) in s.days_in_stage.items()
                },
            }
            for s in stats
        ],
    }
    reference_goal_note(plan, err=as_json)
    if as_json:
        emit_json(data)
        return
    lang = current_language()
    typer.echo(
        _("Weighted pipeline ({n} leads, as of {today}):").format(
            n=len(leads), today=today.isoformat()
        )
    )
    for table in pipeline_tables(plan, pipe, stats, lang):
        typer.echo("\n" + render_text(table, width=100))
    typer.echo("\n" + gap_sentence(plan, gap, lang))
    typer.echo("\n" + render_text(gap_table(gap, lang), width=100))
