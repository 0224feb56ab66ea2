"""Meeting suggestions: complementarity with reasons, against a brute-force reference."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterplan.events import Profile, Reason, default_match_settings, reasons_for, suggest
from clusterplan.events.matching import tag_key, tags_from_text

SEGMENTS = ("design", "front-end", "back-end", "system-integration")


def test_a_need_met_by_an_offer_is_the_reason_shown() -> None:
    neways = Profile("neways", "Neways", needs=("Panel-level  packaging",))
    maker = Profile("maker", "Maker", offers=("panel-level packaging",))
    other = Profile("other", "Other", offers=("wafer dicing",))
    found = suggest([neways, maker, other], SEGMENTS)
    assert [(s.a, s.b) for s in found] == [("maker", "neways")]
    assert found[0].reasons == (
        Reason("need_offer", {"who": "neways", "tag": "panel-level packaging", "other": "maker"}),
    )


def test_scores_follow_the_weights_and_best_comes_first() -> None:
    weights = default_match_settings()
    a = Profile("a", "A", needs=("x",), technologies=("gan",), segments=("design",))
    b = Profile("b", "B", offers=("x",), technologies=("gan",), segments=("front-end",))
    c = Profile("c", "C", markets=("auto",), technologies=("gan",))
    found = suggest([a, b, c], SEGMENTS)
    assert (found[0].a, found[0].b) == ("a", "b")
    assert (
        found[0].score == weights.need_offer + weights.shared_technology + weights.adjacent_segment
    )
    assert {(s.a, s.b) for s in found} == {("a", "b"), ("a", "c"), ("b", "c")}


def test_excluded_pairs_and_the_per_participant_limit() -> None:
    hub = Profile("hub", "Hub", offers=tuple(f"t{i}" for i in range(30)))
    others = [Profile(f"p{i:02d}", f"P{i}", needs=(f"t{i}",)) for i in range(30)]
    limit = replace(default_match_settings(), per_participant=5)
    found = suggest([hub, *others], SEGMENTS, limit)
    assert len(found) == 5
    mine = suggest([hub, *others], SEGMENTS, limit, for_id="p03", exclude=[("hub", "p03")])
    assert mine == []


def _brute(profiles: list[Profile]) -> set[tuple[str, str]]:
    return {
        tuple(sorted((p.id, q.id)))  # type: ignore[misc]
        for i, p in enumerate(profiles)
        for q in profiles[i + 1 :]
        if reasons_for(p, q, SEGMENTS)
    }


tags = st.lists(st.sampled_from(["a", "b", "c", "A ", "d"]), max_size=3).map(tuple)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            tags,
            tags,
            st.lists(st.sampled_from(SEGMENTS), max_size=2).map(tuple),
            st.lists(st.sampled_from(["gan", "sic"]), max_size=1).map(tuple),
        ),
        max_size=8,
    )
)
def test_the_index_finds_every_pair_a_brute_force_finds(rows: list) -> None:
    profiles = [
        Profile(f"p{i}", f"P{i}", offers=o, needs=n, segments=s, technologies=t)
        for i, (o, n, s, t) in enumerate(rows)
    ]
    unlimited = replace(default_match_settings(), per_participant=10_000)
    found = {(s.a, s.b) for s in suggest(profiles, SEGMENTS, unlimited)}
    assert found == _brute(profiles)
    for p in profiles:
        mine = {(s.a, s.b) for s in suggest(profiles, SEGMENTS, unlimited, for_id=p.id)}
        assert mine == {pair for pair in found if p.id in pair}


def test_every_reason_reads_in_both_languages_with_names_where_known() -> None:
    from clusterplan.events.matching import reason_text

    names = {"p1": "Vexa Optics", "p2": "NXP"}
    taxonomy = {"technology": {"photonics": "Fotonica"}, "segment": {"design": "Ontwerp"}}
    need = Reason("need_offer", {"who": "p1", "tag": "testing", "other": "p2"})
    assert (
        reason_text(need, names, taxonomy, "en") == "Vexa Optics needs testing; NXP offers testing"
    )
    assert (
        reason_text(need, names, taxonomy, "nl") == "Vexa Optics zoekt testing; NXP biedt testing"
    )
    tech = Reason("shared_technology", {"id": "photonics"})
    assert reason_text(tech, names, taxonomy, "nl") == "beide werken met Fotonica"
    market = Reason("shared_market", {"id": "auto"})  # no name: its id
    assert reason_text(market, names, taxonomy, "en") == "both serve auto"
    adjacent = Reason("adjacent_segment", {"a_segment": "design", "b_segment": "fab"})
    assert reason_text(adjacent, names, taxonomy, "en") == (
        "neighbouring links of the value chain: Ontwerp and fab"
    )
    assert reason_text(Reason("new_code"), names, taxonomy, "en") == "new_code"


def test_typed_tags_are_kept_once_by_the_key_matching_compares_them_by() -> None:
    text = "Photonics,  chip   design\nphotonics\n, CHIP DESIGN ,\n\nMEMS"
    assert tags_from_text(text) == ["Photonics", "chip design", "MEMS"]
    assert tags_from_text("") == [] and tags_from_text(" ,\n, ") == []
    assert [tag_key(t) for t in tags_from_text(text)] == ["photonics", "chip design", "mems"]
