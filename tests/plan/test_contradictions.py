"""`check` flags where the plan's text (statements kept as data) and its numbers disagree."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.errors import Coded
from clusterplan.plan.findings import Finding, contradiction_findings, plan_findings
from clusterplan.plan.load import load_plan
from clusterplan.plan.schema import Plan
from tests.plan.editing import edit, problems


def codes(findings: list[Finding], code: str) -> list[Coded]:
    return [f.message for f in findings if f.code == code]


# ----------------------------------------------------------------------------- the bundled plan


def test_organic_text_excludes_design_but_the_row_almost_doubles_it(plan: Plan) -> None:
    findings = contradiction_findings(plan)
    (grows,) = codes(findings, "statement-excluded-grows")
    assert "excludes Design" in grows and "1,000" in grows and "1,900" in grows
    assert "+90%" in grows
    (ok,) = codes(findings, "statement-excluded-ok")
    assert "Production" in ok  # production stays at 2,100: text and numbers agree


def test_wafer_starts_per_week_and_per_year_disagree(plan: Plan) -> None:
    (message,) = codes(contradiction_findings(plan), "rate-pair-mismatch")
    assert "12,000 wafers/week is 624,000 wafers/year" in message
    assert "not the 600,000 wafers/year" in message
    assert "+4.0%" in message


def test_more_than_is_kept_as_a_lower_bound(plan: Plan) -> None:
    (message,) = codes(contradiction_findings(plan), "fact-bound")
    assert "more than 400" in message and "lower bound" in message
    visitors = next(f for f in plan.facts if f.bound == "lower")
    assert visitors.value == 400 and not visitors.approximate


def test_agenda_total_leaves_out_lines_of_unknown_cost(plan: Plan) -> None:
    messages = codes(contradiction_findings(plan), "agenda-excludes-unknown")
    assert len(messages) == 3
    fab = next(m for m in messages if "Nieuwe 300mm fab" in m.text("nl"))
    assert "~1,000 M EUR" in fab and "2031, 2032, 2033" in fab and "lower bound" in fab


def test_check_prints_the_contradictions() -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0
    assert "624,000" in result.stdout and "excludes Design" in result.stdout


# ----------------------------------------------------------------------------- generic rules


def test_agreeing_rates_are_ok(plan_copy: Path) -> None:
    edit(plan_copy / "facts.yaml", "value: 600000,", "value: 624000,")
    findings = contradiction_findings(load_plan(plan_copy))
    assert not codes(findings, "rate-pair-mismatch")
    assert codes(findings, "rate-pair-ok")


def test_rates_per_month_and_day_compare_too(plan_copy: Path, tmp_path: Path) -> None:
    path = plan_copy / "facts.yaml"
    original = path.read_text(encoding="utf-8")
    edit(path, "value: 12000, unit: wafers/week", "value: 50000, unit: wafers/month")
    (ok,) = codes(contradiction_findings(load_plan(plan_copy)), "rate-pair-ok")
    assert "50,000 wafers/month is 600,000 wafers/year (ok)" in ok
    path.write_text(original, encoding="utf-8")
    edit(path, "value: 12000, unit: wafers/week", "value: 1700, unit: wafers/day")
    (bad,) = codes(contradiction_findings(load_plan(plan_copy)), "rate-pair-mismatch")
    assert "1,700 wafers/day is 620,500 wafers/year (365 days a year)" in bad


def test_units_that_cannot_be_compared_are_said(plan_copy: Path) -> None:
    edit(plan_copy / "facts.yaml", "unit: wafers/week", "unit: dies/week")
    (message,) = codes(contradiction_findings(load_plan(plan_copy)), "rate-pair-units")
    assert "'dies/week'" in message and "'wafers/year'" in message


def test_excluded_pillar_that_stays_flat_is_ok(plan_copy: Path) -> None:
    edit(
        plan_copy / "employment.yaml",
        "jobs: {design: 1900, equipment: 3200,",
        "jobs: {design: 1000, equipment: 3200,",
    )
    findings = contradiction_findings(load_plan(plan_copy))
    assert not codes(findings, "statement-excluded-grows")
    assert len(codes(findings, "statement-excluded-ok")) == 2


def test_a_bound_used_as_a_model_value_is_flagged(plan_copy: Path) -> None:
    edit(
        plan_copy / "assumptions" / "growth.yaml",
        'value: "fact:fab-staff"',
        'value: "fact:event-visitors"',
    )
    (message,) = codes(plan_findings(load_plan(plan_copy)), "fact-bound-used-as-value")
    assert "'event-visitors'" in message and "more than 400" in message


def test_a_fact_cannot_be_approximate_and_a_bound(plan_copy: Path) -> None:
    edit(
        plan_copy / "facts.yaml",
        "unit: people, bound: lower",
        "unit: people, bound: lower, approximate: true",
    )
    (problem,) = problems(plan_copy)
    assert "facts.yaml" in problem and "either approximate" in problem


def test_statement_pillars_and_fact_pairs_must_exist(plan_copy: Path) -> None:
    edit(
        plan_copy / "employment.yaml",
        "pillars: [production, design]",
        "pillars: [production, desgin]",
    )
    edit(
        plan_copy / "facts.yaml",
        "same_quantity_as: fab-wafers-per-year",
        "same_quantity_as: wafers",
    )
    found = problems(plan_copy)
    assert any("unknown pillar 'desgin'" in p and "employment.yaml" in p for p in found)
    assert any("unknown fact 'wafers'" in p and "facts.yaml" in p for p in found)
