"""Strict readers of settings from the environment.

A typo must not silently change a security setting: ``HTTPS=ture`` used to read as false and
turned off secure cookies, HSTS and the SSL redirect. Every reader here raises
``ImproperlyConfigured`` naming the variable, the value and what it accepts.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def env_bool(name: str, default: bool) -> bool:
    """A boolean: one of TRUE_WORDS or FALSE_WORDS (any case); unset gives the default."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of {', '.join(TRUE_WORDS)} (true) "
        f"or {', '.join(FALSE_WORDS)} (false)."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """A whole number in decimal digits (at least ``minimum``); unset gives the default."""
    value = os.environ.get(name)
    if value is None:
        return default
    text = value.strip()
    digits = text[1:] if text[:1] in ("-", "+") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a whole number; use decimal digits, e.g. {name}={default}."
        )
    number = int(text)
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is too small; use at least {minimum}.")
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (any case, returned as spelled in ``choices``)."""
    value = os.environ.get(name)
    if value is None:
        return default
    for choice in choices:
        if value.strip().lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(
        f"{name}={value!r} is not accepted; use one of {', '.join(choices)}."
    )


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated list (empty items are dropped)."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
