"""The start-up portfolio's tables, built once in a language, with the disclosure rule.

:func:`active_table` is the active start-ups per founding cohort and year;
:func:`survival_table` each cohort's share still active some years after its founding;
:func:`jobs_table` the jobs at active start-ups per pillar and year; :func:`funding_table`
the money raised per kind of round and year; :func:`gap_table` per year the acquisition
gap, the weighted pipeline, what the portfolio adds and what remains. The web's portfolio
and back-casting pages show these same tables.

Every figure is computed from the portfolio (the start-ups' records). With ``minimum``
above 1 the disclosure rule holds (:func:`clusterplan.ecosystem.startups.disclosed`,
:func:`clusterplan.disclosure.too_few`): a withheld figure is written as the core's mark
(:func:`clusterplan.disclosure.mark`); ``minimum`` 1 withholds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from clusterplan import disclosure
from clusterplan.ecosystem.growth_link import PipelineCover
from clusterplan.ecosystem.startups import (
    CohortSurvival,
    JobsCount,
    StartUp,
    StartUpSettings,
    active_by_cohort,
    cohorts,
    disclosed,
    funding_by_kind,
    funding_contributors,
    jobs_per_year,
    survival_by_cohort,
)
from clusterplan.labels import label as words
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import YEAR
from clusterplan.report.table import (
    Cell,
    Column,
    Row,
    Table,
    catalogued,
    figure,
    label,
    year_column,
)
from clusterplan.report.tables import JOBS, MONEY, PERCENT, taxonomy_names

ACTIVE = "active-by-cohort"
SURVIVAL = "survival"
JOBS_PER_YEAR = "jobs-per-year"
FUNDING = "funding-per-year"
GAP = "gap-and-startups"
"""The tables' keys (their download slugs)."""

COUNT = ""
"""The unit of a number of start-ups."""

FUNDING_DECIMALS = 2
"""Money raised (M EUR) is shown with two decimals: a round can be small."""

SURVIVAL_DECIMALS = 0
"""A survival share (%) is shown as a whole percentage."""

WITHOUT_JOBS = "without-jobs"
"""The key of the jobs table's row of active start-ups without a jobs figure."""

HEADINGS = "startups.col"
"""The catalogue's headings of the portfolio's columns."""


def pillar_key(pillar: str) -> str:
    """The key of a pillar's row in :func:`jobs_table` (``pillar:`` for no pillar)."""
    return f"pillar:{pillar}"


def _shown(value: float | None, unit: str, lang: str, decimals: int | None = None) -> Cell:
    """A figure computed from the portfolio, or the disclosure mark where it is withheld
    (None)."""
    if value is None:
        return label(disclosure.mark(lang))
    return figure(value, unit, printed=False, decimals=decimals)


def _disclosed_rows(
    parts: dict[str, tuple[str, list[float | None]]],
    totals: tuple[str, list[float | None]],
    unit: str,
    lang: str,
    decimals: int | None = None,
) -> list[Row]:
    """A row per part (key: its name and figures) and the totals row (its name and
    figures), each withheld figure the mark."""

    def cells(name: str, values: list[float | None]) -> tuple[Cell, ...]:
        return (label(name), *(_shown(v, unit, lang, decimals) for v in values))

    rows = [Row(key, cells(name, values)) for key, (name, values) in parts.items()]
    return [*rows, Row("total", cells(*totals), is_total=True)]


def _years(years: Sequence[int], unit: str) -> list[Column]:
    """A column per year of figures in ``unit``."""
    return [year_column(y, unit) for y in years]


N = TypeVar("N", int, float)
"""A figure of a portfolio table, or how many start-ups it rests on."""


def _column_sums(rows: Sequence[Sequence[N]], width: int) -> list[N]:
    """Per column the sum of ``rows`` (zeros without rows): the totals of a table's parts,
    or how many start-ups they rest on."""
    return [sum(row[t] for row in rows) for t in range(width)]


def active_table(
    startups: Sequence[StartUp], years: Sequence[int], minimum: int, lang: str
) -> Table:
    """Active start-ups per founding cohort (a row each) and year, and all cohorts; a
    cohort's figure withheld where it rests on fewer than ``minimum`` start-ups."""
    groups = cohorts(startups)
    active = active_by_cohort(startups, years)
    sizes = [[len(groups[c]) if y >= c else 0 for y in years] for c in active]
    values = list(active.values())
    cells, totals = disclosed(
        values,
        sizes,
        _column_sums(values, len(years)),
        _column_sums(sizes, len(years)),
        minimum,
    )
    parts = {str(c): (str(c), row) for c, row in zip(active, cells, strict=True)}
    everyone = (msg("startups.active.total", lang), totals)
    return catalogued(
        ACTIVE,
        lang,
        ("cohort", *_years(years, COUNT)),
        _disclosed_rows(parts, everyone, COUNT, lang),
        texts="startups.active",
        headings=HEADINGS,
        words=("cohort",),
        unit=COUNT,
    )


def _survival_row(cohort: CohortSurvival, minimum: int, lang: str) -> Row:
    """A cohort's size and survival shares; all withheld for a cohort of too few, 'not yet'
    for a share not yet known."""
    if disclosure.too_few(cohort.size, minimum):
        hidden = label(disclosure.mark(lang))
        return Row(
            str(cohort.cohort),
            (label(str(cohort.cohort)), hidden, *[hidden] * len(cohort.survival)),
        )
    shares = (
        label(msg("startups.survival.not_yet", lang))
        if rate is None
        else figure(100 * rate, PERCENT, printed=False, decimals=SURVIVAL_DECIMALS)
        for rate in cohort.survival
    )
    size = figure(cohort.size, COUNT, printed=False)
    return Row(str(cohort.cohort), (label(str(cohort.cohort)), size, *shares))


def survival_table(
    startups: Sequence[StartUp],
    settings: StartUpSettings,
    as_of: int,
    minimum: int,
    lang: str,
) -> Table:
    """Per founding cohort its size and the share still active after each number of years
    of ``settings`` (known up to ``as_of``); a cohort of fewer than ``minimum`` start-ups
    withheld."""
    survival = survival_by_cohort(startups, settings.survival_after, as_of)
    after = [
        Column(f"after:{n}", msg(f"{HEADINGS}.after", lang, n=n), "other", PERCENT)
        for n in settings.survival_after
    ]
    return catalogued(
        SURVIVAL,
        lang,
        ("cohort", "size", *after),
        [_survival_row(s, minimum, lang) for s in survival],
        texts="startups.survival",
        headings=HEADINGS,
        words=("cohort",),
        unit=COUNT,
    )


def jobs_table(
    plan: Plan, startups: Sequence[StartUp], years: Sequence[int], minimum: int, lang: str
) -> Table:
    """Jobs at active start-ups per pillar (the plan's names) and year with their total,
    and the active start-ups without a jobs figure; a figure withheld where it rests on
    fewer than ``minimum`` start-ups."""
    names = taxonomy_names(plan, "pillars", lang)
    jobs = jobs_per_year(startups, years)
    values = list(jobs.jobs.values())
    counts = list(jobs.contributors.values())
    cells, totals = disclosed(
        values,
        counts,
        jobs.total,
        _column_sums(counts, len(years)),
        minimum,
    )
    parts = {
        pillar_key(g): (names.get(g, g) or msg("startups.jobs.no_pillar", lang), row)
        for g, row in zip(jobs.jobs, cells, strict=True)
    }
    rows = _disclosed_rows(parts, (msg("table.row.total", lang), totals), JOBS, lang)
    without = [figure(n, COUNT, printed=False) for n in jobs.unknown]
    rows.append(Row(WITHOUT_JOBS, (label(msg("startups.jobs.without", lang)), *without)))
    return catalogued(
        JOBS_PER_YEAR,
        lang,
        ("pillar", *_years(years, JOBS)),
        rows,
        texts="startups.jobs",
        headings=HEADINGS,
        words=("pillar",),
        unit=JOBS,
    )


def funding_table(
    startups: Sequence[StartUp], years: Sequence[int], minimum: int, lang: str
) -> Table:
    """Money raised (M EUR) per kind of round and year with the total; a figure withheld
    where it rests on fewer than ``minimum`` start-ups."""
    funding = funding_by_kind(startups, years)
    counts = funding_contributors(startups, years)
    raising = [sum(1 for s in startups if any(r.on.year == y for r in s.rounds)) for y in years]
    cells, totals = disclosed(
        list(funding.values()),
        [counts[kind] for kind in funding],
        _column_sums(list(funding.values()), len(years)),
        raising,
        minimum,
    )
    parts = {
        kind.value: (words("startup.funding", kind.value, lang), row)
        for kind, row in zip(funding, cells, strict=True)
    }
    totals_name = msg("table.row.total", lang)
    return catalogued(
        FUNDING,
        lang,
        ("kind", *_years(years, MONEY)),
        _disclosed_rows(parts, (totals_name, totals), MONEY, lang, FUNDING_DECIMALS),
        texts="startups.funding",
        headings=HEADINGS,
        words=("kind",),
        unit=MONEY,
    )


def counting_note(count: JobsCount, base_year: int, lang: str, assumption: str) -> str:
    """How the portfolio's jobs count against the acquisition gap (assumption
    ``startups.jobs-count``: ``count``), in ``lang``: the sentence under :func:`gap_table`,
    naming the assumption as ``assumption`` (its label, :func:`~clusterplan.report.tables.assumption_label`)."""
    code = f"startups.counting.{JobsCount(count).value}"
    return msg(code, lang, base_year=base_year, assumption=assumption)


def gap_table(
    cover: PipelineCover,
    added: Sequence[float],
    sources: Sequence[int],
    minimum: int,
    lang: str,
    *,
    count: JobsCount,
    base_year: int,
    assumption: str,
) -> Table:
    """Per year of ``cover`` the acquisition gap, the part of it the weighted pipeline covers
    (never more than the gap), the part of what it leaves that the jobs the portfolio
    ``added`` cover (from ``sources`` start-ups; withheld where they are fewer than
    ``minimum``) and the gap that remains after both, so that a row adds up: gap = both
    covered parts + remaining (a pipeline or portfolio larger than the gap covers it, no
    more); withheld with what it follows from. Its notes say how the start-ups' jobs count
    (:func:`counting_note`, naming the assumption as ``assumption``) and, where the table
    has it, what the mark means."""
    _parts, shown = disclosed([], [], added, sources, minimum)
    rows = []
    for (year, short, _pipe, covered, left), start in zip(cover.by_year(), shown, strict=True):
        by_startups = None if start is None else min(start, left)
        remaining = None if by_startups is None else left - by_startups
        rows.append(
            Row(
                str(year),
                (
                    figure(year, YEAR),
                    figure(short, JOBS, printed=False),
                    figure(covered, JOBS, printed=False),
                    _shown(by_startups, JOBS, lang),
                    _shown(remaining, JOBS, lang),
                ),
            )
        )
    notes = [counting_note(count, base_year, lang, assumption)]
    if None in shown:
        notes.append(disclosure.note(minimum, "startups", lang))
    return catalogued(
        GAP,
        lang,
        ("year", "gap", "covered", "startups", "remaining"),
        rows,
        texts="startups.gap",
        headings=HEADINGS,
        units={"year": YEAR},
        unit=JOBS,
        notes=notes,
    )
