"""The funnel's move use case: the core's rule, with a stable code for each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from clusterplan.app import funnel
from clusterplan.ecosystem import Lead, Stage


def _lead(stage: str) -> Lead:
    return Lead.model_validate(
        {"id": "m", "company": "M", "source": "anchor_tenant", "stage": stage}
    )


def test_a_move_gives_the_moved_lead_and_its_history_entry() -> None:
    moved, entry = funnel.move(_lead("visit"), "proposal", date(2026, 5, 1), "anna")
    assert moved.stage is Stage.PROPOSAL
    assert (entry.lead_id, entry.stage, entry.by) == ("m", Stage.PROPOSAL, "anna")


@pytest.mark.parametrize(
    ("to", "code"), [("visit", "stage-unchanged"), ("nowhere", "unknown-stage")]
)
def test_a_refused_move_has_a_stable_code(to: str, code: str) -> None:
    with pytest.raises(funnel.FunnelError) as err:
        funnel.move(_lead("visit"), to, date(2026, 5, 1))
    assert err.value.code == code
    assert err.value.params["stage"] == to
