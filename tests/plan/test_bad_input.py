"""Every kind of bad plan input gives an error naming file, line, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.load import load_plan
from tests.plan.editing import edit, line_of, problems


def test_it_rejects_malformed_yaml_with_the_line(plan_copy: Path) -> None:
    path = plan_copy / "employment.yaml"
    edit(path, "base_year: 2026", "base_year: [2026")
    (problem,) = problems(plan_copy)
    assert str(path) in problem
    assert "a list in brackets or a mapping in braces that begins here is not closed" in problem
    assert f"{path}:" in problem


def test_it_rejects_wrong_types(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, "2027: 30, 2028: 30,", "2027: thirty, 2028: 30,")
    (problem,) = problems(plan_copy)
    line = line_of(path, "2027: thirty")
    assert problem.startswith(f"{path}:{line}: projects[0].costs_meur.2027: ")
    assert "must be a number (got 'thirty')" in problem


def test_it_rejects_unknown_pillar_ids(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, "pillars: [packaging_test, equipment]", "pillars: [packaging, equipment]")
    (problem,) = problems(plan_copy)
    line = line_of(path, "pillars: [packaging, equipment]")
    assert problem.startswith(f"{path}:{line}: projects[0].pillars[0]: unknown pillar 'packaging'")


def test_it_rejects_negative_costs(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, "2029: 60, 2030: 20", "2029: -60, 2030: 20")
    (problem,) = problems(plan_copy)
    assert "projects[2].costs_meur.2029: must not be negative (got -60)" in problem
    assert f":{line_of(path, '2029: -60')}:" in problem


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "employment.yaml",
            "packaging_test: 100,",
            "packaging_test: -100,",
            "base.packaging_test: must not be negative (got -100)",
        ),
        (
            "finance.yaml",
            "coverage_meur: {private: 50, subsidies: 50, national: 35, regional: 15}",
            "coverage_meur: {private: 90, subsidies: 50, national: 35, regional: 15}",
            "projects[0].coverage_meur: coverage 190 M EUR is larger than the cost 150 M EUR",
        ),
        (
            "space.yaml",
            "area_m2: 8000",
            "area_m2: 8000\n    aera_m2: 8000",
            "plots[0].aera_m2: unknown field",
        ),
        (
            "facts.yaml",
            ", source: \"Groeiplan III, '8-inch waferfab'\"}",
            "}",
            "[0]: needs a 'source'",
        ),
    ],
    ids=["negative-jobs", "coverage-larger-than-cost", "unknown-field", "figure-without-source"],
)
def test_it_rejects_a_bad_value_in_one_problem(
    plan_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(plan_copy / file, old, new)
    (problem,) = problems(plan_copy)
    assert expected in problem


def test_it_rejects_years_outside_the_horizon(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(
        path,
        "2032: 0, 2033: 0}\n    blank_years: [2026, 2032, 2033]",
        "2032: 0, 2039: 0}\n    blank_years: [2026, 2032]",
    )
    found = problems(plan_copy)
    assert any(
        "projects[0].costs_meur.2039: year 2039 is outside the plan's cost years 2026-2033" in p
        for p in found
    )


def test_it_reports_a_missing_file(plan_copy: Path) -> None:
    (plan_copy / "employment.yaml").unlink()
    (problem,) = problems(plan_copy)
    assert problem == f"{plan_copy / 'employment.yaml'}: (file): file is missing"


def test_optional_parts_may_be_absent_or_empty(plan_copy: Path) -> None:
    for name in ("space", "governance", "monitoring"):
        (plan_copy / f"{name}.yaml").unlink()
    (plan_copy / "facts.yaml").write_text("# no facts yet\n", encoding="utf-8")
    plan = load_plan(plan_copy)
    assert (plan.space, plan.governance, plan.monitoring, plan.facts) == (None, None, None, [])


def test_the_talent_section_is_optional(plan_copy: Path) -> None:
    (plan_copy / "talent.yaml").unlink()
    assert load_plan(plan_copy).talent is None


def test_it_collects_several_problems_at_once(plan_copy: Path) -> None:
    edit(plan_copy / "finance.yaml", "pillars: [packaging_test, equipment]", "pillars: [nope]")
    edit(plan_copy / "governance.yaml", "organisation: nxp}", "organisation: nxq}")
    assert len(problems(plan_copy)) == 2


def test_check_exits_1_and_names_the_problem(plan_copy: Path) -> None:
    edit(plan_copy / "finance.yaml", "2029: 60, 2030: 20", "2029: -60, 2030: 20")
    result = CliRunner().invoke(app, ["check", str(plan_copy)])
    assert result.exit_code == 1
    assert "must not be negative" in result.stderr
    assert "finance.yaml" in result.stderr


def test_it_names_the_assumption_file_and_entry(plan_copy: Path) -> None:
    extra = plan_copy / "assumptions" / "zz-extra.yaml"
    extra.write_text(
        "- id: demo.rate\n  label_nl: x\n  label_en: x\n  value: 0.1\n  unit: '1/yr'\n"
        "  rationale: a test entry with a reversed range\n  low: 0.5\n  high: 0.1\n",
        encoding="utf-8",
    )
    (problem,) = problems(plan_copy)
    assert problem.startswith(f"{extra}:1: [0]: high is below low")
