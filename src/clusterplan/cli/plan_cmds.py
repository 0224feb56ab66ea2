"""Commands about the plan itself: overview, check, tables."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from clusterplan.cli.app import (
    PlanOption,
    app,
    echo_error,
    emit_json,
    fail,
    get_plan,
    tables_csv,
    write_out,
    write_tables_out,
)
from clusterplan.errors import Coded
from clusterplan.i18n import gettext as _
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.load import BUNDLED_PLAN_DIR, PlanError, PlanProblem, load_plan
from clusterplan.plan.validate import model_problems
from clusterplan.report.overview import render_overview
from clusterplan.report.tables import render_text, table_grids, tables_data


class TableFormat(StrEnum):
    """Output formats of ``clusterplan tables``."""

    text = "text"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@app.command()
def overview(plan_dir: Path | None = PlanOption) -> None:
    """A readable overview of the plan in the terminal."""
    typer.echo(render_overview(get_plan(plan_dir)))


@app.command()
def check(
    plan_dir: Path | None = typer.Argument(None, help="Plan directory (default: bundled plan)."),
    as_json: bool = typer.Option(False, "--json", help="Print errors and findings as JSON."),
) -> None:
    """Validate a plan: errors exit 1; consistency findings and unknowns are printed."""
    try:
        plan = load_plan(plan_dir)
        refused = [
            PlanProblem(str((plan_dir or BUNDLED_PLAN_DIR) / "assumptions"), None, "", reason)
            for reason in (
                Coded("plan.model_refuses", {"model": m, "reason": r})
                for m, r in model_problems(plan)
            )
        ]
        if refused:
            raise PlanError(refused)
    except PlanError as exc:
        if as_json:
            emit_json({"valid": False, "errors": [vars(p) for p in exc.problems]})
        else:
            typer.echo(_("{n} error(s):").format(n=len(exc.problems)), err=True)
            for problem in exc.problems:
                echo_error(problem)
        raise typer.Exit(1) from None
    findings = plan_findings(plan)
    if as_json:
        emit_json({"valid": True, "plan": plan.meta.id, "findings": [vars(f) for f in findings]})
        return
    counts = {
        k: sum(1 for f in findings if f.kind == k)
        for k in ("consistency", "interpretation", "unknown")
    }
    typer.echo(
        f"{plan.meta.title}: valid. {len(findings)} findings "
        + ", ".join(f"{v} {k}" for k, v in counts.items())
        + "."
    )
    for finding in findings:
        typer.echo(str(finding))


@app.command()
def tables(
    plan_dir: Path | None = PlanOption,
    fmt: TableFormat = typer.Option(TableFormat.text, "--format", help="text, csv, json or xlsx."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """Reproduce Table 1, Table 2 and Figure 6 of the plan."""
    plan = get_plan(plan_dir)
    if fmt is TableFormat.json:
        if out:
            import json

            write_out(out, json.dumps(tables_data(plan), indent=2, ensure_ascii=False) + "\n")
        else:
            emit_json(tables_data(plan))
    elif fmt is TableFormat.xlsx:
        if out is None:
            fail(_("--format xlsx needs --out FILE.xlsx"))
        write_tables_out(out, table_grids(plan))
        typer.echo(f"wrote {out}")
    else:
        text = tables_csv(table_grids(plan)) if fmt is TableFormat.csv else render_text(plan)
        if out:
            write_out(out, text)
        else:
            typer.echo(text, nl=False)
