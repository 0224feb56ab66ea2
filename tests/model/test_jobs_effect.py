"""The growth engine seen from the finance side: value table and what-if jobs effect."""

from __future__ import annotations

import pytest

from clusterplan.model.changes import ProjectChange
from clusterplan.model.jobs_effect import goal_year_other_jobs, goal_year_value_table, jobs_effect
from clusterplan.model.phasing import phaseable_projects
from clusterplan.plan.schema import Plan

KEYS = [(-1, 0), (0, 0), (1, 0), (2, 0), (3, 0), (0, 1), (0, 2)]
FIGURE6_LEAP_TOTAL_2034 = 13_600  # Figure 6, 'Schaalsprong 2034' (sum of the pillars)


def test_value_table_and_other_jobs_add_up_to_figure6_on_plan(plan: Plan) -> None:
    ids = phaseable_projects(plan)
    table = goal_year_value_table(plan, KEYS, ids)
    on_plan = sum(table[pid][(0, 0)] for pid in ids)
    assert on_plan + goal_year_other_jobs(plan, ids) == pytest.approx(FIGURE6_LEAP_TOTAL_2034)


def test_a_later_start_never_adds_goal_year_jobs(plan: Plan) -> None:
    ids = phaseable_projects(plan)
    table = goal_year_value_table(plan, KEYS, ids)
    for pid in ids:
        values = [table[pid][(shift, 0)] for shift in (-1, 0, 1, 2, 3)]
        assert all(a >= b - 1e-9 for a, b in zip(values, values[1:], strict=False)), pid
    # the test centre spends until 2033: three years later it cannot be complete by 2034
    assert table["test-center"][(3, 0)] < table["test-center"][(0, 0)]


def test_projects_outside_the_growth_engine_are_worth_no_jobs(plan: Plan) -> None:
    table = goal_year_value_table(plan, KEYS, ["physical-space"])
    assert set(table["physical-space"].values()) == {0.0}


def test_jobs_effect_without_changes_is_zero(plan: Plan) -> None:
    effect = jobs_effect(plan, {})
    assert effect.delta == pytest.approx(0)
    assert effect.after[-1] == pytest.approx(FIGURE6_LEAP_TOTAL_2034)


def test_jobs_effect_of_dropping_a_project_is_a_loss_in_every_later_year(plan: Plan) -> None:
    effect = jobs_effect(plan, {"robotics": ProjectChange(scale=0.0), "lsi": ProjectChange()})
    assert effect.delta[0] == pytest.approx(0)
    assert (effect.delta[2:] < 0).all()
    assert effect.ignored == ("lsi",)
