"""The goal and acquisition-gap sentences, and the overview's goal line."""

from __future__ import annotations

from datetime import date

from clusterplan.app import funnel
from clusterplan.app.scenarios import goal_text
from clusterplan.plan.load import bundled_plan
from clusterplan.report.funnel import gap_sentence
from clusterplan.report.overview import render_overview
from clusterplan.report.tables import dimension_name


def test_the_goal_says_where_it_comes_from_a_section_or_an_assumption() -> None:
    plan = bundled_plan()
    emp = plan.employment
    assert emp.goal is not None
    assumed = emp.goal.model_copy(update={"source": None, "assumption": "Agreed in the board."})
    other = plan.model_copy(update={"employment": emp.model_copy(update={"goal": assumed})})
    assert f"[{emp.goal.source}]" in render_overview(plan, "en")
    out = render_overview(other, "en")
    assert "[Agreed in the board.]" in out and "[None]" not in out


def test_the_goal_sentence_writes_its_factor_with_the_decimals_it_has() -> None:
    plan = bundled_plan()
    emp = plan.employment
    assert emp.goal is not None
    odd = emp.goal.model_copy(update={"factor": 2.25})
    other = plan.model_copy(update={"employment": emp.model_copy(update={"goal": odd})})
    assert "(2,25 keer de 5.600 banen van" in (goal_text(other, "nl") or "")
    assert "(2.25 times the 5,600 jobs of" in (goal_text(other, "en") or "")
    assert "(2 keer de" in (goal_text(plan, "nl") or "")
    none = plan.model_copy(update={"employment": emp.model_copy(update={"goal": None})})
    assert goal_text(none, "nl") is None


def test_the_gap_sentence_says_goal_or_reference_target_as_the_plan_sets_one() -> None:
    plan = bundled_plan()
    emp = plan.employment
    none = plan.model_copy(update={"employment": emp.model_copy(update={"goal": None})})
    for p, word in ((plan, "doel "), (none, "referentiedoel ")):
        gap = funnel.pipeline(p, [], [], date(2026, 6, 1), reference=True).gap
        assert gap is not None
        sentence = gap_sentence(p, gap, "nl")
        assert f"(terugrekening: {word}" in sentence, sentence
        assert f"'{dimension_name(p, gap.dimension, 'nl')}' levert" in sentence
