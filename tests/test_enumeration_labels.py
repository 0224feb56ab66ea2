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
