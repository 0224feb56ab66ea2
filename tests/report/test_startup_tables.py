"""The start-up portfolio's tables: built once from the core's start-ups, headings from the
catalogue in either language, pillars named by the plan, the disclosure rule applied in
the core (a withheld figure is the core's mark)."""

from __future__ import annotations

from datetime import date

import pytest

from clusterplan import disclosure
from clusterplan.ecosystem.growth_link import PipelineCover
from clusterplan.ecosystem.startups import (
    JOBS_COUNT,
    FundingKind,
    FundingRound,
    JobsCount,
    StartUp,
    StartUpSettings,
    Status,
)
from clusterplan.labels import label as words
from clusterplan.plan.schema import Plan
from clusterplan.report import startups as report
from clusterplan.report.messages import msg
from clusterplan.report.table import Table, year_key
from clusterplan.report.tables import assumption_label, item_label, taxonomy_names

YEARS = (2021, 2022, 2023, 2024)
SETTINGS = StartUpSettings(JobsCount.ALL, 3, (1, 3))
"""Survival after one and three years; three start-ups at least for a figure."""


def _portfolio(plan: Plan) -> list[StartUp]:
    """Three start-ups founded in 2021 (two in the plan's first pillar, one in its second,
    closed in 2023) and one founded in 2023 without a pillar or a jobs figure."""
    first, second = (p.id for p in plan.taxonomy.pillars[:2])
    grant = FundingRound(date(2022, 3, 1), 0.5, FundingKind.GRANT)
    equity = FundingRound(date(2022, 6, 1), 1.25, FundingKind.EQUITY)
    return [
        StartUp("a", 2021, pillar=first, jobs={2022: 10}, rounds=(grant,)),
        StartUp("b", 2021, pillar=first, jobs={2022: 5}, rounds=(equity,)),
        StartUp("c", 2021, Status.CLOSED, 2023, pillar=second, jobs={2022: 7}),
        StartUp("d", 2023),
    ]


def _tables(plan: Plan, minimum: int, lang: str) -> list[Table]:
    items = _portfolio(plan)
    return [
        report.active_table(items, YEARS, minimum, lang),
        report.survival_table(items, SETTINGS, YEARS[-1], minimum, lang),
        report.jobs_table(plan, items, YEARS, minimum, lang),
        report.funding_table(items, YEARS, minimum, lang),
        report.gap_table(
            PipelineCover(YEARS, (50.0, 50.0, 50.0, 10.0), (20.0,) * 4),
            [0.0, 15.0, 0.0, 5.0],
            [0, 2, 0, 4],
            minimum,
            lang,
            count=JobsCount.ABOVE_BASE_YEAR,
            base_year=YEARS[0],
            assumption=assumption_label(plan, JOBS_COUNT, lang),
        ),
    ]


def _shown(table: Table, row: str, year: int) -> str:
    return table.cell(row, year_key(year)).shown(table.lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tables_are_headed_by_the_catalogue(plan: Plan, lang: str) -> None:
    active, survival, jobs, funding, gap = _tables(plan, 1, lang)
    for table, texts in (
        (active, "active"),
        (survival, "survival"),
        (jobs, "jobs"),
        (funding, "funding"),
        (gap, "gap"),
    ):
        assert table.title == msg(f"startups.{texts}.title", lang)
        assert table.name == msg(f"startups.{texts}.name", lang)
    assert [c.heading for c in active.columns] == [
        msg("startups.col.cohort", lang),
        *map(str, YEARS),
    ]
    assert [c.heading for c in survival.columns] == [
        msg("startups.col.cohort", lang),
        msg("startups.col.size", lang),
        msg("startups.col.after", lang, n=1),
        msg("startups.col.after", lang, n=3),
    ]
    assert [c.heading for c in gap.columns] == [
        msg(f"startups.col.{key}", lang)
        for key in ("year", "gap", "covered", "startups", "remaining")
    ]
    first = plan.taxonomy.pillars[0].id
    name = jobs.cell(report.pillar_key(first), "pillar").text
    assert name == taxonomy_names(plan, "pillars", lang)[first]
    assert jobs.totals is not None and jobs.totals.cells[0].text == msg("table.row.total", lang)


def test_a_cohort_of_too_few_start_ups_is_withheld_with_the_rest_of_its_years(
    plan: Plan,
) -> None:
    mark = disclosure.mark("nl")
    active = _tables(plan, 3, "nl")[0]
    assert [_shown(active, "2021", y) for y in YEARS] == ["3", "3", mark, mark]
    assert [_shown(active, "2023", y) for y in YEARS] == ["0", "0", mark, mark]
    assert [_shown(active, "total", y) for y in YEARS] == ["3", "3", "3", "3"]
    assert active.totals is not None
    assert active.totals.cells[0].text == msg("startups.active.total", "nl")
    open_ = _tables(plan, 1, "nl")[0]
    assert [_shown(open_, "2023", y) for y in YEARS] == ["0", "0", "1", "1"]
    assert all(c.computed for r in open_.rows for c in r.cells[1:])


def test_survival_of_a_small_cohort_is_withheld_and_an_unknown_one_is_not_yet(
    plan: Plan,
) -> None:
    mark = disclosure.mark("en")
    survival = _tables(plan, 3, "en")[1]
    assert [c.shown("en") for c in survival.rows[0].cells] == ["2021", "3", "100", "67"]
    assert [c.shown("en") for c in survival.rows[1].cells] == ["2023", mark, mark, mark]
    open_ = _tables(plan, 1, "en")[1]
    not_yet = msg("startups.survival.not_yet", "en")
    assert [c.shown("en") for c in open_.rows[1].cells] == ["2023", "1", "100", not_yet]


def test_a_shown_jobs_total_keeps_its_withheld_parts_out(plan: Plan) -> None:
    mark = disclosure.mark("nl")
    first, second = (report.pillar_key(p.id) for p in plan.taxonomy.pillars[:2])
    jobs = _tables(plan, 3, "nl")[2]
    assert _shown(jobs, first, 2022) == mark
    assert _shown(jobs, second, 2022) == mark
    assert jobs.cell("total", year_key(2022)).value == 22
    assert [jobs.cell(report.WITHOUT_JOBS, year_key(y)).value for y in YEARS] == [3, 0, 1, 1]
    open_ = _tables(plan, 1, "nl")[2]
    assert open_.cell(first, year_key(2022)).value == 15
    assert open_.cell(report.pillar_key(""), year_key(2022)).value == 0
    assert open_.cell(report.pillar_key(""), "pillar").text == msg("startups.jobs.no_pillar", "nl")


def test_funding_of_too_few_start_ups_is_withheld_with_its_total(plan: Plan) -> None:
    mark = disclosure.mark("en")
    funding = _tables(plan, 3, "en")[3]
    assert [_shown(funding, k.value, 2022) for k in FundingKind] == [mark, "0.00", mark]
    assert _shown(funding, "total", 2022) == mark
    open_ = _tables(plan, 1, "en")[3]
    assert _shown(open_, "total", 2022) == "1.75"
    assert open_.cell("grant", "kind").text == words("startup.funding", "grant", "en")


def test_what_too_few_start_ups_add_to_the_gap_is_withheld_and_explained(plan: Plan) -> None:
    mark = disclosure.mark("nl")
    gap = _tables(plan, 3, "nl")[4]
    assert [c.shown("nl") for c in gap.rows[1].cells] == ["2022", "50", "20", mark, mark]
    assert [c.shown("nl") for c in gap.rows[0].cells] == ["2021", "50", "20", "0", "30"]
    label = assumption_label(plan, JOBS_COUNT, "nl")
    counting = report.counting_note(JobsCount.ABOVE_BASE_YEAR, YEARS[0], "nl", label)
    assert gap.notes == (counting, disclosure.note(3, "startups", "nl"))


def test_what_remains_of_the_gap_is_what_the_pipeline_leaves_less_the_start_ups(
    plan: Plan,
) -> None:
    """A row adds up: gap = covered by the pipeline + covered by start-ups + remaining;
    neither covers more than the gap (the table had shown their full jobs)."""
    gap = _tables(plan, 1, "en")[4]
    assert [[c.shown("en") for c in row.cells] for row in gap.rows] == [
        ["2021", "50", "20", "0", "30"],
        ["2022", "50", "20", "15", "15"],
        ["2023", "50", "20", "0", "30"],
        # a pipeline of 20 covers the gap of 10, no more; the start-ups nothing left
        ["2024", "10", "10", "0", "0"],
    ]
    for row in gap.rows:
        short, *parts = (c.value for c in row.cells[1:])
        assert short == sum(parts)
    # no mark: only how the start-ups count (here: above the base year, which it names)
    label = assumption_label(plan, JOBS_COUNT, "en")
    assert gap.notes == (report.counting_note(JobsCount.ABOVE_BASE_YEAR, YEARS[0], "en", label),)
    assert f"above their jobs in the base year {YEARS[0]} " in gap.notes[0]
    open_ = _tables(plan, 1, "nl")[4]
    assert [c.value for c in open_.rows[1].cells] == [2022, 50.0, 20.0, 15.0, 15.0]
    assert len(open_.notes) == 1


def test_the_gap_says_how_the_start_ups_count_by_the_assumption() -> None:
    """The note follows ``startups.jobs-count`` (the page had said 'above the base year'
    whatever the assumption held)."""
    above = report.counting_note(JobsCount.ABOVE_BASE_YEAR, 2026, "nl", "A")
    every = report.counting_note(JobsCount.ALL, 2026, "nl", "A")
    assert "boven hun banen in het basisjaar 2026" in above
    assert "met al hun banen" in every
    assert "basisjaar" not in every


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_gap_names_its_assumption_by_its_label_not_its_id(plan: Plan, lang: str) -> None:
    gap = _tables(plan, 1, lang)[4]
    assert JOBS_COUNT not in gap.notes[0]
    assert f"{item_label(plan.assumption(JOBS_COUNT), lang)})" in gap.notes[0]
