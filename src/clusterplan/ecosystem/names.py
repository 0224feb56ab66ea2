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


def match_name(
    given: str,
    organisations: Sequence[Organisation],
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
        The registry's organisations (names and aliases are compared).
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
    suffixes = tuple(legal_suffixes)
    key = normalise_name(given, suffixes)
    if not key:
        return NameMatch(given, "none", None, 0.0)
    exact: dict[str, tuple[MatchKind, str]] = {}
    best: dict[str, tuple[float, str]] = {}
    for org in organisations:
        spellings: list[tuple[MatchKind, str]] = [("exact", org.name)]
        spellings += [("alias", a) for a in org.aliases]
        for kind, written in spellings:
            other = normalise_name(written, suffixes)
            if other == key and org.id not in exact:
                exact[org.id] = (kind, written)
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if ratio > best.get(org.id, (-1.0, ""))[0]:
                best[org.id] = (ratio, written)
        if given.strip() == org.id and org.id not in exact:
            exact[org.id] = ("id", org.id)
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
