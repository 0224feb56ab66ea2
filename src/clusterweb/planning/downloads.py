"""The tables of the plan-data pages (projects, assumptions, commitments): each one table for
the page and for its CSV and XLSX download."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterplan.report import tables as core
from clusterplan.report.numbers import AS_NEEDED
from clusterplan.report.table import Loose
from clusterweb.planning import tables
from clusterweb.planning.models import Assumption, Project
from clusterweb.presentation import (
    MISSING,
    Table,
    num,
    page_language,
    range_text,
    table,
)

DOWNLOAD = "planning:download"


def projects_table(plan: Plan) -> Table:
    """Projects with dimension, status and total."""
    rows_by_key = {p.key: p for p in Project.objects.all()}
    rows = []
    for p in plan.finance.projects:
        row = rows_by_key.get(p.id)
        if row is None:
            continue
        rows.append(
            [
                tables.name_of(p),
                row.get_dimension_display(),
                row.get_status_display(),
                core.line_total(plan, p),
            ]
        )
    return table(
        _("Flagship projects and programmes"),
        [_("Project"), _("Growth dimension"), _("Status"), _("Total (M EUR)")],
        rows,
        numeric=[False, False, False, True],
        slug="projects",
        download_view=DOWNLOAD,
    )


def _value_cell(value: Any) -> Loose:
    """An assumption's value as a cell: a number stays a number (written in the page's
    notation), anything else as text (:func:`clusterplan.report.tables.value_text`)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return "" if value is None else core.value_text(value, page_language())


def _shown_and_filed(
    caption: str,
    headings: dict[str, str],
    records: Sequence[dict[str, Loose]],
    *,
    shown: Sequence[str],
    filed: Sequence[str],
    numeric: Collection[str],
    slug: str,
    action: bool,
    decimals: int | None = None,
) -> Table:
    """A table whose page shows the columns ``shown`` and whose file (``export``) has the
    columns ``filed``, both from the same records (one cell per heading key), floats with
    ``decimals``. With ``action`` the page has a last column for the links of an editor
    (its rows block)."""

    def part(keys: Sequence[str], extra: bool) -> Table:
        return table(
            caption,
            [headings[k] for k in keys] + ([_("Action")] if extra else []),
            [[r[k] for k in keys] for r in records],
            numeric=[k in numeric for k in keys] + ([False] if extra else []),
            slug=slug,
            download_view=DOWNLOAD,
            decimals=decimals,
        )

    return {**part(shown, action), "export": part(filed, False)["export"]}


def assumptions_table(plan: Plan, *, action: bool = False) -> Table:
    """Assumptions with value, range and rationale; the file has the id, the value, its
    unit and its bounds apart."""
    names = core.value_names(plan, page_language())
    records: list[dict[str, Loose]] = [
        {
            "label": core.item_label(a, page_language()),
            "id": a.key,
            "shown": core.assumption_text(plan, a, page_language(), names),
            "value": _value_cell(a.value),
            "unit": a.unit,
            "range": range_text(a.low, a.high),
            "low": "" if a.low is None else num(a.low, 3),
            "high": "" if a.high is None else num(a.high, 3),
            "rationale": core.item_rationale(a, page_language()),
        }
        for a in Assumption.objects.all()
    ]
    return _shown_and_filed(
        _("Assumptions, their values and rationale"),
        {
            "label": _("Assumption"),
            "id": _("id"),
            "shown": _("Value"),
            "value": _("Value"),
            "unit": _("unit"),
            "range": _("Range"),
            "low": _("low"),
            "high": _("high"),
            "rationale": _("Rationale"),
        },
        records,
        shown=["label", "shown", "range", "rationale"],
        filed=["label", "id", "value", "unit", "low", "high", "rationale"],
        numeric={"low", "high"},
        slug="assumptions",
        action=action,
    )


def commitments_table(plan: Plan, *, action: bool = False) -> Table:
    """Every funding commitment; the file also has each one's instrument and note (and
    leaves an unknown year empty, where the page writes a dash)."""
    from clusterweb.finance.services import commitments_list

    records: list[dict[str, Loose]] = [
        {
            "line": item["line_name"],
            "source": c.get_source_display(),
            "amount": c.amount_meur,
            "year": "" if c.year is None else str(c.year),
            "year_shown": MISSING if c.year is None else str(c.year),
            "status": c.get_status_display(),
            "instrument": c.instrument,
            "evidence": c.evidence,
            "note": c.note,
        }
        for item in commitments_list(plan)
        for c in [item["commitment"]]
    ]
    return _shown_and_filed(
        _("Funding commitments"),
        {
            "line": _("Cost line"),
            "source": _("Source"),
            "amount": _("Amount (M EUR)"),
            "year": _("Year"),
            "year_shown": _("Year"),
            "status": _("Status"),
            "instrument": _("Instrument"),
            "evidence": _("Evidence"),
            "note": _("note"),
        },
        records,
        shown=["line", "source", "amount", "year_shown", "status", "evidence"],
        filed=["line", "source", "amount", "year", "status", "instrument", "evidence", "note"],
        numeric={"amount"},
        slug="commitments",
        action=action,
        decimals=AS_NEEDED,  # an amount as it was entered
    )


def all_tables(plan: Plan) -> dict[str, Table]:
    """Every downloadable table of the plan-data pages by slug."""
    return {
        "projects": projects_table(plan),
        "assumptions": assumptions_table(plan),
        "commitments": commitments_table(plan),
    }
