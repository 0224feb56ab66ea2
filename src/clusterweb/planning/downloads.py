"""The hand-made tables of the plan-data pages as data, for CSV and XLSX downloads."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterweb.planning import tables
from clusterweb.planning.models import Assumption, Project
from clusterweb.presentation import Cell, Table, num, table, value_text

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
                num(p.printed_total_meur),
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


def _value_cell(value: Any) -> Cell:
    """An assumption's value as a cell: a number stays a number (written in the page's
    notation), anything else as text (:func:`clusterweb.presentation.value_text`)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return "" if value is None else value_text(value)


def assumptions_table() -> Table:
    """Assumptions with value, unit, range and rationale."""
    english = tables.english()
    rows = [
        [
            a.label_en if english else a.label_nl,
            a.key,
            _value_cell(a.value),
            a.unit,
            "" if a.low is None else num(a.low, 3),
            "" if a.high is None else num(a.high, 3),
            a.rationale,
        ]
        for a in Assumption.objects.all()
    ]
    return table(
        _("Assumptions, their values and rationale"),
        [_("Assumption"), _("id"), _("Value"), _("unit"), _("low"), _("high"), _("Rationale")],
        rows,
        numeric=[False, False, False, False, True, True, False],
        slug="assumptions",
        download_view=DOWNLOAD,
    )


def commitments_table(plan: Plan) -> Table:
    """Every funding commitment."""
    from clusterweb.finance.services import commitments_list

    rows = [
        [
            item["line_name"],
            item["commitment"].get_source_display(),
            num(item["commitment"].amount_meur),
            "" if item["commitment"].year is None else str(item["commitment"].year),
            item["commitment"].get_status_display(),
            item["commitment"].instrument,
            item["commitment"].evidence,
            item["commitment"].note,
        ]
        for item in commitments_list(plan)
    ]
    return table(
        _("Funding commitments"),
        [
            _("Cost line"),
            _("Source"),
            _("Amount (M EUR)"),
            _("Year"),
            _("Status"),
            _("Instrument"),
            _("Evidence"),
            _("note"),
        ],
        rows,
        numeric=[False, False, True, False, False, False, False, False],
        slug="commitments",
        download_view=DOWNLOAD,
    )


def all_tables(plan: Plan) -> dict[str, Table]:
    """Every downloadable table of the plan-data pages by slug."""
    return {
        "projects": projects_table(plan),
        "assumptions": assumptions_table(),
        "commitments": commitments_table(plan),
    }
