"""The financing agenda and re-phasing results as JSON-able data and as tables.

The finance command's text, CSV and XLSX and the web's finance pages show the same
:class:`~clusterplan.report.table.Table` objects (cash needs, cost lines, unknowns, the
funding status, the commitments by status, the what-if result), so every figure reads the
same in each.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from clusterplan.errors import Coded, localise
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.labels import label as words
from clusterplan.model.finance import CashNeeds, FundingStatus, Unknown
from clusterplan.model.jobs_effect import JobsEffect
from clusterplan.model.phasing import PhasingProblem, PhasingResult
from clusterplan.plan.schema import COMMITMENT_STATUSES, Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import (
    YEAR,
    format_number,
    format_value,
    json_number,
    unit_decimals,
)
from clusterplan.report.table import Cell as TableCell
from clusterplan.report.table import (
    Column,
    Row,
    Table,
    catalogued,
    columns,
    comparison_row,
    difference,
    figure,
    label,
    render_text,
    total,
    totals_row,
    year_column,
)
from clusterplan.report.tables import (
    JOBS,
    MONEY,
    YEARS,
    cash_needs_table,
    cell_notes,
    cost_line_names,
    dimension_name,
    engine_figures,
    organisation_table,
    projects_table,
    source_name,
)


def _source(plan: Plan, source: str) -> str:
    """The plan's name of a funding source in the run's language."""
    return source_name(plan, source, current_language())


def _named(reason: object, names: Mapping[str, Mapping[str, str]], lang: str) -> str:
    """A coded reason in ``lang`` with the ids it names by their names: each parameter in
    ``names`` (``line``, ``source``, ...) looked up in its mapping, in the reasons it holds
    too (the JSON keeps the ids)."""
    return localise(_with_names(reason, names), lang)


def _with_names(value: Any, names: Mapping[str, Mapping[str, str]]) -> Any:
    """``value`` with every id a parameter of ``names`` holds replaced by its name."""
    if isinstance(value, Coded):
        params = {
            key: names[key].get(v, v)
            if key in names and isinstance(v, str)
            else _with_names(v, names)
            for key, v in value.params.items()
        }
        return Coded(value.code, params)
    if isinstance(value, list | tuple):
        return [_with_names(v, names) for v in value]
    return value


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


def finance_data(
    plan: Plan, needs: CashNeeds, lang: str, status: FundingStatus | None = None
) -> dict[str, Any]:
    """The cash needs (and the funding status) as one JSON-able object.

    Amounts are known M EUR; every figure that an unknown belongs to is listed under
    the matching ``*_incomplete_years`` key, and ``unknown`` lists each unknown with its
    ids and its ``text`` in ``lang`` (:func:`unknown_texts`).
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
            str(y): json_number(f, 6) for y, f in zip(years, fraction, strict=True)
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
                "text": text,
            }
            for u, text in zip(needs.unknown, unknown_texts(plan, needs, lang), strict=True)
        ],
        "grand_total_meur": _num(needs.total_meur("all")),
        "grand_total_unknown_count": len(needs.unknown),
        "grand_total_is_lower_bound": bool(needs.unknown),
        "overflow_meur": {
            line: _num(v) for line, v in zip(lines, needs.overflow_meur, strict=True) if v
        },
        "advanced_meur": {
            line: _num(v) for line, v in zip(lines, needs.advanced_meur, strict=True) if _num(v)
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


EMPTY = "—"
"""A text cell with nothing to say (a cost line without unknown years)."""


def _year_columns(years: Sequence[int], lang: str) -> tuple[Column, ...]:
    return (
        *[year_column(y, MONEY) for y in years],
        Column("total", msg("table.col.total", lang), "total", MONEY),
    )


def _money_table(
    key: str,
    kind: str,
    lang: str,
    heads: Sequence[Column],
    rows: list[Row],
    title: str | None = None,
) -> Table:
    """A table of M EUR figures named and titled by the catalogue's ``table.<kind>.*``
    (``title`` instead of its title where given): ``rows`` and their totals row by the one
    rule, with the notes its cells call for."""
    rows = [*rows, totals_row(rows, lang, MONEY)]
    notes = cell_notes(rows, heads, lang)
    texts = f"table.{kind}"
    return catalogued(key, lang, heads, rows, texts=texts, title=title, unit=MONEY, notes=notes)


def _line_cost(value: float, unknown: bool) -> TableCell:
    """A cost line's cost in one year as the engine has it: unknown where the plan says '?'
    and nothing known is spent, else the known amount ('+?' when an unknown belongs in it)."""
    if unknown and _num(value) == 0:
        return TableCell(unit=MONEY, computed=True)
    return engine_figures([value], [unknown])[0]


def cost_lines_table(plan: Plan, needs: CashNeeds, lang: str, *, changed: bool = False) -> Table:
    """Cost per cost line (projects, then the organisation's lines) and year as the finance
    engine has it (with the what-if changes when ``changed``), the line totals and a totals
    row by the one totals rule."""
    names = cost_line_names(plan, lang)
    columns = (
        Column("label", msg("table.col.cost_line", lang), "label"),
        *_year_columns(needs.years, lang),
    )
    rows: list[Row] = []
    for i, line in enumerate(needs.line_ids):
        flags = needs.cost_unknown[i]
        costs = [_line_cost(v, bool(m)) for v, m in zip(needs.cost_meur[i], flags, strict=True)]
        rows.append(Row(line, (label(names.get(line, line)), *costs, total(costs, MONEY))))
    title = msg("table.cost_lines.title" + (".changed" if changed else ""), lang)
    return _money_table("cost-lines", "cost_lines", lang, columns, rows, title=title)


def unknown_lines(plan: Plan, needs: CashNeeds, lang: str) -> dict[str, str]:
    """Each cost line with an unknown, named as the unknowns table names it: the plan's
    table and the line's name (``<table>: <line>``), in ``lang``."""
    names = cost_line_names(plan, lang)
    tables = {"projects": projects_table(plan, lang).name}
    organisation = organisation_table(plan, lang)
    if organisation is not None:
        tables["organisation"] = organisation.name
    return {u.line: f"{tables[u.table]}: {names.get(u.line, u.line)}" for u in needs.unknown}


def unknown_texts(plan: Plan, needs: CashNeeds, lang: str) -> list[str]:
    """Each unknown of ``needs`` in one line in ``lang``, its cost line and source by their
    names as the unknowns table gives them (the JSON's ``unknown[].text``; its other keys
    keep the ids)."""
    sources = {s: source_name(plan, s, lang) for s in plan.finance.source_ids}
    names = {"line": unknown_lines(plan, needs, lang), "source": sources}
    return [_named(u.describe(), names, lang) for u in needs.unknown]


def unknowns_table(plan: Plan, needs: CashNeeds, lang: str) -> Table:
    """What the plan leaves unknown ('?'), one row per cost line: the years whose cost, the
    sources whose coverage and whether the printed total is unknown (the engine's list: a
    line without a printed total whose costs are all known has a known total)."""
    lines = unknown_lines(plan, needs, lang)
    by_line: dict[str, list[Unknown]] = {}
    for unknown in needs.unknown:
        by_line.setdefault(unknown.line, []).append(unknown)
    rows: list[Row] = []
    for line, items in by_line.items():
        years = [str(u.year) for u in items if u.kind == "cost"]
        sources = [source_name(plan, u.source, lang) for u in items if u.source is not None]
        printed = "unknown" if any(u.kind == "total" for u in items) else "known"
        cells = (lines[line], ", ".join(years) or EMPTY, ", ".join(sources) or EMPTY)
        rows.append(
            Row(line, (*map(label, cells), label(msg(f"table.printed_total.{printed}", lang))))
        )
    keys = ("cost_line", "unknown_years", "unknown_sources", "printed_total")
    return catalogued(
        "unknowns", lang, keys, rows, texts="table.unknowns", headings="table.col", words=keys
    )


def _funding_cells(status: FundingStatus, s: int) -> tuple[TableCell, TableCell, TableCell]:
    """What the plan needs of source ``s`` (its coverage over all years, '+?' where an
    unknown belongs in it), what is secured of it and what is in the pipeline (over all
    years and commitments without a year)."""
    unknown = bool(status.needed_incomplete[s].any())
    needed = engine_figures([status.needed_total_meur[s]], [unknown])[0]
    secured, pipeline = engine_figures(
        [
            status.secured_meur[s].sum() + status.secured_unscheduled_meur[s],
            status.pipeline_meur[s].sum() + status.pipeline_unscheduled_meur[s],
        ],
        [False, False],
    )
    return needed, secured, pipeline


def _source_column(lang: str) -> Column:
    return Column("label", msg("table.col.source", lang), "label")


def funding_table(plan: Plan, status: FundingStatus, lang: str) -> Table:
    """Per funding source: the coverage the plan needs of it, what is secured (granted and
    paid) and in the pipeline (planned and applied), over all years and commitments
    without a year, and the gap (needed minus secured); a totals row by the one rule."""
    rows: list[Row] = []
    for s, source in enumerate(status.sources):
        needed, secured, pipeline = _funding_cells(status, s)
        cells = (needed, secured, pipeline, difference(needed, secured, MONEY))
        rows.append(Row(f"source:{source}", (label(source_name(plan, source, lang)), *cells)))
    figures = columns(
        ("needed", "secured", "pipeline", "gap"),
        lambda key: msg(f"table.col.{key}", lang),
        unit=MONEY,
    )
    return _money_table("funding-status", "funding", lang, (_source_column(lang), *figures), rows)


def commitments_table(plan: Plan, status: FundingStatus, lang: str) -> Table:
    """Per funding source: the plan's commitments added up by status (every status of the
    schema, over all years), the coverage the plan needs of the source and the gap as in
    :func:`funding_table`; a totals row by the one rule."""
    committed: dict[tuple[str, str], float] = {}
    for c in plan.finance.commitments:
        committed[(c.source, c.status)] = committed.get((c.source, c.status), 0.0) + c.amount_meur
    rows: list[Row] = []
    for s, source in enumerate(status.sources):
        needed, secured, _pipeline = _funding_cells(status, s)
        amounts = [committed.get((source, st), 0.0) for st in COMMITMENT_STATUSES]
        cells = (
            *engine_figures(amounts, [False] * len(amounts)),
            needed,
            difference(needed, secured, MONEY),
        )
        rows.append(Row(f"source:{source}", (label(source_name(plan, source, lang)), *cells)))
    by_status = columns(
        COMMITMENT_STATUSES, lambda st: words("commitment.status", st, lang), unit=MONEY
    )
    figures = columns(("needed", "gap"), lambda key: msg(f"table.col.{key}", lang), unit=MONEY)
    heads = (_source_column(lang), *by_status, *figures)
    return _money_table("commitments-by-status", "commitments", lang, heads, rows)


def printed_totals_table(plan: Plan, lang: str) -> Table:
    """The plan's printed totals against the totals its current rows add up to (each cost
    table's totals row by the one totals rule): per table and year (and the overall total)
    that the plan prints, the printed figure, the current one ('+?' where an unknown amount
    belongs in it) and the difference, all three in M EUR with the unit's decimals."""
    rows: list[Row] = []
    for model in (projects_table(plan, lang), organisation_table(plan, lang)):
        if model is None or model.totals is None:
            continue
        for column, cell in zip(model.columns[1:], model.totals.cells[1:], strict=True):
            if cell.printed is None or column.group not in ("year", "total"):
                continue
            printed = figure(cell.printed, MONEY)
            current = TableCell(
                value=cell.value, unit=MONEY, includes_unknown=cell.includes_unknown, computed=True
            )
            name = label(
                msg("table.printed_totals.where", lang, table=model.name, column=column.heading)
            )
            rows.append(
                Row(
                    f"{model.key}:{column.key}",
                    (name, printed, current, difference(current, printed, MONEY)),
                )
            )
    keys = ("where", "printed", "current", "difference")
    return catalogued(
        "printed-vs-current",
        lang,
        keys,
        rows,
        texts="table.printed_totals",
        headings="table.col",
        words=("where",),
        unit=MONEY,
    )


def _comparison_columns(lang: str, unit: str) -> tuple[Column, ...]:
    """Year | plan | with the changes | difference, the figures in ``unit``."""
    keys = ("year", "plan", "changed", "difference")
    heads = {"year": "col.year", "plan": "col.plan"}
    return columns(
        keys,
        lambda key: msg(heads.get(key, f"table.col.{key}"), lang),
        words=("year",),
        unit=unit,
    )


def whatif_cost_table(plan: Plan, base: CashNeeds, changed: CashNeeds, lang: str) -> Table:
    """The known cost per year of the plan (``base``) and with the what-if changes
    (``changed``), and the difference, '+?' where an unknown amount belongs in a year; a
    year outside the plan's years costs nothing in the plan. A totals row by the one rule."""

    def per_year(needs: CashNeeds) -> dict[int, TableCell]:
        cells = engine_figures(needs.year_totals(), needs.year_incomplete())
        return dict(zip(needs.years, cells, strict=True))

    before, after = per_year(base), per_year(changed)
    nothing = engine_figures([0.0], [False])[0]
    rows = [
        comparison_row(y, before.get(y, nothing), after.get(y, nothing), MONEY)
        for y in sorted(set(before) | set(after))
    ]
    table = _money_table("whatif-cost", "whatif_cost", lang, _comparison_columns(lang, MONEY), rows)
    names = cost_line_names(plan, lang)
    advanced = [
        msg(
            "table.whatif_cost.advanced",
            lang,
            line=names.get(line, line),
            amount=format_number(float(amount), lang, unit_decimals(MONEY)),
            year=changed.years[0],
        )
        for line, amount in zip(changed.line_ids, changed.advanced_meur, strict=True)
        if _num(amount)
    ]
    return replace(table, notes=(*table.notes, *advanced)) if advanced else table


def whatif_jobs_table(plan: Plan, effect: JobsEffect, lang: str) -> Table:
    """Jobs per year (the growth model, one dimension) in the plan and with the what-if
    changes, and the difference; a note names the changed lines the growth model lacks."""
    rows = [
        comparison_row(
            year,
            figure(_num(before), JOBS, printed=False),
            figure(_num(after), JOBS, printed=False),
            JOBS,
        )
        for year, before, after in zip(effect.years, effect.before, effect.after, strict=True)
    ]
    names = cost_line_names(plan, lang)
    notes = []
    if effect.ignored:
        ignored = ", ".join(names.get(line, line) for line in effect.ignored)
        notes.append(msg("table.whatif_jobs.ignored", lang, lines=ignored))
    return catalogued(
        "whatif-jobs",
        lang,
        _comparison_columns(lang, JOBS),
        rows,
        texts="table.whatif_jobs",
        unit=JOBS,
        notes=notes,
        dimension=dimension_name(plan, effect.dimension, lang),
    )


def whatif_tables(
    plan: Plan, base: CashNeeds, changed: CashNeeds, effect: JobsEffect, lang: str
) -> list[Table]:
    """The what-if result: cost per year and jobs per year, the plan against the changes."""
    return [whatif_cost_table(plan, base, changed, lang), whatif_jobs_table(plan, effect, lang)]


def finance_tables(
    plan: Plan,
    needs: CashNeeds,
    status: FundingStatus,
    lang: str,
    *,
    base: CashNeeds | None = None,
    effect: JobsEffect | None = None,
) -> list[Table]:
    """The tables of ``clusterplan finance``: cash needs per source (all lines, projects),
    cost per line, what is unknown, the printed totals against the current ones, the
    funding status and the commitments by status, and with what-if changes (``base``
    the plan's needs without them, ``effect`` their jobs) the what-if result."""
    out = [
        cash_needs_table(plan, needs, lang, "all"),
        cash_needs_table(plan, needs, lang, "projects"),
        cost_lines_table(plan, needs, lang, changed=effect is not None),
        unknowns_table(plan, needs, lang),
        printed_totals_table(plan, lang),
        funding_table(plan, status, lang),
        commitments_table(plan, status, lang),
    ]
    if base is not None and effect is not None:
        out += whatif_tables(plan, base, needs, effect, lang)
    return out


def _jobs_before_after(result: PhasingResult) -> tuple[float | None, float | None]:
    """The jobs in the goal year before and after re-phasing (None: not computed)."""
    baseline = result.jobs_goal_year_baseline
    before = None if baseline is None else _num(baseline)
    after = None if math.isnan(result.jobs_goal_year) else _num(result.jobs_goal_year)
    return before, after


def phasing_data(
    plan: Plan, problem: PhasingProblem, result: PhasingResult, lang: str
) -> dict[str, Any]:
    """A re-phasing result as one JSON-able object; its ``message`` and ``notes`` in
    ``lang``, in the words of the re-phasing page and ``clusterplan phase``
    (:func:`phasing_message`, :func:`phasing_notes`); the other keys hold the ids."""
    years = problem.years
    before, after = _jobs_before_after(result)
    return {
        "status": result.status,
        "feasible": result.feasible,
        "message": phasing_message(plan, result, lang),
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
        "jobs_goal_year_before": before,
        "jobs_goal_year_after": after,
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
        "notes": phasing_notes(plan, result, lang),
    }


def phasing_choice_table(
    plan: Plan, problem: PhasingProblem, result: PhasingResult, lang: str
) -> Table:
    """The chosen phasing per project: its start year, the shift and the stretch (years)
    and the jobs it brings in the goal year."""
    names = cost_line_names(plan, lang)
    rows = [
        Row(
            pid,
            (
                label(names.get(pid, pid)),
                figure(option.start_year, YEAR, printed=False),
                figure(option.shift_years, YEARS, printed=False),
                figure(option.stretch_years, YEARS, printed=False),
                figure(_num(option.jobs), JOBS, printed=False),
            ),
        )
        for pid in problem.project_ids
        if (option := result.choice.get(pid)) is not None
    ]
    keys = ("project", "start_year", "shift", "stretch", "jobs_goal_year")
    return catalogued(
        "phasing-choice",
        lang,
        keys,
        rows,
        texts="table.phasing_choice",
        words=("project",),
        units={"start_year": YEAR, "shift": YEARS, "stretch": YEARS, "jobs_goal_year": JOBS},
        year=problem.goal_year,
    )


def phasing_need_table(
    plan: Plan, problem: PhasingProblem, result: PhasingResult, lang: str
) -> Table:
    """The yearly need per funding source after re-phasing (M EUR), each capped source
    named with its cap."""
    rows = []
    for s, source in enumerate(problem.sources):
        cap = problem.caps_meur.get(source)
        name = source_name(plan, source, lang)
        if cap is not None:
            name = msg(
                "table.phasing_need.capped", lang, source=name, cap=format_value(cap, MONEY, lang)
            )
        cells = [figure(_num(v), MONEY, printed=False) for v in result.need_meur[s]]
        rows.append(Row(source, (label(name), *cells)))
    years = [year_column(y, MONEY) for y in problem.years]
    return catalogued(
        "phasing-need",
        lang,
        ("source", *years),
        rows,
        texts="table.phasing_need",
        headings="table.col",
        words=("source",),
        unit=MONEY,
    )


def phasing_tables(
    plan: Plan, problem: PhasingProblem, result: PhasingResult, lang: str
) -> list[Table]:
    """A re-phasing result's tables: the chosen phasing per project and the need per
    source and year."""
    return [
        phasing_choice_table(plan, problem, result, lang),
        phasing_need_table(plan, problem, result, lang),
    ]


def phasing_message(plan: Plan, result: PhasingResult, lang: str) -> str:
    """What the optimiser found, in ``lang``, naming projects and sources by their names
    (the page, the command line's text and the JSON's ``message``)."""
    projects = cost_line_names(plan, lang)
    sources = {s: source_name(plan, s, lang) for s in plan.finance.source_ids}
    names = {"id": projects, "before": projects, "after": projects, "source": sources}
    return _named(result.message, names, lang)


def relaxation_texts(plan: Plan, result: PhasingResult, lang: str) -> list[str]:
    """Each cap that must rise for the caps to be met (the optimiser's smallest relaxation),
    in ``lang`` with the source's name; none when the caps hold."""
    names = {"source": {s: source_name(plan, s, lang) for s in plan.finance.source_ids}}
    return [_named(r.reason, names, lang) for r in result.relaxations]


def phasing_jobs(problem: PhasingProblem, result: PhasingResult, lang: str) -> str:
    """The jobs in the goal year before and after re-phasing and the total delay, in
    ``lang`` ('?' for a figure the optimiser could not compute)."""
    shown = [format_value(v, JOBS, lang) for v in _jobs_before_after(result)]
    return _(
        "Jobs in {year}: before {before}, after {after}; total delay {delay} years", lang
    ).format(
        year=problem.goal_year,
        before=shown[0],
        after=shown[1],
        delay=result.total_delay_years,
    )


def order_conflicts(plan: Plan, result: PhasingResult, lang: str) -> list[str]:
    """Each order between projects the optimiser could not keep, in ``lang``."""
    names = cost_line_names(plan, lang)
    return [
        _("order not feasible: {after} starts >= {before} + {lag} years", lang).format(
            after=names.get(p.after, p.after),
            before=names.get(p.before, p.before),
            lag=p.min_lag_years,
        )
        for p in result.precedence_conflicts
    ]


def phasing_notes(plan: Plan, result: PhasingResult, lang: str) -> list[str]:
    """The optimiser's notes in ``lang`` with the projects' names: costs it left out of the
    caps, projects it did not re-phase, an order it skipped."""
    names = cost_line_names(plan, lang)
    named = {"id": names, "before": names, "after": names}
    return [_named(n, named, lang) for n in result.notes]


def render_phasing(plan: Plan, problem: PhasingProblem, result: PhasingResult) -> str:
    """A re-phasing result as readable text: what the optimiser found (with the caps that
    must rise), the jobs in the goal year before and after, the order it could not keep,
    its notes, then its tables (:func:`phasing_tables`)."""
    lang = current_language()
    out = [_("Re-phasing: {message}").format(message=phasing_message(plan, result, lang))]
    out.append(phasing_jobs(problem, result, lang))
    out += ["  " + conflict for conflict in order_conflicts(plan, result, lang)]
    out += [
        "  " + _("note: {note}").format(note=note) for note in phasing_notes(plan, result, lang)
    ]
    tables = [render_text(t) for t in phasing_tables(plan, problem, result, lang)]
    return "\n".join(out) + "\n\n" + "\n\n".join(tables) + "\n"


def render_finance(tables: Sequence[Table]) -> str:
    """The finance tables as readable text, numbers in the tables' language."""
    return "\n\n".join(render_text(t) for t in tables) + "\n"


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
