"""The plan loader refuses numbers outside the declared ranges (issue 15, row 6), with
file, line, field and the range: a cost of 1e308, a 400-digit number, negative fab jobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterplan.plan.load import PlanError, load_plan
from tests.plan.editing import edit, problems

COSTS = "costs_meur: {2026: 0, 2027: 30,"


def test_it_refuses_a_cost_of_1e308(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, COSTS, COSTS.replace("2027: 30", "2027: 1e308"))
    found = problems(plan_copy)
    assert any("costs_meur.2027" in p and "at most 100000" in p for p in found), found


def test_it_refuses_a_400_digit_cost(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, COSTS, COSTS.replace("2027: 30", "2027: " + "9" * 400))
    found = problems(plan_copy)
    assert any("costs_meur.2027" in p for p in found), found


def test_it_refuses_negative_fab_jobs(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "growth.yaml"
    edit(path, 'value: "fact:fab-staff"', "value: -500")
    found = problems(plan_copy)
    assert any("value" in p and "between 0 and 5,000,000 jobs" in p for p in found), found


def test_it_refuses_an_infinite_fact(plan_copy: Path) -> None:
    path = plan_copy / "facts.yaml"
    edit(path, "value: 1000, unit: jobs", "value: .inf, unit: jobs")
    found = problems(plan_copy)
    assert any("value" in p and "finite" in p for p in found), found


def test_it_refuses_an_assumption_value_outside_its_own_range(plan_copy: Path) -> None:
    """The plan's rule, which the web's assumption form used to hold on its own."""
    path = plan_copy / "assumptions" / "ecosystem.yaml"
    old = 'label_en: "Years for a landed firm\'s jobs to ramp up"\n  value: 1\n'
    edit(path, old, old.replace("value: 1", "value: 6"))
    found = problems(plan_copy)
    assert any("the value 6 is above the high end of its range (5)" in p for p in found), found


def test_a_refused_value_is_a_figure_in_the_readers_notation(plan_copy: Path) -> None:
    """The value outside its unit's range is written as the reader writes numbers, not as
    Python's repr: grouped by thousands in English, by points in Dutch."""
    path = plan_copy / "assumptions" / "growth.yaml"
    edit(path, 'value: "fact:fab-staff"', "value: -12345")
    with pytest.raises(PlanError) as caught:
        load_plan(plan_copy)
    refused = [p for p in caught.value.problems if "12" in p.text("en")]
    assert refused, [p.text("en") for p in caught.value.problems]
    assert "(got -12,345)" in refused[0].text("en"), refused[0].text("en")
    assert "(gegeven: -12.345)" in refused[0].text("nl"), refused[0].text("nl")
