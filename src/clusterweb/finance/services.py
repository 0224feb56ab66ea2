"""The finance page: the plan's cost tables, unknowns, commitments by status, and the finance model.

Source-by-year cash needs, what-if shifts and the re-phasing optimiser come from the
core's finance model (``clusterplan.model.finance``) when it is installed.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.app import finance as app_finance
from clusterplan.plan.schema import Plan
from clusterplan.report.finance import printed_totals_table
from clusterplan.report.finance import unknowns_table as unknowns_table_of
from clusterweb.finance.model import money
from clusterweb.planning import tables
from clusterweb.planning.constants import CommitmentStatus
from clusterweb.planning.models import Commitment
from clusterweb.presentation import Table, bar_spec, chart, exported, num, page_language, table


def printed_vs_computed(plan: Plan, download_view: str | None) -> Table:
    """The plan's printed totals against the totals computed from the current rows: the
    core's table, the same the command line's ``finance`` shows."""
    return tables.web_table(printed_totals_table(plan, page_language()), download_view)


def unknowns_table(plan: Plan, download_view: str | None) -> Table:
    """Every unknown ('?') cost year and coverage source per cost line: the core's table,
    the same the command line's ``finance`` shows."""
    model = unknowns_table_of(plan, app_finance.finance(plan).needs, page_language())
    return tables.web_table(model, download_view)


def commitments_by_status(plan: Plan, download_view: str | None) -> Table:
    """Committed amounts per source and status, against the coverage the plan expects (the
    core's funding status: '+?' where an unknown coverage belongs in it)."""
    amounts: dict[tuple[str, str], float] = {}
    for c in Commitment.objects.all():
        amounts[(c.source, c.status)] = amounts.get((c.source, c.status), 0.0) + c.amount_meur
    status = app_finance.finance(plan).status
    rows = []
    for s, source in enumerate(status.sources):
        per_status = [amounts.get((source, st.value), 0.0) for st in CommitmentStatus]
        unknown = bool(status.needed_incomplete[s].any())
        rows.append(
            [
                tables.source_label(plan, source),
                *[num(v) for v in per_status],
                money(status.needed_total_meur[s], unknown),
                money(status.gap_total_meur[s], unknown),
            ]
        )
    return table(
        _("Commitments by source and status (M EUR)"),
        [
            _("Source"),
            *[str(st.label) for st in CommitmentStatus],
            _("Coverage in the plan"),
            _("Not yet secured"),
        ],
        rows,
        slug="commitments-by-status",
        download_view=download_view,
    )


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
    """Commitments by source and status as stacked bars."""
    tab = commitments_by_status(plan, download_view)
    statuses = [str(st.label) for st in CommitmentStatus]
    series = {
        status: [float(exported(r[1 + i]) or 0) for r in tab["rows"]]
        for i, status in enumerate(statuses)
    }
    return chart(
        "commitments",
        _("Commitments by source and status"),
        bar_spec([str(r[0]) for r in tab["rows"]], series, stacked=True, unit="M EUR"),
        tab,
    )
