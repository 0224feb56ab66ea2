"""The acquisition pipeline's tables (report/funnel.py): headings and words in the run's
language, unknown jobs kept unknown, totals by the one rule, assumed landing years marked,
one gap table under two keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clusterplan.app import funnel
from clusterplan.ecosystem import Lead, Stage, StageMove, ecosystem_settings
from clusterplan.ecosystem.growth_link import AcquisitionGap, PipelineCover
from clusterplan.plan.schema import Plan
from clusterplan.report import funnel as tables
from clusterplan.report.numbers import MISSING
from clusterplan.report.table import export_grid, shown_rows
from clusterplan.report.tables import taxonomy_names

TODAY = date(2026, 6, 1)


def _lead(id_: str, stage: str, **fields: object) -> Lead:
    data: dict[str, object] = {"id": id_, "company": id_.title(), "source": "trade_mission"}
    return Lead.model_validate(data | {"stage": stage} | fields)


LEADS = [
    _lead("acme", "decision", expected_jobs={"equipment": 100}, landing_year=2028, area_m2=2000),
    _lead("beta", "visit", expected_jobs={"packaging_test": 40}),  # landing year assumed
    _lead("gamma", "proposal", landing_year=2029),  # jobs unknown
    _lead("delta", "proposal", expected_jobs={"design": 10, "equipment": None}, landing_year=2030),
    _lead("omega", "lost", expected_jobs={"design": 20}),
]
HISTORY = [
    StageMove("acme", Stage.PROPOSAL, date(2026, 1, 1)),
    StageMove("acme", Stage.DECISION, date(2026, 3, 2)),
]


@pytest.fixture(scope="module")
def outcome(plan: Plan) -> funnel.PipelineOutcome:
    """The pipeline of :data:`LEADS` with known probabilities (decision 0.7, visit 0.2,
    proposal 0.4) and a ramp of one year."""
    settings = replace(ecosystem_settings(plan), ramp_years=1).with_stage_probability(
        decision=0.7, visit=0.2, proposal=0.4
    )
    return funnel.pipeline(plan, LEADS, HISTORY, TODAY, settings, reference=True)


def test_headings_words_and_titles_are_in_the_language_asked(
    plan: Plan, outcome: funnel.PipelineOutcome
) -> None:
    en = tables.leads_table(outcome.pipeline, "en")
    nl = tables.leads_table(outcome.pipeline, "nl")
    assert shown_rows(en)[0] == [
        "Company",
        "Source",
        "Stage",
        "Probability",
        "Landing year",
        "Weighted jobs",
    ]
    assert shown_rows(nl)[0] == [
        "Bedrijf",
        "Bron",
        "Fase",
        "Kans",
        "Vestigingsjaar",
        "Gewogen banen",
    ]
    assert shown_rows(en)[1][:4] == ["Acme", "Trade mission", "Decision", "0.70"]
    assert shown_rows(nl)[1][:4] == ["Acme", "Handelsmissie", "Besluit", "0,70"]
    assert (en.title, nl.title) == ("Leads, weighted", "Leads, gewogen")
    jobs = tables.jobs_table(plan, outcome.pipeline, "nl")
    names = taxonomy_names(plan, "pillars", "nl")
    assert [r.cells[0].text for r in jobs.body] == [names[p] for p in outcome.pipeline.pillars]
    assert jobs.title == "Verwachte banen uit acquisitie per pijler en jaar (gewogen)"


def test_unknown_jobs_stay_unknown(plan: Plan, outcome: funnel.PipelineOutcome) -> None:
    table = tables.leads_table(outcome.pipeline, "en")
    gamma, delta = table.cell("gamma", "jobs"), table.cell("delta", "jobs")
    assert gamma.unknown and gamma.shown("en") == "?"
    assert export_grid(table)[3][-1] == "?"
    # delta's design jobs are known (0.4 x 10), its equipment jobs are not
    assert (delta.value, delta.includes_unknown) == (4.0, True)
    assert delta.shown("en") == "4.0+?"
    note = tables.jobs_table(plan, outcome.pipeline, "en").notes[0]
    assert "Gamma" in note and "Delta" in note and "Acme" not in note


def test_the_jobs_per_pillar_have_a_totals_row_per_year(
    plan: Plan, outcome: funnel.PipelineOutcome
) -> None:
    table = tables.jobs_table(plan, outcome.pipeline, "en")
    totals = table.totals
    assert totals is not None and totals.cells[0].text == "Total"
    year = table.column_index("year:2030")
    # acme 0.7 x 100 (2028), beta 0.2 x 40 (assumed 2028), delta 0.4 x 10 (2030)
    assert totals.cells[year].value == pytest.approx(82.0)
    assert sum(r.cells[year].value or 0 for r in table.body) == pytest.approx(82.0)
    assert all(c.computed for c in totals.cells[1:])
    space = tables.space_table(outcome.pipeline, "nl")
    assert space.totals is not None
    assert space.totals.cells[1].value == pytest.approx(1400.0)
    assert shown_rows(space)[1][0] == str(outcome.pipeline.years[0])  # a year, no separator


def test_a_landing_year_assumed_from_the_stage_is_marked(
    plan: Plan, outcome: funnel.PipelineOutcome
) -> None:
    table = tables.leads_table(outcome.pipeline, "nl")
    visit = ecosystem_settings(plan).years_to_landing["visit"]
    assert table.cell("beta", "landing_year").shown("nl") == f"{TODAY.year + visit}*"
    acme = table.cell("acme", "landing_year")
    assert (acme.value, acme.shown("nl"), acme.is_text) == (2028, "2028", False)
    assert table.cell("omega", "landing_year").shown("nl") == MISSING  # lost: lands nowhere
    assert table.notes == ("* vestigingsjaar aangenomen uit de fase van de lead",)
    stated = replace(
        outcome.pipeline, leads=tuple(w for w in outcome.pipeline.leads if w.lead_id != "beta")
    )
    assert tables.leads_table(stated, "nl").notes == ()


def test_the_gap_table_says_what_the_pipeline_covers() -> None:
    cover = PipelineCover(
        years=(2030, 2031), gap_by_year=(100.0, 50.0), pipeline_by_year=(30.0, 80.0)
    )
    page = tables.gap_table(cover, "en")
    assert page.key == "acquisition-gap"
    assert page.title == "Acquisition gap per year (back-cast) and what the pipeline covers"
    assert shown_rows(page) == [
        ["Year", "Acquisition gap", "Covered by the pipeline", "Remaining gap"],
        ["2030", "100", "30", "70"],
        ["2031", "50", "50", "0"],  # covers the gap, not more: the rest covers nothing
    ]
    assert all(c.computed for r in page.rows for c in r.cells[1:])


def test_the_gap_sentence_is_about_the_year_of_the_largest_gap(plan: Plan) -> None:
    """No gap in the goal year while the years before it fall short: the sentence (the
    command line's and the page's) names the year of the largest gap and what the pipeline
    covers of it, as that year's row of the table; it had said 'gap 0, the pipeline covers'
    all its jobs in the goal year."""
    gap = AcquisitionGap(
        years=(2030, 2031, 2032, 2033),
        gap_by_year=(0.0, 30.0, 44.0, 0.0),
        pipeline_by_year=(0.0, 0.0, 24.0, 80.0),
        dimension=plan.employment.last_dimension,
        goal_year=2033,
        goal_jobs=1400.0,
        without_pipeline=1400.0,
        with_pipeline=1480.0,
    )
    assert (gap.year, gap.gap_jobs, gap.covered_jobs, gap.remaining_gap_jobs) == (2032, 44, 24, 20)
    sentence = tables.gap_sentence(plan, gap, "en")
    assert sentence.startswith(
        "Largest acquisition gap in 2032: 44 jobs; the pipeline covers 24 of it; remaining gap 20"
    )
    row = shown_rows(tables.gap_table(gap, "en"))[3]
    assert row == ["2032", "44", "24", "20"]
    none = replace(gap, gap_by_year=(0.0, 0.0, 0.0, 0.0))
    assert none.year == 2033 and none.covered_jobs == 0
    assert tables.gap_sentence(plan, none, "nl").startswith(
        "Geen acquisitietekort in enig jaar tot en met 2033"
    )


def test_funnel_statistics_per_source(outcome: funnel.PipelineOutcome) -> None:
    table = tables.stats_table(outcome.stats, "en")
    assert [c.heading for c in table.columns][-1] == "Proposal (mean days)"
    assert shown_rows(table)[1] == ["Trade mission", "5", "0", "1", "4", "0.0", "60"]
    open_only = replace(outcome.stats[0], lost=0, conversion=None)
    assert tables.stats_table([open_only], "en").cell("trade_mission", "conversion").text == MISSING
