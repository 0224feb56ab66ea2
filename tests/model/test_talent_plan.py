"""The talent programme: supply as data, measures, targets, odds; hand-computed cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.io.sheets import write_grid
from clusterplan.model.talent import NoTalentSection, talent_balance
from clusterplan.model.talent import talent_assumptions as need_assumptions
from clusterplan.model.talent_plan import (
    TalentPlanMissing,
    inflow_against_targets,
    job_path,
    talent_plan,
    target_probability,
)
from clusterplan.model.talent_supply import (
    SupplyData,
    SupplyError,
    SupplyRow,
    SupplyShares,
    read_supply,
    supply_joiners,
)
from clusterplan.plan.load import BUNDLED_PLAN_DIR
from clusterplan.plan.schema import Assumption, Plan, TalentMeasure, TalentTarget
from clusterplan.report.messages import msg

runner = CliRunner()
HEADER = "institution,programme,level,year,enrolled,graduates\n"


def _assume(plan: Plan, key: str, value: Any, **extra: Any) -> Plan:
    """The plan with assumption ``key`` set to ``value`` (added when absent)."""
    rest = [a for a in plan.assumptions if a.id != key]
    new = Assumption(
        id=key, label_nl=key, label_en=key, value=value, unit="x", rationale="test", **extra
    )
    return plan.model_copy(update={"assumptions": [*rest, new]})


def _talent(plan: Plan, **changes: Any) -> Plan:
    assert plan.talent is not None
    return plan.model_copy(update={"talent": plan.talent.model_copy(update=changes)})


def _one_programme(graduates: dict[int, float], level: str = "hbo") -> SupplyData:
    rows = tuple(
        SupplyRow(i + 2, "Inst", "Prog", level, y, None, g)
        for i, (y, g) in enumerate(sorted(graduates.items()))
    )
    return SupplyData("test.csv", rows)


def _shares(plan: Plan, relevance: float, join: float, hold: int = 5) -> Plan:
    plan = _assume(plan, "talent.supply.relevance", {"Inst / Prog": relevance})
    plan = _assume(plan, "talent.supply.join_share", {"Inst / Prog": join})
    return _assume(plan, "talent.supply.trend_years", hold)


# Supply file ------------------------------------------------------------------------------


def test_the_illustrative_supply_file_reads_and_every_programme_has_shares(plan: Plan) -> None:
    assert plan.talent is not None and plan.talent.supply_illustrative
    data = read_supply(BUNDLED_PLAN_DIR / str(plan.talent.supply_file))
    shares = SupplyShares.of(plan)
    keys = {p.key for p in data.programmes}
    assert len(keys) == 7
    assert keys == set(shares.relevance) == set(shares.join_share)


def test_a_bad_row_rejects_the_whole_file_naming_file_row_column_and_reason(
    tmp_path: Path,
) -> None:
    path = tmp_path / "supply.csv"
    path.write_text(
        HEADER + "A,P,hbo,2023,100,50\nA,P,hbo,2024,100,-3\nB,Q,phd,2024,10,5\n"
        "A,P,hbo,2023,100,51\n"
    )
    with pytest.raises(SupplyError) as caught:
        read_supply(path)
    problems = [p.text("en") for p in caught.value.problems]
    assert problems[0] == (
        f"{path}, row 3, column 'graduates': must not be negative "
        "(between 0 and 1,000,000 people/yr) (got -3)"
    )
    assert (
        f"{path}, row 4, column 'level': must be one of mbo, hbo, wo, other (got 'phd')" in problems
    )
    assert any(p.startswith(f"{path}, row 5, column 'year'") and "row 2" in p for p in problems)
    assert str(caught.value) == "\n".join(problems)  # every problem, one a line
    assert len(problems) == 3


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "supply.csv"
    path.write_text("institution,programme,level,year,graduates\nA,P,hbo,2023,5\n")
    with pytest.raises(SupplyError, match=r"row 1, column 'enrolled': required column is missing"):
        read_supply(path)


def test_an_xlsx_supply_file_reads_like_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "supply.xlsx"
    write_grid(path, [HEADER.strip().split(","), ["A", "P", "WO", 2023, None, 12]])
    data = read_supply(path)
    assert data.rows[0].level == "wo" and data.rows[0].graduates == 12
    assert data.rows[0].enrolled is None


def test_the_trend_is_a_line_continued_for_some_years_then_held(plan: Plan) -> None:
    # 100 in 2022, 110 in 2023, 120 in 2024: +10 a year; held after 2024 + 2 = 2026.
    data = _one_programme({2022: 100, 2023: 110, 2024: 120})
    supply = supply_joiners(data, [2024, 2025, 2026, 2030], _shares_of(0.5, 0.2, 2))
    np.testing.assert_allclose(supply.graduates[0], [120, 130, 140, 140])
    hbo = supply.joiners[1]  # levels: mbo, hbo, wo, other
    np.testing.assert_allclose(hbo, [12, 13, 14, 14])  # x 0.5 relevance x 0.2 join share


def test_a_falling_trend_stops_at_zero() -> None:
    data = _one_programme({2023: 20, 2024: 10})
    supply = supply_joiners(data, [2025, 2026], _shares_of(1, 1, 10))
    np.testing.assert_allclose(supply.graduates[0], [0, 0])


def test_a_programme_without_shares_makes_its_level_unknown_not_zero() -> None:
    data = _one_programme({2024: 100})
    supply = supply_joiners(data, [2025], SupplyShares({}, {}, 5))
    assert np.isnan(supply.joiners[1, 0])
    assert supply.missing_shares == ["Inst / Prog"]


def _shares_of(relevance: float, join: float, hold: int) -> SupplyShares:
    return SupplyShares({"Inst / Prog": relevance}, {"Inst / Prog": join}, hold)


# Measures and the gap ----------------------------------------------------------------------


def _measure_plan(plan: Plan, kind: str, effect: float, join: float, cost: float) -> Plan:
    measure = TalentMeasure(
        id="m1", component="a", name_nl="m", kind=kind, level="hbo", from_year=2030, assumption="t"
    )
    plan = _talent(plan, measures=[measure])
    plan = _assume(plan, "talent.measure.effect", {"m1": effect})
    plan = _assume(plan, "talent.measure.cost", {"m1": cost})
    return _assume(plan, "talent.measure.join_share", {"m1": join})


def test_a_measure_adding_n_graduates_lowers_the_gap_by_n_times_its_join_share(
    plan: Plan,
) -> None:
    p = _shares(_measure_plan(plan, "graduates", 50, 0.3, 600), 0.5, 0.2)
    result = talent_plan(p, _one_programme({2024: 100}))
    hbo = result.levels.index("hbo")
    lowered = result.gap_before[hbo] - result.gap_after[hbo]
    expected = [15.0 if y >= 2030 else 0.0 for y in result.years]  # 50 x 0.3
    np.testing.assert_allclose(lowered, expected)
    # the other levels are untouched
    others = [k for k in range(4) if k != hbo]
    np.testing.assert_allclose(result.gap_after[others], result.gap_before[others])
    # supply: 100 graduates x 0.5 relevance x 0.2 join share = 10 hires a year
    np.testing.assert_allclose(result.gap_before[hbo], result.need[hbo] - 10)


def test_recruitment_counts_every_person_and_the_cost_per_person_is_cost_over_hires(
    plan: Plan,
) -> None:
    p = _shares(_measure_plan(plan, "international", 20, 0.3, 300), 0.5, 0.2)
    result = talent_plan(p, _one_programme({2024: 100}))
    hbo = result.levels.index("hbo")
    i = result.years.index(2030)
    assert result.gap_before[hbo, i] - result.gap_after[hbo, i] == pytest.approx(20)
    (rank,) = result.ranking()
    assert rank.measure.cost_per_person_eur == pytest.approx(300_000 / 20)
    years_on = len([y for y in result.years if y >= 2030])
    assert rank.cost_eur == pytest.approx(300_000 * years_on)
    assert rank.closed == pytest.approx(20 * years_on)  # the gap is far larger than 20
    assert rank.closed_per_meur == pytest.approx(20 * years_on / (0.3 * years_on))


def test_a_measure_closes_no_more_than_the_gap(plan: Plan) -> None:
    # Supply far above the need: no gap to close, so the measure closes nothing.
    p = _shares(_measure_plan(plan, "international", 20, 0.3, 300), 1.0, 1.0)
    result = talent_plan(p, _one_programme({2024: 100_000}))
    (rank,) = result.ranking()
    assert rank.hires > 0 and rank.closed == 0


def test_the_ranking_puts_most_gap_closed_per_euro_first(plan: Plan) -> None:
    result = talent_plan(plan, read_supply(BUNDLED_PLAN_DIR / "talent-supply-illustrative.csv"))
    per_euro = [r.closed_per_meur for r in result.ranking()]
    assert per_euro == sorted(per_euro, reverse=True)  # type: ignore[type-var]
    assert len(per_euro) == 8


def test_no_supply_and_no_measures_is_one_line_saying_what_is_missing(plan: Plan) -> None:
    with pytest.raises(TalentPlanMissing) as caught:
        talent_plan(_talent(plan, measures=[]), None)
    message = str(caught.value)
    assert "\n" not in message
    assert "no education supply data" in message and "no measures" in message


def test_measures_without_supply_leave_the_gap_unknown(plan: Plan) -> None:
    result = talent_plan(plan, None)
    assert np.isnan(result.gap_after).all()
    assert any("supply" in m for m in result.missing)


# Targets ------------------------------------------------------------------------------------


def test_derived_targets_are_the_need_of_the_back_cast_path_in_the_target_years(
    plan: Plan,
) -> None:
    path = job_path(plan, "backcast")
    need = talent_balance(path.jobs, path.years, need_assumptions(plan))
    result = talent_plan(plan, None)
    i = need.years.index(2030)
    assert result.targets.derived[2030]["mbo"] == pytest.approx(need.need[0, i])
    # The base year has no hires (they need the year before), so its target is unknown.
    assert result.targets.derived[2026] == dict.fromkeys(("mbo", "hbo", "wo", "other"))
    # After the back-cast's target year the path holds the goal's jobs.
    assert path.years[-1] == 2040
    np.testing.assert_allclose(path.jobs[:, -1], path.jobs[:, path.years.index(2034)])


def test_an_adopted_target_is_in_force_with_who_and_why(plan: Plan) -> None:
    adopted = TalentTarget(
        year=2028, hires={"mbo": 100, "hbo": None}, set_by="office", reason="budget"
    )
    result = talent_plan(_talent(plan, targets=[adopted]), None)
    assert result.targets.in_force[2028]["mbo"] == 100
    assert result.targets.in_force[2028]["hbo"] is None  # unknown, not zero
    assert result.targets.in_force[2028]["wo"] is None
    assert result.targets.adopted[2028] == ("office", "budget")
    assert result.targets.in_force[2030] == result.targets.derived[2030]


def test_a_target_year_twice_or_outside_the_interim_years_is_refused(plan: Plan) -> None:
    assert plan.talent is not None
    data = plan.talent.model_dump()
    data["targets"] = [{"year": 2028, "hires": {"mbo": 1}}, {"year": 2028, "hires": {"mbo": 2}}]
    with pytest.raises(ValueError, match="appears twice: 2028"):
        type(plan.talent).model_validate(data)
    data["targets"] = [{"year": 2029, "hires": {"mbo": 1}}]
    with pytest.raises(ValueError, match="neither an interim year nor the goal year"):
        type(plan.talent).model_validate(data)


def test_the_probability_of_meeting_a_target_counts_the_samples_that_deliver_it(
    plan: Plan,
) -> None:
    # Fixed factors: supply plus measures deliver exactly 10 + 15 = 25 hbo hires in 2030.
    p = _shares(_measure_plan(plan, "graduates", 50, 0.3, 600), 0.5, 0.2)
    p = _assume(p, "talent.supply.factor", 1.0)
    p = _assume(p, "talent.measure.effect_factor", 1.0)
    targets = [
        TalentTarget(year=2028, hires={"hbo": 10}),
        TalentTarget(year=2030, hires={"hbo": 25, "mbo": 1}),
        TalentTarget(year=2040, hires={"hbo": 26}),
    ]
    result = talent_plan(_talent(p, targets=targets), _one_programme({2024: 100}))
    odds = target_probability(p, result, 50, 1).probability
    assert odds[2028]["hbo"] == 1.0  # 10 delivered, 10 wanted
    assert odds[2030]["hbo"] == 1.0
    assert odds[2040]["hbo"] == 0.0  # 25 delivered, 26 wanted
    assert odds[2030]["mbo"] is None  # no mbo programme in the data: unknown supply
    assert odds[2030]["wo"] is None  # no target
    # Drawn effects: half-way targets are met by some samples, not all.
    drawn = _assume(
        p, "talent.measure.effect_factor", 1.0, low=0.0, high=2.0, distribution="uniform"
    )
    halfway = [TalentTarget(year=2030, hires={"hbo": 25})]
    result = talent_plan(_talent(drawn, targets=halfway), _one_programme({2024: 100}))
    share = target_probability(drawn, result, 4000, 2).probability[2030]["hbo"]
    assert share is not None and 0.4 < share < 0.6


def test_actual_inflow_is_set_against_the_targets_in_force(plan: Plan) -> None:
    adopted = TalentTarget(year=2028, hires={"mbo": 200})
    result = talent_plan(_talent(plan, targets=[adopted]), None)
    rows = inflow_against_targets(result, {2028: {"mbo": 150, "hbo": None}})
    assert rows == [{"year": 2028, "level": "mbo", "target": 200, "actual": 150, "share": 0.75}]


# A plan without a talent section -------------------------------------------------------------


def test_a_plan_without_talent_is_refused_in_one_line(plan: Plan, plan_copy: Path) -> None:
    with pytest.raises(NoTalentSection):
        talent_plan(plan.model_copy(update={"talent": None}), None)
    (plan_copy / "talent.yaml").unlink()
    for args in (["talent"], ["talent", "--targets"], ["talent", "--measures", "--json"]):
        result = runner.invoke(app, [*args, "--plan", str(plan_copy)])
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            "error: the plan has no part 'talent'; add it in talent.yaml (see docs/plan-data.md)"
        ]


# Command line ------------------------------------------------------------------------------


def test_the_command_without_supply_or_measures_says_what_is_missing(plan_copy: Path) -> None:
    text = (plan_copy / "talent.yaml").read_text()
    start = text.index("supply_file:")
    (plan_copy / "talent.yaml").write_text(text[:start])  # no supply file, no measures
    result = runner.invoke(app, ["talent", "--measures", "--plan", str(plan_copy)])
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert "no education supply data" in line and "no measures" in line


def test_the_command_names_the_bad_supply_row(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(HEADER + "A,P,hbo,twenty,1,2\n")
    result = runner.invoke(app, ["talent", "--supply", str(path)])
    assert result.exit_code == 1
    assert f"{path}, row 2, column 'year': must be a whole number (got 'twenty')" in result.output


def test_the_command_json_has_targets_gaps_and_ranked_measures() -> None:
    result = runner.invoke(app, ["talent", "--targets", "--measures", "--json", "--samples", "50"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "ILLUSTRATIVE" in data["supply"]
    assert set(data["targets"]) == {"2026", "2028", "2030", "2040"}
    assert data["targets"]["2030"]["adopted"] is False
    assert data["samples"] == 50
    gap = data["gap_before"]["2030"]["mbo"] - data["gap_after"]["2030"]["mbo"]
    effects = sum(
        m["hires_per_year"]
        for m in data["measures"]
        if m["level"] == "mbo" and m["from_year"] <= 2030
    )
    assert gap == pytest.approx(effects, abs=0.2)
    assert [m["component"] for m in data["measures"]].count("f") == 0


def test_the_command_text_shows_targets_and_measures() -> None:
    result = runner.invoke(app, ["talent", "--targets", "--measures"])
    assert result.exit_code == 0, result.output
    assert "derived, not adopted" in result.output
    assert "Measures by gap closed per M EUR" in result.output
    assert "ILLUSTRATIVE" in result.output


# Annual report section ------------------------------------------------------------------------


def test_the_annual_report_tables_set_actual_inflow_against_the_targets(plan: Plan) -> None:
    from clusterplan.labels import label
    from clusterplan.report.talent import annual_talent_tables

    mbo = label("education.level", "mbo", "en")  # the level's words, as the web writes them
    adopted = TalentTarget(year=2028, hires={"mbo": 200}, set_by="office", reason="r")
    result = talent_plan(_talent(plan, targets=[adopted]), None)
    targets, gap, measures = annual_talent_tables(
        result, 2028, "en", inflow={2028: {"mbo": 150}, 2030: {"mbo": 999}}
    )
    rows = {
        (r.cells[0].value, r.cells[1].text): [c.text if c.is_text else c.value for c in r.cells]
        for r in targets.rows
    }
    assert rows[(2028, mbo)][2:6] == [200, "yes", 150, 75]
    assert rows[(2030, mbo)][3] == "no, derived"
    assert rows[(2030, mbo)][4] is None  # inflow after the report year is not shown
    assert {r.cells[0].value for r in gap.rows} == {2027, 2028, 2030, 2040}
    assert len(measures.rows) == 8 and targets.title.startswith("Talent targets")


def test_a_target_with_measured_inflow_shows_no_odds_beside_its_share(plan: Plan) -> None:
    """The supply model's odds are a forecast: beside a measured inflow that met its target
    they had read 0%; a measured year shows its share and no probability, and a note says
    why; a year still to come keeps its odds."""
    from clusterplan.labels import label
    from clusterplan.model.talent_plan import TargetOdds
    from clusterplan.report.talent import annual_talent_tables

    mbo = label("education.level", "mbo", "en")
    adopted = TalentTarget(year=2028, hires={"mbo": 200}, set_by="office", reason="r")
    result = talent_plan(_talent(plan, targets=[adopted]), None)
    odds = TargetOdds(50, {2028: {"mbo": 0.0}, 2030: {"mbo": 0.4}})
    targets = annual_talent_tables(result, 2028, "en", {2028: {"mbo": 210}}, odds)[0]
    rows = {(r.cells[0].value, r.cells[1].text): r.cells for r in targets.rows}
    measured, coming = rows[(2028, mbo)], rows[(2030, mbo)]
    assert measured[5].value == 105 and measured[6].shown("en") == ""
    assert coming[6].value == 40
    assert msg("talent.annual.measured", "en") in targets.notes
    without = annual_talent_tables(result, 2028, "en", {}, odds)[0]
    assert msg("talent.annual.measured", "en") not in without.notes


def test_the_plain_command_takes_its_supply_from_the_supply_data(plan: Plan) -> None:
    result = runner.invoke(app, ["talent", "--scenario", "leap", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "ILLUSTRATIVE" in data["supply_source"]
    supply = supply_joiners(
        read_supply(BUNDLED_PLAN_DIR / "talent-supply-illustrative.csv"),
        data["years"],
        SupplyShares.of(plan),
    )
    i = data["years"].index(2035)
    assert data["supply"]["hbo"]["2035"] == pytest.approx(supply.joiners[1, i], abs=0.1)
    assert all(v is None for v in data["supply"]["other"].values())  # no programme: unknown


class _FakeActuals:
    """The monitoring store as the talent model reads it (``series``)."""

    def __init__(self, values: dict[tuple[str, str | None], dict[int, float]]) -> None:
        self.values = values

    def series(self, indicator: str, subject: str | None) -> dict[int, float]:
        return self.values.get((indicator, subject), {})


def test_the_monitored_inflow_per_level_is_read_from_the_store(plan: Plan) -> None:
    from clusterplan.model.talent_plan import inflow_from_actuals

    store = _FakeActuals(
        {
            ("inflow", "mbo"): {2027: 90.0, 2028: 120.0},
            ("inflow", "wo"): {2028: 30.0},
            ("jobs", "mbo"): {2028: 1.0},
        }
    )
    inflow = inflow_from_actuals(store)
    assert inflow == {2027: {"mbo": 90.0}, 2028: {"mbo": 120.0, "wo": 30.0}}
    adopted = TalentTarget(year=2028, hires={"mbo": 240, "wo": 60})
    rows = inflow_against_targets(talent_plan(_talent(plan, targets=[adopted]), None), inflow)
    assert [(r["level"], r["share"]) for r in rows] == [("mbo", 0.5), ("wo", 0.5)]


def test_the_command_sets_the_monitored_inflow_against_the_targets() -> None:
    actuals = Path(__file__).resolve().parent.parent / "monitor" / "data" / "actuals_fictional.csv"
    result = runner.invoke(app, ["talent", "--actuals", str(actuals), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["inflow"]
    assert rows, "the fictional actuals hold inflow per level in target years"
    for row in rows:
        assert row["share"] == pytest.approx(row["actual"] / row["target"], abs=1e-3)


def test_monitoring_and_backcasting_work_on_a_plan_without_talent(plan_copy: Path) -> None:
    (plan_copy / "talent.yaml").unlink()
    actuals = Path(__file__).resolve().parent.parent / "monitor" / "data" / "actuals_fictional.csv"
    monitor = runner.invoke(app, ["monitor", "--plan", str(plan_copy), "--actuals", str(actuals)])
    assert monitor.exit_code == 0, monitor.output
    cast = runner.invoke(app, ["backcast", "--plan", str(plan_copy)])
    assert cast.exit_code == 0, cast.output
    assert "mijlpaal" not in cast.output  # the plan sets no job milestones


def test_a_negative_measure_cost_is_refused_naming_the_assumption(plan_copy: Path) -> None:
    from tests.plan.editing import edit, problems

    path = plan_copy / "assumptions" / "talent.yaml"
    edit(path, "a-regular-mbo: 400,", "a-regular-mbo: -400,")
    found = problems(plan_copy)
    assert any("talent.yaml" in p and "must not be negative" in p for p in found), found


def test_a_target_adopted_in_the_plan_data_is_in_force(plan_copy: Path) -> None:
    from tests.plan.editing import edit

    edit(
        plan_copy / "talent.yaml",
        "targets: []",
        'targets:\n  - {year: 2030, hires: {mbo: 431, hbo: null}, set_by: "office", '
        'reason: "budget 2026", derived: backcast}',
    )
    result = runner.invoke(app, ["talent", "--targets", "--json", "--plan", str(plan_copy)])
    assert result.exit_code == 0, result.output
    target = json.loads(result.stdout)["targets"]["2030"]
    assert (target["adopted"], target["set_by"], target["reason"]) == (
        True,
        "office",
        "budget 2026",
    )
    assert target["in_force"]["mbo"] == 431 and target["in_force"]["hbo"] is None
    edit(plan_copy / "talent.yaml", "mbo: 431", "mbo: -4")
    refused = runner.invoke(app, ["talent", "--targets", "--plan", str(plan_copy)])
    assert refused.exit_code == 1
    assert "talent.yaml" in refused.output and "hires" in refused.output


def test_the_plans_illustrative_supply_file_is_marked_in_the_readers_language(
    plan: Plan,
) -> None:
    from clusterplan.model.talent_supply import supply_label

    section = plan.talent
    assert section is not None and section.supply_illustrative and section.supply_file
    name = section.supply_file
    assert supply_label(plan, name, "en") == f"{name} (ILLUSTRATIVE figures, not real data)"
    assert supply_label(plan, name, "nl") == f"{name} (ILLUSTRATIEVE cijfers, geen echte gegevens)"
    assert supply_label(plan, "duo-2026.csv", "en") == "duo-2026.csv"  # another file
    real = plan.model_copy(
        update={"talent": section.model_copy(update={"supply_illustrative": False})}
    )
    assert supply_label(real, name, "en") == name
    assert supply_label(plan.model_copy(update={"talent": None}), name, "en") == name


def test_the_number_of_samples_is_written_as_every_count_is(plan: Plan) -> None:
    """The report's note read '(20000 trekkingen)' under figures grouped '1.586'."""
    from clusterplan.model.talent_plan import TargetOdds
    from clusterplan.report.talent import annual_talent_tables

    result = talent_plan(_talent(plan), None)
    odds = TargetOdds(20000, {})
    for lang, written in (("nl", "(20.000 trekkingen)"), ("en", "(20,000 samples)")):
        targets = annual_talent_tables(result, 2028, lang, {}, odds)[0]
        assert any(written in note for note in targets.notes), targets.notes
