"""The impact page: the core's impact model (``clusterplan.model.impact``) arranged as
headline figures with their trace, a chart, the funders' tables and the assumptions used.
This module arranges inputs and results only; every number comes from the core."""

from __future__ import annotations

from typing import Any

from django.utils.html import format_html
from django.utils.translation import gettext as _

from clusterplan.model.growth import GrowthError
from clusterplan.model.impact import Impact, ImpactError, impact
from clusterplan.plan.schema import Plan
from clusterplan.report import impact as core_impact
from clusterplan.report.table import label
from clusterweb.planning.tables import with_assumption_links
from clusterweb.presentation import Table, bar_spec, chart, page_language, web_table

ImpactFailure = (ImpactError, GrowthError)
"""What the core raises for assumptions it cannot use (the message names the assumption)."""


def run(plan: Plan, scenario: str) -> Impact:
    """The core's impact of a growth dimension."""
    return impact(plan, scenario)


def trace(plan: Plan, result: Impact, key: str) -> str:
    """Where the figure ``key`` comes from (:func:`clusterplan.report.impact.trace_text`),
    each assumption in it by its label, linked to it on the assumptions page."""
    lang = page_language()
    return with_assumption_links(
        plan, lambda name: core_impact.trace_text(plan, result, key, lang, name)
    )


def figures_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The headline figures with value, unit, kind of source and trace
    (:func:`clusterplan.report.impact.headline_table`); on the page each trace links the
    assumptions it names (the download keeps the words)."""
    model = core_impact.headline_table(plan, result, page_language())
    out = web_table(model, download_view)
    for row, cells in zip(model.rows, out["rows"], strict=True):
        cells[-1] = label(trace(plan, result, row.key))
    return out


def jobs_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """Direct, indirect and induced jobs per year
    (:func:`clusterplan.report.impact.jobs_table`)."""
    return web_table(core_impact.jobs_table(plan, result, page_language()), download_view)


def jobs_chart(result: Impact, tab: Table) -> dict[str, Any]:
    """Stacked bars of direct, indirect and induced jobs per year, named by the columns of
    ``tab`` (the page's :func:`jobs_table`, shown with the chart)."""
    _year, direct, indirect, induced, _total = tab["columns"]  # the table's own words
    series = result.series()
    spec = bar_spec(
        [str(y) for y in result.years],
        {
            direct: [round(float(v)) for v in series["direct_jobs"]],
            indirect: [round(float(v)) for v in series["indirect_jobs"]],
            induced: [round(float(v)) for v in series["induced_jobs"]],
        },
        stacked=True,
        unit=_("jobs"),
    )
    return chart("impact-jobs", _("Jobs in and beyond the cluster, per year"), spec, tab)


def pillar_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """Per pillar in the target year: jobs, production value and value added
    (:func:`clusterplan.report.impact.pillar_table`)."""
    return web_table(core_impact.pillar_table(plan, result, page_language()), download_view)


def projects_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The funder's view per project: its money against the jobs it adds
    (:func:`clusterplan.report.impact.projects_table`)."""
    return web_table(core_impact.projects_table(plan, result, page_language()), download_view)


def sources_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The funder's view per funding source: its money and the jobs credited to it
    (:func:`clusterplan.report.impact.sources_table`)."""
    return web_table(core_impact.sources_table(plan, result, page_language()), download_view)


def assumptions_table(plan: Plan, download_view: str | None) -> Table:
    """The named assumptions the figures use, with value, rationale and public source
    (:func:`clusterplan.report.impact.assumptions_table`)."""
    return web_table(core_impact.assumptions_table(plan, page_language()), download_view)


def impact_tables(plan: Plan, result: Impact, download_view: str | None) -> dict[str, Table]:
    """Every table of the page by slug."""
    return {
        "figures": figures_table(plan, result, download_view),
        "jobs-per-year": jobs_table(plan, result, download_view),
        "per-pillar": pillar_table(plan, result, download_view),
        "per-project": projects_table(plan, result, download_view),
        "per-source": sources_table(plan, result, download_view),
        "assumptions": assumptions_table(plan, download_view),
    }


def headline(plan: Plan, result: Impact) -> list[dict[str, Any]]:
    """The figures shown as stats at the top, each with its trace as provenance."""
    wanted = (
        "total_jobs",
        "indirect_jobs",
        "induced_jobs",
        "value_added_meur",
        "public_meur_per_direct_job",
        "leverage",
    )
    rows = {
        row.key: row.cells for row in core_impact.headline_table(plan, result, page_language()).rows
    }
    out = []
    for key in wanted:
        name, value, unit, kind, _trace = rows[key]
        out.append(
            {
                "id": f"impact-{key.replace('_', '-')}",
                "label": name.text,
                "value": value,
                "unit": unit.text,
                "provenance": format_html("{}: {}", kind.text, trace(plan, result, key)),
            }
        )
    return out


def unknown_coverage_note(plan: Plan, result: Impact) -> str | None:
    """The core's note (page language) that the money is a lower bound, naming the lines
    whose coverage the plan leaves unknown, or None."""
    return core_impact.unknown_coverage_note(plan, result, page_language())
