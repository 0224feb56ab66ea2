"""An event's size (slots, tables) has one declared range (:mod:`clusterplan.plan.bounds`):
the command line refuses what the web refuses, in the words of that range.

Before, the command line allowed 1,000 slots and 10,000 tables with messages of its own,
while the web allowed 48 slots and any number of tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.bounds import EVENT_SLOTS, EVENT_TABLES, Bound

runner = CliRunner()


@pytest.mark.parametrize(
    ("option", "bound", "lang", "words"),
    [
        ("--slots", EVENT_SLOTS, "en", "between 1 and 96 slots"),
        ("--slots", EVENT_SLOTS, "nl", "tussen 1 en 96 tijdslots"),
        ("--tables", EVENT_TABLES, "en", "between 1 and 1,000 tables"),
        ("--tables", EVENT_TABLES, "nl", "tussen 1 en 1.000 tafels"),
    ],
)
def test_an_event_size_outside_its_bound_is_refused(
    tmp_path: Path, option: str, bound: Bound, lang: str, words: str
) -> None:
    requests = tmp_path / "r.csv"
    requests.write_text("a,b\nA,B\n", encoding="utf-8")
    sizes = {"--slots": "2", "--tables": "1"}
    for value in ("0", str(int(bound.high) + 1)):
        args = {**sizes, option: value}
        command = ["--lang", lang, "events", "schedule", str(requests)]
        result = runner.invoke(app, [*command, *(x for pair in args.items() for x in pair)])
        assert result.exit_code == 2, result.output
        assert option in result.stderr and words in result.stderr
        assert "Traceback" not in result.output
    args = {**sizes, option: str(int(bound.high))}
    command = ["--lang", lang, "events", "schedule", str(requests), "--json"]
    result = runner.invoke(app, [*command, *(x for pair in args.items() for x in pair)])
    assert result.exit_code == 0, result.output
