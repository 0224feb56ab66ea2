"""The annual report's talent section: targets against the monitored inflow, the gap before
and after the measures, the measures ranked."""

from __future__ import annotations

import json
import math
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.labels import label
from clusterplan.model.talent_plan import talent_plan
from clusterplan.model.talent_supply import read_supply
from clusterplan.monitor.actuals import Actuals, read_actuals
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
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
    # in percent, as the command line's inflow lines and the odds beside it (it was 1.02)
    assert share == round(100 * inflow / 300) and cells["share"].heading.endswith("(%)")
    assert cells["share"].numeric and not cells["level"].numeric
    later = [r for r in targets.rows if int(r.key.split(":")[0]) > YEAR]
    # the report never looks ahead: a later year's inflow is unknown, shown as '?'
    assert later and all(r.cells[4].unknown for r in later)
    assert all(r.cells[4].shown("en") == "?" for r in later)
    assert any("ILLUSTRATIVE" in p for p in section.paragraphs)
    gap = next(t for t in section.tables if t.key == "talent-gap")
    result = talent_plan(with_target, None)  # the gap's years: up to the report year + targets
    assert {r.cells[0].value for r in gap.rows} == {y for y in result.years if y <= YEAR} | {2040}
    # a year is written as a year (2028, not 2.028), a share in whole percent
    html = render_html(report)
    assert f'<td class="num">2028</td><td>{mbo}</td>' in html
    assert f'<td class="num">{format_number(share, "en", 0)}</td>' in html
    # the gap reads by level: each level a band over its gap before and after the measures
    levels = [label("education.level", lv, "en") for lv in result.levels]
    assert [c.band for c in gap.columns[1:]] == [name for name in levels for _ in (0, 1)]
    assert [c.short for c in gap.columns[1:3]] == ["gap before", "gap after"]
    assert gap.columns[1].heading == f"{mbo}: gap before"  # flat tables name the level
    for name in levels:
        assert f'<th scope="colgroup" colspan="2" class="band">{escape(name)}</th>' in html


def test_a_plan_without_talent_has_no_programme_tables(plan: Plan, fictional: Actuals) -> None:
    report = annual_report(plan.model_copy(update={"talent": None}), fictional, YEAR, "nl")
    ids = [t.key for t in report.section("talent").tables]
    assert not {"talent-targets", "talent-gap", "talent-measures"} & set(ids)


def test_without_supply_data_the_report_reads_no_supply_file_itself(
    plan: Plan, fictional: Actuals
) -> None:
    section = annual_report(plan, fictional, YEAR, "en").section("talent")
    assert not any("ILLUSTRATIVE" in p for p in section.paragraphs)


def test_the_targets_odds_are_the_talent_commands_for_the_reports_samples_and_seed(
    plan_copy: Path, fictional: Actuals
) -> None:
    # Before: the report passed no odds, so 'probability' was '?' in every row.
    from clusterplan.model.talent_plan import by_level

    base = load_plan(plan_copy)
    assert base.talent is not None and base.talent.supply_file
    supply = read_supply(plan_copy / base.talent.supply_file)
    # Targets at what supply plus measures deliver on average: odds between 0 and 1.
    result = talent_plan(base, supply)
    delivered = result.supply + by_level(result.measures, result.effects)
    i = result.years.index(YEAR)
    hires = {
        lv: round(float(delivered[k, i]))
        for k, lv in enumerate(result.levels)
        if not math.isnan(delivered[k, i])  # a level without supply: its odds are unknown
    }
    adopted = f"targets: [{{year: {YEAR}, hires: {json.dumps(hires)}, set_by: office, reason: r}}]"
    talent_yaml = plan_copy / "talent.yaml"
    text = talent_yaml.read_text(encoding="utf-8")
    assert "\ntargets: []\n" in text
    talent_yaml.write_text(text.replace("\ntargets: []\n", f"\n{adopted}\n"), encoding="utf-8")
    plan = load_plan(plan_copy)

    samples, seed = 300, 11
    report = annual_report(
        plan, fictional, YEAR, "en", talent_supply=supply, samples=samples, seed=seed
    )
    targets = next(t for t in report.section("talent").tables if t.key == "talent-targets")
    shown = {r.key: targets.cell(r.key, "probability") for r in targets.rows}

    args = ["talent", "--targets", "--json", "--samples", str(samples), "--seed", str(seed)]
    result_cli = CliRunner().invoke(app, [*args, "--plan", str(plan_copy)])
    assert result_cli.exit_code == 0, result_cli.output
    data = json.loads(result_cli.stdout)
    assert data["samples"] == samples
    cli = {
        f"{year}:{level}": p
        for year, target in data["targets"].items()
        for level, p in target["probability"].items()
    }
    assert set(cli) == set(shown)
    known = [key for key, p in cli.items() if p is not None]
    assert {f"{YEAR}:{lv}" for lv in hires} <= set(known)
    assert any(0 < cli[key] < 1 for key in known)  # a fraction, not only 0 or 1
    measured = {key for key in shown if targets.cell(key, "actual").value is not None}
    assert measured  # the fictional actuals hold inflow before the report year
    assert any(cli[key] is not None for key in set(shown) - measured)  # odds still compared
    for key, cell in shown.items():
        if key in measured:  # its share says whether it was met: no forecast beside it
            assert cell.shown("en") == "" and not cell.unknown, key
        elif cli[key] is None:  # no target or no supply for the level: unknown on both
            assert cell.unknown and cell.shown("en") == "?", key
        else:
            assert not cell.unknown and cell.shown("en") != "?", key
            assert cell.value == pytest.approx(100 * cli[key], abs=0.6), key  # in percent
    # The number of samples is said, as the talent command says it.
    assert f"({samples} samples)" in " ".join(targets.notes)
    # Each note its own paragraph: run together, the first (no full stop) ran into the next.
    html = render_html(report)
    assert len(targets.notes) == 2
    for note in targets.notes:
        assert f'<p class="note">{escape(note)}</p>' in html
