"""``clusterplan report``: the annual progress report as PDF (and its XLSX annex)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from clusterplan.cli.app import (
    PlanCommand,
    PlanOption,
    app,
    check_out,
    fail,
    get_plan,
    one_of,
    write_out,
)
from clusterplan.cli.localised import help_with
from clusterplan.cli.monitor_cmds import ActualsOption, _read
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.model.growth import GrowthError
from clusterplan.monitor.indicators import MonitoringError
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan
from clusterplan.report.annual import (
    ReportError,
    annual_report,
    pdf_bytes,
    step_words,
    xlsx_annex,
)
from clusterplan.report.messages import LANGUAGES


def _talent_supply(plan: Plan, plan_dir: Path | None) -> Any:
    """The plan's education supply file next to its talent.yaml (None without)."""
    from clusterplan.model.talent_supply import SupplyError, plan_supply_path, read_supply
    from clusterplan.plan.load import BUNDLED_PLAN_DIR

    if plan.talent is None:
        return None
    path = plan_supply_path(plan_dir or BUNDLED_PLAN_DIR, plan.talent.supply_file)
    if path is None:
        return None
    try:
        return read_supply(path)
    except SupplyError as exc:
        fail(exc, code=1)


@app.command("report", cls=PlanCommand)
def report_cmd(
    actuals: ActualsOption,
    year: int = typer.Option(..., "--year", help="Report year: actuals up to this year."),
    out: Path = typer.Option(..., "--out", help="The PDF to write (.pdf)."),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=help_with(
            "Language of the report: {languages} (default: the run's language).",
            languages=LANGUAGES,
        ),
    ),
    xlsx: Path | None = typer.Option(
        None, "--xlsx", help="Also write every table of the report as an XLSX annex."
    ),
    previous: Path | None = typer.Option(
        None,
        "--previous-plan",
        help="Plan directory of the last revision: the report lists the figures that changed.",
    ),
    plan_dir: PlanOption = None,
) -> None:
    """The annual progress report for the steering group: goal and P(goal), every
    indicator, charts, finance, space, talent, acquisition, changes and open findings."""
    lang = current_language() if lang is None else lang
    one_of("--lang", lang, LANGUAGES)
    if out.suffix.lower() != ".pdf":
        fail(_("--out {out}: the report is a PDF; give a file name ending in .pdf").format(out=out))
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        fail(
            _("--xlsx {xlsx}: the annex is an XLSX file; give a file name ending in .xlsx").format(
                xlsx=xlsx
            )
        )
    check_out(out, xlsx)
    plan = get_plan(plan_dir)
    parts.require(plan, *parts.COMMAND_PARTS["report"])
    previous_plan = get_plan(previous) if previous is not None else None
    observed = _read(actuals, plan)

    def progress(step: str) -> None:
        words = step_words(step, current_language())
        typer.echo(_("report: done with {step}").format(step=words), err=True)

    try:
        report = annual_report(
            plan,
            observed,
            year,
            lang,
            previous_plan,
            progress=progress,
            talent_supply=_talent_supply(plan, plan_dir),
        )
    except ReportError as exc:
        fail(exc)
    except (MonitoringError, GrowthError) as exc:
        fail(exc, code=1)
    pdf, annex = pdf_bytes(report), xlsx_annex(report) if xlsx is not None else None
    write_out(out, pdf)
    typer.echo(_("report: PDF written to {out}").format(out=out), err=True)
    if xlsx is not None and annex is not None:
        write_out(xlsx, annex)
        typer.echo(_("report: XLSX annex written to {xlsx}").format(xlsx=xlsx), err=True)
