"""One name and one label per model input: the scenario inputs and the inputs the analyses
sample (Monte Carlo, Sobol, PRIM) share the names of :mod:`clusterplan.model.naming`, and
:func:`clusterplan.app.inputs.label_of` labels every one of them in both languages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clusterplan.app import inputs
from clusterplan.model.naming import input_name, split_name
from clusterplan.model.uncertainty import uncertain_inputs
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan

PLANS = [BUNDLED_PLAN_DIR, *sorted((Path(__file__).parent.parent / "plans").iterdir())]


@pytest.mark.parametrize("plan_dir", PLANS, ids=lambda p: p.name)
def test_every_sampled_input_has_a_label_in_both_languages(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    names = {
        i.name
        for dim in plan.employment.dimension_ids
        for i in uncertain_inputs(plan, dimension=dim, until=plan.meta.horizon_end + 5)
    }
    assert names
    for name in names:
        nl, en = inputs.label_of(plan, name, "nl"), inputs.label_of(plan, name, "en")
        assert name not in (nl, en), f"{name} has no declared label"
        assert nl != en, f"{name}: the Dutch and the English label are the same ({nl})"


@pytest.mark.parametrize("plan_dir", PLANS, ids=lambda p: p.name)
def test_a_sampled_input_a_scenario_also_offers_has_the_scenario_name(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    declared = {i.name: i for i in inputs.scenario_inputs(plan)}
    sampled = [
        i for dim in plan.employment.dimension_ids for i in uncertain_inputs(plan, dimension=dim)
    ]
    per_project = [i for i in sampled if split_name(i.name)[0] in ("realisation", "delay")]
    if plan_dir == BUNDLED_PLAN_DIR:  # its projects add jobs: their realisation and delay vary
        assert per_project
    for spec in per_project:
        assert spec.name in declared, f"{spec.name} is sampled but no scenario input has its name"
        scenario = declared[spec.name]
        assert scenario.label("en") == inputs.label_of(plan, spec.name, "en")
        # the same name sets the same assumption: the scenario default is the sampled mode
        assert scenario.default == pytest.approx(spec.mode)


def test_names_and_their_parts() -> None:
    assert input_name("realisation", "acp") == "realisation__acp"
    assert split_name("realisation__acp") == ("realisation", "acp")
    assert split_name("market_growth_factor") == ("market_growth_factor", None)
    assert split_name(input_name("market", "x__y")) == ("market", "x__y")


def test_a_label_names_the_pillar_in_the_language_asked() -> None:
    plan = load_plan()
    pillar = plan.taxonomy.pillars[0]
    name = input_name("elasticity", pillar.id)
    assert pillar.name_nl in inputs.label_of(plan, name, "nl")
    assert pillar.name_en in inputs.label_of(plan, name, "en")
    assert inputs.label_of(plan, "no_such_input", "nl") == "no_such_input"


def test_one_entry_in_the_declaration_adds_a_sampled_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding an uncertain input to the analyses is one entry in ``SAMPLED``: it is then
    sampled over its assumption's range, labelled in both languages and sets its field of
    the batch, with no other edit. Here the fab's headroom is declared anew under another
    key and label."""
    from clusterplan.i18n import Text
    from clusterplan.model import uncertainty
    from clusterplan.model.growth import growth_assumptions

    plan = load_plan()
    entry = uncertainty.SampledKind(
        key="headroom_again",
        assumption="growth.fab.capacity-headroom",
        field="fab_capacity_headroom",
        centre="fab_capacity_headroom",
        label=Text("Nog eens de ruimte", "The headroom again"),
    )
    kept = tuple(k for k in uncertainty.SAMPLED if k.key != "fab_capacity_headroom")
    monkeypatch.setattr(uncertainty, "SAMPLED", (*kept, entry))

    sampled = uncertain_inputs(plan)
    spec = next(i for i in sampled if i.name == "headroom_again")
    declared = plan.assumption("growth.fab.capacity-headroom")
    assert (spec.low, spec.high) == (declared.low, declared.high)
    assert "fab_capacity_headroom" not in {i.name for i in sampled}
    assert inputs.label_of(plan, "headroom_again", "nl") == "Nog eens de ruimte"
    assert inputs.label_of(plan, "headroom_again", "en") == "The headroom again"

    values = {i.name: np.full(3, i.mode) for i in sampled}
    values["headroom_again"] = np.array([0.1, 0.2, 0.3])
    batch = uncertainty.inputs_to_batch(growth_assumptions(plan), sampled, values, np.float64)
    assert batch.fab_capacity_headroom.tolist() == [0.1, 0.2, 0.3]
