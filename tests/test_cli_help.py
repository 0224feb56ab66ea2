"""The command line's help and its refusals of arguments speak the run's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer
from typer._click.core import Command
from typer.core import TyperGroup
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.cli.localised import LocalisedCommand, LocalisedGroup
from clusterplan.i18n import gettext

ENGLISH_FRAME = ("Usage:", "Options", "Commands", "Show this message", "default:", "[OPTIONS]")


def _commands() -> Iterator[tuple[list[str], Command]]:
    """Every command and group of the command line, with its path of names."""

    def walk(path: list[str], command: Command) -> Iterator[tuple[list[str], Command]]:
        yield path, command
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                yield from walk([*path, name], sub)

    yield from walk([], typer.main.get_command(app))


COMMANDS = list(_commands())
PATHS = [" ".join(path) or "(top)" for path, _ in COMMANDS]


def _run(*args: str) -> tuple[str, str, int]:
    result = CliRunner().invoke(app, list(args))
    return result.stdout, result.stderr, result.exit_code


def test_every_command_is_localised() -> None:
    """A new command declared without ``cls=PlanCommand`` would print English help."""
    for path, command in COMMANDS:
        expected = LocalisedGroup if isinstance(command, TyperGroup) else LocalisedCommand
        assert isinstance(command, expected), path


def test_every_help_text_has_a_dutch_text() -> None:
    missing = []
    for path, command in COMMANDS:
        texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
        missing += [(path, t) for t in texts if t and gettext(t, "nl") == t]
    assert not missing, missing


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=PATHS)
def test_the_help_of_every_command_is_dutch_in_a_dutch_run(
    path: list[str], command: Command
) -> None:
    out, err, code = _run("--lang", "nl", *path, "--help")
    assert code == 0, err
    assert out.startswith("Gebruik: clusterplan"), out[:80]
    assert "Opties:" in out and "Toon deze hulp en stop." in out
    for word in ENGLISH_FRAME:
        assert word not in out, word
    summary = " ".join((command.help or "").split("\n\n")[0].split())
    assert summary.replace("``", "") not in " ".join(out.split())


def test_the_help_of_an_english_run_is_english() -> None:
    out, _, code = _run("--lang", "en", "simulate", "--help")
    assert code == 0
    assert out.startswith("Usage: clusterplan simulate [OPTIONS]")
    assert "Number of samples.  [default: 10,000]" in " ".join(out.split("\n"))
    assert "Gebruik" not in out and "standaard" not in out


def test_the_language_given_after_help_counts_too() -> None:
    """``--lang`` is read before the arguments are parsed, so ``--help`` first still
    shows the chosen language."""
    out, _, code = _run("--help", "--lang", "nl")
    assert code == 0 and out.startswith("Gebruik: clusterplan [OPTIES] COMMANDO")


def test_a_group_lists_its_commands_with_their_dutch_summaries() -> None:
    out, _, _ = _run("--lang", "nl", "ecosystem", "--help")
    assert "Commando's:" in out
    assert "Schrijf het register als CSV of XLSX" in out


def test_the_default_of_an_option_is_written_in_the_runs_language() -> None:
    out_nl, _, _ = _run("--lang", "nl", "simulate", "--help")
    assert "[standaard: 10.000]" in out_nl
    assert "[standaard: --markets]" in " ".join(out_nl.split())


@pytest.mark.parametrize(
    ("args", "english", "dutch"),
    [
        (
            ["simulate", "--n", "abc"],
            "invalid value for --n: not a whole number",
            "geen geheel getal",
        ),
        (["scenarios", "--market-factor", "x"], "--market-factor: not a number", "geen getal"),
        (["finance", "--format", "pdf"], "use one of text, csv, json, xlsx", "kies uit text, csv"),
        (["serve", "--threads", "-3"], "must be at least 0", "moet ten minste 0 zijn"),
        (["serve", "--port", "99999"], "must be from 1 to 65535", "van 1 tot en met 65535"),
        (["simulate", "--foo"], "no such option: --foo", "onbekende optie: --foo"),
        (["simulate", "--n"], "--n needs a value", "--n heeft een waarde nodig"),
        (["simulate", "--json=yes"], "--json takes no value", "--json neemt geen waarde"),
        (["simulate", "extra"], "unexpected argument(s): extra", "onverwacht(e) argument(en)"),
        (["ecosystem", "import"], "missing argument FILE", "argument FILE ontbreekt"),
        (["simulat"], "no such command: simulat (did you mean simulate", "bedoelt u simulate"),
        (["ecosystem", "whitespotz"], "did you mean whitespots?", "bedoelt u whitespots?"),
        ([], "no command given", "geen commando gegeven"),
        (["--bogus", "inputs"], "no such option: --bogus", "onbekende optie: --bogus"),
    ],
)
def test_a_refused_argument_is_one_line_in_the_runs_language(
    args: list[str], english: str, dutch: str
) -> None:
    for lang, expected, word in (("en", english, "error: "), ("nl", dutch, "fout: ")):
        out, err, code = _run("--lang", lang, *args)
        assert code == 2, (lang, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith(word) and expected in lines[0], lines[0]
        assert "--help" in lines[0]
    _, err_nl, _ = _run("--lang", "nl", *args)
    for english_word in ("Invalid value", "No such", "Missing", "Error", "Input should"):
        assert english_word not in err_nl


def test_a_group_without_a_command_shows_its_help() -> None:
    out, _, code = _run("--lang", "nl", "ecosystem")
    assert code == 2
    assert out.startswith("Gebruik: clusterplan ecosystem")
