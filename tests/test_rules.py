"""Rules that live once, on the plan's objects: the goal in jobs, where each growth dimension
lands against it, and secured commitments."""

from __future__ import annotations

import pytest

from clusterplan.app import scenarios
from clusterplan.plan.schema import SECURED_COMMITMENT_STATUSES, Commitment, Plan


def test_the_goal_in_jobs_is_the_factor_times_the_base_year_jobs(plan: Plan) -> None:
    emp = plan.employment
    expected = emp.goal.factor * sum(emp.base.values())
    assert emp.goal_jobs() == pytest.approx(expected)
    assert scenarios.goal(plan).jobs == pytest.approx(expected)
    assert emp.goal.jobs_for(1000) == pytest.approx(emp.goal.factor * 1000)


def test_a_dimension_lands_at_its_total_jobs_minus_the_goal(plan: Plan) -> None:
    """Jobs minus the goal: negative when a dimension falls short of it."""
    goal = scenarios.goal(plan).jobs
    landed = scenarios.landings(plan)
    assert [x.dimension for x in landed] == list(plan.employment.scenarios)
    for landing, scenario in zip(landed, plan.employment.scenarios.values(), strict=True):
        assert landing.jobs == sum(scenario.jobs.values())
        assert landing.difference == pytest.approx(landing.jobs - goal)
        assert landing.reaches is (landing.jobs >= goal)
    assert {x.reaches for x in landed} == {True, False}  # the bundled plan has both


@pytest.mark.parametrize("status", ["planned", "applied", "granted", "paid"])
def test_granted_and_paid_commitments_are_secured(status: str) -> None:
    commitment = Commitment.model_validate(
        {
            "line": "acp",
            "source": "regional",
            "amount_meur": 1.0,
            "status": status,
            "provenance": {"source": "test"},
        }
    )
    assert commitment.secured is (status in ("granted", "paid"))
    assert commitment.secured is (status in SECURED_COMMITMENT_STATUSES)
