"""The words for the values of the core's enumerations, in Dutch and English, once.

Every enumeration people read is registered here under a kind (``lead.stage``). The words
for its values are the entries ``<kind>.<value>`` of the core's gettext catalogue
(``clusterplan/locale``), so the command line, the reports and the web's choices
(``clusterweb.choices.text_choices``) write the same word for the same value. Adding a
value is one edit in its enumeration plus its two catalogue entries (its data);
``tests/test_enumeration_labels.py`` fails until both languages have it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Final, get_args

from clusterplan.ecosystem.funnel import LeadSource, Stage
from clusterplan.ecosystem.settings import EVEN_SPLIT
from clusterplan.ecosystem.startups import (
    JOBS_COUNT,
    FundingKind,
    JobsCount,
    Programme,
    StartUpStage,
    Status,
)
from clusterplan.ecosystem.whitespots import Axis
from clusterplan.events.schedule import METHODS
from clusterplan.i18n import CHOICE_WORDS, has_message, message
from clusterplan.model.backcast import SHAPES
from clusterplan.model.finance import SPREAD_METHOD
from clusterplan.model.growth import CALIBRATE, MARKET_PATH, PLAN_FACTOR
from clusterplan.monitor.indicators import STATUSES
from clusterplan.plan.schema import (
    COMMITMENT_STATUSES,
    EDUCATION_LEVELS,
    SPACE_FUNCTIONS,
    CellJudgement,
    OrgKind,
)

Enumeration = type[Enum] | tuple[str, ...]

ASSUMPTION_AREAS: Final[tuple[str, ...]] = (
    "growth",
    "finance",
    "space",
    "talent",
    "impact",
    "ecosystem",
    "acquisition",
    "startups",
    "plan",
    "other",
)
"""The parts of the model an assumption belongs to, by the first part of its id
(``growth.market-growth-factor``), in the order pages list them; ``other`` for an id that
starts otherwise."""


def assumption_area(key: str) -> str:
    """The area (:data:`ASSUMPTION_AREAS`) of the assumption ``key``."""
    first = key.split(".", 1)[0]
    return first if first in ASSUMPTION_AREAS else "other"


ENUMERATIONS: Final[Mapping[str, Enumeration]] = {
    "assumption.area": ASSUMPTION_AREAS,
    "backcast.shape": SHAPES,
    "commitment.status": COMMITMENT_STATUSES,
    "education.level": EDUCATION_LEVELS,
    "lead.source": LeadSource,
    "lead.stage": Stage,
    "monitor.status": STATUSES,
    "organisation.kind": OrgKind,
    "schedule.method": METHODS,
    "space.function": SPACE_FUNCTIONS,
    "startup.funding": FundingKind,
    "startup.programme": Programme,
    "startup.stage": StartUpStage,
    "startup.status": Status,
    "whitespot.axis": Axis,
    "whitespot.judgement": get_args(CellJudgement.model_fields["kind"].annotation),
}
"""Each labelled enumeration by its kind: an enum (members and values) or a tuple of values."""


def values(kind: str) -> tuple[str, ...]:
    """The values of the enumeration of ``kind``, in its order."""
    found = ENUMERATIONS[kind]
    if isinstance(found, tuple):
        return found
    return tuple(str(member.value) for member in found)


def code(kind: str, value: str) -> str:
    """The catalogue entry of a value's words: ``<kind>.<value>``."""
    return f"{kind}.{value}"


def label(kind: str, value: str, lang: str | None = None) -> str:
    """The words for ``value`` of the enumeration of ``kind`` in ``lang`` (default: the
    language of this run); the value itself when the catalogue has none."""
    entry = code(kind, value)
    if not has_message(entry, "en"):
        return str(value)
    return message(entry, lang=lang)


def names(kind: str) -> dict[str, tuple[str, ...]]:
    """Each value of the enumeration of ``kind`` with the words that name it in either
    language (what :func:`clusterplan.io.cell_values.choice` reads in an imported cell)."""
    return {value: (label(kind, value, "nl"), label(kind, value, "en")) for value in values(kind)}


@dataclass(frozen=True)
class Choices:
    """The words an assumption's value may be (``values``), and whether a number may stand
    instead of one (``or_number``: 'calibrate' or a figure)."""

    values: tuple[str, ...]
    or_number: bool = False


ASSUMPTION_CHOICES: Final[Mapping[str, Choices]] = {
    "ecosystem.jobs-pillar-split": Choices((EVEN_SPLIT,)),
    JOBS_COUNT: Choices(tuple(c.value for c in JobsCount)),
    "finance.coverage-spread": Choices((SPREAD_METHOD,)),
    "growth.market-path": Choices((MARKET_PATH,)),
    "growth.market-growth-factor": Choices((PLAN_FACTOR,), or_number=True),
    "growth.elasticity.": Choices((CALIBRATE,), or_number=True),
    "growth.fab.capacity-headroom": Choices((CALIBRATE,), or_number=True),
    "growth.productivity-growth": Choices((CALIBRATE,), or_number=True),
}
"""The assumptions whose value is one of a few words, by id (an id ending in a dot: every
assumption it begins, one per pillar). The words for each value are the catalogue's
``assumption.choice.<value>`` (:func:`choice_label`), in Dutch and English."""

CHOICE_KIND: Final = CHOICE_WORDS
"""The kind of the words of an assumption's choices in the catalogue."""


def assumption_choices(aid: str) -> Choices | None:
    """The words the assumption ``aid`` may take (:data:`ASSUMPTION_CHOICES`); None for an
    assumption whose value is no choice."""
    found = ASSUMPTION_CHOICES.get(aid)
    if found is not None:
        return found
    return next(
        (c for key, c in ASSUMPTION_CHOICES.items() if key.endswith(".") and aid.startswith(key)),
        None,
    )


def choice_label(value: str, lang: str | None = None) -> str:
    """The words for an assumption's choice ``value`` in ``lang`` (the value itself when the
    catalogue has none)."""
    return label(CHOICE_KIND, value, lang)
