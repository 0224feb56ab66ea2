"""No figure in the bundled plan lacks a source in the plan or an assumption note, and every
assumption says why in Dutch as well as in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from clusterplan.plan.load import load_plan
from clusterplan.plan.schema import Assumption, Plan, Provenance
from clusterplan.report.tables import item_rationale


def _has_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, dict):
        return any(_has_number(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_number(v) and not isinstance(v, BaseModel) for v in value)
    return False


def _unsourced(model: BaseModel, covered: bool, path: str) -> list[str]:
    here = covered
    if isinstance(model, Provenance):
        here = bool(model.source or model.assumption)
    if isinstance(model, Assumption):
        here = bool(model.rationale)
    out = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            out += _unsourced(value, here, f"{path}.{name}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    out += _unsourced(item, here, f"{path}.{name}[{i}]")
        elif isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
            for key, item in value.items():
                out += _unsourced(item, here, f"{path}.{name}.{key}")
        if _has_number(value) and not here and name not in ("horizon_start", "horizon_end"):
            out.append(f"{path}.{name}")
    return out


def test_every_figure_has_a_source_or_an_assumption(plan: Plan) -> None:
    assert _unsourced(plan, covered=False, path="plan") == []


def test_every_assumption_has_a_rationale(plan: Plan) -> None:
    for assumption in plan.assumptions:
        assert len(assumption.rationale) > 20, assumption.id


def test_every_assumption_has_a_dutch_rationale(plan: Plan) -> None:
    """The programme office reads Dutch: each assumption of the bundled plan says why in
    Dutch too (not a copy of the English)."""
    missing = [a.id for a in plan.assumptions if not (a.rationale_nl or "").strip()]
    assert missing == []
    copied = [a.id for a in plan.assumptions if a.rationale_nl == a.rationale]
    assert copied == []


def test_the_rationale_is_read_in_the_pages_language(plan: Plan) -> None:
    assumption = plan.assumptions[0]
    assert assumption.rationale_nl
    assert item_rationale(assumption, "nl") == assumption.rationale_nl
    assert item_rationale(assumption, "en") == assumption.rationale


@pytest.mark.parametrize("name", ["three-pillars", "seven-pillars"])
def test_a_plan_without_dutch_rationales_shows_the_english_in_dutch(name: str) -> None:
    """The test plans say why in Dutch too (see test_plan_generality); a plan that does not
    (one uploaded with English rationales only) shows the English on a Dutch page."""
    other = load_plan(Path(__file__).resolve().parent.parent / "plans" / name)
    assert other.assumptions
    for assumption in other.assumptions:
        assert item_rationale(assumption, "nl") == assumption.rationale_nl
        english_only = assumption.model_copy(update={"rationale_nl": None})
        assert item_rationale(english_only, "nl") == assumption.rationale
        assert item_rationale(english_only, "en") == assumption.rationale
