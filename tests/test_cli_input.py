"""Bad input on the command line: one line per problem naming the file (and line, row or
field) and the reason in the run's language, never a traceback, an exit code that is not 0.

Each test here is a finding of a hand audit of the command line (``--lang nl`` and
``--lang en``) that the command line got wrong before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from tests.plan.editing import edit, line_of

LANGS = ("nl", "en")


def run(lang: str, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``clusterplan --lang LANG ARGS``."""
    result = CliRunner().invoke(app, ["--lang", lang, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_a_key_given_twice_in_a_plan_file_is_refused_at_its_line(
    plan_copy: Path, lang: str
) -> None:
    path = plan_copy / "employment.yaml"
    first = line_of(path, "base_year:")
    edit(path, "base_year: ", "base_year: 2025\nbase_year: ")
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    assert f"{path}:{first + 1}:" in err
    assert "'base_year'" in err
    words = {"nl": "twee keer (eerst op regel", "en": "twice (first on line"}[lang]
    assert f"{words} {first})" in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_folder_in_place_of_a_plan_file_is_named(plan_copy: Path, lang: str) -> None:
    path = plan_copy / "employment.yaml"
    path.unlink()
    path.mkdir()
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    folder = {"nl": "geen gewoon bestand: een map", "en": "not a regular file: a directory"}[lang]
    assert f"{path}: " in err and folder in err
    assert "Is a directory" not in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_folder_as_the_value_table_is_named(tmp_path: Path, lang: str) -> None:
    code, _, err = run(lang, "phase", "--values", str(tmp_path))
    assert code == 2
    assert f"--values: {tmp_path}: " in err
    assert "Is a directory" not in err


@pytest.mark.parametrize(
    ("old", "new", "bad", "reason"),
    [
        (
            "  organic:\n    source:",
            "  organic:\n\tsource:",
            "\tsource:",
            {"nl": "een tab-teken: spring in met spaties", "en": "a tab character: indent with"},
        ),
        (
            "  organic:\n    source:",
            "  organic:\n    source: x\n   name_nl: y\n    source:",
            "   name_nl: y",
            {"nl": "de inspringing past niet", "en": "the indentation does not fit"},
        ),
    ],
    ids=["tab", "indentation"],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_yaml_syntax_error_is_told_in_the_run_language(
    plan_copy: Path, lang: str, old: str, new: str, bad: str, reason: dict[str, str]
) -> None:
    path = plan_copy / "employment.yaml"
    edit(path, old, new)
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    assert f"{path}:{line_of(path, bad)}:" in err
    assert reason[lang] in err
    for parser_words in ("while ", "scanning", "parsing", "expected", "token"):
        assert parser_words not in err
