"""The annual report's talent section: targets against the monitored inflow, the gap before
and after the measures, the measures ranked."""

from __future__ import annotations

import pytest

from clusterplan.model.talent_plan import talent_plan
from clusterplan.model.talent_supply import read_supply
from clusterplan.monitor.actuals import Actuals, read_actuals
from clusterplan.plan.load import BUNDLED_PLAN_DIR
from clusterplan.plan.schema import Plan, TalentTarget
from clusterplan.report.annual import annual_report
from tests.monitor.conftest import FICTIONAL

YEAR = 2030


@pytest.fixture(scope="module")
def fictional(plan: Plan) -> Actuals:
    return read_actuals(FICTIONAL, plan)


def test_the_talent_section_sets_the_inflow_against_the_targets(
    plan: Plan, fictional: Actuals
) -> None:
    assert plan.talent is not None
    adopted = TalentTarget(year=2028, hires={"mbo": 300}, set_by="office", reason="r")
    with_target = plan.model_copy(
        update={"talent": plan.talent.model_copy(update={"targets": [adopted]})}
    )
    assert plan.talent.supply_file
    supply = read_supply(BUNDLED_PLAN_DIR / plan.talent.supply_file)  # the plan's own file
    report = annual_report(with_target, fictional, YEAR, "en", talent_supply=supply)
    section = report.section("talent")
    ids = [t.id for t in section.tables]
    assert {"talent-targets", "talent-gap", "talent-measures"} <= set(ids)
    targets = next(t for t in section.tables if t.id == "talent-targets")
    row = next(r for r in targets.rows if r[0] == 2028 and r[1] == "MBO")
    inflow = fictional.series("inflow", "mbo")[2028]
    assert row[2] == 300 and row[3] == "yes"
    assert row[4] == inflow and row[5] == pytest.approx(inflow / 300, abs=1e-3)
    later = [r for r in targets.rows if r[0] > YEAR]
    assert later and all(r[4] is None for r in later)  # the report never looks ahead
    assert any("ILLUSTRATIVE" in p for p in section.paragraphs)
    gap = next(t for t in section.tables if t.id == "talent-gap")
    result = talent_plan(with_target, None)  # the gap's years: up to the report year + targets
    assert {r[0] for r in gap.rows} == {y for y in result.years if y <= YEAR} | {2040}


def test_a_plan_without_talent_has_no_programme_tables(plan: Plan, fictional: Actuals) -> None:
    report = annual_report(plan.model_copy(update={"talent": None}), fictional, YEAR, "nl")
    ids = [t.id for t in report.section("talent").tables]
    assert not {"talent-targets", "talent-gap", "talent-measures"} & set(ids)


def test_without_supply_data_the_report_reads_no_supply_file_itself(
    plan: Plan, fictional: Actuals
) -> None:
    section = annual_report(plan, fictional, YEAR, "en").section("talent")
    assert not any("ILLUSTRATIVE" in p for p in section.paragraphs)
