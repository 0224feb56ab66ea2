"""The financing agenda and re-phasing results as JSON-able data and as grids of cells."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from clusterplan.errors import Coded, localise
from clusterplan.i18n import current_language
from clusterplan.i18n import format_value as format_plain
from clusterplan.i18n import gettext as _
from clusterplan.model.finance import CashNeeds, FundingStatus
from clusterplan.model.jobs_effect import JobsEffect
from clusterplan.model.phasing import PhasingProblem, PhasingResult
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import format_number, format_value
from clusterplan.report.table import export_grid
from clusterplan.report.tables import (
    cash_needs_table,
    cost_line_names,
    funding_sources,
    source_name,
)

Cell = str | int | float | None
Grid = list[list[Cell]]


def _source(plan: Plan, source: str) -> str:
    """The plan's name of a funding source in the run's language."""
    return source_name(plan, source, current_language())


def _named(reason: str, names: Mapping[str, Mapping[str, str]]) -> str:
    """A coded reason in the run's language with the ids it names by their names: each
    parameter in ``names`` (``line``, ``source``, ...) looked up in its mapping (the JSON
    keeps the ids)."""
    if not isinstance(reason, Coded):
        return localise(reason)
    params = {
        key: names[key].get(value, value) if key in names and isinstance(value, str) else value
        for key, value in reason.params.items()
    }
    return localise(Coded(reason.code, params))


def _num(value: float) -> float:
    """A float fit for JSON and tables: rounded off float noise below 1e-9 M EUR."""
    rounded = round(float(value), 9)
    return 0.0 if rounded == 0 else rounded


def _by_year(years: Sequence[int], values: Any) -> dict[str, float]:
    return {str(y): _num(v) for y, v in zip(years, values, strict=True)}


def _incomplete(years: Sequence[int], mask: Any) -> list[int]:
    return [y for y, m in zip(years, mask, strict=True) if m]


def _part(needs: CashNeeds, part: str) -> dict[str, Any]:
    years = needs.years
    by_source = needs.by_source(part)
    incomplete = needs.by_source_incomplete(part)
    return {
        "by_source": {s: _by_year(years, by_source[i]) for i, s in enumerate(needs.sources)},
        "by_source_incomplete_years": {
            s: _incomplete(years, incomplete[i]) for i, s in enumerate(needs.sources)
        },
        "year_totals": _by_year(years, needs.year_totals(part)),
        "year_totals_incomplete_years": _incomplete(years, needs.year_incomplete(part)),
        "total_meur": _num(needs.total_meur(part)),
        "unknown_count": len(needs.unknown_in(part)),
    }


def finance_data(needs: CashNeeds, status: FundingStatus | None = None) -> dict[str, Any]:
    """The cash needs (and the funding status) as one JSON-able object.

    Amounts are known M EUR; every figure that an unknown belongs to is listed under
    the matching ``*_incomplete_years`` key, and ``unknown`` lists each unknown.
    """
    years = needs.years
    all_part = _part(needs, "all")
    lines = needs.line_ids
    coverage = {
        line: {s: _by_year(years, needs.coverage_meur[i, j]) for j, s in enumerate(needs.sources)}
        for i, line in enumerate(lines)
    }
    cost_unknown = {
        line: _incomplete(years, needs.cost_unknown[i])
        for i, line in enumerate(lines)
        if needs.cost_unknown[i].any()
    }
    fraction = needs.public_fraction("all")
    data: dict[str, Any] = {
        "units": "M EUR",
        "years": list(years),
        "sources": list(needs.sources),
        "public_sources": list(needs.public_sources),
        "by_source": all_part["by_source"],
        "by_source_incomplete_years": all_part["by_source_incomplete_years"],
        "by_project": {
            pid: _by_year(years, needs.cost_meur[i]) for i, pid in enumerate(needs.project_ids)
        },
        "by_organisation_line": {
            oid: _by_year(years, needs.cost_meur[needs.n_projects + i])
            for i, oid in enumerate(needs.organisation_ids)
        },
        "cost_unknown_years": cost_unknown,
        "coverage_by_line": coverage,
        "uncovered_by_line": {
            line: _by_year(years, needs.uncovered_meur[i])
            for i, line in enumerate(lines)
            if needs.uncovered_meur[i].any()
        },
        "unscheduled_coverage_by_line": {
            line: {
                s: _num(v) for s, v in zip(needs.sources, needs.unscheduled_meur[i], strict=True)
            }
            for i, line in enumerate(lines)
            if needs.unscheduled_meur[i].any()
        },
        "year_totals": all_part["year_totals"],
        "year_totals_incomplete_years": all_part["year_totals_incomplete_years"],
        "public_share": _by_year(years, needs.public_meur("all")),
        "public_fraction": {
            str(y): (None if math.isnan(f) else round(float(f), 6))
            for y, f in zip(years, fraction, strict=True)
        },
        "cumulative": {
            "cost": _by_year(years, needs.cumulative_cost_meur("all")),
            "by_source": {
                s: _by_year(years, row)
                for s, row in zip(
                    needs.sources, needs.cumulative_by_source_meur("all"), strict=True
                )
            },
        },
        "projects": _part(needs, "projects"),
        "organisation": _part(needs, "organisation"),
        "unknown": [
            {
                "line": u.line,
                "table": u.table,
                "kind": u.kind,
                "year": u.year,
                "source": u.source,
                "text": u.describe(),
            }
            for u in needs.unknown
        ],
        "grand_total_meur": _num(needs.total_meur("all")),
        "grand_total_unknown_count": len(needs.unknown),
        "grand_total_is_lower_bound": bool(needs.unknown),
        "overflow_meur": {
            line: _num(v) for line, v in zip(lines, needs.overflow_meur, strict=True) if v
        },
    }
    if status is not None:
        data["funding"] = funding_data(status)
    return data


def funding_data(status: FundingStatus) -> dict[str, Any]:
    """Secured against needed per source and year, and the gap, as JSON-able data."""
    years = status.years

    def table(values: Any) -> dict[str, dict[str, float]]:
        return {s: _by_year(years, values[i]) for i, s in enumerate(status.sources)}

    return {
        "needed": table(status.needed_meur),
        "needed_incomplete_years": {
            s: _incomplete(years, status.needed_incomplete[i]) for i, s in enumerate(status.sources)
        },
        "secured": table(status.secured_meur),
        "secured_without_year": {
            s: _num(v) for s, v in zip(status.sources, status.secured_unscheduled_meur, strict=True)
        },
        "pipeline": table(status.pipeline_meur),
        "pipeline_without_year": {
            s: _num(v)
            for s, v in zip(status.sources, status.pipeline_unscheduled_meur, strict=True)
        },
        "gap": table(status.gap_meur),
        "gap_total": {
            s: _num(v) for s, v in zip(status.sources, status.gap_total_meur, strict=True)
        },
        "outside_years_meur": _num(status.outside_years_meur),
    }


def _money(value: float, incomplete: bool = False) -> Cell:
    """A money cell: the number, or text ending in '+?' (the one formatter, machine-read
    notation) when an unknown amount belongs in it."""
    number = _num(value)
    if not incomplete:
        return number
    return format_value(number, "meur", "en", includes_unknown=True, grouping=False)


def finance_grids(
    plan: Plan, needs: CashNeeds, status: FundingStatus | None = None
) -> dict[str, Grid]:
    """Sheets: needs by source, costs by line, unknowns (and funding status).

    A figure that an unknown belongs to is shown as text ending in ``+?``.
    """
    years = needs.years
    head: list[Cell] = ["", *[str(y) for y in years], _("Total")]
    grids: dict[str, Grid] = {}
    for part in ("all", "projects"):
        table = cash_needs_table(plan, needs, current_language(), part)
        grids[table.name] = export_grid(table)
    lines: Grid = [[_("Cost line (M EUR)"), *head[1:]]]
    names = cost_line_names(plan, current_language())
    for i, line in enumerate(needs.line_ids):
        row = needs.cost_meur[i]
        flags = needs.cost_unknown[i]
        lines.append(
            [
                names.get(line, line),
                *[_money(v, bool(m)) for v, m in zip(row, flags, strict=True)],
                _money(float(row.sum()), bool(flags.any())),
            ]
        )
    lines.append(
        [_("Total"), *[None for _y in years], _money(needs.total_meur("all"), bool(needs.unknown))]
    )
    grids[_("Cost lines")] = lines
    unknown: Grid = [[_("Unknown ('?')")]]
    named = {"line": names, "source": dict(funding_sources(plan, current_language()))}
    unknown += [[_named(u.describe(), named)] for u in needs.unknown]
    grids[_("Unknown")] = unknown
    if status is not None:
        fund: Grid = [[_("Source / status (M EUR)"), *head[1:], _("No year")]]
        open_cells = status.needed_incomplete
        no_flags = np.zeros_like(open_cells)
        for label, values, free, flags in (
            (_("needed"), status.needed_meur, np.zeros(len(status.sources)), open_cells),
            (_("secured"), status.secured_meur, status.secured_unscheduled_meur, no_flags),
            (_("pipeline"), status.pipeline_meur, status.pipeline_unscheduled_meur, no_flags),
            (_("gap"), status.gap_meur, np.zeros(len(status.sources)), open_cells),
        ):
            for i, s in enumerate(status.sources):
                fund.append(
                    [
                        f"{_source(plan, s)} {label}",
                        *[_money(v, bool(m)) for v, m in zip(values[i], flags[i], strict=True)],
                        _money(float(values[i].sum()), bool(flags[i].any())),
                        _money(float(free[i])),
                    ]
                )
        grids[_("Coverage")] = fund
    return grids


def phasing_data(problem: PhasingProblem, result: PhasingResult) -> dict[str, Any]:
    """A re-phasing result as one JSON-able object."""
    years = problem.years
    baseline = result.jobs_goal_year_baseline
    return {
        "status": result.status,
        "feasible": result.feasible,
        "message": result.message,
        "goal_year": problem.goal_year,
        "years": list(years),
        "caps_meur": {s: _num(v) for s, v in problem.caps_meur.items()},
        "shifts": {
            pid: {
                "shift_years": o.shift_years,
                "stretch_years": o.stretch_years,
                "start_year": o.start_year,
            }
            for pid, o in result.choice.items()
        },
        "by_source": {
            s: _by_year(years, result.need_meur[i]) for i, s in enumerate(problem.sources)
        },
        "jobs_goal_year_before": None if baseline is None else _num(baseline),
        "jobs_goal_year_after": None
        if math.isnan(result.jobs_goal_year)
        else _num(result.jobs_goal_year),
        "total_delay_years": result.total_delay_years,
        "tight_caps": [{"source": s, "year": y} for s, y in result.tight_caps],
        "binding_caps": [
            {
                "source": r.source,
                "cap_meur": _num(r.cap_meur),
                "relaxation_meur": _num(r.relaxation_meur),
                "years": list(r.years),
                "peak_need_meur": _num(r.peak_need_meur),
            }
            for r in result.relaxations
        ],
        "precedence": [
            {"before": p.before, "after": p.after, "min_lag_years": p.min_lag_years}
            for p in problem.precedence
        ],
        "precedence_conflicts": [
            {"before": p.before, "after": p.after, "min_lag_years": p.min_lag_years}
            for p in result.precedence_conflicts
        ],
        "notes": list(result.notes),
    }


def render_phasing(plan: Plan, problem: PhasingProblem, result: PhasingResult) -> str:
    """A re-phasing result as readable text."""
    data = phasing_data(problem, result)
    names = cost_line_names(plan, current_language())
    out = [_("Re-phasing: {message}").format(message=localise(result.message))]
    for pid, shift in data["shifts"].items():
        moved = shift["shift_years"] or shift["stretch_years"]
        out.append(
            "  "
            + _("{id}: start {year}").format(id=names.get(pid, pid), year=shift["start_year"])
            + (
                _(" (shift {shift}, stretch +{stretch})").format(
                    shift=f"{shift['shift_years']:+d}", stretch=shift["stretch_years"]
                )
                if moved
                else _(" (unchanged)")
            )
        )
    before, after = data["jobs_goal_year_before"], data["jobs_goal_year_after"]
    lang = current_language()
    shown = ["?" if v is None else format_number(v, lang) for v in (before, after)]
    out.append(
        _("Jobs in {year}: before {before}, after {after}; total delay {delay} years").format(
            year=problem.goal_year,
            before=shown[0],
            after=shown[1],
            delay=result.total_delay_years,
        )
    )
    for r in result.relaxations:
        out.append(
            "  "
            + _(
                "cap {source} {cap} M EUR/yr must rise by at least {rise} "
                "(peak {peak}; exceeded in {years})"
            ).format(
                source=_source(plan, r.source),
                cap=format_plain(r.cap_meur, lang),
                rise=format_number(r.relaxation_meur, lang, 3),
                peak=format_number(r.peak_need_meur, lang, 3),
                years=", ".join(str(y) for y in r.years),
            )
        )
    for p in result.precedence_conflicts:
        out.append(
            "  "
            + _("order not feasible: {after} starts >= {before} + {lag} years").format(
                after=names.get(p.after, p.after),
                before=names.get(p.before, p.before),
                lag=p.min_lag_years,
            )
        )
    grid: Grid = [[_("Source (M EUR)"), *[str(y) for y in problem.years]]]
    for s in problem.sources:
        cap = problem.caps_meur.get(s)
        label = _source(plan, s) + (f" (max {format_plain(cap, lang)})" if cap is not None else "")
        grid.append([label, *data["by_source"][s].values()])
    out += [render_row(row) for row in grid]
    named = {"id": names, "before": names, "after": names}
    out += ["  " + _("note: {note}").format(note=_named(n, named)) for n in result.notes]
    return "\n".join(out) + "\n"


def render_row(row: Sequence[Cell], first_width: int = 26) -> str:
    """One row of cells, first cell left-aligned in ``first_width`` columns (at least 26),
    the others in 10."""
    first, *rest = row
    width = max(26, first_width)
    return (f"{str(first):<{width}}" + "".join(f"{_cell(c):>10}" for c in rest)).rstrip()


def _cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return format_number(cell, "en", 1, grouping=False)
    return str(cell)


def render_finance(grids: Mapping[str, Grid]) -> str:
    """The finance grids as readable text."""
    blocks = []
    for title, grid in grids.items():
        width = max((len(str(r[0])) + 2 for r in grid if r), default=0)
        rows = [render_row(r, width) for r in grid]
        blocks.append("\n".join([title, "=" * len(title), *rows]))
    return "\n\n".join(blocks) + "\n"


def jobs_effect_data(effect: JobsEffect) -> dict[str, Any]:
    """Jobs per year before and after what-if changes, as JSON-able data."""
    years = effect.years
    return {
        "dimension": effect.dimension,
        "years": list(years),
        "before": _by_year(years, effect.before),
        "after": _by_year(years, effect.after),
        "delta": _by_year(years, effect.delta),
        "delta_by_pillar": {
            p: _by_year(years, effect.delta_by_pillar[k]) for k, p in enumerate(effect.pillars)
        },
        "not_in_growth_model": list(effect.ignored),
    }


def jobs_effect_grid(effect: JobsEffect) -> Grid:
    """Jobs before, after and the difference per year (one row each)."""
    grid: Grid = [
        [_("Jobs ({dimension})").format(dimension=effect.dimension), *map(str, effect.years)]
    ]
    for label, values in (
        (_("before"), effect.before),
        (_("after"), effect.after),
        (_("difference"), effect.delta),
    ):
        grid.append([label, *[round(float(v), 1) for v in values]])
    return grid
