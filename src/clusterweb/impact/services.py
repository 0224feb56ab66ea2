"""The impact page: the core's impact model (``clusterplan.model.impact``) arranged as
headline figures with their trace, a chart, the funders' tables and the assumptions used.
This module arranges inputs and results only; every number comes from the core."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from clusterplan.i18n import unit_words
from clusterplan.model.growth import GrowthError, growth_assumptions
from clusterplan.model.impact import TRACE_ASSUMPTIONS, Impact, ImpactError, impact
from clusterplan.plan.schema import Plan
from clusterplan.report import impact as core_impact
from clusterplan.report.tables import every_subject_name, item_label, item_rationale
from clusterweb.planning import tables
from clusterweb.presentation import (
    Table,
    bar_spec,
    chart,
    num,
    page_language,
    shown,
    table,
    value_text,
)

ImpactFailure = (ImpactError, GrowthError)
"""What the core raises for assumptions it cannot use (the message names the assumption)."""


def run(plan: Plan, scenario: str) -> Impact:
    """The core's impact of a growth dimension."""
    return impact(plan, scenario)


def figures_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The headline figures with value, unit, kind of source and trace
    (:func:`clusterplan.report.impact.headline_table`)."""
    return tables.web_table(
        core_impact.headline_table(plan, result, page_language()), download_view
    )


def jobs_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """Direct, indirect and induced jobs per year."""
    direct = result.direct.sum(axis=0)
    indirect = result.indirect.sum(axis=0)
    induced = result.induced.sum(axis=0)
    rows = [
        [
            str(year),
            num(direct[i], 0),
            num(indirect[i], 0),
            num(induced[i], 0),
            num(direct[i] + indirect[i] + induced[i], 0),
        ]
        for i, year in enumerate(result.years)
    ]
    return table(
        _("Direct, indirect and induced jobs per year"),
        [_("Year"), _("Direct"), _("Indirect"), _("Induced"), _("Total")],
        rows,
        slug="jobs-per-year",
        download_view=download_view,
    )


def jobs_chart(result: Impact, tab: Table) -> dict[str, Any]:
    """Stacked bars of direct, indirect and induced jobs per year. ``tab``: the page's
    :func:`jobs_table`, shown with the chart."""
    spec = bar_spec(
        [str(y) for y in result.years],
        {
            _("Direct"): [round(float(v)) for v in result.direct.sum(axis=0)],
            _("Indirect"): [round(float(v)) for v in result.indirect.sum(axis=0)],
            _("Induced"): [round(float(v)) for v in result.induced.sum(axis=0)],
        },
        stacked=True,
        unit=_("jobs"),
    )
    return chart("impact-jobs", _("Jobs beyond the cluster, per year"), spec, tab)


def pillar_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """Per pillar in the target year: jobs, production value and value added."""
    names = tables.taxonomy_names(plan, "pillars")
    t = result.years.index(result.target_year)
    rows = []
    for k, pillar in enumerate(result.pillars):
        rows.append(
            [
                names.get(pillar, pillar),
                num(result.direct[k, t], 0),
                num(result.indirect[k, t], 0),
                num(result.induced[k, t], 0),
                num(result.production_value_meur[k, t], 0),
                num(result.value_added_meur[k, t], 0),
            ]
        )
    return table(
        _("Per pillar in %(year)s") % {"year": result.target_year},
        [
            _("Pillar"),
            _("Direct jobs"),
            _("Indirect jobs"),
            _("Induced jobs"),
            _("Production value (M EUR)"),
            _("Value added (M EUR)"),
        ],
        rows,
        slug="per-pillar",
        download_view=download_view,
    )


def projects_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The funder's view per project: its money against the jobs it adds
    (:func:`clusterplan.report.impact.projects_table`)."""
    return tables.web_table(
        core_impact.projects_table(plan, result, page_language()), download_view
    )


def sources_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The funder's view per funding source: its money and the jobs credited to it
    (:func:`clusterplan.report.impact.sources_table`)."""
    return tables.web_table(core_impact.sources_table(plan, result, page_language()), download_view)


def _value_text(plan: Plan, value: Any) -> str:
    """An assumption's value with the plan's ids by their names; a record of records (per
    project) points to the assumptions page, which shows it whole."""
    if isinstance(value, dict) and any(isinstance(v, Mapping) for v in value.values()):
        return _("per project (see the assumptions page)")
    return value_text(value, every_subject_name(plan, page_language()))


def assumptions_table(plan: Plan, download_view: str | None) -> Table:
    """The named assumptions the figures use, with value, rationale and public source."""
    ids: list[str] = []
    for used in TRACE_ASSUMPTIONS.values():
        ids += [i for i in used if i not in ids]
    calibrated = {}
    try:
        calibrated = {
            "growth.productivity-growth": growth_assumptions(plan).productivity_growth,
        }
    except GrowthError:
        pass
    rows = []
    for aid in ids:
        try:
            a = plan.assumption(aid)
        except KeyError:
            rows.append([aid, "?", "?", _("missing from the plan"), ""])
            continue
        value = _value_text(plan, a.value)
        if aid in calibrated and a.value == "calibrate":
            value = _("calibrated: %(value)s") % {"value": shown(calibrated[aid], decimals=4)}
        rows.append(
            [
                aid,
                item_label(a, page_language()),
                f"{value} ({unit_words(a.unit, page_language())})",
                item_rationale(a, page_language()),
                a.public_source or "",
            ]
        )
    return table(
        _("Named assumptions behind the figures"),
        [_("Assumption"), _("Label"), _("Value"), _("Rationale"), _("Public source")],
        rows,
        words=True,
        slug="assumptions",
        download_view=download_view,
    )


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
        name, value, unit, kind, trace = rows[key]
        out.append(
            {
                "id": f"impact-{key.replace('_', '-')}",
                "label": name.text,
                "value": value,
                "unit": unit.text,
                "provenance": f"{kind.text}: {trace.text}",
            }
        )
    return out


def unknown_lines(plan: Plan, result: Impact) -> list[str]:
    """Names of the funded lines whose coverage the plan leaves unknown ('?')."""
    names = {p.id: tables.name_of(p) for p in [*plan.finance.projects, *plan.finance.organisation]}
    seen: list[str] = []
    for item in result.money.unknown_sources:
        line = item.split(":", 1)[0]
        name = names.get(line, line)
        if name not in seen:
            seen.append(name)
    return seen
