"""Scenario and ensemble results, built once as tables (:mod:`clusterplan.report.table`):
a growth dimension's jobs per pillar and year (with, under a stress narrative, the central
paths and the difference), the total jobs per year with an ensemble's band, the jobs per
pillar in one year (of a scenario, or an ensemble's band), and two scenarios side by side
(their inputs and their jobs).
The command line (``clusterplan scenarios``, ``clusterplan simulate``) and the web's
scenario pages show these same tables.

Every figure here is the growth model's (computed, never printed in the plan); totals are
made by the one totals rule, :func:`~clusterplan.report.table.total`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np

from clusterplan.app import inputs
from clusterplan.app.inputs import Input
from clusterplan.model.growth import UNASSIGNED, FloatArray, Trajectory
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import AS_NEEDED, MISSING
from clusterplan.report.table import (
    NOISE_DIGITS,
    Cell,
    Column,
    Row,
    Table,
    banded,
    catalogued,
    comparison_row,
    difference,
    figure,
    label,
    totals_row,
    year_column,
)
from clusterplan.report.tables import JOBS, PERCENT, dimension_name, taxonomy_names

Series = Sequence[float]
"""One figure per year of a table's years."""

REVENUE_INDEX_DECIMALS = 2
"""Decimals of the revenue index (revenue relative to the base year, 1.00 there)."""

MEAN = "mean"
"""The key of an ensemble's mean beside its percentiles (``p5``, ``p50``, ``p95``)."""


class PillarPath(Protocol):
    """Jobs per pillar and year: a :class:`~clusterplan.model.growth.Trajectory` or a
    scenario's outcome."""

    @property
    def years(self) -> list[int]: ...

    @property
    def pillars(self) -> list[str]: ...

    @property
    def jobs(self) -> FloatArray: ...


def _jobs(value: float) -> Cell:
    """A figure of the growth model in jobs, without its float noise (the export keeps the
    number: 1900.0, not 1899.999999999999)."""
    return figure(round(float(value), NOISE_DIGITS), JOBS, printed=False)


def _year_column(year: int) -> Column:
    """A year as a column heading: written as the year, in jobs."""
    return year_column(year, JOBS)


def _pillar_rows(plan: Plan, path: PillarPath, indices: Sequence[int], lang: str) -> list[Row]:
    """A row per pillar with its jobs in the years at ``indices``, and the totals row by
    the one totals rule."""
    names = taxonomy_names(plan, "pillars", lang)
    rows = [
        Row(pillar, (label(names.get(pillar, pillar)), *[_jobs(path.jobs[k, i]) for i in indices]))
        for k, pillar in enumerate(path.pillars)
    ]
    rows.append(totals_row(rows, lang, JOBS))
    return rows


def _pillar_column(lang: str) -> Column:
    """The first column of a table per pillar: the pillar's name."""
    return Column("pillar", msg("scenario.col.pillar", lang), "label")


def trajectory_table(
    plan: Plan, trajectory: Trajectory, lang: str, central: Trajectory | None = None
) -> Table:
    """One growth dimension's jobs per pillar and year, the total and the revenue index;
    with ``central`` (the same dimension without a stress narrative) also its total and
    the difference (this one less the central one)."""
    dimension = trajectory.dimension
    name = dimension_name(plan, dimension, lang)
    rows = _pillar_rows(plan, trajectory, range(len(trajectory.years)), lang)
    totals = rows[-1].cells[1:]
    index = [
        figure(float(v), "", printed=False, decimals=REVENUE_INDEX_DECIMALS)
        for v in trajectory.revenue_index
    ]
    rows.append(Row("revenue_index", (label(msg("scenario.row.revenue_index", lang)), *index)))
    if central is not None:
        plain = [_jobs(v) for v in central.total]
        change = [difference(a, b, JOBS) for a, b in zip(totals, plain, strict=True)]
        rows.append(Row("central", (label(msg("scenario.row.central", lang)), *plain)))
        rows.append(Row("difference", (label(msg("table.col.difference", lang)), *change)))
    return Table(
        key=dimension,
        name=name,
        title=msg("scenario.trajectory.title", lang, dimension=name, id=dimension),
        lang=lang,
        columns=(_pillar_column(lang), *[_year_column(y) for y in trajectory.years]),
        rows=tuple(rows),
        unit=JOBS,
    )


def pillar_table(plan: Plan, path: PillarPath, year: int, lang: str) -> Table:
    """Jobs per pillar in the first year of ``path`` and in ``year`` (the goal year), with
    the totals row."""
    indices = [0, path.years.index(year)]
    heads = (_pillar_column(lang), *[_year_column(path.years[i]) for i in indices])
    rows = _pillar_rows(plan, path, indices, lang)
    return catalogued("pillars", lang, heads, rows, texts="scenario.pillars", unit=JOBS, year=year)


def band_heading(key: str, lang: str) -> str:
    """The heading of a band's column: a percentile (``p5`` -> P5) or the mean."""
    if key == MEAN:
        return msg("scenario.col.mean", lang)
    return msg("scenario.col.percentile", lang, percentile=key.removeprefix("p"))


def band_table(
    plan: Plan,
    years: Sequence[int],
    lang: str,
    *,
    band: Mapping[str, Series] | None = None,
    scenario: Series | None = None,
    dimensions: Mapping[str, Series] | None = None,
) -> Table:
    """Total jobs per year: ``scenario``'s (when given), an ensemble's ``band`` (its
    percentiles ``p5`` ... and ``mean``, in the order given) and each growth dimension's
    of ``dimensions`` (the plan's own paths), one column each. Where the table holds more
    than one of these, the percentiles stand under a band "Ensemble" and the dimensions
    under one naming them as the plan's, so that a P5 says what it is a percentile of."""
    mixed = sum((scenario is not None, bool(band), bool(dimensions))) > 1

    def column(key: str, heading: str, over: str) -> Column:
        if not mixed:
            return Column(key, heading, "other", JOBS)
        return banded(key, msg(over, lang), heading, "other", JOBS, lang)

    series: list[tuple[Column, Series]] = []
    if scenario is not None:
        series.append(
            (Column("scenario", msg("scenario.col.scenario", lang), "other", JOBS), scenario)
        )
    for key, values in (band or {}).items():
        series.append((column(key, band_heading(key, lang), "col.ensemble"), values))
    for dimension, values in (dimensions or {}).items():
        heading = dimension_name(plan, dimension, lang)
        series.append((column(f"dimension:{dimension}", heading, "col.dimensions"), values))
    rows = [
        Row(str(year), (label(str(year)), *[_jobs(values[i]) for _column, values in series]))
        for i, year in enumerate(years)
    ]
    heads = (Column("year", msg("col.year", lang), "label"), *[c for c, _v in series])
    return catalogued("trajectory", lang, heads, rows, texts="scenario.band", unit=JOBS)


def pillar_band_table(
    plan: Plan, year: int, band: Mapping[str, Mapping[str, float]], lang: str
) -> Table:
    """An ensemble's jobs per pillar in ``year``: per pillar of ``band`` its percentiles
    (``{"p5": ..., "p50": ..., "p95": ...}``; a mean is left out). No totals row: the
    percentiles of the pillars do not add up to those of the total."""
    names = taxonomy_names(plan, "pillars", lang)
    keys = [k for k in next(iter(band.values()), {}) if k != MEAN]
    rows = [
        Row(pillar, (label(names.get(pillar, pillar)), *[_jobs(values[k]) for k in keys]))
        for pillar, values in band.items()
    ]
    heads = (
        _pillar_column(lang),
        *[Column(k, band_heading(k, lang), "other", JOBS) for k in keys],
    )
    texts = "scenario.pillar_band"
    return catalogued("pillar-band", lang, heads, rows, texts=texts, unit=JOBS, year=year)


def comparison_table(
    years: Sequence[int],
    first: tuple[str, Series],
    second: tuple[str, Series],
    lang: str,
    bands: Mapping[str, Mapping[str, Series]] | None = None,
) -> Table:
    """Total jobs per year of two scenarios, each ``(name, totals)``, and the difference
    (the second less the first); with ``bands`` (per scenario name its ensemble's
    percentiles, ``{"p5": ..., "p95": ...}``) a column per scenario and percentile, under a
    band of the scenario's name, so a chart's bands have their figures here."""
    extra = [
        (banded(f"band:{n}:{key}", name, band_heading(key, lang), "other", JOBS, lang), values)
        for n, (name, band) in enumerate((bands or {}).items())
        for key, values in band.items()
    ]
    rows = []
    for i, year in enumerate(years):
        row = comparison_row(year, _jobs(first[1][i]), _jobs(second[1][i]), JOBS)
        rows.append(replace(row, cells=(*row.cells, *[_jobs(v[i]) for _c, v in extra])))
    heads = (
        Column("year", msg("col.year", lang), "label"),
        Column("first", first[0], "other", JOBS),
        Column("second", second[0], "other", JOBS),
        Column("difference", msg("table.col.difference", lang), "other", JOBS),
        *[column for column, _values in extra],
    )
    return catalogued("compare-results", lang, heads, rows, texts="scenario.compare", unit=JOBS)


def _input_cell(plan: Plan, item: Input, value: object, lang: str) -> Cell:
    """A scenario's value of one declared input: a growth dimension by its name, a number
    in the input's unit with the decimals it was given, an empty input (a fab that does not
    close) as a dash."""
    if value is None:
        return label(MISSING)
    if item.kind.key == inputs.DIMENSION:
        return label(dimension_name(plan, str(value), lang))
    if not isinstance(value, int | float):
        return label(str(value))
    return figure(value, item.unit, printed=False, decimals=AS_NEEDED)


def inputs_table(
    plan: Plan, scenarios: Sequence[tuple[str, Mapping[str, object]]], lang: str
) -> Table:
    """The declared inputs of scenarios side by side, each ``(name, values)`` over the
    plan's defaults: every input of the whole scenario, and a project's input only where
    the scenarios differ in it."""
    defaults = inputs.defaults(plan)
    values = [{**defaults, **given} for _name, given in scenarios]
    rows = [
        Row(
            item.name,
            (
                label(item.label(lang)),
                *[_input_cell(plan, item, v.get(item.name), lang) for v in values],
            ),
        )
        for item in inputs.scenario_inputs(plan)
        if not item.kind.per_project
        or any(v.get(item.name) != values[0].get(item.name) for v in values)
    ]
    heads = (
        Column("input", msg("scenario.compare_inputs.col.input", lang), "label"),
        *[Column(f"scenario:{i}", name, "other") for i, (name, _given) in enumerate(scenarios)],
    )
    return catalogued("compare-inputs", lang, heads, rows, texts="scenario.compare_inputs")


BACKING_KEYS = ("dimension", "increment", "business_cases", "assumed_split", "organic", "backed")
"""The columns of :func:`backing_table`: the increment and its three parts, and the share
backed by business cases (%)."""


def backing_table(
    plan: Plan, backed: Mapping[str, Mapping[str, float]], year: int, lang: str
) -> Table:
    """Per growth dimension: the increment of jobs to ``year`` and its parts, backed by
    business cases, the projects' assumed split and organic (market-driven) growth, and the
    share backed (:func:`clusterplan.model.growth.backing`)."""
    rows = [
        Row(
            dim,
            (
                label(dimension_name(plan, dim, lang)),
                *[_jobs(row[key]) for key in BACKING_KEYS[1:-1]],
                figure(100 * row["backed_share"], PERCENT, printed=False),
            ),
        )
        for dim, row in backed.items()
    ]
    units = {key: JOBS for key in BACKING_KEYS[1:-1]} | {"backed": PERCENT}
    texts = "scenario.backing"
    return catalogued(
        "backing",
        lang,
        BACKING_KEYS,
        rows,
        texts=texts,
        words=("dimension",),
        units=units,
        year=year,
    )


def revenue_table(plan: Plan, residuals: Mapping[str, Mapping[str, float]], lang: str) -> Table:
    """Per growth dimension with a printed revenue growth: the model's and the plan's
    growth to the target year (%) and the difference in points
    (:func:`clusterplan.model.growth.revenue_residuals`)."""
    keys = ("dimension", "model_pct", "plan_pct", "residual_pp")
    rows = [
        Row(
            dim,
            (
                label(dimension_name(plan, dim, lang)),
                figure(row["model_pct"], PERCENT, printed=False),
                figure(row["plan_pct"], PERCENT),
                figure(row["residual_pp"], "", printed=False, decimals=REVENUE_INDEX_DECIMALS),
            ),
        )
        for dim, row in residuals.items()
    ]
    units = {"model_pct": PERCENT, "plan_pct": PERCENT}
    texts = "scenario.revenue"
    return catalogued("revenue", lang, keys, rows, texts=texts, words=("dimension",), units=units)


def market_table(
    plan: Plan,
    dimension: str,
    years: Sequence[int],
    year: int,
    lang: str,
    carried: Mapping[str, FloatArray],
    stressed: Mapping[str, FloatArray] | None = None,
) -> Table:
    """Jobs carried by each application market in ``year`` on the central paths
    (``carried``, :func:`clusterplan.model.growth.jobs_by_market`) and, with ``stressed``,
    under a stress narrative; the jobs of pillars that sell into no market only where there
    are any; the totals row by the one rule."""
    i = list(years).index(year)
    names = taxonomy_names(plan, "markets", lang)
    names[UNASSIGNED] = msg("scenario.markets.unassigned", lang)
    rows = [
        Row(
            market,
            (
                label(names.get(market, market)),
                _jobs(values[i]),
                *([] if stressed is None else [_jobs(stressed[market][i])]),
            ),
        )
        for market, values in carried.items()
        if market != UNASSIGNED or np.round(values, NOISE_DIGITS).any()
    ]
    rows.append(totals_row(rows, lang, JOBS))
    heads = ("market", "central", "stressed")[: 2 if stressed is None else 3]
    name = dimension_name(plan, dimension, lang)
    texts = "scenario.markets"
    return catalogued(
        "markets",
        lang,
        heads,
        rows,
        texts=texts,
        words=("market",),
        unit=JOBS,
        year=year,
        dimension=name,
    )
