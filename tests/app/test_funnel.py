"""The funnel's move use case: the core's rule, with a stable code for each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from clusterplan.app import funnel
from clusterplan.ecosystem import Lead, Stage, ecosystem_settings, weighted_pipeline
from clusterplan.ecosystem.growth_link import acquisition_gap, growth_years
from clusterplan.plan.schema import Plan


def _lead(stage: str) -> Lead:
    return Lead.model_validate(
        {"id": "m", "company": "M", "source": "anchor_tenant", "stage": stage}
    )


def test_a_move_gives_the_moved_lead_and_its_history_entry() -> None:
    moved, entry = funnel.move(_lead("visit"), "proposal", date(2026, 5, 1), "anna")
    assert moved.stage is Stage.PROPOSAL
    assert (entry.lead_id, entry.stage, entry.by) == ("m", Stage.PROPOSAL, "anna")


@pytest.mark.parametrize(
    ("to", "code"), [("visit", "funnel.stage_unchanged"), ("nowhere", "funnel.unknown_stage")]
)
def test_a_refused_move_has_a_stable_code(to: str, code: str) -> None:
    with pytest.raises(funnel.FunnelError) as err:
        funnel.move(_lead("visit"), to, date(2026, 5, 1))
    assert err.value.code == code
    assert err.value.params["stage"] == to
    assert err.value.text("nl") != err.value.text("en")  # words in the catalogue, per language


def test_the_pipeline_is_the_cores_weighted_pipeline_and_gap(plan: Plan) -> None:
    first = _lead("proposal").model_copy(update={"expected_jobs": {"design": 40}})
    leads = [first, _lead("landed").model_copy(update={"id": "n"})]
    outcome = funnel.pipeline(plan, leads, (), date(2026, 6, 1))
    settings = ecosystem_settings(plan)
    expected = weighted_pipeline(leads, plan.pillar_ids, growth_years(plan), settings, 2026)
    assert outcome.pipeline.years == expected.years
    assert (outcome.pipeline.jobs == expected.jobs).all()
    assert outcome.pipeline.jobs.sum() > 0
    assert outcome.gap.covered_jobs == acquisition_gap(plan, expected)[0].covered_jobs
    assert {s.source for s in outcome.stats} >= {"anchor_tenant"}
