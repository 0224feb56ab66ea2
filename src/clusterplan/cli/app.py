"""The Typer application and helpers shared by every command module."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer._click.core import Context  # typer's own click: the type TyperGroup uses
from typer.core import TyperCommand, TyperGroup

from clusterplan.cli.localised import (
    LANG_HELP,
    LANG_OPTION,
    PLAN_HELP,
    LocalisedCommand,
    LocalisedGroup,
    language_of_args,
)
from clusterplan.errors import ProblemsError, describe, localise
from clusterplan.i18n import (
    LANGUAGES,
    current_language,
    gettext,
    language_scope,
    unit_words,
)
from clusterplan.io.export import (
    ExportError,
    Grid,
    check_output,
    export_tables,
    write_output,
    write_tables,
)
from clusterplan.io.yaml_io import shorten_message
from clusterplan.plan.bounds import Bound
from clusterplan.plan.load import PlanError, load_plan
from clusterplan.plan.parts import MissingPart
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import UNKNOWN, format_number
from clusterplan.report.tables import dimension_name as plan_dimension_name
from clusterplan.report.tables import item_name
from clusterplan.report.tables import taxonomy_names as plan_taxonomy_names


def refuse_missing(exc: MissingPart) -> NoReturn:
    """A command needs a part the plan lacks: one line naming it and its file, exit 2."""
    fail(exc, code=2)


class PlanCommand(LocalisedCommand, TyperCommand):
    """A command: help and refused arguments in the run's language (every command of the
    command line is one: ``@app.command(cls=PlanCommand)``)."""


class PlanCommands(LocalisedGroup, TyperGroup):
    """A command group: help and refused arguments in the run's language; a missing plan
    part ends any command in one line, exit 2. As the top group it sets the run's language
    from ``--lang`` (else the environment) before the arguments are parsed."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        chosen = language_of_args(sys.argv[1:] if args is None else args)
        with language_scope(chosen):
            return super().main(args, *rest, **extra)

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except MissingPart as exc:
            refuse_missing(exc)


app = typer.Typer(
    name="clusterplan",
    cls=PlanCommands,
    help="The multi-year plan of a regional chip cluster: check it, compute it, show it.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PlanOption = Annotated[Path | None, typer.Option("--plan", help=PLAN_HELP)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
_DIMENSION_HELP = "Growth dimension of the plan (default: its last)."
DimensionOption = Annotated[str | None, typer.Option("--dimension", help=_DIMENSION_HELP)]
"""A growth dimension (:func:`dimension_option` checks it)."""
ScenarioOption = Annotated[str | None, typer.Option("--scenario", help=_DIMENSION_HELP)]
"""The same as ``--scenario`` (the commands about demand and impact)."""


@app.callback()
def choose_language(
    lang: str | None = typer.Option(
        None,
        LANG_OPTION,
        help=LANG_HELP,
    ),
) -> None:
    """The multi-year plan of a regional chip cluster: check it, compute it, show it.

    The run's language is already set (:meth:`PlanCommands.main` reads ``--lang`` before
    the arguments are parsed); this refuses a language there is no catalogue for."""
    if lang is not None:
        one_of(LANG_OPTION, lang.strip().lower(), LANGUAGES)


def fail(message: str | BaseException, code: int = 2) -> NoReturn:
    """Print a one-line error to stderr in the run's language and exit (2 = bad arguments).

    ``message`` is a text already in the run's language (``_("...")``), a coded reason,
    or an exception (a core error is shown through its code).
    """
    echo_error(message)
    raise typer.Exit(code)


def check_bound(what: str, value: float | int, bound: Bound) -> None:
    """Exit 2 with one line when an option's ``value`` is outside its declared range (nan and
    inf too), in the words every interface uses for that range."""
    message = bound.message(what, value)
    if message is not None:
        fail(message)


def say(item: object) -> str:
    """A problem, coded reason or error in the run's language (other things as text)."""
    if isinstance(item, BaseException):
        return describe(item)
    text = getattr(item, "text", None)
    if callable(text) and not isinstance(item, str):
        return str(text())
    return localise(item)


def echo_error(item: object) -> None:
    """Print one ``error: ...`` line to stderr in the run's language (a line a problem
    for an error that lists problems)."""
    for one in item.problems if isinstance(item, ProblemsError) else (item,):
        shown = shorten_message(say(one), lang=current_language())
        typer.echo(f"{gettext('error')}: {shown}", err=True)


def check_out(*paths: Path | None) -> None:
    """Exit 2 with one line when a result file cannot be written where it is asked (a
    missing folder, a folder): checked before the result is computed, so a refusal comes
    early and no other result file of the run is written."""
    for path in paths:
        if path is not None:
            try:
                check_output(path)
            except ExportError as exc:
                fail(exc)


def write_out(path: Path, data: bytes | str) -> None:
    """Write a command's result file, or exit 2 with one line (missing folder, ...)."""
    try:
        write_output(path, data.encode("utf-8") if isinstance(data, str) else data)
    except ExportError as exc:
        fail(exc)


def write_tables_out(path: Path, grids: Mapping[str, Grid], *, titles: bool = True) -> None:
    """Write tables as CSV or XLSX by the file's suffix, or exit 2 with one line."""
    try:
        write_tables(path, grids, titles=titles)
    except ExportError as exc:
        fail(exc)


def tables_csv(grids: Mapping[str, Grid]) -> str:
    """Tables as CSV text for stdout (formula prefixes neutralised)."""
    return export_tables(grids, "csv").decode("utf-8")


class TableFormat(StrEnum):
    """Output formats of a command that shows tables (``--format``)."""

    text = "text"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def emit_tables(
    fmt: TableFormat,
    out: Path | None,
    *,
    data: Callable[[], Any],
    grids: Callable[[], Mapping[str, Grid]],
    text: Callable[[], str],
) -> None:
    """A command's tables in ``fmt``, to the file ``out`` or else to stdout: JSON of
    ``data()``, CSV or XLSX of ``grids()``, or ``text()``; XLSX only to a file (exit 2).
    A file ending in ``.xlsx`` holds only XLSX, and XLSX only such a file (exit 2): the
    file's name would otherwise say another format than its content."""
    check_out(out)
    if out is not None and (fmt is TableFormat.xlsx) != (out.suffix.lower() == ".xlsx"):
        fail(
            gettext(
                "--out {out} does not fit --format {format}: an XLSX file ends in .xlsx"
            ).format(out=out, format=fmt.value)
        )
    if fmt is TableFormat.json:
        if out:
            write_out(out, json.dumps(data(), indent=2, ensure_ascii=False) + "\n")
        else:
            emit_json(data())
        return
    if fmt is TableFormat.xlsx:
        if out is None:
            fail(gettext("--format xlsx needs --out FILE.xlsx"))
        write_tables_out(out, grids())
        typer.echo(gettext("wrote {path}").format(path=out))
        return
    shown = tables_csv(grids()) if fmt is TableFormat.csv else text()
    if out:
        write_out(out, shown)
    else:
        typer.echo(shown, nl=False)


def get_plan(plan_dir: Path | None) -> Plan:
    """Load a plan or exit 1 with every problem listed."""
    try:
        return load_plan(plan_dir)
    except PlanError as exc:
        fail(exc, code=1)


def dimension_option(plan: Plan, value: str | None, option: str = "--dimension") -> str:
    """The growth dimension an option names (default: the plan's last); exit 2 with one
    line naming the option and the plan's dimensions when the plan has no such one."""
    if value is None:
        return plan.employment.last_dimension
    return one_of(option, value, plan.employment.dimension_ids)


def one_of(option: str, value: str, known: Sequence[str]) -> str:
    """``value`` when it is one of ``known``; else exit 2 with one line naming the option."""
    if value not in known:
        fail(
            gettext("{option} must be one of {known} (got {value})").format(
                option=option, known=", ".join(known), value=repr(value)
            )
        )
    return value


def named(item: Any) -> str:
    """The plan's name of ``item`` (pillar, dimension, source, ...) in the run's language:
    ``name_en`` in an English run when the plan has one, else ``name_nl``."""
    return item_name(item, current_language())


def dimension_name(plan: Plan, dimension: str) -> str:
    """The plan's name of a growth dimension in the run's language (its id when the plan
    names none): what a text line shows where ``--json`` gives the id."""
    return plan_dimension_name(plan, dimension, current_language())


def taxonomy_names(plan: Plan, kind: str = "pillars") -> dict[str, str]:
    """The items of one list of the plan's taxonomy (``pillars``, ``segments``,
    ``technologies``, ``markets``) by id, each by its name in the run's language."""
    return plan_taxonomy_names(plan, kind, current_language())


def number(value: float | int | None, decimals: int | None = 0) -> str:
    """A figure of an output line in the run's language (12,345 / 12.345; unknown: ?)."""
    if value is None:
        return UNKNOWN
    return format_number(value, current_language(), decimals)


def unit_text(unit: str) -> str:
    """A unit in the run's language (:func:`clusterplan.i18n.unit_words`)."""
    return unit_words(unit)


def emit_json(data: Any) -> None:
    """Print JSON to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
