"""The back-casting use case: its defaults come from the plan's goal and assumptions, and
the command line and the web get the same result from it."""

from __future__ import annotations

import pytest

from clusterplan.app.backcast import SHAPES, backcast, backcast_defaults
from clusterplan.model import backcast as core
from clusterplan.model.growth import GrowthError, growth_assumptions
from clusterplan.plan.load import load_plan


def test_the_defaults_are_the_goal_and_the_assumptions() -> None:
    plan = load_plan()
    defaults = backcast_defaults(plan)
    goal = plan.employment.goal
    assert goal is not None
    assert defaults.target_total == pytest.approx(plan.employment.goal_jobs())
    assert defaults.target_year == goal.year
    assert defaults.shape == SHAPES[0]
    assert defaults.dimension == str(plan.assumption("growth.backcast.delivered-dimension").value)
    a = growth_assumptions(plan)
    assert (defaults.first_year, defaults.last_year) == (a.base_year + 1, a.extension_until_year)


def test_without_inputs_the_use_case_backcasts_to_the_defaults() -> None:
    plan = load_plan()
    defaults = backcast_defaults(plan)
    result = backcast(plan)
    assert result.target_year == defaults.target_year
    assert result.delivered_dimension == defaults.dimension
    assert float(result.milestone_total[-1]) == pytest.approx(defaults.target_total)
    same = core.backcast(plan, defaults.target_total, defaults.target_year, shape="linear")
    assert result.gap_total.tolist() == pytest.approx(same.gap_total.tolist())


def test_an_unknown_shape_is_a_coded_error() -> None:
    with pytest.raises(GrowthError) as caught:
        backcast(load_plan(), shape="zigzag")
    assert caught.value.code == "backcast.unknown_shape"
    assert "zigzag" in caught.value.text("nl") and "onbekend verloop" in caught.value.text("nl")


def test_without_a_goal_the_defaults_are_the_reference() -> None:
    plan = load_plan()
    plan = plan.model_copy(update={"employment": plan.employment.model_copy(update={"goal": None})})
    emp = plan.employment
    defaults = backcast_defaults(plan)
    assert defaults.target_year == emp.target_year
    last = emp.scenarios[emp.last_dimension]
    assert defaults.target_total == pytest.approx(sum(last.jobs.values()))
