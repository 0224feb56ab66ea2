"""Names are matched despite the spelling variants the plan and users write."""

from __future__ import annotations

import pytest

from clusterplan.ecosystem import EcosystemSettings, NameMatch, match_name, normalise_name
from clusterplan.plan.schema import Plan


def _match(name: str, plan: Plan, settings: EcosystemSettings) -> NameMatch:
    return match_name(
        name,
        plan.organisations,
        min_similarity=settings.match_min_similarity,
        ambiguity_margin=settings.match_ambiguity_margin,
        legal_suffixes=settings.legal_suffixes,
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("BESI", "besi"),
        ("Besi", "besi"),
        ("Besi N.V.", "besi"),
        ("Tempres", "tempress"),
        ("Tempress", "tempress"),
        ("Oneplanet", "oneplanet"),
        ("OnePlanet", "oneplanet"),
        ("ASMPT ALSI", "asmpt-alsi"),
        ("asmpt-alsi", "asmpt-alsi"),
        ("CITC TNO", "citc-tno"),
    ],
)
def test_plan_spelling_variants_match_the_same_organisation(
    written: str, expected: str, plan: Plan, settings: EcosystemSettings
) -> None:
    assert _match(written, plan, settings).organisation_id == expected


def test_a_typo_matches_fuzzily_with_its_similarity(
    plan: Plan, settings: EcosystemSettings
) -> None:
    match = _match("Boschmann", plan, settings)
    assert match.kind == "fuzzy"
    assert match.organisation_id == "boschman"
    # 'boschmann' vs 'boschman': 2 * 8 / 17
    assert match.similarity == pytest.approx(16 / 17)


def test_an_unknown_company_does_not_match(plan: Plan, settings: EcosystemSettings) -> None:
    match = _match("Acme Photonics", plan, settings)
    assert match.kind == "none"
    assert match.organisation_id is None


def test_a_near_tie_is_ambiguous_not_guessed(plan: Plan, settings: EcosystemSettings) -> None:
    from clusterplan.ecosystem.registry import Registry
    from tests.ecosystem.conftest import org

    registry = Registry((org("abcdefgx", name="Abcdefgx"), org("abcdefgy", name="Abcdefgy")))
    match = match_name(
        "Abcdefgz",
        registry.organisations,
        min_similarity=0.8,
        ambiguity_margin=0.03,
    )
    assert match.kind == "ambiguous"
    assert {c for c, _ in match.candidates} == {"abcdefgx", "abcdefgy"}


def test_normalisation_drops_accents_case_punctuation_and_legal_form() -> None:
    assert normalise_name("Énergie-Systèmes B.V.", ["bv"]) == "energiesystemes"
