"""A model's refusal of an assumption names it as a reader knows it: by its label in the
reader's language, never by its id (an editor who set a value a model cannot use read
'aanname growth.extension.until-year' or "aanname 'ecosystem.jobs-pillar-split'")."""

from __future__ import annotations

import re
from typing import Any

import pytest

from clusterplan.ecosystem.startups import JOBS_COUNT
from clusterplan.labels import choice_label
from clusterplan.model.growth import MARKET_PATH
from clusterplan.plan.schema import Plan
from clusterplan.plan.validate import model_refusals
from clusterplan.report.tables import item_label


def _with(plan: Plan, aid: str, value: Any) -> Plan:
    """The plan with the assumption ``aid`` set to ``value``."""
    data = plan.model_dump(mode="json")
    for entry in data["assumptions"]:
        if entry["id"] == aid:
            entry["value"] = value
    return Plan.model_validate(data)


def _cases(plan: Plan) -> list[tuple[str, Any]]:
    """An assumption of each model set to a value that model refuses."""
    first = plan.pillar_ids[0]
    type1 = {p: 0.5 if p == first else 1.2 for p in plan.pillar_ids}
    return [
        ("growth.extension.until-year", plan.employment.base_year),  # the extension limit
        ("growth.fab.jobs", "fact:no-such-fact"),
        ("growth.backcast.pillar-split", "no-such-dimension"),
        ("ecosystem.jobs-pillar-split", "odd"),
        ("ecosystem.name-match-min-similarity", 3),
        ("finance.coverage-spread", "odd"),
        ("impact.type1-multiplier", type1),
        ("impact.additionality", "much"),
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_assumption_is_named_by_its_label(plan: Plan, lang: str) -> None:
    for aid, value in _cases(plan):
        refused = model_refusals(_with(plan, aid, value))
        assert refused, aid
        text = " ".join(r.text(lang) for r in refused)
        assert item_label(plan.assumption(aid), lang) in text, (aid, text)
        assert aid not in text, (aid, text)


def test_an_assumption_the_plan_lacks_is_named_by_its_id(plan: Plan) -> None:
    assert plan.assumption_name("no.such-assumption").text("nl") == "no.such-assumption"
    aid = plan.assumptions[0].id
    assert plan.assumption_name(aid).text("en") == item_label(plan.assumption(aid), "en")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_choice_is_said_in_the_choices_words(plan: Plan, lang: str) -> None:
    """A choice a model cannot use is refused in words, never by its stored values ('only
    'even' is supported', 'must be one of above-base-year, all'); a market path the engine
    does not draw is refused too (it had been drawn as a constant rate without a word)."""
    cases = {
        "ecosystem.jobs-pillar-split": ("even", None),  # the one choice, said in the reason
        JOBS_COUNT: ("above-base-year", choice_label("above-base-year", lang)),
        "growth.market-path": ("constant-rate", None),
    }
    for aid, (stored, words) in cases.items():
        text = " ".join(r.text(lang) for r in model_refusals(_with(plan, aid, "odd")))
        assert item_label(plan.assumption(aid), lang) in text, (aid, text)
        assert f"'{stored}'" not in text and f" {stored}," not in text, (aid, text)
        if words is not None:
            assert words in text, (aid, text)
    assert not model_refusals(_with(plan, "growth.market-path", MARKET_PATH))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_growth_assumption_that_is_no_number_is_refused_in_words(plan: Plan, lang: str) -> None:
    """A text where the growth model wants a number had ended in Python's English "could
    not convert string to float: 'x'", naming no assumption; now its label, what it must
    be (a choice that may stand instead in words) and what it is."""
    cases = {
        "growth.market-growth-factor": ("x", choice_label("plan", lang)),
        "growth.elasticity." + plan.pillar_ids[0]: ("x", choice_label("calibrate", lang)),
        "growth.productivity-growth": ([1], choice_label("calibrate", lang)),
        "growth.extension.market-growth-rate": ("x", None),
        "growth.project.lag-years": (1.5, None),  # a whole number of years
    }
    for aid, (value, choice) in cases.items():
        text = " ".join(r.text(lang) for r in model_refusals(_with(plan, aid, value)))
        assert item_label(plan.assumption(aid), lang) in text, (aid, text)
        assert repr(value) in text and "convert" not in text, (aid, text)
        if choice is not None:
            assert f"'{choice}'" in text, (aid, text)


BAD_VALUES: tuple[Any, ...] = ("x", [1], {"a": "x"}, {"a": {"b": "x"}}, {"a": [1]})
"""Values of the wrong shape an editor or an uploaded file may give an assumption."""


def test_any_assumption_of_the_wrong_shape_is_refused_by_its_label(plan: Plan) -> None:
    """Every assumption set to a text, a list or a mapping of the wrong shape: the plan
    check never fails (a coverage table given as a text had raised AttributeError, a
    500 on upload) and each refusal names the assumption by its label in the reader's
    words, never in Python's ("'str' object has no attribute 'items'", "unhashable type")."""
    python = re.compile(
        r"convert|invalid literal|object|unhashable|NoneType|has no attribute|dictionary|"
        r"not subscriptable|iterable"
    )
    for assumption in plan.assumptions:
        for value in BAD_VALUES:
            try:
                changed = _with(plan, assumption.id, value)
            except ValueError:
                continue  # the schema refuses it already, by field
            for lang in ("nl", "en"):
                for refusal in model_refusals(changed):
                    text = refusal.text(lang)
                    assert not python.search(text), (assumption.id, value, text)
                    assert item_label(assumption, lang) in text, (assumption.id, value, text)
