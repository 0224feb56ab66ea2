"""Commands about the plan itself: overview, check, tables."""

from __future__ import annotations

import shutil
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from clusterplan.cli.app import (
    PlanCommand,
    PlanCommands,
    PlanOption,
    TableFormat,
    app,
    echo_error,
    emit_json,
    emit_tables,
    fail,
    get_plan,
    say,
    write_out,
)
from clusterplan.cli.localised import PLAN_HELP
from clusterplan.errors import Coded
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.io.export import ExportError, system_reason
from clusterplan.io.sheets import FileProblem
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.load import BUNDLED_PLAN_DIR, PlanError, load_plan
from clusterplan.plan.parts import PARTS, Readiness, part_name, readiness
from clusterplan.plan.schema import Plan
from clusterplan.plan.validate import require_takeable
from clusterplan.report.overview import render_overview
from clusterplan.report.table import export_grids, render_text
from clusterplan.report.tables import plan_tables, render_tables_text, tables_data

if TYPE_CHECKING:
    from clusterplan.plan.workbook import WorkbookError


@app.command(cls=PlanCommand)
def overview(plan_dir: PlanOption = None) -> None:
    """A readable overview of the plan in the terminal."""
    typer.echo(render_overview(get_plan(plan_dir)))


@app.command(cls=PlanCommand)
def check(
    plan_dir: Path | None = typer.Argument(None, help=PLAN_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print errors and findings as JSON."),
) -> None:
    """Validate a plan: errors exit 1; consistency findings and unknowns are printed."""
    from clusterplan.model.talent_supply import SupplyError

    folder = plan_dir or BUNDLED_PLAN_DIR
    try:
        plan = load_plan(plan_dir)
        _usable(plan, folder, folder)
    except (PlanError, SupplyError) as exc:
        if as_json:
            emit_json({"valid": False, "errors": [_problem_data(p) for p in exc.problems]})
        else:
            typer.echo(_("{n} error(s):").format(n=len(exc.problems)), err=True)
            echo_error(exc)
        raise typer.Exit(1) from None
    findings = plan_findings(plan)
    ready = readiness(plan)
    if as_json:
        emit_json(
            {
                "valid": True,
                "plan": plan.meta.id,
                "findings": [f.as_dict() for f in findings],
                "commands": [
                    {"command": r.command, "ready": r.ready, "missing": list(r.missing)}
                    for r in ready
                ],
            }
        )
        return
    counts = {
        k: sum(1 for f in findings if f.kind == k)
        for k in ("consistency", "interpretation", "unknown")
    }
    typer.echo(
        _("{title}: valid. {n} findings {counts}.").format(
            title=plan.meta.title,
            n=len(findings),
            counts=", ".join(f"{v} {_(k)}" for k, v in counts.items()),
        )
    )
    for finding in findings:
        typer.echo(finding.text())
    typer.echo(render_readiness(ready))


def _usable(plan: Plan, folder: Path, shown: Path) -> None:
    """Refuse a plan that loads but cannot be taken, as the web refuses an uploaded one:
    ``PlanError`` when a model cannot use it (named at ``shown``'s assumptions),
    ``SupplyError`` when its own education supply file in ``folder`` is refused."""
    from clusterplan.io.limits import ReadLimits

    try:
        limits = ReadLimits.from_env()
    except ValueError as exc:
        fail(exc)
    require_takeable(plan, folder, str(shown / "assumptions"), limits)


def _problem_data(problem: object) -> dict[str, object]:
    """A plan's or its supply file's problem as JSON data (a supply problem: file, row,
    column, reason)."""
    if isinstance(problem, FileProblem):
        return {k: getattr(problem, k) for k in ("file", "row", "column", "reason")}
    return dict(vars(problem))


def render_readiness(ready: list[Readiness]) -> str:
    """Per command: ready yes/no and the parts it misses, as an aligned table."""
    width = max(len(r.command) for r in ready)
    lines = ["", f"{_('command').ljust(width)}  {_('ready'):5}  {_('missing part')}"]
    for r in ready:
        where = "; ".join(f"{part_name(p).text()} ({PARTS[p].where})" for p in r.missing) or "-"
        lines.append(f"{r.command.ljust(width)}  {_('yes' if r.ready else 'no'):5}  {where}")
    return "\n".join(lines)


@app.command(cls=PlanCommand)
def tables(
    plan_dir: PlanOption = None,
    fmt: TableFormat = typer.Option(TableFormat.text, "--format", help="text, csv, json or xlsx."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """The plan's cost tables and jobs per pillar, with totals computed from the rows."""
    plan = get_plan(plan_dir)
    emit_tables(
        fmt,
        out,
        data=lambda: tables_data(plan),
        grids=lambda: export_grids(plan_tables(plan, current_language())),
        text=lambda: render_tables_text(plan, current_language()),
    )


plan_app = typer.Typer(
    cls=PlanCommands,
    help="The plan as files: export it as one workbook, import a workbook as a plan folder.",
    no_args_is_help=True,
)
app.add_typer(plan_app, name="plan")


class BookFormat(StrEnum):
    """Formats of ``clusterplan plan export``."""

    xlsx = "xlsx"


@plan_app.command("export", cls=PlanCommand)
def plan_export(
    plan_dir: PlanOption = None,
    fmt: BookFormat = typer.Option(BookFormat.xlsx, "--format", help="xlsx (one sheet per part)."),
    out: Path = typer.Option(..., "-o", "--out", help="The workbook to write (BOOK.xlsx)."),
) -> None:
    """Write the plan as one XLSX workbook: one sheet per part, sources as columns."""
    from clusterplan.plan.workbook import WorkbookError, export_workbook

    folder = plan_dir or BUNDLED_PLAN_DIR
    get_plan(folder)  # only a valid plan is exported
    if out.suffix.lower() != f".{fmt.value}":
        fail(
            _("cannot write {path}: the file name must end in .{suffix}").format(
                path=out, suffix=fmt.value
            )
        )
    try:
        data = export_workbook(folder)
    except WorkbookError as exc:
        _refuse_workbook(exc)
    write_out(out, data)
    typer.echo(_("wrote {path}").format(path=out))


@plan_app.command("import", cls=PlanCommand)
def plan_import(
    book: Path = typer.Argument(..., help="The workbook (BOOK.xlsx) to read."),
    plan_dir: Path = typer.Argument(..., help="The new plan folder (must not exist or be empty)."),
) -> None:
    """Read a plan workbook into a new plan folder: all or nothing, every problem listed."""
    from clusterplan.io.limits import ReadLimits
    from clusterplan.model.talent_supply import SupplyError
    from clusterplan.plan.workbook import WorkbookError, import_workbook

    try:
        limits = ReadLimits.from_env()
    except ValueError as exc:
        fail(exc)
    try:
        # Taken only as check takes it (and as the web takes an uploaded workbook).
        import_workbook(book, plan_dir, limits, lambda plan, temp: _usable(plan, temp, plan_dir))
    except WorkbookError as exc:
        _refuse_workbook(exc)
    except (PlanError, SupplyError) as exc:
        echo_error(exc)
        raise typer.Exit(1) from None
    typer.echo(_("wrote {path}").format(path=plan_dir))


def _refuse_workbook(exc: WorkbookError) -> NoReturn:
    """Every problem of a refused workbook (or plan) in the run's language, one ``error:``
    line each (``file: sheet, row, column: reason``), then exit 1."""
    for line in say(exc).splitlines():
        echo_error(line)
    raise typer.Exit(1) from None


@app.command(cls=PlanCommand)
def diff(
    old_dir: Path = typer.Argument(..., help="The older revision's plan directory."),
    new_dir: Path = typer.Argument(..., help="The newer revision's plan directory."),
    as_json: bool = typer.Option(False, "--json", help="Print the changes as JSON."),
) -> None:
    """What changed between two revisions of a plan, and both central scenarios side by side.

    Figures (horizon, jobs per pillar and growth dimension, goal), projects, costs by year,
    coverage by source, assumptions and the findings of ``check`` in one revision only.
    """
    from clusterplan.plan.diff import plan_diff
    from clusterplan.report.diff import change_tables, scenario_table, summary

    old, new = _both_plans(old_dir, new_dir)
    result = plan_diff(old, new)
    if as_json:
        emit_json(result.as_dict(current_language()))
        return
    typer.echo(_("old: {title} ({path})").format(title=result.old_title, path=old_dir))
    typer.echo(_("new: {title} ({path})").format(title=result.new_title, path=new_dir))
    lang = current_language()
    typer.echo(summary(result, lang))
    for table in change_tables(result, lang, longest=120):  # a long text cut, as in errors
        typer.echo("\n" + render_text(table))
    if result.scenarios:
        typer.echo("\n" + render_text(scenario_table(result, lang)))


def _both_plans(old_dir: Path, new_dir: Path) -> tuple[Plan, Plan]:
    """Both revisions of ``diff``; when either is broken, the problems of each broken one
    under its path (``OLD: 2 error(s):`` and its lines, then NEW's), exit 1."""
    plans: list[Plan] = []
    broken: list[tuple[Path, PlanError]] = []
    for folder in (old_dir, new_dir):
        try:
            plans.append(load_plan(folder))
        except PlanError as exc:
            broken.append((folder, exc))
    if broken:
        for folder, error in broken:
            typer.echo(
                Coded("diff.plan_errors", {"path": str(folder), "n": len(error.problems)}).text(),
                err=True,
            )
            echo_error(error)
        raise typer.Exit(1)
    return plans[0], plans[1]


@app.command(cls=PlanCommand)
def init(
    plan_dir: Path = typer.Argument(..., help="The new plan folder (must not exist or be empty)."),
    name: str = typer.Option(..., "--name", help="The plan's title (its id is derived from it)."),
    pillars: str = typer.Option(..., "--pillars", help="The pillars, comma-separated: a,b,c."),
    horizon: str = typer.Option(..., "--horizon", help="First and last year: START-END."),
    dimensions: str = typer.Option(
        "growth", "--dimensions", help="The growth dimensions, comma-separated, in order."
    ),
    sources: str = typer.Option(
        "private,public", "--sources", help="The funding sources, comma-separated, in order."
    ),
) -> None:
    """Start a plan: write a minimal plan with comments and placeholder figures to replace."""
    from clusterplan.io.sheets import write_atomic
    from clusterplan.plan.init import ScaffoldError, named_list, parse_horizon, scaffold

    if plan_dir.exists() and (not plan_dir.is_dir() or any(plan_dir.iterdir())):
        fail(
            _("{path} exists and is not an empty folder; choose a new folder").format(path=plan_dir)
        )
    if not plan_dir.parent.is_dir():
        fail(
            _("cannot write {path}: folder {folder} does not exist").format(
                path=plan_dir, folder=plan_dir.parent
            )
        )
    try:
        files = scaffold(
            name,
            named_list(pillars, "pillars"),
            parse_horizon(horizon),
            named_list(dimensions, "dimensions"),
            named_list(sources, "sources"),
        )
    except ScaffoldError as exc:
        fail(exc)
    created = not plan_dir.exists()
    try:
        plan_dir.mkdir(exist_ok=True)
        for file, text in files.items():
            (plan_dir / file).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(plan_dir / file, text.encode("utf-8"))
    except OSError as exc:
        if created:  # no half plan left behind
            shutil.rmtree(plan_dir, ignore_errors=True)
        fail(
            ExportError(
                code="export.cannot_write",
                params={"path": str(plan_dir), "detail": system_reason(exc)},
            )
        )
    typer.echo(
        _(
            "wrote {path}: {files}. Replace every placeholder ('to be filled in') and run: "
            "clusterplan check {path}"
        ).format(path=plan_dir, files=", ".join(files))
    )
