"""Back-casting, built once as tables (:mod:`clusterplan.report.table`): the milestones per
pillar and year on the way to the target, the jobs to add per year and pillar, and per year
the milestone, what growth and projects deliver and the gap acquisition must close. The
command line (``clusterplan backcast``) and the web's back-casting page show these same
tables."""

from __future__ import annotations

from collections.abc import Sequence

from clusterplan.model.backcast import Backcast
from clusterplan.model.growth import FloatArray
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.table import (
    Column,
    Row,
    Table,
    catalogued,
    figure,
    label,
    totals_row,
    year_column,
)
from clusterplan.report.tables import JOBS, taxonomy_names


def _year(year: int, result: Backcast, mark_milestones: bool) -> str:
    """A year as a heading or row name, with a '*' after an interim milestone year when
    they are marked."""
    return f"{year}*" if mark_milestones and year in result.interim_years else str(year)


def _table(
    key: str,
    kind: str,
    heads: tuple[str, *tuple[str | Column, ...]],
    rows: Sequence[Row],
    result: Backcast,
    lang: str,
    mark_milestones: bool,
) -> Table:
    """A back-casting table ``key`` of jobs named and titled by the catalogue's
    ``backcast.KIND.*``, its columns ``heads`` (the first holding words) headed by
    ``backcast.col.*``; a note says what a '*' after a year means when they are marked."""
    marked = mark_milestones and bool(result.interim_years)
    return catalogued(
        key,
        lang,
        heads,
        rows,
        texts=f"backcast.{kind}",
        headings="backcast.col",
        words=heads[:1],
        unit=JOBS,
        notes=(msg("backcast.note.marked", lang),) if marked else (),
    )


def _per_pillar(
    plan: Plan,
    result: Backcast,
    values: FloatArray,
    kind: str,
    lang: str,
    mark_milestones: bool,
) -> Table:
    """Jobs per pillar (a row each, ``values[pillar, year]``) and year, with the totals row
    by the one totals rule; named and titled by the catalogue's ``backcast.KIND.*``."""
    names = taxonomy_names(plan, "pillars", lang)
    rows = [
        Row(
            pillar,
            (
                label(names.get(pillar, pillar)),
                *[figure(float(v), JOBS, printed=False) for v in values[k]],
            ),
        )
        for k, pillar in enumerate(result.pillars)
    ]
    rows.append(totals_row(rows, lang, JOBS))
    years = [year_column(y, JOBS, _year(y, result, mark_milestones)) for y in result.years]
    return _table(kind, kind, ("pillar", *years), rows, result, lang, mark_milestones)


def milestones_table(
    plan: Plan, result: Backcast, lang: str, *, mark_milestones: bool = False
) -> Table:
    """The milestones: jobs per pillar and year on the way to the target."""
    return _per_pillar(plan, result, result.milestones, "milestones", lang, mark_milestones)


def additions_table(
    plan: Plan, result: Backcast, lang: str, *, mark_milestones: bool = False
) -> Table:
    """The jobs to add per year and pillar to stay on the milestones."""
    values = result.required_additions
    return _per_pillar(plan, result, values, "additions", lang, mark_milestones)


def gap_table(plan: Plan, result: Backcast, lang: str, *, mark_milestones: bool = False) -> Table:
    """Per year: the milestone, what organic growth and the projects deliver (the
    delivered dimension), and the gap acquisition must close."""
    delivered = result.delivered_total
    rows = [
        Row(
            str(year),
            (
                label(_year(year, result, mark_milestones)),
                figure(float(result.milestone_total[i]), JOBS, printed=False),
                figure(float(delivered[i]), JOBS, printed=False),
                figure(float(result.gap_total[i]), JOBS, printed=False),
            ),
        )
        for i, year in enumerate(result.years)
    ]
    keys = ("year", "milestone", "delivered", "gap")
    return _table("acquisition-gap", "gap", keys, rows, result, lang, mark_milestones)


def backcast_tables(
    plan: Plan, result: Backcast, lang: str, *, mark_milestones: bool = False
) -> list[Table]:
    """Every table of a back-cast: the milestones, the jobs to add and the acquisition gap."""
    return [
        milestones_table(plan, result, lang, mark_milestones=mark_milestones),
        additions_table(plan, result, lang, mark_milestones=mark_milestones),
        gap_table(plan, result, lang, mark_milestones=mark_milestones),
    ]
