"""Commands about business-matching events: scheduling meeting requests."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterplan.cli.app import (
    PlanCommand,
    PlanCommands,
    app,
    check_bound,
    emit_json,
    fail,
    number,
)
from clusterplan.cli.localised import help_with
from clusterplan.events import Instance, SchedulingError, greedy_schedule, schedule
from clusterplan.events.schedule import REPORT_DECIMALS
from clusterplan.events.tables import (
    AVAILABILITY_COLUMNS,
    REQUEST_COLUMNS,
    REQUIRED_REQUEST_COLUMNS,
    EventTableError,
    RequestTable,
    read_availability,
    read_requests,
)
from clusterplan.i18n import gettext as _
from clusterplan.io.sheets import FileProblem, header_text
from clusterplan.labels import label
from clusterplan.plan.bounds import EVENT_SLOTS, EVENT_TABLES
from clusterplan.report.numbers import percent

events_app = typer.Typer(
    cls=PlanCommands,
    help="Business-matching events: schedule meeting requests into slots and tables.",
    no_args_is_help=True,
)
app.add_typer(events_app, name="events")


@events_app.command("schedule", cls=PlanCommand)
def schedule_cmd(
    requests_file: Path = typer.Argument(
        ...,
        help=help_with(
            "Requests (.csv/.xlsx) with header {header} (forced: yes when the pair must meet).",
            header=header_text(REQUEST_COLUMNS, REQUIRED_REQUEST_COLUMNS),
        ),
    ),
    slots: int = typer.Option(..., "--slots", help="Number of time slots (0-based in files)."),
    tables: int = typer.Option(..., "--tables", help="Number of tables (meetings per slot)."),
    availability: Path | None = typer.Option(
        None,
        "--availability",
        help=help_with(
            "Availability (.csv/.xlsx) with header {header}; absent: every slot.",
            header=header_text(AVAILABILITY_COLUMNS, AVAILABILITY_COLUMNS),
        ),
    ),
    greedy: bool = typer.Option(
        False, "--greedy", help="Use the greedy baseline instead of the solver."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the schedule as JSON."),
) -> None:
    """Place as many requested meetings as possible: nobody in two meetings at once, nobody
    outside their availability, at most one meeting per table and slot."""
    check_bound("--slots", slots, EVENT_SLOTS)
    check_bound("--tables", tables, EVENT_TABLES)
    problems: list[FileProblem] = []  # both files' problems, each file read all or nothing
    rows = RequestTable((), frozenset())
    available: dict[str, frozenset[int]] = {}
    try:
        rows = read_requests(requests_file)
    except EventTableError as exc:
        problems += exc.problems
    try:
        available = read_availability(availability, slots) if availability else {}
    except EventTableError as exc:
        problems += exc.problems
    if problems:
        fail(EventTableError(problems), code=1)
    try:
        instance = Instance(
            requests=rows.requests,
            slots=slots,
            tables=tables,
            availability=available,
            forced=rows.forced,
        )
        result = greedy_schedule(instance) if greedy else schedule(instance)
    except SchedulingError as exc:
        fail(exc, code=1)
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(
        _(
            "{placed} of {requested} requested meetings placed "
            "(bound {bound}, gap {gap}%, {method}, {seconds} s)"
        ).format(
            placed=result.placed,
            requested=result.requested,
            bound=result.bound,
            gap=number(percent(result.gap), REPORT_DECIMALS["gap"]),
            method=label("schedule.method", result.method),
            seconds=number(result.seconds, REPORT_DECIMALS["seconds"]),
        )
    )
    slot, table = _("slot"), _("table")
    for meeting in result.meetings:
        typer.echo(
            f"{slot} {meeting.slot:>3}  {table} {meeting.table:>3}  {meeting.a} - {meeting.b}"
        )
