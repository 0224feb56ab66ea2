"""`clusterplan check` on the bundled plan: valid, with the findings the issue lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import Plan


def test_bundled_plan_is_valid_and_prints_findings() -> None:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


def test_it_reports_figure6_printed_totals_against_pillar_sums(plan: Plan) -> None:
    messages = [f.message for f in plan_findings(plan) if f.code == "figure6-total-mismatch"]
    assert any("8,750" in m and "~8,800" in m for m in messages)
    assert any("9,150" in m and "~9,200" in m for m in messages)
    assert len(messages) == 2  # the base year and the leap add up


def test_it_reports_that_percentages_are_revenue_not_jobs(plan: Plan) -> None:
    messages = [f.message for f in plan_findings(plan) if f.code == "figure6-revenue-not-jobs"]
    assert len(messages) == 3
    for printed, jobs in (("+73%", "+56%"), ("+80%", "+63%"), ("+167%", "+143%")):
        assert any(printed in m and f"jobs grow {jobs}" in m for m in messages), (printed, jobs)


def test_it_reports_the_unknown_costs_and_coverage(plan: Plan) -> None:
    findings = plan_findings(plan)
    # The plan's Dutch names: the lines are named in the reader's language.
    unknown_cost = {f.where.text("nl") for f in findings if f.code == "unknown-cost"}
    unknown_coverage = {f.where.text("nl") for f in findings if f.code == "unknown-coverage"}
    for name in ("Fysieke ruimte t.b.v. groei", "Continuering waferfab", "Nieuwe 300mm fab"):
        assert f"Tabel 1, {name}" in unknown_cost
        assert f"Tabel 1, {name}" in unknown_coverage


def test_consistent_parts_are_reported_ok(plan: Plan) -> None:
    codes = [f.code for f in plan_findings(plan)]
    assert "cost-total-mismatch" not in codes
    assert "coverage-column-mismatch" not in codes
    assert "column-total-mismatch" not in codes
    assert codes.count("coverage-column-ok") == 8


def test_check_json_lists_findings() -> None:
    result = CliRunner().invoke(app, ["check", "--json"])
    data = json.loads(result.stdout)
    assert data["valid"] is True
    assert {f["kind"] for f in data["findings"]} == {"consistency", "interpretation", "unknown"}


def test_check_json_keeps_the_code_beside_the_text_of_the_run(plan: Plan) -> None:
    findings = plan_findings(plan)
    for lang in ("nl", "en"):
        result = CliRunner().invoke(app, ["--lang", lang, "check", "--json"])
        data = json.loads(result.stdout)["findings"]
        assert [(f["code"], f["where"], f["message"]) for f in data] == [
            (f.code, f.where.text(lang), f.message.text(lang)) for f in findings
        ]
    dutch = CliRunner().invoke(app, ["--lang", "nl", "check", "--json"]).stdout
    assert "banen" in dutch and " jobs" not in dutch


def test_it_reports_the_unknown_figures_of_each_education_programme(plan: Plan) -> None:
    findings = [f for f in plan_findings(plan) if f.code == "unknown-programme-figure"]
    assert len(findings) == len(plan.talent.programmes) == 6
    assert all("graduates per year and share joining" in f.message for f in findings)


def test_check_refuses_a_plan_whose_supply_file_is_refused(plan_copy: Path) -> None:
    # Before: exit 0 ("valid") while the web refused the same plan, naming the supply
    # file's row and column.
    from clusterplan.model.talent_supply import SupplyError, parse_supply_bytes

    supply = bundled_plan().talent
    assert supply is not None and supply.supply_file
    path = plan_copy / supply.supply_file
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[2].split(",")
    cells[lines[0].split(",").index("graduates")] = "veel"
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SupplyError) as refused:  # how the web reads it: by the file's name
        parse_supply_bytes(path.name, path.read_bytes())
    shown = [p.text("nl") for p in refused.value.problems]
    assert len(shown) == 1 and shown[0].startswith(f"{path.name}, rij 3, kolom 'graduates': ")

    result = CliRunner().invoke(app, ["--lang", "nl", "check", str(plan_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.splitlines() == ["1 fout(en):", f"fout: {shown[0]}"]
    assert result.stdout == ""

    result = CliRunner().invoke(app, ["check", "--json", str(plan_copy)])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "valid": False,
        "errors": [
            {
                "file": path.name,
                "row": 3,
                "column": "graduates",
                "reason": str(refused.value.problems[0].reason),
            }
        ],
    }


def test_check_refuses_a_back_cast_dimension_the_plan_has_not(plan_copy: Path) -> None:
    # Before: 'valid'; the back-cast (and the web's weighted pipeline) failed on the plan.
    path = plan_copy / "assumptions" / "growth.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: growth.backcast.pillar-split")
    value = text.index("value: leap", start)
    path.write_text(text[:value] + "value: sideways" + text[value + 11 :], encoding="utf-8")
    result = CliRunner().invoke(app, ["--lang", "nl", "check", str(plan_copy)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "het terugrekenmodel kan dit plan niet gebruiken" in result.stderr
    assert "'sideways'" in result.stderr
