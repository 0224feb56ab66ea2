"""Back-casting: from a target in the goal year to milestones per pillar and year, and the
acquisition gap, computed by the use case ``clusterplan.app.backcast``. This module
arranges inputs and results only."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from clusterplan.app import backcast as use_case
from clusterplan.plan.schema import Plan
from clusterweb.choices import label
from clusterweb.planning import tables
from clusterweb.presentation import Table, chart, line_spec, num, table


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


def _pillar_names(plan: Plan) -> dict[str, str]:
    return tables.taxonomy_names(plan, "pillars")


def _per_pillar_table(
    plan: Plan, result: Any, values: Any, title: str, slug: str, download_view: str | None
) -> Table:
    """Jobs per pillar (rows of ``values``) and year, with the total."""
    names = _pillar_names(plan)
    rows = [
        [names.get(p, p), *[num(v, 0) for v in values[k]]] for k, p in enumerate(result.pillars)
    ]
    rows.append([_("Total"), *[num(v, 0) for v in values.sum(axis=0)]])
    return table(
        title,
        [_("Pillar"), *[str(y) for y in result.years]],
        rows,
        slug=slug,
        download_view=download_view,
    )


def gap_table(plan: Plan, result: Any, download_view: str | None) -> Table:
    """Per year: milestone, what organic growth and projects deliver, the acquisition gap."""
    delivered = result.delivered.sum(axis=0)
    rows = [
        [
            str(year),
            num(result.milestone_total[i], 0),
            num(delivered[i], 0),
            num(result.gap_total[i], 0),
        ]
        for i, year in enumerate(result.years)
    ]
    return table(
        _("Acquisition gap per year (jobs)"),
        [_("Year"), _("Milestone"), _("Delivered by growth and projects"), _("Acquisition gap")],
        rows,
        slug="acquisition-gap",
        download_view=download_view,
    )


def gap_chart(result: Any, tab: Table) -> dict[str, Any]:
    """Milestones against what is delivered; the difference is the acquisition gap.
    ``tab``: the page's :func:`gap_table`, shown with the chart."""
    spec = line_spec(
        result.years,
        {
            _("Milestone"): [float(v) for v in result.milestone_total],
            _("Delivered by growth and projects"): [float(v) for v in result.delivered.sum(axis=0)],
            _("Acquisition gap"): [float(v) for v in result.gap_total],
        },
        unit=_("jobs"),
    )
    return chart("backcast", _("Milestones, delivery and the acquisition gap"), spec, tab)


def headline(result: Any) -> dict[str, Any]:
    """Target, the gap in the target year and at the interim years."""
    i = result.years.index(result.target_year)
    return {
        "target": round(float(result.milestone_total[i])),
        "year": result.target_year,
        "gap": round(float(result.gap_total[i])),
        "interim": [
            {"year": y, "gap": round(float(result.gap_total[result.years.index(y)]))}
            for y in result.interim_years
            if y != result.years[0]
        ],
        "dimension": result.delivered_dimension,
        "gap_share_pct": round(
            100 * float(result.gap_total[i]) / max(float(np.sum(result.milestone_total[i])), 1.0), 1
        ),
    }


def backcast_tables(plan: Plan, result: Any, download_view: str | None) -> dict[str, Table]:
    """Every table of the page by slug: the milestones and the jobs to add each year to stay
    on them (per pillar and year, with the total), and the acquisition gap."""
    per_pillar = {
        "milestones": (
            result.milestones,
            _("Milestones: jobs per pillar and year on the way to the target"),
        ),
        "additions": (result.required_additions, _("Jobs to add per year and pillar")),
    }
    found = {
        slug: _per_pillar_table(plan, result, values, title, slug, download_view)
        for slug, (values, title) in per_pillar.items()
    }
    found["acquisition-gap"] = gap_table(plan, result, download_view)
    return found
