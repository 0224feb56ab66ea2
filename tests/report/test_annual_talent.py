"""The annual report's talent section: targets against the monitored inflow, the gap before
and after the measures, the measures ranked."""

from __future__ import annotations

import pytest

from clusterplan.labels import label
from clusterplan.model.talent_plan import talent_plan
from clusterplan.model.talent_supply import read_supply
from clusterplan.monitor.actuals import Actuals, read_actuals
from clusterplan.plan.load import BUNDLED_PLAN_DIR
from clusterplan.plan.schema import Plan, TalentTarget
from clusterplan.report.annual import annual_report, render_html
from clusterplan.report.numbers import format_number
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
    ids = [t.key for t in section.tables]
    assert {"talent-targets", "talent-gap", "talent-measures"} <= set(ids)
    targets = next(t for t in section.tables if t.key == "talent-targets")
    cells = {c.key: c for c in targets.columns}
    mbo = label("education.level", "mbo", "en")  # the level's words, as the web writes them
    assert mbo != "mbo" and targets.cell("2028:mbo", "level").text == mbo
    inflow = fictional.series("inflow", "mbo")[2028]
    assert targets.cell("2028:mbo", "target").value == 300
    assert targets.cell("2028:mbo", "adopted").text == "yes"
    assert targets.cell("2028:mbo", "actual").value == inflow
    share = targets.cell("2028:mbo", "share").value
    assert share == pytest.approx(inflow / 300, abs=1e-3)
    assert cells["share"].numeric and not cells["level"].numeric
    later = [r for r in targets.rows if int(r.key.split(":")[0]) > YEAR]
    # the report never looks ahead: a later year's inflow is unknown, shown as '?'
    assert later and all(r.cells[4].unknown for r in later)
    assert all(r.cells[4].shown("en") == "?" for r in later)
    assert any("ILLUSTRATIVE" in p for p in section.paragraphs)
    gap = next(t for t in section.tables if t.key == "talent-gap")
    result = talent_plan(with_target, None)  # the gap's years: up to the report year + targets
    assert {r.cells[0].value for r in gap.rows} == {y for y in result.years if y <= YEAR} | {2040}
    # a year is written as a year (2028, not 2.028), a share with two decimals
    html = render_html(report)
    assert f'<td class="num">2028</td><td>{mbo}</td>' in html
    assert f'<td class="num">{format_number(share, "en", 2)}</td>' in html


def test_a_plan_without_talent_has_no_programme_tables(plan: Plan, fictional: Actuals) -> None:
    report = annual_report(plan.model_copy(update={"talent": None}), fictional, YEAR, "nl")
    ids = [t.key for t in report.section("talent").tables]
    assert not {"talent-targets", "talent-gap", "talent-measures"} & set(ids)


def test_without_supply_data_the_report_reads_no_supply_file_itself(
    plan: Plan, fictional: Actuals
) -> None:
    section = annual_report(plan, fictional, YEAR, "en").section("talent")
    assert not any("ILLUSTRATIVE" in p for p in section.paragraphs)
