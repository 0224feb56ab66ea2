"""The acquisition pipeline, built once as tables (:mod:`clusterplan.report.table`): the
expected acquired jobs per pillar and year, the weighted space and capex by landing year,
the weighted leads, conversion and time in stage per lead source, and per year the
acquisition gap, what the pipeline covers and what remains. The command line
(``clusterplan pipeline``), the web's pipeline page and its back-casting page show these
same tables.

Every figure here is computed from the leads (weighted by their probability); a lead's
unknown jobs stay unknown, a landing year assumed from the lead's stage is marked '*'.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from clusterplan.ecosystem.funnel import Pipeline, SourceStats, WeightedLead
from clusterplan.ecosystem.growth_link import AcquisitionGap, PipelineCover
from clusterplan.ecosystem.settings import STAGES
from clusterplan.labels import label as words
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan
from clusterplan.report.demand import M2
from clusterplan.report.messages import msg
from clusterplan.report.numbers import MISSING, YEAR, format_number
from clusterplan.report.table import (
    Cell,
    Column,
    Row,
    Table,
    catalogued,
    figure,
    label,
    total,
    totals_row,
    year_column,
)
from clusterplan.report.tables import JOBS, MONEY, PERCENT, dimension_name, taxonomy_names

WEIGHTED_DECIMALS = 1
"""Weighted jobs (a probability times jobs) are shown with one decimal."""

PROBABILITY_DECIMALS = 2
"""A lead's probability (a share) is shown with two decimals."""

GAP = "acquisition-gap"
"""The key of the pipeline page's gap table (titled by the catalogue's ``funnel.KEY.*``)."""

ASSUMED = "*"
"""Written after a landing year assumed from the lead's stage."""


def _weighted(cell: Cell) -> Cell:
    """A computed cell of weighted jobs, with their decimals."""
    return replace(cell, decimals=WEIGHTED_DECIMALS)


def _weighted_jobs(value: float | None) -> Cell:
    """Weighted jobs computed from the leads (unknown for None)."""
    return _weighted(figure(value, JOBS, printed=False))


def jobs_table(plan: Plan, pipe: Pipeline, lang: str) -> Table:
    """Expected acquired jobs per pillar (a row each, the plan's names) and year, weighted
    and ramped in, with the totals row; notes name the leads whose jobs are unknown and
    the weighted jobs landing after the last year."""
    names = taxonomy_names(plan, "pillars", lang)
    rows = [
        Row(pillar, (label(names.get(pillar, pillar)), *map(_weighted_jobs, pipe.jobs[i])))
        for i, pillar in enumerate(pipe.pillars)
    ]
    totals = totals_row(rows, lang, [JOBS] * len(pipe.years))
    totals = replace(totals, cells=(totals.cells[0], *map(_weighted, totals.cells[1:])))
    years = [year_column(y, JOBS) for y in pipe.years]
    notes = []
    unknown = [w.company for w in pipe.leads if w.jobs_unknown]
    if unknown:
        notes.append(msg("funnel.jobs.unknown", lang, leads=", ".join(unknown)))
    if pipe.beyond_horizon_jobs:
        beyond = _weighted_jobs(pipe.beyond_horizon_jobs).shown(lang)
        notes.append(msg("funnel.jobs.beyond", lang, jobs=beyond, year=pipe.years[-1]))
    return catalogued(
        "pipeline-jobs",
        lang,
        ("pillar", *years),
        [*rows, totals],
        texts="funnel.jobs",
        headings="funnel.col",
        words=("pillar",),
        unit=JOBS,
        notes=notes,
    )


def space_table(pipe: Pipeline, lang: str) -> Table:
    """Weighted space (m²) and capex (M EUR) by landing year, with the totals row."""
    rows = [
        Row(
            str(year),
            (
                figure(year, YEAR),
                figure(float(pipe.area_m2[t]), M2, printed=False),
                figure(float(pipe.capex_meur[t]), MONEY, printed=False),
            ),
        )
        for t, year in enumerate(pipe.years)
    ]
    return catalogued(
        "pipeline-space",
        lang,
        ("year", "area", "capex"),
        [*rows, totals_row(rows, lang, (M2, MONEY))],
        texts="funnel.space",
        headings="funnel.col",
        units={"year": YEAR, "area": M2, "capex": MONEY},
    )


def landing_year_cell(year: int | None, assumed: bool) -> Cell:
    """A lead's landing year (:func:`~clusterplan.ecosystem.funnel.landing_year`); '*'
    after one assumed from its stage; none for a lost lead."""
    if year is None:
        return label(MISSING)
    if assumed:
        return label(f"{year}{ASSUMED}")
    return figure(year, YEAR)


def assumed_note(lang: str) -> str:
    """What '*' after a landing year means."""
    return msg("funnel.leads.assumed", lang, mark=ASSUMED)


def _landing_year(lead: WeightedLead) -> Cell:
    return landing_year_cell(lead.landing_year, lead.landing_year_assumed)


def _lead_jobs(lead: WeightedLead) -> Cell:
    """A lead's weighted jobs over the pillars: unknown when none is known, marked as
    including unknowns when some are (the one totals rule)."""
    known = [figure(v, JOBS) for v in lead.weighted_jobs.values()]
    unknown = [figure(None, JOBS)] if lead.jobs_unknown else []
    return _weighted(total([*known, *unknown], JOBS))


def leads_table(pipe: Pipeline, lang: str) -> Table:
    """Every lead: its company, source, stage, probability, landing year and weighted jobs;
    a note says what '*' after a landing year means when one is assumed."""
    rows = [
        Row(
            lead.lead_id,
            (
                label(lead.company),
                label(words("lead.source", lead.source, lang)),
                label(words("lead.stage", lead.stage, lang)),
                figure(lead.probability, "", printed=False, decimals=PROBABILITY_DECIMALS),
                _landing_year(lead),
                _lead_jobs(lead),
            ),
        )
        for lead in pipe.leads
    ]
    assumed = any(lead.landing_year_assumed for lead in pipe.leads)
    return catalogued(
        "pipeline-leads",
        lang,
        ("company", "source", "stage", "probability", "landing_year", "jobs"),
        rows,
        texts="funnel.leads",
        headings="funnel.col",
        words=("company", "source", "stage"),
        units={"landing_year": YEAR, "jobs": JOBS},
        notes=(assumed_note(lang),) if assumed else (),
    )


def _mean_days(stats: SourceStats, stage: str) -> Cell:
    """The mean days of the completed stays of ``stats``' leads in ``stage`` (none without
    a completed stay)."""
    _stays, mean, _median = stats.days_in_stage.get(stage, (0, None, None))
    return label(MISSING) if mean is None else figure(mean, "", printed=False, decimals=0)


def _stats_row(stats: SourceStats, stages: Iterable[str], lang: str) -> Row:
    """One source's row of :func:`stats_table`."""
    conversion = (
        label(MISSING)
        if stats.conversion is None
        else figure(100 * stats.conversion, PERCENT, printed=False)
    )
    days = [_mean_days(stats, s) for s in stages]
    counts = (stats.leads, stats.landed, stats.lost, stats.open)
    return Row(
        stats.source,
        (
            label(words("lead.source", stats.source, lang)),
            *[figure(n, "", printed=False) for n in counts],
            conversion,
            *days,
        ),
    )


def stats_table(stats: Sequence[SourceStats], lang: str) -> Table:
    """Per lead source: its leads, how many landed, were lost and are open, the conversion
    (landed of those closed), and the mean days in each stage a lead of any source
    completed a stay in."""
    stages = [s for s in STAGES if any(s in x.days_in_stage for x in stats)]
    days = [
        Column(
            f"days:{s}",
            msg("funnel.col.days", lang, stage=words("lead.stage", s, lang)),
            "other",
        )
        for s in stages
    ]
    return catalogued(
        "funnel-stats",
        lang,
        ("source", "leads", "landed", "lost", "open", "conversion", *days),
        [_stats_row(s, stages, lang) for s in stats],
        texts="funnel.stats",
        headings="funnel.col",
        words=("source",),
        units={"conversion": PERCENT},
    )


def gap_sentence(plan: Plan, gap: AcquisitionGap, lang: str) -> str:
    """The acquisition gap in one sentence in ``lang``, about the year of the largest gap
    (:attr:`~clusterplan.ecosystem.growth_link.PipelineCover.year`, as the gap table's row
    of that year): the gap, what the weighted pipeline covers of it and what remains, and
    the target it is back-cast from (the plan's goal, or its reference target when the plan
    sets none) with what the growth dimension delivers in its year. Without a gap in any
    year it says so. The command line prints it and the pipeline page shows it."""

    def n(value: float) -> str:
        return format_number(value, lang, 0)

    basis = msg(
        "funnel.gap.basis.goal"
        if parts.goal_target(plan).declared
        else "funnel.gap.basis.reference",
        lang,
        goal=n(gap.goal_jobs),
        year=gap.goal_year,
        dimension=dimension_name(plan, gap.dimension, lang),
        delivered=n(gap.without_pipeline),
    )
    if gap.gap_jobs <= 0:
        return msg("funnel.gap.none", lang, year=gap.goal_year, basis=basis)
    return msg(
        "funnel.gap.largest",
        lang,
        year=gap.year,
        gap=n(gap.gap_jobs),
        covered=n(gap.covered_jobs),
        remaining=n(gap.remaining_gap_jobs),
        basis=basis,
    )


def gap_table(cover: PipelineCover, lang: str) -> Table:
    """Per year: the acquisition gap, the part of it the weighted pipeline covers (never
    more than the gap) and the gap that remains (the back-casting page's table adds what
    start-ups bring: :func:`clusterplan.report.startups.gap_table`)."""
    rows = [
        Row(
            str(year),
            (
                figure(year, YEAR),
                figure(gap, JOBS, printed=False),
                figure(covered, JOBS, printed=False),
                figure(remaining, JOBS, printed=False),
            ),
        )
        for year, gap, _pipeline, covered, remaining in cover.by_year()
    ]
    return catalogued(
        GAP,
        lang,
        ("year", "gap", "covered", "remaining"),
        rows,
        texts=f"funnel.{GAP}",
        headings="funnel.col",
        units={"year": YEAR},
        unit=JOBS,
    )


def pipeline_tables(
    plan: Plan, pipe: Pipeline, stats: Sequence[SourceStats], lang: str
) -> list[Table]:
    """The pipeline's tables: the weighted leads, the jobs per pillar and year, space and
    capex by landing year, and the funnel statistics per source."""
    return [
        leads_table(pipe, lang),
        jobs_table(plan, pipe, lang),
        space_table(pipe, lang),
        stats_table(stats, lang),
    ]
