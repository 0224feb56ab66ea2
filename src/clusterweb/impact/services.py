"""The impact page: the core's impact model (``clusterplan.model.impact``) arranged as
headline figures with their trace, a chart, the funders' tables and the assumptions used.
This module arranges inputs and results only; every number comes from the core."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from clusterplan.model.growth import GrowthError, growth_assumptions
from clusterplan.model.impact import HEADLINE, TRACE_ASSUMPTIONS, Impact, ImpactError, impact
from clusterplan.plan.schema import Plan
from clusterplan.report import impact as core_impact
from clusterplan.report.numbers import AS_NEEDED, NOT_A_NUMBER
from clusterweb.impact import constants
from clusterweb.planning import tables
from clusterweb.presentation import Cell, Table, bar_spec, chart, num, page_language, shown, table

ImpactFailure = (ImpactError, GrowthError)
"""What the core raises for assumptions it cannot use (the message names the assumption)."""


def run(plan: Plan, scenario: str) -> Impact:
    """The core's impact of a growth dimension."""
    return impact(plan, scenario)


def _english() -> bool:
    return tables.english()


def _unit(kind: str) -> str:
    return {
        constants.JOBS: _("jobs"),
        constants.MEUR: _("M EUR"),
        constants.K_EUR_PER_JOB: _("thousand EUR per job"),
        constants.RATIO: _("EUR per EUR"),
    }[kind]


def _shown(value: float | None, kind: str) -> Cell:
    """A figure in the unit the page shows it in (public money per job in thousand EUR);
    a ratio without anything to divide by (no funded jobs, no public money) is not a
    number (the one formatter's :data:`~clusterplan.report.numbers.NOT_A_NUMBER`), not
    unknown."""
    if value is None:
        return NOT_A_NUMBER
    if kind == constants.K_EUR_PER_JOB:
        return num(value * 1000.0, 0)
    if kind == constants.RATIO:
        return num(value, 2)
    return num(value, 0)


def trace_text(plan: Plan, result: Impact, key: str) -> str:
    """Where a figure comes from, in the page's language."""
    trace = result.traces[key]
    if trace.kind == "plan":
        row = plan.employment.scenarios.get(result.dimension)  # type: ignore[call-overload]
        section = (row.source if row is not None else None) or plan.employment.source or ""
        fin = plan.finance
        printed = (fin.projects_printed_totals, fin.organisation_printed_totals)  # optional
        tables_ref = "; ".join(t.source for t in printed if t is not None and t.source)
        return str(constants.PLAN[key]).format(section=section, tables=tables_ref)
    if trace.kind == "assumption":
        return str(constants.ASSUMED[key])
    return str(constants.COMPUTED[key])


def figures(plan: Plan, result: Impact) -> list[dict[str, Any]]:
    """Every headline figure of the target year with its unit and trace."""
    values = result.figures()
    out = []
    for key in HEADLINE:
        label, kind = constants.FIGURES[key]
        trace = result.traces[key]
        out.append(
            {
                "key": key,
                "label": str(label),
                "value": _shown(values[key], kind),
                "unit": _unit(kind),
                "kind": str(constants.KIND_LABELS[trace.kind]),
                "trace": trace_text(plan, result, key),
                "assumptions": list(TRACE_ASSUMPTIONS.get(key, ())),
            }
        )
    return out


def figures_table(plan: Plan, result: Impact, download_view: str | None) -> Table:
    """The headline figures as a table: value, unit, kind of source and the trace."""
    rows = [
        [f["label"], f["value"], f["unit"], f["kind"], f["trace"]] for f in figures(plan, result)
    ]
    return table(
        _("Figures in %(year)s and where each comes from") % {"year": result.target_year},
        [_("Figure"), _("Value"), _("Unit"), _("Source"), _("Trace")],
        rows,
        numeric=[False, True, False, False, False],
        slug="figures",
        download_view=download_view,
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


def jobs_chart(plan: Plan, result: Impact, download_view: str | None) -> dict[str, Any]:
    """Stacked bars of direct, indirect and induced jobs per year."""
    tab = jobs_table(plan, result, download_view)
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
    pillars = tables.taxonomy_names(plan, "pillars")
    if isinstance(value, dict):
        if all(isinstance(v, int | float) for v in value.values()):
            return "; ".join(
                f"{pillars.get(k, k)} {shown(v, decimals=AS_NEEDED)}" for k, v in value.items()
            )
        return _("per project (see the assumptions page)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return shown(value, decimals=AS_NEEDED)
    return str(value)


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
                a.label_en if _english() else a.label_nl,
                f"{value} ({a.unit})",
                a.rationale,
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
    shown = {f["key"]: f for f in figures(plan, result)}
    out = []
    for key in wanted:
        f = shown[key]
        out.append(
            {
                "id": f"impact-{key.replace('_', '-')}",
                "label": f["label"],
                "value": f["value"],
                "unit": f["unit"],
                "provenance": f"{f['kind']}: {f['trace']}",
                "decimals": 2 if key == "leverage" else None,
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
