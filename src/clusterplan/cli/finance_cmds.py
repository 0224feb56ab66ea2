"""Commands about the financing agenda: ``finance`` (cash needs) and ``phase`` (re-phasing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from clusterplan.app import finance as app_finance
from clusterplan.cli.app import (
    JsonOption,
    PlanCommand,
    PlanOption,
    TableFormat,
    app,
    echo_error,
    emit_json,
    emit_tables,
    fail,
    get_plan,
)
from clusterplan.cli.growth_cmds import reference_goal_note
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.io.value_table import ValueTableError, read_value_table
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import FinanceInputError, whatif_lines
from clusterplan.model.growth import GrowthError
from clusterplan.model.phasing import (
    parse_caps,
    parse_stretches,
    parse_window,
)
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterplan.report.finance import (
    phasing_data,
    phasing_message,
    render_finance,
    render_phasing,
)
from clusterplan.report.table import export_grids

WHATIF_BOUNDS: dict[str, bounds.Bound] = {
    "shift": bounds.SHIFT_YEARS,
    "stretch": bounds.STRETCH_YEARS,
    "scale": bounds.SCALE,
}
"""The declared range of each what-if option (the web's what-if form uses the same)."""


def _pairs(items: Sequence[str], what: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            fail(_("--{what} {item} is not PROJECT=VALUE").format(what=what, item=repr(item)))
        out.append((key.strip(), value.strip()))
    return out


def parse_changes(
    plan: Plan, shifts: Sequence[str], stretches: Sequence[str], scales: Sequence[str]
) -> dict[str, ProjectChange]:
    """What-if options (``PROJECT=K``) as changes per line id; exit 2 on a bad option."""
    known = {line.id for line in whatif_lines(plan)}
    parts: dict[str, dict[str, float]] = {}
    for what, items in (("shift", shifts), ("stretch", stretches), ("scale", scales)):
        bound = WHATIF_BOUNDS[what]
        for key, value in _pairs(items, what):
            if key not in known:
                fail(
                    _("--{what}: unknown project '{id}' (known: {known})").format(
                        what=what, id=key, known=", ".join(sorted(known))
                    )
                )
            shown = value if len(value) <= 40 else f"{value[:40]}..."
            try:  # 1.0 is a whole number as on the web and in the API: the bound says so
                number = float(value)
            except ValueError:
                fail(
                    _("--{what} {id}={value}: must be {kind}").format(
                        what=what, id=key, value=shown, kind=_("a number")
                    )
                )
            message = bound.message(f"--{what} {key}", number)
            if message is not None:
                fail(message)
            if what in parts.get(key, {}):
                fail(_("--{what} {id}: given twice").format(what=what, id=key))
            parts.setdefault(key, {})[what] = number
    return {
        key: ProjectChange(
            shift_years=int(p.get("shift", 0)),
            stretch_years=int(p.get("stretch", 0)),
            scale=float(p.get("scale", 1.0)),
        )
        for key, p in parts.items()
    }


@app.command(cls=PlanCommand)
def finance(
    plan_dir: PlanOption = None,
    as_json: bool = typer.Option(False, "--json", help="Print JSON (same as --format json)."),
    fmt: TableFormat = typer.Option(TableFormat.text, "--format", help="text, csv, json or xlsx."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
    shift: list[str] = typer.Option([], "--shift", help="What-if: PROJECT=YEARS later (or -1)."),
    stretch: list[str] = typer.Option([], "--stretch", help="What-if: PROJECT=EXTRA_YEARS."),
    scale: list[str] = typer.Option([], "--scale", help="What-if: PROJECT=FACTOR."),
) -> None:
    """Cash needs per source and year, public share, unknowns and the funding gap."""
    plan = get_plan(plan_dir)
    changes = parse_changes(plan, shift, stretch, scale)
    try:
        outcome = app_finance.finance(plan, changes)
    except FinanceInputError as exc:
        fail(exc)
    emit_tables(
        TableFormat.json if as_json else fmt,
        out,
        data=lambda: outcome.as_data(plan, current_language()),
        grids=lambda: export_grids(outcome.tables(plan, current_language())),
        text=lambda: render_finance(outcome.tables(plan, current_language())),
    )


@app.command(cls=PlanCommand)
def phase(
    plan_dir: PlanOption = None,
    cap: list[str] = typer.Option(
        [], "--cap", help="SOURCE=MEUR_PER_YEAR, e.g. regional=20 (repeatable)."
    ),
    window: str | None = typer.Option(
        None, "--window", help="Allowed start shift LO:HI in years (default from assumptions)."
    ),
    stretch: str | None = typer.Option(
        None, "--stretch", help="Allowed extra years, comma-separated, e.g. 0,1,2."
    ),
    values: Path | None = typer.Option(
        None,
        "--values",
        help="JSON value table {project: {'SHIFT,STRETCH': jobs}} instead of the growth model.",
    ),
    as_json: JsonOption = False,
) -> None:
    """Re-phase projects so that yearly needs stay within caps per source (exit 1: infeasible)."""
    plan = get_plan(plan_dir)
    try:
        problem, result = app_finance.rephase(
            plan,
            parse_caps(cap, plan.finance.source_ids),
            window=parse_window(window) if window is not None else None,
            stretches=parse_stretches(stretch) if stretch is not None else None,
            values=_read_value_table(values) if values is not None else None,
        )
    except (FinanceInputError, GrowthError) as exc:
        fail(exc)
    reference_goal_note(plan, err=as_json)
    if as_json:
        emit_json(phasing_data(plan, problem, result, current_language()))
    else:
        typer.echo(render_phasing(plan, problem, result), nl=False)
    if not result.feasible:
        echo_error(phasing_message(plan, result, current_language()))
        raise typer.Exit(1)


def _read_value_table(path: Path) -> dict[str, dict[tuple[int, int], float]]:
    try:
        return read_value_table(path)
    except ValueTableError as exc:
        raise FinanceInputError(code="phasing.values", params={"reason": exc.coded}) from None
