"""Match organisation names despite spelling variants ('BESI'/'Besi', 'Tempres'/'Tempress').

Names are normalised (accents, case, punctuation, spaces and legal forms removed) and
compared first exactly, against every name and alias, then by :mod:`difflib` similarity.
A fuzzy match needs a minimum similarity, and a near tie between two organisations is
reported as ambiguous rather than guessed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from clusterplan.errors import ClusterplanError
from clusterplan.i18n import Count, without_accents
from clusterplan.plan.schema import ORGANISATION_TEXT_MAX, Organisation

MatchKind = Literal["id", "exact", "alias", "fuzzy", "ambiguous", "none"]

MAX_NAME_LENGTH = ORGANISATION_TEXT_MAX["name"]
"""Longest name (in characters) that is matched at all. difflib's time and memory grow with
the product of the two lengths (about 100 bytes per character of input); a longer name is
refused before matching (:class:`NameTooLong`). 200 is the registry's own name column
(``Organisation.name``, 200 characters) and several times the longest real company name."""

_BUCKETS = 128
"""Characters are counted in this many buckets (code point modulo); ASCII is exact."""


class NameTooLong(ClusterplanError, ValueError):
    """A name longer than the matching limit: refused before any comparison."""

    default_code = "name.too_long"

    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(
            code="name.too_long", params={"length": Count(length), "limit": Count(limit)}
        )


def _char_counts(text: str) -> npt.NDArray[np.uint16]:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) % _BUCKETS
    return np.bincount(codes, minlength=_BUCKETS).astype(np.uint16)


def normalise_name(name: str, legal_suffixes: Iterable[str] = ()) -> str:
    """A comparable form of a name: no accents, case, punctuation, spaces or legal form.

    Examples
    --------
    >>> normalise_name("ACME ALSI") == normalise_name("ACME-ALSI")
    True
    >>> normalise_name("Besi N.V.", ["nv"])
    'besi'
    """
    text = without_accents(name).casefold()
    text = text.replace("&", " and ")
    words = re.sub(r"[^\w\s]", "", text.replace("-", " ").replace("/", " ")).split()
    suffixes = set(legal_suffixes)
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return "".join(words)


@dataclass(frozen=True)
class NameMatch:
    """How a given name matched the registry.

    ``organisation_id`` is None for ``none`` and ``ambiguous``; ``candidates`` lists the
    closest organisations (best first) with their similarity.
    """

    given: str
    kind: MatchKind
    organisation_id: str | None
    similarity: float
    matched_name: str | None = None
    candidates: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class NameIndex:
    """Every organisation's spellings (name and aliases) normalised once, for many matches."""

    entries: tuple[tuple[str, tuple[tuple[MatchKind, str, str], ...]], ...]
    legal_suffixes: tuple[str, ...]
    flat: tuple[tuple[str, MatchKind, str, str], ...] = field(default=(), repr=False)
    """Every spelling as (organisation id, kind, as written, normalised), in entry order."""
    exact: dict[str, tuple[tuple[str, MatchKind, str], ...]] = field(
        default_factory=dict, repr=False
    )
    """Normalised spelling -> the (organisation id, kind, as written) that have it."""
    counts: npt.NDArray[np.uint16] = field(
        default_factory=lambda: np.zeros((0, _BUCKETS), np.uint16), repr=False
    )
    """Character counts of every spelling (one row each): an upper bound of difflib's ratio
    for all spellings at once, so that only the few that can match are compared."""
    ids: frozenset[str] = field(default=frozenset(), repr=False)
    """Every organisation id (a name written as an id matches it)."""
    lengths: npt.NDArray[np.int32] = field(
        default_factory=lambda: np.zeros(0, np.int32), repr=False
    )

    @classmethod
    def of(
        cls, organisations: Sequence[Organisation], legal_suffixes: Iterable[str] = ()
    ) -> NameIndex:
        """Index these organisations."""
        suffixes = tuple(legal_suffixes)
        entries = []
        for org in organisations:
            spellings: list[tuple[MatchKind, str]] = [("exact", org.name)]
            spellings += [("alias", a) for a in org.aliases]
            entries.append(
                (org.id, tuple((k, w, normalise_name(w, suffixes)) for k, w in spellings))
            )
        flat = tuple(
            (org_id, kind, written, other)
            for org_id, spellings_ in entries
            for kind, written, other in spellings_
        )
        exact: dict[str, list[tuple[str, MatchKind, str]]] = {}
        for org_id, kind, written, other in flat:
            exact.setdefault(other, []).append((org_id, kind, written))
        counts = (
            np.stack([_char_counts(other) for *_, other in flat])
            if flat
            else np.zeros((0, _BUCKETS), np.uint16)
        )
        lengths = np.array([len(other) for *_, other in flat], dtype=np.int32)
        return cls(
            tuple(entries),
            suffixes,
            flat,
            {k: tuple(v) for k, v in exact.items()},
            counts,
            frozenset(org_id for org_id, _ in entries),
            lengths,
        )


def match_name(
    given: str,
    organisations: Sequence[Organisation] | NameIndex,
    *,
    min_similarity: float,
    ambiguity_margin: float,
    legal_suffixes: Iterable[str] = (),
    max_length: int | None = None,
    closest: int = 3,
) -> NameMatch:
    """Find the organisation a name refers to.

    Parameters
    ----------
    given
        The name as written (e.g. in an import file).
    organisations
        The registry's organisations (names and aliases are compared), or a
        :class:`NameIndex` of them (faster for many names; its legal suffixes are used).
    min_similarity
        Lowest difflib ratio of normalised names accepted as a fuzzy match.
    ambiguity_margin
        When the two best organisations are closer than this, the match is ambiguous.
    legal_suffixes
        Legal-form words ignored at the end of names.
    max_length
        Longest name compared (default :data:`MAX_NAME_LENGTH`); a longer one raises
        :class:`NameTooLong` before any work that grows with its length.
    closest
        For a name that resembles nothing, how many of the closest organisations get their
        exact similarity (shown as hints; 0 skips that work, the match is the same).

    Returns
    -------
    NameMatch
        The match; ``kind`` says how it was found.

    Raises
    ------
    NameTooLong
        When ``given`` is longer than ``max_length``.
    """
    limit = MAX_NAME_LENGTH if max_length is None else max_length
    if len(given) > limit:
        raise NameTooLong(len(given), limit)
    index = (
        organisations
        if isinstance(organisations, NameIndex)
        else NameIndex.of(organisations, legal_suffixes)
    )
    key = normalise_name(given, index.legal_suffixes)
    if not key:
        return NameMatch(given, "none", None, 0.0)
    exact: dict[str, tuple[MatchKind, str]] = {}
    for org_id, kind, written in index.exact.get(key, ()):
        exact.setdefault(org_id, (kind, written))
    stripped = given.strip()
    best: dict[str, tuple[float, str]] = {}
    # Only a spelling whose upper bound (shared characters, as difflib's quick_ratio, for
    # every spelling at once) reaches the cutoff can decide the match or an ambiguity; the
    # others get their exact ratio only if they are among the closest three.
    cutoff = min_similarity - ambiguity_margin
    bounds = (
        2.0
        * np.minimum(index.counts, _char_counts(key)).sum(axis=1, dtype=np.int64)
        / (index.lengths + len(key))
        if index.flat
        else np.zeros(0)
    )
    matcher: difflib.SequenceMatcher[str] | None = None

    def compare(i: int) -> None:
        nonlocal matcher
        if matcher is None:  # difflib caches facts about the second sequence: the key
            matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
        org_id, _kind, written, other = index.flat[i]
        matcher.set_seq1(other)
        ratio = matcher.ratio()
        if ratio > best.get(org_id, (-1.0, ""))[0]:
            best[org_id] = (ratio, written)

    above = bounds >= cutoff
    if above.any():  # usually nothing is close: skip the index work
        for i in np.nonzero(above)[0]:
            compare(int(i))
    if len(best) < 3 and closest:
        for i in np.argsort(-bounds, kind="stable"):
            if bounds[i] >= cutoff:
                continue
            org_id = index.flat[i][0]
            if len({*best, org_id}) > closest and org_id not in best:
                break
            compare(int(i))
    if stripped not in exact and stripped in index.ids:
        exact[stripped] = ("id", stripped)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    candidates = tuple((org_id, round(score, 3)) for org_id, (score, _) in ranked[:3])
    if len(exact) == 1:
        ((org_id, (kind, written)),) = exact.items()
        return NameMatch(given, kind, org_id, 1.0, written, candidates)
    if len(exact) > 1:
        tied = tuple((org_id, 1.0) for org_id in sorted(exact))
        return NameMatch(given, "ambiguous", None, 1.0, None, tied)
    if not ranked or ranked[0][1][0] < min_similarity:
        return NameMatch(given, "none", None, ranked[0][1][0] if ranked else 0.0, None, candidates)
    top_id, (top_score, top_name) = ranked[0]
    if len(ranked) > 1 and top_score - ranked[1][1][0] < ambiguity_margin:
        return NameMatch(given, "ambiguous", None, top_score, None, candidates)
    return NameMatch(given, "fuzzy", top_id, top_score, top_name, candidates)
