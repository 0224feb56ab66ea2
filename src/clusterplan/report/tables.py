"""Tables 1 and 2 and Figure 6 of the plan, as data and as aligned text.

``tables_data`` gives one JSON-able object; ``table_grids`` gives the same content as
rows (one grid per table) for text, CSV and XLSX output.
"""

from __future__ import annotations

from typing import Any

from clusterplan.plan.schema import SOURCES, CostLine, Plan, TableTotals

Cell = str | int | float | None
Grid = list[list[Cell]]


def _cost_line(line: CostLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "name": line.name_nl,
        "name_en": line.name_en,
        "costs_meur": {str(y): v for y, v in sorted(line.costs_meur.items())},
        "total_meur": line.printed_total_meur,
        "has_unknown_costs": any(v is None for v in line.costs_meur.values()),
        "coverage_meur": line.coverage_meur.as_dict(),
        "source": line.source,
    }


def _totals(totals: TableTotals | None) -> dict[str, Any] | None:
    if totals is None:
        return None
    return {
        "costs_meur": {str(y): v for y, v in sorted(totals.costs_meur.items())},
        "total_meur": totals.total_meur,
        "coverage_meur": totals.coverage_meur.as_dict(),
    }


def tables_data(plan: Plan) -> dict[str, Any]:
    """Table 1, Table 2 and Figure 6 as one JSON-able object (figures as printed)."""
    fin = plan.finance
    emp = plan.employment
    pillars = plan.pillar_ids
    return {
        "plan": plan.meta.id,
        "units": {"money": "M EUR", "jobs": "jobs (approximate, '~' in the plan)"},
        "years": list(fin.cost_years),
        "projects": [_cost_line(p) for p in fin.projects],
        "project_totals_meur": _year_totals(fin.projects_printed_totals),
        "project_totals": _totals(fin.projects_printed_totals),
        "organisation": [_cost_line(o) for o in fin.organisation],
        "organisation_totals_meur": _year_totals(fin.organisation_printed_totals),
        "organisation_totals": _totals(fin.organisation_printed_totals),
        "employment": {
            "pillars": pillars,
            "pillar_names": {p.id: p.name_nl for p in plan.taxonomy.pillars},
            "base_year": emp.base_year,
            "target_year": emp.target_year,
            "base": {p: emp.base[p] for p in pillars},
            "base_total_printed": emp.printed_base_total,
            "scenarios": {k: {p: s.jobs[p] for p in pillars} for k, s in emp.scenarios.items()},
            "scenario_totals_printed": {k: s.printed_total for k, s in emp.scenarios.items()},
            "scenario_totals_computed": {k: sum(s.jobs.values()) for k, s in emp.scenarios.items()},
            "revenue_growth_pct": {
                k: s.printed_revenue_growth_pct for k, s in emp.scenarios.items()
            },
            "source": emp.source,
        },
    }


def _year_totals(totals: TableTotals | None) -> dict[str, float | None] | None:
    if totals is None:
        return None
    return {str(y): v for y, v in sorted(totals.costs_meur.items())}


def _money(value: float | None) -> Cell:
    return "?" if value is None else value


def _sum_known(values: list[float | None]) -> float | None:
    """The sum, or None (unknown) when any value is unknown."""
    if any(v is None for v in values):
        return None
    return float(sum(v for v in values if v is not None))


def _computed_total_row(lines: list[CostLine], years: list[int]) -> list[Cell]:
    """A totals row computed from the lines (for a table without printed totals)."""
    row: list[Cell] = ["Totaal (berekend)"]
    row += [_money(_sum_known([line.costs_meur.get(y, 0.0) for line in lines])) for y in years]
    line_totals = [
        line.printed_total_meur
        if line.printed_total_meur is not None
        else _sum_known([line.costs_meur.get(y, 0.0) for y in years])
        for line in lines
    ]
    row.append(_money(_sum_known(line_totals)))
    row += [
        _money(_sum_known([line.coverage_meur.as_dict()[s] for line in lines])) for s in SOURCES
    ]
    return row


def _cost_grid(
    title: str, lines: list[CostLine], totals: TableTotals | None, years: list[int]
) -> Grid:
    header: list[Cell] = [
        title,
        *[str(y) for y in years],
        "Totaal",
        "Privaat",
        "Subsidies",
        "Nationaal",
        "Regionaal",
    ]
    grid: Grid = [header]
    for line in lines:
        row: list[Cell] = [line.name_nl]
        row += [_money(line.costs_meur.get(y)) for y in years]
        row.append(_money(line.printed_total_meur))
        row += [_money(getattr(line.coverage_meur, s)) for s in SOURCES]
        grid.append(row)
    if totals is None:
        grid.append(_computed_total_row(lines, years))
        return grid
    total_row: list[Cell] = ["Totaal"]
    total_row += [_money(totals.costs_meur.get(y)) for y in years]
    total_row.append(_money(totals.total_meur))
    total_row += [_money(getattr(totals.coverage_meur, s)) for s in SOURCES]
    grid.append(total_row)
    return grid


def table_grids(plan: Plan) -> dict[str, Grid]:
    """Each table as a grid of rows: 'Tabel 1', 'Tabel 2', 'Figuur 6'."""
    fin = plan.finance
    emp = plan.employment
    years = list(fin.cost_years)
    fig: Grid = [
        [
            "Groeidimensie",
            *[p.name_nl for p in plan.taxonomy.pillars],
            "Totaal (som)",
            "Totaal (gedrukt)",
            "Omzetgroei %",
        ]
    ]
    base_row: list[Cell] = [f"Werknemers {emp.base_year}", *[emp.base[p] for p in plan.pillar_ids]]
    base_row += [sum(emp.base.values()), emp.printed_base_total, None]
    fig.append(base_row)
    for scenario in emp.scenarios.values():
        row: list[Cell] = [
            f"{scenario.name_nl} {emp.target_year}",
            *[scenario.jobs[p] for p in plan.pillar_ids],
        ]
        row += [
            sum(scenario.jobs.values()),
            scenario.printed_total,
            scenario.printed_revenue_growth_pct,
        ]
        fig.append(row)
    return {
        "Tabel 1": _cost_grid(
            "Project (M EUR)", list(fin.projects), fin.projects_printed_totals, years
        ),
        "Tabel 2": _cost_grid(
            "Onderdeel (M EUR)", list(fin.organisation), fin.organisation_printed_totals, years
        ),
        "Figuur 6": fig,
    }


def _show(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:,.1f}" if cell % 1 else f"{cell:,.0f}"
    if isinstance(cell, int):
        return f"{cell:,}"
    return str(cell)


def render_grid(title: str, grid: Grid) -> str:
    """Align a grid for a terminal: first column left, the rest right."""
    shown = [[_show(c) for c in row] for row in grid]
    widths = [max(len(row[i]) for row in shown) for i in range(len(shown[0]))]
    lines = [title, "=" * len(title)]
    for index, row in enumerate(shown):
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0 or index == len(shown) - 2 and title.startswith("Tabel"):
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_text(plan: Plan) -> str:
    """All three tables as aligned text."""
    titles = {
        "Tabel 1": "Tabel 1. Indicatieve projectfinancieringstabel (M EUR)",
        "Tabel 2": "Tabel 2. Indicatieve organisatiefinancieringstabel (M EUR)",
        "Figuur 6": "Figuur 6. Werknemers per pijler en groeidimensie (~, afgerond)",
    }
    grids = table_grids(plan)
    return "\n\n".join(render_grid(titles[name], grid) for name, grid in grids.items()) + "\n"
