"""Suggest meetings between participants by complementarity, with the reasons shown.

A suggestion for the pair (A, B) collects reasons: A needs a capability B offers (or the other
way round), both work on a technology or serve a market, or they sit in neighbouring segments
of the value chain. Each reason has a stable code and parameters, so an interface can word it
in the user's language ("Neways needs X; Y offers X"); the score is the sum of the weights in
``matching.yaml``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clusterplan.events.defaults import read_settings
from clusterplan.i18n import message


def tag_key(tag: str) -> str:
    """A tag as compared: case, surrounding spaces and inner runs of spaces ignored."""
    return " ".join(tag.casefold().split())


def tags_from_text(text: str) -> list[str]:
    """Tags typed one per line or separated by commas, in their order: each written with
    single spaces, empties left out, and a tag that is another's by :func:`tag_key` kept
    once (as first written)."""
    seen: dict[str, str] = {}
    for part in text.replace("\n", ",").split(","):
        tag = " ".join(part.split())
        if tag:
            seen.setdefault(tag_key(tag), tag)
    return list(seen.values())


@dataclass(frozen=True)
class Profile:
    """What matching reads of a participant."""

    id: str
    name: str
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """Why two participants should meet: a stable ``code`` and its parameters.

    Codes: ``need_offer`` (``who`` needs ``tag``, ``other`` offers it), ``shared_technology``
    and ``shared_market`` (``id``), ``adjacent_segment`` (``a_segment``, ``b_segment``).
    """

    code: str
    params: Mapping[str, str] = field(default_factory=dict)


def reason_text(
    reason: Reason,
    names: Mapping[str, str],
    taxonomy: Mapping[str, Mapping[str, str]],
    lang: str | None = None,
) -> str:
    """A reason in words in ``lang`` ("X needs Y; Z offers Y", the catalogue's
    ``match.CODE``): participants by ``names``, the plan's segments, technologies and
    markets by ``taxonomy`` (``"segment"``, ``"technology"``, ``"market"``: id to name),
    each by its id where it has no name; an unknown code as itself."""
    p = reason.params

    def named(kind: str, key: str) -> str:
        return taxonomy.get(kind, {}).get(p[key], p[key])

    if reason.code == "need_offer":
        who, other = names.get(p["who"], p["who"]), names.get(p["other"], p["other"])
        params = {"who": who, "tag": p["tag"], "other": other}
    elif reason.code in ("shared_technology", "shared_market"):
        params = {"item": named(reason.code.removeprefix("shared_"), "id")}
    elif reason.code == "adjacent_segment":
        params = {"a": named("segment", "a_segment"), "b": named("segment", "b_segment")}
    else:
        return reason.code
    return message(f"match.{reason.code}", params, lang)


@dataclass(frozen=True)
class Suggestion:
    """A suggested meeting of ``a`` and ``b`` with its score and reasons."""

    a: str
    b: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class MatchSettings:
    """Weights and limits (defaults in ``matching.yaml``, with their rationale)."""

    need_offer: float
    shared_technology: float
    shared_market: float
    adjacent_segment: float
    per_participant: int


def default_match_settings(path: Path | None = None) -> MatchSettings:
    """Read the defaults (``matching.yaml`` beside this module)."""
    return read_settings(MatchSettings, path, "matching.yaml")


def _need_offer(needer: Profile, offerer: Profile) -> list[Reason]:
    offered = {tag_key(t): t for t in offerer.offers}
    seen: set[str] = set()
    reasons = []
    for tag in needer.needs:
        key = tag_key(tag)
        if key in offered and key not in seen:
            seen.add(key)
            reasons.append(
                Reason("need_offer", {"who": needer.id, "tag": offered[key], "other": offerer.id})
            )
    return reasons


def reasons_for(a: Profile, b: Profile, segment_order: Sequence[str] = ()) -> tuple[Reason, ...]:
    """Every reason for ``a`` and ``b`` to meet (empty: none)."""
    reasons = _need_offer(a, b) + _need_offer(b, a)
    for code, mine, theirs in (
        ("shared_technology", a.technologies, b.technologies),
        ("shared_market", a.markets, b.markets),
    ):
        reasons += [Reason(code, {"id": item}) for item in sorted(set(mine) & set(theirs))]
    position = {segment: i for i, segment in enumerate(segment_order)}
    adjacent = sorted(
        (sa, sb)
        for sa in a.segments
        for sb in b.segments
        if sa in position and sb in position and abs(position[sa] - position[sb]) == 1
    )
    reasons += [
        Reason("adjacent_segment", {"a_segment": sa, "b_segment": sb}) for sa, sb in adjacent
    ]
    return tuple(reasons)


def score(reasons: Iterable[Reason], settings: MatchSettings) -> float:
    """The sum of the reasons' weights."""
    weight = {
        "need_offer": settings.need_offer,
        "shared_technology": settings.shared_technology,
        "shared_market": settings.shared_market,
        "adjacent_segment": settings.adjacent_segment,
    }
    return sum(weight[r.code] for r in reasons)


def suggest(
    profiles: Sequence[Profile],
    segment_order: Sequence[str] = (),
    settings: MatchSettings | None = None,
    for_id: str | None = None,
    exclude: Iterable[tuple[str, str]] = (),
) -> list[Suggestion]:
    """Suggested meetings, best first: for one participant (``for_id``) or for everyone.

    Pairs in ``exclude`` (already requested, declined or forbidden; either order) are left
    out; each participant gets at most ``per_participant`` suggestions. Needs and offers are
    indexed by tag, so the work grows with the matches, not with every pair.
    """
    settings = settings or default_match_settings()
    by_id = {p.id: p for p in profiles}
    if for_id is not None and for_id not in by_id:
        raise KeyError(for_id)
    skip = {frozenset(pair) for pair in exclude}
    candidates: set[frozenset[str]] = set()
    offered_by: dict[str, set[str]] = defaultdict(set)
    needed_by: dict[str, set[str]] = defaultdict(set)
    for p in profiles:
        for tag in p.offers:
            offered_by[tag_key(tag)].add(p.id)
        for tag in p.needs:
            needed_by[tag_key(tag)].add(p.id)
    by_item: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in profiles:
        for tech in p.technologies:
            by_item["t", tech].add(p.id)
        for market in p.markets:
            by_item["m", market].add(p.id)
        for segment in p.segments:
            by_item["s", segment].add(p.id)
    position = {segment: i for i, segment in enumerate(segment_order)}
    people = [by_id[for_id]] if for_id is not None else list(profiles)
    for p in people:
        for tag in p.needs:
            candidates |= {frozenset((p.id, o)) for o in offered_by[tag_key(tag)] if o != p.id}
        for tag in p.offers:
            candidates |= {frozenset((p.id, q)) for q in needed_by[tag_key(tag)] if q != p.id}
        for kind, items in (("t", p.technologies), ("m", p.markets)):
            for item in items:
                candidates |= {frozenset((p.id, o)) for o in by_item[kind, item] if o != p.id}
        for segment in p.segments:
            if segment in position:
                for near in (position[segment] - 1, position[segment] + 1):
                    if 0 <= near < len(segment_order):
                        candidates |= {
                            frozenset((p.id, o))
                            for o in by_item["s", segment_order[near]]
                            if o != p.id
                        }
    found = []
    for pair in candidates - skip:
        a_id, b_id = sorted(pair)
        reasons = reasons_for(by_id[a_id], by_id[b_id], segment_order)
        if reasons:
            found.append(Suggestion(a_id, b_id, score(reasons, settings), reasons))
    found.sort(key=lambda s: (-s.score, s.a, s.b))
    shown: dict[str, int] = defaultdict(int)
    result = []
    for suggestion in found:
        if for_id is None and (
            shown[suggestion.a] >= settings.per_participant
            or shown[suggestion.b] >= settings.per_participant
        ):
            continue
        if for_id is not None and shown[for_id] >= settings.per_participant:
            break
        shown[suggestion.a] += 1
        shown[suggestion.b] += 1
        result.append(suggestion)
    return result
