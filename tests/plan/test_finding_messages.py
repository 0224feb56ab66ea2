"""The findings of ``check`` are coded messages: every code they use has a Dutch and an
English text, and a finding reads differently in Dutch than in English (not an English
sentence shown on a Dutch page)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clusterplan.errors import Coded
from clusterplan.i18n import Figure, Named, has_message
from clusterplan.plan.findings import Finding, plan_findings
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from tests.plan.editing import edit

TEST_PLANS = Path(__file__).resolve().parents[1] / "plans"
PLANS = [BUNDLED_PLAN_DIR, *sorted(p for p in TEST_PLANS.iterdir() if p.is_dir())]
UNFILLED = re.compile(r"{\w+}")


def _codes(value: Any) -> Iterator[str]:
    """The codes of a coded message and of every coded message among its params."""
    if isinstance(value, Coded):
        yield value.code
        for param in value.params.values():
            yield from _codes(param)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _codes(item)


@pytest.fixture(scope="module", params=PLANS, ids=[p.name for p in PLANS])
def findings(request: pytest.FixtureRequest) -> list[Finding]:
    return plan_findings(load_plan(request.param))


def test_the_bundled_plan_has_findings_of_each_kind() -> None:
    found = plan_findings(load_plan(BUNDLED_PLAN_DIR))
    assert {f.kind for f in found} == {"consistency", "interpretation", "unknown"}


def test_every_code_of_a_finding_has_dutch_and_english_text(findings: list[Finding]) -> None:
    codes = {c for f in findings for part in (f.where, f.message) for c in _codes(part)}
    assert len(codes) >= len({f.message.code for f in findings})
    missing = sorted(
        f"{code} ({lang})" for code in codes for lang in ("nl", "en") if not has_message(code, lang)
    )
    assert missing == []


def test_a_finding_reads_differently_in_dutch(findings: list[Finding]) -> None:
    same = [f.code for f in findings if f.message.text("nl") == f.message.text("en")]
    assert same == []
    assert all(f.text("nl") != f.text("en") for f in findings)


def test_every_placeholder_is_filled(findings: list[Finding]) -> None:
    for lang in ("nl", "en"):
        unfilled = [f.text(lang) for f in findings if UNFILLED.search(f.text(lang))]
        assert unfilled == []


def test_the_english_text_is_the_string_of_a_finding(findings: list[Finding]) -> None:
    assert all(str(f) == f.text("en") and f.message == f.message.text("en") for f in findings)


def test_figures_and_names_follow_the_language() -> None:
    assert Figure(1234.5).text("nl") == "1.234,5" and Figure(1234.5).text("en") == "1,234.5"
    assert Figure(4.04, 1, True).text("en") == "+4.0" and Figure(-3, 0, True).text("nl") == "-3"
    name = Named("Nieuwe fab", "New fab")
    assert (name, name.text("nl"), name.text("en")) == ("New fab", "Nieuwe fab", "New fab")
    assert Named("Alleen Nederlands", None).text("en") == "Alleen Nederlands"
    message = Coded("finding.cost_total_ok", {"known": Figure(1234.5)})
    assert "1.234,5 mln euro" in message.text("nl") and "1,234.5 M EUR" in message


def test_a_plan_that_disagrees_with_itself_is_told_in_both_languages(plan_copy: Path) -> None:
    """Findings the bundled plan does not have (a row that no longer adds up, an upper bound,
    an unknown fact) are coded and read in Dutch with Dutch figures."""
    edit(plan_copy / "finance.yaml", "2027: 30, 2028: 30", "2027: 31.5, 2028: 30")
    edit(plan_copy / "facts.yaml", "bound: lower", "bound: upper")
    edit(plan_copy / "facts.yaml", "value: 180, unit: nm", "value: null, unit: nm")
    found = {f.code: f for f in plan_findings(load_plan(plan_copy))}
    expected = ("cost-total-mismatch", "column-total-mismatch", "fact-bound", "unknown-fact")
    assert set(expected) <= set(found)
    for code in expected:
        finding = found[code]
        assert finding.text("nl") != finding.text("en")
        assert all(has_message(c, lang) for c in _codes(finding.message) for lang in ("nl", "en"))
    assert "151,5 mln euro" in found["cost-total-mismatch"].message.text("nl")
    assert "151.5 M EUR" in found["cost-total-mismatch"].message
    assert "an upper bound (at most 400)" in found["fact-bound"].message
    assert "bovengrens" in found["fact-bound"].message.text("nl")
