"""The plan's tables on web pages: a thin adapter over :mod:`clusterplan.report.tables`.

The core builds each table once (cells with unit, unknown and includes-unknown flags,
computed or printed, and one totals rule); this module only asks for the built tables in
the page's language and shows them and their charts
(:func:`clusterweb.presentation.web_table`). The command line renders the same objects, so
both show the same figures and totals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterplan.report import tables as core
from clusterplan.report.messages import msg
from clusterplan.report.table import Table as CoreTable
from clusterweb.presentation import (
    Table,
    bar_spec,
    chart,
    holds_unknown,
    money_unit,
    page_language,
    web_table,
)


def name_of(item: Any) -> str:
    """The name of a plan item in the page's language (:func:`core.item_name`)."""
    return core.item_name(item, page_language())


def assumption_anchor(key: str) -> str:
    """The id of the assumption ``key``'s row on the assumptions page (its link's target)."""
    return f"assumption-{key}"


def assumption_link(plan: Plan, key: str) -> SafeString:
    """The assumption ``key`` as a reader names it (its label in the page's language,
    :func:`core.assumption_label`), linked to its row on the assumptions page."""
    href = f"{reverse('planning:assumptions')}#{assumption_anchor(key)}"
    name = core.assumption_label(plan, key, page_language())
    return format_html('<a class="utrecht-link" href="{}">{}</a>', href, name)


_MARK = re.compile("\ue000(\\d+)\ue001")
"""How :func:`with_assumption_links` marks an assumption in a text before escaping it."""


def with_assumption_links(plan: Plan, compose: Callable[[Callable[[str], str]], str]) -> str:
    """A text of the core that names assumptions, for a page: ``compose`` writes it, naming
    each assumption as the function it is given does; the text is escaped and each
    assumption in it is its link (:func:`assumption_link`)."""
    named: list[str] = []

    def mark(key: str) -> str:
        named.append(key)
        return f"\ue000{len(named) - 1}\ue001"

    text = escape(compose(mark))
    if not named:
        return text
    template = _MARK.sub(r"{\1}", text.replace("{", "{{").replace("}", "}}"))
    return format_html(template, *(assumption_link(plan, key) for key in named))


TaxonomyKind = core.TaxonomyKind
TAXONOMY_KINDS = core.TAXONOMY_KINDS


def taxonomy_choices(plan: Plan, kind: TaxonomyKind) -> list[tuple[str, str]]:
    """``(id, name)`` of the plan's pillars, segments, technologies or markets in the plan's
    order, each by its name in the page's language (:func:`taxonomy_names`): for choice
    fields."""
    return list(taxonomy_names(plan, kind).items())


def taxonomy_names(plan: Plan, kind: TaxonomyKind) -> dict[str, str]:
    """Id to name (page language) of the plan's pillars, segments, technologies or markets
    (:func:`core.taxonomy_names`)."""
    return core.taxonomy_names(plan, kind, page_language())


def source_label(plan: Plan, source: str) -> str:
    """The name (page language) of one of the plan's funding sources (the id if unknown)."""
    return core.source_name(plan, source, page_language())


def projects_model(plan: Plan) -> CoreTable:
    """The projects' cost table in the page's language."""
    return core.projects_table(plan, page_language())


def projects_costs(plan: Plan, download_view: str | None) -> Table:
    """Project costs per year with their totals (M EUR)."""
    return web_table(core.costs_part(projects_model(plan)), download_view)


def projects_coverage(plan: Plan, download_view: str | None) -> Table:
    """Coverage of the projects by source, total cost and what is not covered (M EUR)."""
    return web_table(core.coverage_part(projects_model(plan)), download_view)


def organisation_costs(plan: Plan, download_view: str | None) -> Table | None:
    """Organisation costs per year (None when the plan has no organisation costs)."""
    model = core.organisation_table(plan, page_language())
    return None if model is None else web_table(core.costs_part(model), download_view)


def organisation_coverage(plan: Plan, download_view: str | None) -> Table | None:
    """Coverage of the organisation costs by source (None when the plan has none)."""
    model = core.organisation_table(plan, page_language())
    return None if model is None else web_table(core.coverage_part(model), download_view)


def organisation_name(plan: Plan) -> str:
    """The name of the organisation cost table (the plan's own where it has one)."""
    model = core.organisation_table(plan, page_language())
    return model.name if model is not None else msg("table.organisation.name", page_language())


def jobs(plan: Plan, download_view: str | None) -> Table:
    """Jobs per pillar in the base year and per growth dimension in the target year."""
    return web_table(core.jobs_table(plan, page_language()), download_view)


def _values(model: CoreTable, group: str) -> tuple[list[str], dict[str, list[float | None]]]:
    """Column headings of ``group`` and, per body row, its figures in those columns."""
    indexes = [i for i, c in enumerate(model.columns) if c.group == group]
    categories = [model.columns[i].heading for i in indexes]
    series: dict[str, list[float | None]] = {}
    for row in model.body:
        values = [row.cells[i].value for i in indexes]
        series[row.cells[0].shown(model.lang)] = [None if v is None else float(v) for v in values]
    return categories, series


def _group_bars(
    slug: str, title: str, tab: Table, group: str, *, unit: str, stacked: bool = False
) -> dict[str, Any]:
    """Bars of ``tab``'s figures in the columns of ``group`` (those columns on the axis, a
    series per body row), with ``tab`` as the chart's table; a stack holding a figure the
    plan leaves unknown is marked '+?' (or '?') at its end, as the table's total is."""
    categories, series = _values(tab["model"], group)
    spec = bar_spec(
        categories, series, stacked=stacked, unit=unit, incomplete=holds_unknown(series)
    )
    return chart(slug, title, spec, tab)


def jobs_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Jobs per pillar and growth dimension as grouped bars (pillars on the axis)."""
    return _group_bars(
        "jobs",
        _("Jobs per pillar and growth dimension"),
        jobs(plan, download_view),
        "pillar",
        unit=_("jobs"),
    )


def projects_costs_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Project costs per year, stacked by project."""
    return _group_bars(
        "projects-costs",
        _("Project costs per year by project"),
        projects_costs(plan, download_view),
        "year",
        unit=money_unit(),
        stacked=True,
    )


def projects_coverage_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Coverage by source per project as stacked horizontal bars."""
    tab = projects_coverage(plan, download_view)
    sources, by_project = _values(tab["model"], "source")
    series = {
        source: [values[i] for values in by_project.values()] for i, source in enumerate(sources)
    }
    return chart(
        "projects-coverage",
        _("Coverage by source per project"),
        bar_spec(
            list(by_project),
            series,
            stacked=True,
            unit=money_unit(),
            horizontal=True,
            incomplete=holds_unknown(series),
        ),
        tab,
    )


def plan_tables(plan: Plan, download_view: str | None) -> dict[str, Table]:
    """Every table of the plan that pages show, by slug (organisation tables only when
    the plan has organisation costs)."""
    out = {
        "jobs": jobs(plan, download_view),
        "projects-costs": projects_costs(plan, download_view),
        "projects-coverage": projects_coverage(plan, download_view),
    }
    for table in (
        organisation_costs(plan, download_view),
        organisation_coverage(plan, download_view),
    ):
        if table is not None:
            out[table["slug"]] = table
    return out
