"""The finance page: the plan's cost tables, unknowns, commitments by status, and the finance model.

Every table here is the core's (:mod:`clusterplan.report.finance`), over the finance model
the application layer runs (:func:`clusterplan.app.finance.finance`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.app import finance as app_finance
from clusterplan.plan.schema import COMMITMENT_STATUSES, Plan
from clusterplan.report.finance import commitments_table, printed_totals_table
from clusterplan.report.finance import unknowns_table as unknowns_table_of
from clusterweb.planning import tables
from clusterweb.planning.models import Commitment
from clusterweb.presentation import Table, bar_spec, chart, money_unit, page_language, web_table


def printed_vs_computed(plan: Plan, download_view: str | None) -> Table:
    """The plan's printed totals against the totals computed from the current rows: the
    core's table, the same the command line's ``finance`` shows."""
    return web_table(printed_totals_table(plan, page_language()), download_view)


def unknowns_table(plan: Plan, download_view: str | None) -> Table:
    """Every unknown ('?') cost year and coverage source per cost line: the core's table,
    the same the command line's ``finance`` shows."""
    model = unknowns_table_of(plan, app_finance.finance(plan).needs, page_language())
    return web_table(model, download_view)


def commitments_by_status(plan: Plan, download_view: str | None) -> Table:
    """Committed amounts per source and status, against the coverage the plan expects: the
    core's table, the same the command line's ``finance`` shows."""
    status = app_finance.finance(plan).status
    return web_table(commitments_table(plan, status, page_language()), download_view)


def commitments_list(plan: Plan) -> list[dict[str, Any]]:
    """Every commitment with the name of its cost line."""
    names = {p.id: tables.name_of(p) for p in plan.finance.projects}
    names |= {o.id: tables.name_of(o) for o in plan.finance.organisation}
    return [
        {"commitment": c, "line_name": names.get(c.line, c.line)}
        for c in Commitment.objects.order_by("line", "source", "year", "pk")
    ]


def finance_tables(plan: Plan, download_view: str | None) -> dict[str, Table]:
    """Every table of the finance page by slug."""
    out = {
        **tables.plan_tables(plan, download_view),
        "printed-vs-current": printed_vs_computed(plan, download_view),
        "unknowns": unknowns_table(plan, download_view),
        "commitments-by-status": commitments_by_status(plan, download_view),
    }
    return out


def commitments_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Commitments by source and status as stacked bars (the table's rows but its totals)."""
    tab = commitments_by_status(plan, download_view)
    model = tab["model"]
    rows = [r for r in model.rows if not r.is_total]
    series = {
        column.heading: [float(r.cells[i].value or 0) for r in rows]
        for i, column in enumerate(model.columns)
        if column.key in COMMITMENT_STATUSES
    }
    return chart(
        "commitments",
        _("Commitments by source and status"),
        bar_spec([str(r.cells[0].text) for r in rows], series, stacked=True, unit=money_unit()),
        tab,
    )
