"""Back-casting: from a target in the goal year to milestones per pillar and year, and the
acquisition gap, computed by the use case ``clusterplan.app.backcast``. This module
arranges inputs and results only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.app import backcast as use_case
from clusterplan.plan.schema import Plan
from clusterplan.report import backcast as core_backcast
from clusterweb.choices import label
from clusterweb.presentation import Table, chart, line_spec, page_language, web_table


def shape_choices() -> list[tuple[str, str]]:
    """The path shapes of the core, in the core's words (``backcast.shape.*``)."""
    return [(s, str(label("backcast.shape", s))) for s in use_case.SHAPES]


def run(plan: Plan, values: dict[str, Any]) -> use_case.Backcast:
    """The back-cast of the application layer for the form's values (its defaults for
    what the form leaves empty)."""
    return use_case.backcast(
        plan,
        values.get("target_total"),
        values.get("target_year"),
        shape=values.get("shape") or None,
        dimension=values.get("dimension") or None,
    )


def gap_table(plan: Plan, result: Any, download_view: str | None) -> Table:
    """Per year: milestone, what organic growth and projects deliver, the acquisition gap
    (:func:`clusterplan.report.backcast.gap_table`)."""
    return web_table(core_backcast.gap_table(plan, result, page_language()), download_view)


def gap_chart(result: Any, tab: Table) -> dict[str, Any]:
    """Milestones against what is delivered; the difference is the acquisition gap, each
    line named by its column of ``tab`` (the page's :func:`gap_table`, shown with the
    chart)."""
    _year, milestone, delivered, gap = tab["columns"]  # the table's own words
    spec = line_spec(
        result.years,
        {
            milestone: [float(v) for v in result.milestone_total],
            delivered: [float(v) for v in result.delivered_total],
            gap: [float(v) for v in result.gap_total],
        },
        unit=_("jobs"),
    )
    return chart("backcast", _("Milestones, delivery and the acquisition gap"), spec, tab)


def headline(result: Any) -> dict[str, Any]:
    """Target, the gap in the target year and at the interim years, and the largest gap
    with its year (:attr:`~clusterplan.model.backcast.Backcast.largest_gap_year`) when
    that is another year than the target year (else None): a gap of 0 in the target year
    is not the whole story while earlier years fall short."""
    i = result.years.index(result.target_year)
    largest = result.largest_gap_year
    return {
        "target": round(float(result.milestone_total[i])),
        "year": result.target_year,
        "gap": round(float(result.gap_total[i])),
        "largest": None
        if largest == result.target_year
        else {"year": largest, "gap": round(float(result.gap_total[result.years.index(largest)]))},
        "interim": [
            {"year": y, "gap": round(float(result.gap_total[result.years.index(y)]))}
            for y in result.interim_years
            if y != result.years[0]
        ],
    }


def backcast_tables(plan: Plan, result: Any, download_view: str | None) -> dict[str, Table]:
    """Every table of the page by slug: the milestones and the jobs to add each year to stay
    on them (per pillar and year, with the total), and the acquisition gap (the core's,
    :func:`clusterplan.report.backcast.backcast_tables`)."""
    found = core_backcast.backcast_tables(plan, result, page_language())
    return {model.key: web_table(model, download_view) for model in found}
