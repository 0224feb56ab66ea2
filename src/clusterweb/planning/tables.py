"""The plan's own tables and figures (Table 1, Table 2, Figure 6) as web tables and charts.

Totals are computed from the rows shown (so an edit changes them); the printed totals of
the plan stay visible in the finance page's comparison. Unknown cells ('?') are shown
as '?' and left out of sums, which the captions say.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterplan.plan.schema import CostLine, Plan
from clusterweb.presentation import Table, bar_spec, chart, num, series_from_table, table


def english() -> bool:
    """True on English pages."""
    return (get_language() or "nl").startswith("en")


def name_of(item: Any) -> str:
    """The Dutch or English name of a plan item, by page language."""
    if english() and getattr(item, "name_en", None):
        return str(item.name_en)
    return str(item.name_nl)


def source_labels(plan: Plan) -> list[str]:
    """The plan's funding sources' names (page language), in the plan's order."""
    return [name_of(s) for s in plan.finance.sources]


def source_label(plan: Plan, source: str) -> str:
    """The name (page language) of one of the plan's funding sources (the id if unknown)."""
    try:
        return name_of(plan.finance.funding_source(source))
    except KeyError:
        return source


def _sum(values: list[float | None]) -> float:
    return sum(v for v in values if v is not None)


def line_total(line: CostLine) -> float | None:
    """A cost line's total: as printed, else the sum of its years (unknown when a year is)."""
    if line.printed_total_meur is not None:
        return line.printed_total_meur
    values = list(line.costs_meur.values())
    return _sum(values) if all(v is not None for v in values) else None


def cost_table(
    caption: str, lines: list[CostLine], years: list[int], download_view: str | None, slug: str
) -> Table:
    """Costs per year by cost line, with computed row and column totals (M EUR)."""
    columns = [_("Cost line"), *[str(y) for y in years], _("Total")]
    rows = []
    for line in lines:
        values = [line.costs_meur.get(y) for y in years]
        rows.append([name_of(line), *[num(v) for v in values], num(line_total(line))])
    totals = [_sum([line.costs_meur.get(y) for line in lines]) for y in years]
    grand = _sum([line_total(line) for line in lines])
    rows.append([_("Total (known amounts)"), *[num(t) for t in totals], num(grand)])
    return table(caption, columns, rows, slug=slug, download_view=download_view)


def coverage_table(
    caption: str, lines: list[CostLine], download_view: str | None, slug: str, plan: Plan
) -> Table:
    """Coverage by source per cost line, with the part not covered (M EUR)."""
    columns = [
        _("Cost line"),
        *source_labels(plan),
        _("Covered"),
        _("Total cost"),
        _("Not covered"),
    ]
    rows = []
    sources = plan.finance.source_ids
    sums = [0.0] * len(sources)
    gaps: list[float] = []
    for line in lines:
        cover = [line.coverage_meur.get(s) for s in sources]
        for i, v in enumerate(cover):
            sums[i] += v or 0.0
        covered = _sum(cover)
        total = line_total(line)
        gap = None if total is None or any(v is None for v in cover) else total - covered
        if gap is not None:
            gaps.append(gap)
        rows.append([name_of(line), *[num(v) for v in cover], num(covered), num(total), num(gap)])
    grand_total = _sum([line_total(line) for line in lines])
    rows.append(
        [
            _("Total (known amounts)"),
            *[num(v) for v in sums],
            num(sum(sums)),
            num(grand_total),
            num(sum(gaps)),  # the lines whose total and coverage are known
        ]
    )
    return table(caption, columns, rows, slug=slug, download_view=download_view)


def figure6_table(plan: Plan, download_view: str | None) -> Table:
    """Figure 6: jobs per pillar for the base year and each growth dimension."""
    emp = plan.employment
    pillars = plan.taxonomy.pillars
    columns = [_("Growth dimension"), *[name_of(p) for p in pillars], _("Total")]
    rows: list[list[Any]] = [
        [
            _("Jobs %(year)s") % {"year": emp.base_year},
            *[emp.base[p.id] for p in pillars],
            sum(emp.base.values()),
        ]
    ]
    for scenario in emp.scenarios.values():
        rows.append(
            [
                f"{name_of(scenario)} {emp.target_year}",
                *[scenario.jobs[p.id] for p in pillars],
                sum(scenario.jobs.values()),
            ]
        )
    return table(
        _("Figure 6. Jobs per pillar and growth dimension (approximate, as printed)"),
        columns,
        rows,
        slug="figure-6",
        download_view=download_view,
    )


def figure6_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Figure 6 as a grouped bar chart (pillars on the axis, one bar per dimension)."""
    tab = figure6_table(plan, download_view)
    categories, series = series_from_table(tab, columns=slice(0, -1))
    return chart(
        "figure-6",
        _("Jobs per pillar and growth dimension"),
        bar_spec(categories, series, unit=_("jobs")),
        tab,
    )


def table1(plan: Plan, download_view: str | None) -> Table:
    """Table 1: project costs per year (M EUR)."""
    fin = plan.finance
    return cost_table(
        _("Table 1. Project costs per year (M EUR; '?' is unknown and not counted)"),
        list(fin.projects),
        list(fin.cost_years),
        download_view,
        "table-1-costs",
    )


def table1_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Table 1 as stacked bars: costs per year by project."""
    tab = table1(plan, download_view)
    categories, series = series_from_table(tab, skip_last_row=True, columns=slice(0, -1))
    return chart(
        "table-1-costs",
        _("Project costs per year by project"),
        bar_spec(categories, series, stacked=True, unit="M EUR"),
        tab,
    )


def coverage1(plan: Plan, download_view: str | None) -> Table:
    """Table 1's coverage by source."""
    return coverage_table(
        _("Table 1. Coverage by source per project (M EUR)"),
        list(plan.finance.projects),
        download_view,
        "table-1-coverage",
        plan,
    )


def coverage1_chart(plan: Plan, download_view: str | None) -> dict[str, Any]:
    """Coverage by source per project as stacked horizontal bars."""
    tab = coverage1(plan, download_view)
    rows = tab["rows"][:-1]
    labels = source_labels(plan)
    series = {
        label: [c if isinstance(c, int | float) else None for c in [r[1 + i] for r in rows]]
        for i, label in enumerate(labels)
    }
    categories = [str(r[0]) for r in rows]
    return chart(
        "table-1-coverage",
        _("Coverage by source per project"),
        bar_spec(categories, series, stacked=True, unit="M EUR", horizontal=True),
        tab,
    )


def table2(plan: Plan, download_view: str | None) -> Table:
    """Table 2: organisation costs per year (M EUR)."""
    fin = plan.finance
    return cost_table(
        _("Table 2. Organisation costs per year (M EUR)"),
        list(fin.organisation),
        list(fin.cost_years),
        download_view,
        "table-2-costs",
    )


def coverage2(plan: Plan, download_view: str | None) -> Table:
    """Table 2's coverage by source."""
    return coverage_table(
        _("Table 2. Coverage by source (M EUR)"),
        list(plan.finance.organisation),
        download_view,
        "table-2-coverage",
        plan,
    )
