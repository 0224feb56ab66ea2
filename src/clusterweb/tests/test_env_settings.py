"""The settings read the environment strictly: a typo raises, it never flips a setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from clusterweb.conf.env import LOG_LEVELS, env_bool, env_choice, env_int

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("word", ["1", "true", "TRUE", " yes ", "on"])
def test_true_words_read_as_true(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    monkeypatch.setenv("CP_TEST_FLAG", word)
    assert env_bool("CP_TEST_FLAG", False) is True


@pytest.mark.parametrize("word", ["0", "false", "False", "no", "off"])
def test_false_words_read_as_false(monkeypatch: pytest.MonkeyPatch, word: str) -> None:
    monkeypatch.setenv("CP_TEST_FLAG", word)
    assert env_bool("CP_TEST_FLAG", True) is False


def test_an_unset_boolean_gives_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CP_TEST_FLAG", raising=False)
    assert env_bool("CP_TEST_FLAG", True) is True


@pytest.mark.parametrize("word", ["ture", "", "y", "2", "enabled"])
def test_an_unknown_boolean_names_the_variable_and_the_accepted_words(
    monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    monkeypatch.setenv("HTTPS", word)
    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("HTTPS", True)
    message = str(error.value)
    assert "HTTPS" in message
    assert "true" in message and "false" in message


@pytest.mark.parametrize(("text", "number"), [("5", 5), (" 900 ", 900), ("-3", -3), ("+7", 7)])
def test_whole_numbers_are_read(monkeypatch: pytest.MonkeyPatch, text: str, number: int) -> None:
    monkeypatch.setenv("CP_TEST_INT", text)
    assert env_int("CP_TEST_INT", 1) == number


@pytest.mark.parametrize("text", ["five", "1.5", "1e3", "", "١٢", "9" * 40, "0x10"])
def test_a_non_integer_names_the_variable(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("LOGIN_LOCKOUT_ACCOUNT_FAILURES", text)
    with pytest.raises(ImproperlyConfigured, match="LOGIN_LOCKOUT_ACCOUNT_FAILURES"):
        env_int("LOGIN_LOCKOUT_ACCOUNT_FAILURES", 5)


def test_an_integer_below_its_minimum_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOGIN_LOCKOUT_ACCOUNT_FAILURES", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("LOGIN_LOCKOUT_ACCOUNT_FAILURES", 5, minimum=1)


def test_a_log_level_is_one_of_the_known_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "info")
    assert env_choice("LOG_LEVEL", "WARNING", LOG_LEVELS) == "INFO"
    monkeypatch.setenv("LOG_LEVEL", "loud")
    with pytest.raises(ImproperlyConfigured, match="LOG_LEVEL"):
        env_choice("LOG_LEVEL", "WARNING", LOG_LEVELS)


def _check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A clean environment: the test settings (ci.py) put development defaults into os.environ.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "clusterweb.conf.base",
            "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
            "ALLOWED_HOSTS": "plan.example.nl",
            "PYTHONPATH": str(REPO / "src"),
            **extra_env,
        }
    )
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("HTTPS", "ture"), ("DEBUG", "maybe"), ("LOGIN_LOCKOUT_WINDOW_SECONDS", "15m")],
)
def test_the_settings_refuse_to_start_on_a_typo(variable: str, value: str) -> None:
    result = _check({variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_the_ensemble_sizes_default_to_the_cores_declarations() -> None:
    """Without the environment setting them, the platform's seed and ensemble sizes are the
    command line's defaults (``clusterplan.plan.bounds``): the dashboard's ensemble that of
    ``clusterplan simulate``, the sensitivity page's Sobol base and discovery samples those
    of ``clusterplan sensitivity`` and ``discover`` (the page had 256 and 5,000 of its own,
    chosen when it computed them in the request)."""
    from clusterplan.plan import bounds

    names = {
        "CLUSTERWEB_SEED": bounds.DEFAULT_SEED,
        "CLUSTERWEB_ENSEMBLE_SAMPLES": bounds.DEFAULT_SAMPLES,
        "CLUSTERWEB_SOBOL_BASE": bounds.DEFAULT_SOBOL_BASE,
        "CLUSTERWEB_DISCOVERY_SAMPLES": bounds.DEFAULT_DISCOVERY_SAMPLES,
    }
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update({"SECRET_KEY": "x" * 60, "PYTHONPATH": str(REPO / "src")})
    code = "import clusterweb.conf.base as s; print(" + ", ".join(f"s.{n}" for n in names) + ")"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert dict(zip(names, map(int, result.stdout.split()), strict=True)) == names
