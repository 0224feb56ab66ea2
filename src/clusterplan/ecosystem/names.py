"""Match organisation names despite spelling variants ('BESI'/'Besi', 'Tempres'/'Tempress').

Names are normalised (accents, case, punctuation, spaces and legal forms removed) and
compared first exactly, against every name and alias, then by :mod:`difflib` similarity.
A fuzzy match needs a minimum similarity, and a near tie between two organisations is
reported as ambiguous rather than guessed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from clusterplan.plan.schema import Organisation

MatchKind = Literal["id", "exact", "alias", "fuzzy", "ambiguous", "none"]


def normalise_name(name: str, legal_suffixes: Iterable[str] = ()) -> str:
    """A comparable form of a name: no accents, case, punctuation, spaces or legal form.

    Examples
    --------
    >>> normalise_name("ASMPT ALSI") == normalise_name("ASMPT-ALSI")
    True
    >>> normalise_name("Besi N.V.", ["nv"])
    'besi'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
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
        return cls(tuple(entries), suffixes)


def match_name(
    given: str,
    organisations: Sequence[Organisation] | NameIndex,
    *,
    min_similarity: float,
    ambiguity_margin: float,
    legal_suffixes: Iterable[str] = (),
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

    Returns
    -------
    NameMatch
        The match; ``kind`` says how it was found.
    """
    index = (
        organisations
        if isinstance(organisations, NameIndex)
        else NameIndex.of(organisations, legal_suffixes)
    )
    key = normalise_name(given, index.legal_suffixes)
    if not key:
        return NameMatch(given, "none", None, 0.0)
    exact: dict[str, tuple[MatchKind, str]] = {}
    best: dict[str, tuple[float, str]] = {}
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    # Only a spelling whose cheap upper bound reaches the cutoff can decide the match or an
    # ambiguity; the others get their exact ratio only if they are among the closest three.
    cutoff = min_similarity - ambiguity_margin
    matcher.set_seq2(key)  # difflib caches facts about the second sequence
    bounds: dict[tuple[str, str], tuple[float, str]] = {}
    for org_id, spellings in index.entries:
        for kind, written, other in spellings:
            if other == key and org_id not in exact:
                exact[org_id] = (kind, written)
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                bounds[(org_id, other)] = (matcher.quick_ratio(), written)
                continue
            ratio = matcher.ratio()
            if ratio > best.get(org_id, (-1.0, ""))[0]:
                best[org_id] = (ratio, written)
        if given.strip() == org_id and org_id not in exact:
            exact[org_id] = ("id", org_id)
    if len(best) < 3:
        for (org_id, other), (_bound, written) in sorted(bounds.items(), key=lambda i: -i[1][0]):
            if len({*best, org_id}) > 3 and org_id not in best:
                break
            matcher.set_seq1(other)
            ratio = matcher.ratio()
            if ratio > best.get(org_id, (-1.0, ""))[0]:
                best[org_id] = (ratio, written)
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
