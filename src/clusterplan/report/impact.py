"""The impact, built once as tables (:mod:`clusterplan.report.table`): the headline figures
of the target year with where each comes from, the direct, indirect and induced jobs per
year, the figures per pillar in the target year, the funder's view (per project its public
and private money against the jobs it adds, per funding source its money and the jobs
credited to it) and the named assumptions behind the figures. The command line
(``clusterplan impact``) and the web's impact page show these same tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from clusterplan.i18n import unit_words
from clusterplan.model.growth import GrowthError, growth_assumptions
from clusterplan.model.impact import DIVISORS, HEADLINE_FIGURES, TRACE_ASSUMPTIONS, Impact
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import format_number
from clusterplan.report.table import Cell, Row, Table, catalogued, figure, label
from clusterplan.report.tables import (
    assumption_label,
    cost_line_names,
    item_label,
    item_name,
    item_rationale,
    source_name,
    taxonomy_names,
    value_names,
    value_text,
)


def unknown_coverage_note(plan: Plan, result: Impact, lang: str) -> str | None:
    """The note that public and private money are lower bounds, naming each cost line whose
    coverage the plan leaves unknown ('?') once, with its funding sources, in ``lang``; None
    when every line's coverage is known."""
    if result.money.complete:
        return None
    names = cost_line_names(plan, lang)
    by_line: dict[str, list[str]] = {}
    for pair in result.money.unknown_sources:
        line, _sep, source = pair.partition(":")
        by_line.setdefault(line, []).append(source_name(plan, source, lang))
    lines = "; ".join(
        f"{names.get(line, line)} ({', '.join(sources)})" for line, sources in by_line.items()
    )
    return msg("impact.lower_bound", lang, lines=lines)


def _t(key: str, lang: str) -> str:
    return msg(f"impact.funder.{key}", lang)


def _figure(value: float | None, digits: int) -> Cell:
    """A figure rounded to ``digits`` decimals and shown with that many, so that a column
    reads alike (310.0 under 550.7); the export keeps a whole one whole. Unknown where there
    is none (money per job of a project without jobs: the table's note says why,
    :func:`_divided_by_zero`)."""
    if value is None:
        return Cell()
    rounded = round(float(value), digits)
    return figure(int(rounded) if rounded == int(rounded) else rounded, "", decimals=digits)


def _per_job(meur: float | None) -> Cell:
    """M EUR per job in thousands of euro."""
    return _figure(None if meur is None else meur * 1000.0, 0)


def _in_unit(value: float | None, unit: str) -> Cell:
    """A headline figure in its unit: money per job in thousands of euro, euro per euro to
    two decimals, jobs and M EUR whole."""
    if value is None:  # a quotient by 0: unknown, its trace says why (unknown_reason)
        return Cell()
    if unit == "keur_per_job":
        return _per_job(value)
    return _figure(value, 2 if unit == "eur_per_eur" else 0)


def placeholder(aid: str) -> str:
    """The placeholder that stands for the assumption ``aid`` in the words of a trace
    (``impact.type1-multiplier``: ``{impact_type1_multiplier}``)."""
    return re.sub(r"\W", "_", aid)


def trace_names(
    plan: Plan, key: str, lang: str, name: Callable[[str], str] | None = None
) -> dict[str, str]:
    """The named assumptions the figure ``key`` rests on
    (:data:`~clusterplan.model.impact.TRACE_ASSUMPTIONS`) by their placeholder, each as
    ``name`` writes it: by default its label in ``lang``, never its id (a web page passes
    a link to the assumption)."""
    named = name or (lambda aid: assumption_label(plan, aid, lang))
    return {placeholder(aid): named(aid) for aid in TRACE_ASSUMPTIONS.get(key, ())}


def trace_text(
    plan: Plan, result: Impact, key: str, lang: str, name: Callable[[str], str] | None = None
) -> str:
    """Where the figure ``key`` comes from, in words in ``lang``: the formula with its
    assumptions by their labels (or as ``name`` writes them, :func:`trace_names`), or what
    the plan figure is with the plan's section or tables it is from."""
    trace = result.traces[key]
    source = trace.source or msg("impact.no_source", lang)
    text = msg(trace.words, lang, source=source, **trace_names(plan, key, lang, name))
    why = unknown_reason(result, key, lang)
    return text if why is None else f"{text}; {why}"


def unknown_reason(result: Impact, key: str, lang: str) -> str | None:
    """Why the headline figure ``key`` is unknown, in ``lang``: the figure it divides by
    (:data:`~clusterplan.model.impact.DIVISORS`) is 0; None when it is known."""
    divisor = DIVISORS.get(key)
    if divisor is None or result.figures()[key] is not None:
        return None
    name = msg(f"impact.figure.{divisor}", lang)
    return msg("impact.unknown.divided_by_zero", lang, divisor=name[:1].lower() + name[1:])


def headline_table(plan: Plan, result: Impact, lang: str) -> Table:
    """The headline figures of the target year (:data:`~clusterplan.model.impact.HEADLINE_FIGURES`):
    per figure its value and unit, the kind of its source (a plan figure, an assumption,
    computed) and its trace in words: the formula, the named assumption, or what the plan
    figure is with the plan's section or tables as the plan writes them."""
    values = result.figures()
    rows = []
    for key, headline in HEADLINE_FIGURES.items():
        unit, trace = headline.unit, result.traces[key]
        cells = (
            label(msg(f"impact.figure.{key}", lang)),
            _in_unit(values[key], unit),
            label(unit_words(unit, lang)),
            label(msg(f"impact.kind.{trace.kind}", lang)),
            label(trace_text(plan, result, key, lang)),
        )
        rows.append(Row(key, cells))
    title = msg("impact.figures", lang, year=result.target_year)
    keys = ("figure", "value", "unit", "kind", "trace")
    words = set(keys) - {"value"}
    return catalogued(
        "figures", lang, keys, rows, title=title, headings="impact.figures", words=words
    )


def jobs_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per year: the direct, indirect and induced jobs over every pillar and their total."""
    series = result.series()
    direct, indirect = series["direct_jobs"], series["indirect_jobs"]
    induced = series["induced_jobs"]
    rows = [
        Row(
            str(year),
            (
                label(str(year)),
                _figure(direct[i], 0),
                _figure(indirect[i], 0),
                _figure(induced[i], 0),
                _figure(direct[i] + indirect[i] + induced[i], 0),
            ),
        )
        for i, year in enumerate(result.years)
    ]
    keys = ("year", "direct", "indirect", "induced", "total")
    title = msg("impact.jobs", lang)
    return catalogued(
        "jobs-per-year", lang, keys, rows, title=title, headings="impact.jobs", words=("year",)
    )


def pillar_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per pillar in the target year: its direct, indirect and induced jobs, production
    value and value added (M EUR, whole like the headline's)."""
    names = taxonomy_names(plan, "pillars", lang)
    t = result.years.index(result.target_year)
    rows = [
        Row(
            pillar,
            (
                label(names.get(pillar, pillar)),
                _figure(result.direct[k, t], 0),
                _figure(result.indirect[k, t], 0),
                _figure(result.induced[k, t], 0),
                _figure(result.production_value_meur[k, t], 0),
                _figure(result.value_added_meur[k, t], 0),
            ),
        )
        for k, pillar in enumerate(result.pillars)
    ]
    keys = ("pillar", "direct", "indirect", "induced", "production_value", "value_added")
    title = msg("impact.pillars", lang, year=result.target_year)
    return catalogued(
        "per-pillar", lang, keys, rows, title=title, headings="impact.pillars", words=("pillar",)
    )


def _value_text(value: Any, lang: str, names: Mapping[str, str]) -> str:
    """An assumption's value with the ids it holds by their ``names``; a record of records
    (per project) is named, not written out (the plan's assumptions show it whole)."""
    if isinstance(value, dict) and any(isinstance(v, Mapping) for v in value.values()):
        return msg("impact.assumptions.per_project", lang)
    return value_text(value, lang, names)


def assumptions_table(plan: Plan, lang: str) -> Table:
    """The named assumptions the figures use (:data:`~clusterplan.model.impact.TRACE_ASSUMPTIONS`),
    each with its label, value and unit, rationale and public source; one the plan lacks
    is named with its label and value unknown. A value the plan leaves to calibration is
    shown with the calibrated rate."""
    ids: list[str] = []
    for used in TRACE_ASSUMPTIONS.values():
        ids += [i for i in used if i not in ids]
    calibrated: dict[str, float] = {}
    try:
        calibrated = {"growth.productivity-growth": growth_assumptions(plan).productivity_growth}
    except GrowthError:
        pass
    rows = []
    names = value_names(plan, lang)
    for aid in ids:
        try:
            a = plan.assumption(aid)
        except KeyError:
            missing = label(msg("impact.assumptions.missing", lang))
            rows.append(Row(aid, (label(aid), Cell(), Cell(), missing, label(""))))
            continue
        value = _value_text(a.value, lang, names)
        if aid in calibrated and a.value == "calibrate":
            rate = format_number(calibrated[aid], lang, 4)
            value = msg("impact.assumptions.calibrated", lang, value=rate)
        cells = (
            label(aid),
            label(item_label(a, lang)),
            label(f"{value} ({unit_words(a.unit, lang)})"),
            label(item_rationale(a, lang)),
            label(a.public_source or ""),
        )
        rows.append(Row(aid, cells))
    keys = ("assumption", "label", "value", "rationale", "public_source")
    title = msg("impact.assumptions", lang)
    return catalogued(
        "assumptions", lang, keys, rows, title=title, headings="impact.assumptions", words=keys
    )


def _named(name: str, complete: bool) -> Cell:
    """A row's name, marked '(?)' when an unknown amount of its money is left out."""
    return label(name if complete else f"{name} (?)")


def projects_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per project: public and private money, the direct and total jobs it adds, public
    money per direct and per total job, and the leverage."""
    names = {p.id: item_name(p, lang) for p in plan.finance.projects}
    rows = [
        Row(
            view.id,
            (
                _named(names.get(view.id, view.id), view.complete),
                _figure(view.public_meur, 1),
                _figure(view.private_meur, 1),
                _figure(view.direct_jobs, 0),
                _figure(view.total_jobs, 0),
                _per_job(view.public_meur_per_direct_job),
                _per_job(view.public_meur_per_total_job),
                _figure(view.leverage, 2),
            ),
        )
        for view in result.projects
    ]
    keys = (
        "project",
        "public",
        "private",
        "direct",
        "total",
        "per_direct",
        "per_total",
        "leverage",
    )
    title = _t("projects", lang)
    return catalogued(
        "per-project",
        lang,
        keys,
        rows,
        title=title,
        headings="impact.funder",
        words=("project",),
        notes=_divided_by_zero(rows, lang),
    )


def sources_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per funding source: public or private, its money, the direct and total jobs credited
    to it, and its money per direct job."""
    public = set(result.money.public_sources)
    rows = [
        Row(
            view.id,
            (
                _named(source_name(plan, view.id, lang), view.complete),
                label(_t("public_source" if view.id in public else "private_source", lang)),
                _figure(view.meur, 1),
                _figure(view.direct_jobs, 0),
                _figure(view.total_jobs, 0),
                _per_job(view.meur_per_direct_job),
            ),
        )
        for view in result.sources
    ]
    keys = ("source", "kind", "money", "credited_direct", "credited_total", "money_per_direct")
    title = _t("sources", lang)
    return catalogued(
        "per-source",
        lang,
        keys,
        rows,
        title=title,
        headings="impact.funder",
        words=("source", "kind"),
        notes=_divided_by_zero(rows, lang),
    )


def _divided_by_zero(rows: list[Row], lang: str) -> list[str]:
    """The note of a funder's table with an unknown quotient: nothing to divide by."""
    unknown = any(cell.unknown for row in rows for cell in row.cells)
    return [msg("impact.funder.divided_by_zero", lang)] if unknown else []
