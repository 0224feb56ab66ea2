"""The acquisition funnel: probabilities, the weighted pipeline, statistics, the growth engine."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from clusterplan.ecosystem import (
    EcosystemSettings,
    Lead,
    Stage,
    StageMove,
    acquisition_contribution,
    funnel_stats,
    move_lead,
    registry_from_plan,
    weighted_pipeline,
)
from clusterplan.ecosystem.funnel import LEAD_JOBS, LEAD_NUMBER_BOUNDS, StageUnchanged, via_problem
from clusterplan.ecosystem.growth_link import acquisition_gap, departure_effect, growth_years
from clusterplan.ecosystem.leads_table import TableProblems, history_from_table, leads_from_table
from clusterplan.errors import localise
from clusterplan.io.sheets import parse_csv_text
from clusterplan.model.growth import GrowthError, trajectory
from clusterplan.plan.schema import Plan
from tests.ecosystem.conftest import org

PILLARS = ["design", "equipment", "production", "packaging_test", "applications"]
YEARS = list(range(2026, 2035))


def lead(id_: str, stage: str, **fields: object) -> Lead:
    data: dict[str, object] = {
        "id": id_,
        "company": id_.title(),
        "source": "anchor_tenant",
        "stage": stage,
    }
    data.update(fields)
    return Lead.model_validate(data)


def test_weighted_jobs_use_stage_defaults_and_overrides(settings: EcosystemSettings) -> None:
    leads = [
        lead("p", "proposal", expected_jobs={"equipment": 100}, landing_year=2028, area_m2=1000),
        lead("o", "visit", expected_jobs={"design": 50}, landing_year=2030, probability=0.5),
        lead("x", "lost", expected_jobs={"design": 999}, landing_year=2027),
    ]
    s = replace(settings, ramp_years=1).with_stage_probability(proposal=0.4)
    pipe = weighted_pipeline(leads, PILLARS, YEARS, s, as_of_year=2026)
    eq, de = PILLARS.index("equipment"), PILLARS.index("design")
    # proposal 0.4 x 100 from 2028; the visit lead's own 0.5 x 50 from 2030; lost counts 0.
    assert pipe.jobs[eq].tolist() == [0, 0, 40, 40, 40, 40, 40, 40, 40]
    assert pipe.jobs[de].tolist() == [0, 0, 0, 0, 25, 25, 25, 25, 25]
    assert pipe.area_m2[YEARS.index(2028)] == pytest.approx(400)
    assert pipe.total_weighted_jobs == pytest.approx(65)
    np.testing.assert_array_equal(acquisition_contribution(pipe), pipe.jobs)


def test_ramp_spreads_jobs_over_years(settings: EcosystemSettings) -> None:
    s = replace(settings, ramp_years=4)
    pipe = weighted_pipeline(
        [lead("l", "landed", expected_jobs={"production": 80}, landing_year=2030)],
        PILLARS,
        YEARS,
        s,
        2026,
    )
    row = pipe.jobs[PILLARS.index("production")]
    assert row[YEARS.index(2029)] == 0
    assert row[YEARS.index(2030) : YEARS.index(2034)].tolist() == [20, 40, 60, 80]


def test_landing_year_is_assumed_from_the_stage_when_missing(settings: EcosystemSettings) -> None:
    s = replace(settings, years_to_landing={**settings.years_to_landing, "decision": 1})
    pipe = weighted_pipeline(
        [lead("d", "decision", expected_jobs={"design": 10})], PILLARS, YEARS, s, 2027
    )
    (w,) = pipe.leads
    assert (w.landing_year, w.landing_year_assumed) == (2028, True)


def test_jobs_after_the_horizon_and_unknown_jobs_are_reported_apart(
    settings: EcosystemSettings,
) -> None:
    leads = [
        lead("late", "landed", expected_jobs={"design": 30}, landing_year=2036),
        lead("unk", "proposal", expected_jobs={"design": None}),
    ]
    pipe = weighted_pipeline(leads, PILLARS, YEARS, settings, 2026)
    assert pipe.beyond_horizon_jobs == pytest.approx(30)
    assert pipe.jobs_unknown == ("unk",)
    assert not pipe.jobs.any()


def test_supplier_lead_must_name_the_present_firm() -> None:
    with pytest.raises(ValueError, match="must name that present firm"):
        lead("s", "identified", source="supplier")


def test_the_present_firm_rule_names_the_source_in_the_readers_words() -> None:
    problem = via_problem("customer", None)
    assert problem is not None
    assert problem.text("nl") == (
        "een lead met herkomst 'Klant van een gevestigd bedrijf' moet dat gevestigde bedrijf noemen"
    )
    assert problem.text("en") == (
        "a lead whose source is 'Customer of a present firm' must name that present firm"
    )
    assert via_problem("customer", "besi") is None
    assert via_problem("event", None) is None


def test_move_keeps_a_history_entry() -> None:
    moved, entry = move_lead(lead("m", "visit"), Stage.PROPOSAL, date(2026, 5, 1), "anna")
    assert moved.stage is Stage.PROPOSAL
    assert entry == StageMove("m", Stage.PROPOSAL, date(2026, 5, 1), "anna")
    with pytest.raises(StageUnchanged) as refused:
        move_lead(moved, Stage.PROPOSAL, date(2026, 5, 2))
    assert refused.value.params == {"lead": "m", "stage": "proposal"}


def test_conversion_and_time_in_stage_per_source() -> None:
    leads = [
        lead("a", "landed"),
        lead("b", "lost"),
        lead("c", "visit"),
        lead("e", "identified", source="event"),
    ]
    history = [
        StageMove("a", Stage.IDENTIFIED, date(2026, 1, 1)),
        StageMove("a", Stage.CONTACTED, date(2026, 1, 11)),
        StageMove("a", Stage.LANDED, date(2026, 3, 1)),
        StageMove("b", Stage.IDENTIFIED, date(2026, 1, 1)),
        StageMove("b", Stage.CONTACTED, date(2026, 1, 31)),
        StageMove("b", Stage.LOST, date(2026, 2, 10)),
    ]
    anchor, event = funnel_stats(leads, history)
    assert (anchor.source, anchor.leads, anchor.landed, anchor.lost, anchor.open) == (
        "anchor_tenant",
        3,
        1,
        1,
        1,
    )
    assert anchor.conversion == pytest.approx(0.5)
    assert anchor.reached["contacted"] == 3  # a, b and c (in visit, so past contacted)
    assert anchor.reached["landed"] == 1
    assert anchor.days_in_stage["identified"] == (2, 20.0, 20.0)  # 10 and 30 days
    assert anchor.days_in_stage["contacted"] == (2, (49 + 10) / 2, (49 + 10) / 2)
    assert event.conversion is None


def test_leads_table_with_bad_rows_names_row_and_column(
    plan: Plan, settings: EcosystemSettings
) -> None:
    table = parse_csv_text(
        "company,source,via,stage,jobs_equipment,landing_year\n"
        "Good,supplier,BESI,visit,10,2028\n"
        "NoVia,customer,,visit,10,\n"
        "BadStage,event,,maybe,,\n"
        "BadJobs,event,,visit,many,\n"
        "BadVia,supplier,Nonexistent Corp,visit,,\n",
        "leads.csv",
    )
    with pytest.raises(TableProblems) as caught:
        leads_from_table(table, registry_from_plan(plan), plan.taxonomy, settings)
    where = [(p.row, p.column) for p in caught.value.problems]
    assert where == [(3, "via"), (4, "stage"), (5, "jobs_equipment"), (6, "via")]


def test_leads_table_matches_the_present_firm_by_name(
    plan: Plan, settings: EcosystemSettings
) -> None:
    table = parse_csv_text("company,source,via,stage\nSupplyCo,supplier,Tempres,visit\n", "l.csv")
    (only,) = leads_from_table(table, registry_from_plan(plan), plan.taxonomy, settings)
    assert only.via_organisation == "tempress"
    history = parse_csv_text("lead,stage,date\nsupplyco,visit,2026-13-01\n", "h.csv")
    with pytest.raises(TableProblems, match="row 2, column 'date'"):
        history_from_table(history, ["supplyco"])


def test_weighted_pipeline_enters_the_growth_engine_as_acquisition(
    plan: Plan, settings: EcosystemSettings
) -> None:
    years = growth_years(plan)
    leads = [lead("p", "proposal", expected_jobs={"packaging_test": 200}, landing_year=2029)]
    pipe = weighted_pipeline(leads, plan.pillar_ids, years, replace(settings, ramp_years=1), 2026)
    without = trajectory(plan, "accelerated")
    with_ = trajectory(plan, "accelerated", acquisition_jobs=pipe.jobs)
    p = plan.pillar_ids.index("packaging_test")
    diff = with_.jobs - without.jobs
    expected = np.zeros_like(diff)
    expected[p, years.index(2029) :] = 0.4 * 200
    np.testing.assert_allclose(diff, expected)
    gap, _, _ = acquisition_gap(plan, pipe)
    assert gap.goal_jobs == pytest.approx(2 * 5600)  # Figure 6 base total, doubled
    assert gap.covered_jobs == pytest.approx(80)
    assert gap.remaining_gap_jobs == pytest.approx(gap.gap_jobs - 80)


def test_the_gap_is_the_backcast_gap_by_hand(plan: Plan, settings: EcosystemSettings) -> None:
    """Goal 11,200 shared over pillars like the leap's growth (design 2,400, equipment 2,250,
    production 650, packaging & test 550, applications 2,150 of 8,000): targets 2,680, 3,275,
    2,555, 485, 2,205; the accelerated row delivers 1,900, 3,400, 2,100, 400, 1,350; the
    positive differences add up to 780 + 0 + 455 + 85 + 855 = 2,175."""
    pipe = weighted_pipeline([], plan.pillar_ids, growth_years(plan), settings, 2026)
    gap, _, _ = acquisition_gap(plan, pipe)
    assert gap.dimension == "accelerated"
    assert gap.gap_jobs == pytest.approx(2175)
    assert gap.covered_jobs == 0 and gap.remaining_gap_jobs == pytest.approx(2175)
    assert gap.gap_by_year[0] == pytest.approx(0)  # the base year is on its milestone


def test_a_departing_organisation_lowers_the_trajectory_from_its_year(
    plan: Plan, settings: EcosystemSettings
) -> None:
    registry = registry_from_plan(plan).replaced(
        [plan.organisations[0].model_copy(update={"jobs": 1200})]
    )
    assert registry.get("nxp").pillars == ["design", "production"]
    effect = departure_effect(plan, registry, "nxp", 2030, settings, "leap")
    assert effect.total_change(2029) == 0
    assert effect.total_change(2030) == pytest.approx(-1200)
    assert effect.total_change(2034) == pytest.approx(-1200)
    d, p = plan.pillar_ids.index("design"), plan.pillar_ids.index("production")
    t = effect.before.years.index(2031)
    assert effect.before.jobs[d, t] - effect.after.jobs[d, t] == pytest.approx(600)
    assert effect.before.jobs[p, t] - effect.after.jobs[p, t] == pytest.approx(600)


@pytest.mark.parametrize(
    ("who", "when", "code"),
    [
        ("nobody", 2030, "growth.departure_unknown"),
        ("nxp", -1, "growth.departure_year_outside"),
        ("nxp", None, "growth.departure_year_outside"),
    ],
)
def test_a_departure_is_refused_for_an_unknown_organisation_or_a_year_outside_the_plan(
    plan: Plan, settings: EcosystemSettings, who: str, when: int | None, code: str
) -> None:
    """The rule each interface had written for itself (the command line the plan's years,
    the web its horizon), once in the core."""
    year = plan.years[-1] + 1 if when is None else plan.years[0] + when
    with pytest.raises(GrowthError) as caught:
        departure_effect(plan, registry_from_plan(plan), who, year, settings)
    assert caught.value.code == code


def test_registry_helper_org_is_valid() -> None:
    assert org("x").source == "test"


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("landing_year", "3000"),
        ("capex_meur", "1e9"),
        ("area_m2", "1e12"),
        ("jobs_PILLAR", "9000000"),
    ],
)
def test_a_lead_outside_its_declared_ranges_is_refused_by_the_import_as_by_the_form(
    plan: Plan, settings: EcosystemSettings, column: str, cell: str
) -> None:
    """The ranges lived only in the web form; the import took a landing year 3000."""
    column = column.replace("PILLAR", plan.taxonomy.pillars[0].id)
    table = parse_csv_text(f'company,source,stage,{column}\nAcme,event,visit,"{cell}"\n', "l.csv")
    with pytest.raises(TableProblems) as caught:
        leads_from_table(table, registry_from_plan(plan), plan.taxonomy, settings)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, column)  # not the company's column
    assert "must be between" in problem.text("en"), problem.text("en")


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("area_m2", -5.0),
        ("capex_meur", -1.0),
        ("probability", 1.5),
        ("probability", -0.1),
        ("jobs_PILLAR", -3),
    ],
)
def test_each_lead_number_is_refused_in_the_words_of_its_one_bound(
    plan: Plan, settings: EcosystemSettings, column: str, value: float
) -> None:
    """Below zero as above the maximum: the lead's numbers had a second, pydantic range
    (``NonNegativeFloat``, ``ge``/``le``) that answered first, in other words."""
    pillar = plan.taxonomy.pillars[0].id
    table = parse_csv_text(
        f"company,source,stage,{column.replace('PILLAR', pillar)}\nAcme,event,visit,{value}\n",
        "l.csv",
    )
    with pytest.raises(TableProblems) as caught:
        leads_from_table(table, registry_from_plan(plan), plan.taxonomy, settings)
    (problem,) = caught.value.problems
    assert problem.column == column.replace("PILLAR", pillar)
    bound = LEAD_JOBS if column == "jobs_PILLAR" else LEAD_NUMBER_BOUNDS[column]
    reason = bound.problem(value)
    assert reason is not None
    for lang in ("en", "nl"):
        assert localise(reason, lang) in problem.text(lang)
