"""Names are matched despite the spelling variants the plan and users write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

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


def _brute_force(name: str, plan: Plan, settings: EcosystemSettings) -> tuple[str, str | None]:
    """The decision with every ratio computed in full (no shortcuts)."""
    import difflib

    key = normalise_name(name, settings.legal_suffixes)
    exact = set()
    best: dict[str, float] = {}
    for org in plan.organisations:
        for written in [org.name, *org.aliases]:
            other = normalise_name(written, settings.legal_suffixes)
            if other == key:
                exact.add(org.id)
            ratio = difflib.SequenceMatcher(None, other, key, autojunk=False).ratio()
            best[org.id] = max(best.get(org.id, 0.0), ratio)
        if name.strip() == org.id:
            exact.add(org.id)
    if len(exact) == 1:
        return "match", next(iter(exact))
    if len(exact) > 1:
        return "ambiguous", None
    ranked = sorted(best.values(), reverse=True)
    top_id = max(best, key=lambda k: best[k])
    if ranked[0] < settings.match_min_similarity:
        return "none", None
    if ranked[1] > ranked[0] - settings.match_ambiguity_margin:
        return "ambiguous", None
    return "match", top_id


@settings_(max_examples=60, deadline=None)
@given(data=st.data())
def test_fast_matching_decides_like_brute_force(
    data: st.DataObject, plan: Plan, settings: EcosystemSettings
) -> None:
    name = data.draw(st.sampled_from([o.name for o in plan.organisations]))
    position = data.draw(st.integers(0, max(0, len(name) - 1)))
    edit = data.draw(st.sampled_from(["drop", "double", "swapcase", "none"]))
    if edit == "drop":
        name = name[:position] + name[position + 1 :]
    elif edit == "double":
        name = name[:position] + name[position : position + 1] * 2 + name[position + 1 :]
    elif edit == "swapcase":
        name = name.swapcase()
    match = _match(name, plan, settings)
    kind, org_id = _brute_force(name, plan, settings)
    if kind == "match":
        assert match.organisation_id == org_id
    else:
        assert match.organisation_id is None
        assert match.kind == kind
