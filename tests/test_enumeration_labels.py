"""Every value of every enumeration people read has its words in Dutch and in English, in
the core's catalogue (:mod:`clusterplan.labels`): a value added to an enumeration without
them fails here, naming it."""

from __future__ import annotations

import pytest

from clusterplan import labels
from clusterplan.i18n import has_message

CASES = [(kind, value) for kind in labels.ENUMERATIONS for value in labels.values(kind)]


@pytest.mark.parametrize(("kind", "value"), CASES, ids=[f"{k}.{v}" for k, v in CASES])
def test_every_value_has_its_words_in_both_languages(kind: str, value: str) -> None:
    for lang in ("nl", "en"):
        assert has_message(labels.code(kind, value), lang), f"{kind}.{value}: no words in {lang}"
    assert labels.label(kind, value, "en") != value
    assert labels.label(kind, value, "nl")


def test_a_value_without_words_reads_as_itself() -> None:
    assert labels.label("lead.stage", "no_such_stage", "nl") == "no_such_stage"


def test_the_words_follow_the_language_asked() -> None:
    assert labels.label("space.function", "office", "nl") == "Kantoor"
    assert labels.label("space.function", "office", "en") == "Office"


CHOICES = sorted({v for c in labels.ASSUMPTION_CHOICES.values() for v in c.values})


@pytest.mark.parametrize("value", CHOICES)
def test_every_choice_of_an_assumption_has_its_words_in_both_languages(value: str) -> None:
    """The values an assumption may take ('calibrate', 'even', 'constant-rate') read as
    words on the assumptions page and in the editor's select, not as stored."""
    for lang in ("nl", "en"):
        assert has_message(labels.code(labels.CHOICE_KIND, value), lang), (value, lang)
        assert labels.choice_label(value, lang) != value


def test_the_choices_of_a_pillars_assumption_are_declared_once_for_every_pillar() -> None:
    assert (
        labels.assumption_choices("growth.elasticity.any-pillar")
        == labels.ASSUMPTION_CHOICES["growth.elasticity."]
    )
    assert labels.assumption_choices("growth.no-such-assumption") is None
