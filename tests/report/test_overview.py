"""The overview's goal line."""

from __future__ import annotations

from clusterplan.plan.load import bundled_plan
from clusterplan.report.overview import render_overview


def test_the_goal_says_where_it_comes_from_a_section_or_an_assumption() -> None:
    plan = bundled_plan()
    emp = plan.employment
    assert emp.goal is not None
    assumed = emp.goal.model_copy(update={"source": None, "assumption": "Agreed in the board."})
    other = plan.model_copy(update={"employment": emp.model_copy(update={"goal": assumed})})
    assert f"[{emp.goal.source}]" in render_overview(plan, "en")
    out = render_overview(other, "en")
    assert "[Agreed in the board.]" in out and "[None]" not in out
