"""The one number formatter: how a figure is written for a reader, in Dutch or English.

``nl`` writes 1.234,5 and ``en`` 1,234.5; a year never gets a separator (2035, not
2.035). Money in M EUR has one decimal, jobs and other counts none. An unknown value ('?'
in the plan) is :data:`UNKNOWN` everywhere; a figure that an unknown amount belongs in
(a sum that had to leave out unknowns) is followed by :data:`INCLUDES_UNKNOWN`. The
command line, the reports, the SVG charts and the web's template filters all call this
module, so a figure reads the same wherever it is shown.
"""

from __future__ import annotations

import math

UNKNOWN = "?"
"""How an unknown value is shown ('?' in the plan)."""

INCLUDES_UNKNOWN = "+?"
"""Written after a figure that an unknown amount belongs in (e.g. ``545,0+?``)."""

NOT_A_NUMBER = "-"
"""How a value that is not a finite number is shown."""

MISSING = "\u2014"
"""How a value the plan leaves empty (an assumption without a value or bound) is shown."""

UNIT_DECIMALS: dict[str, int] = {"meur": 1, "pct": 1}
"""Decimals per unit; every other unit (jobs, m2, people, counts) is shown whole."""

AS_NEEDED = -1
"""``decimals`` for as many decimals as the value has (at most :data:`MAX_DECIMALS`):
an assumption such as 0,35 is written whole, not rounded to 0,4."""

MAX_DECIMALS = 6

YEAR = "year"
"""The unit of a year: written without separators."""


def language(lang: str | None) -> str:
    """``en`` for English language codes (``en``, ``en-gb``), otherwise ``nl``."""
    return "en" if (lang or "nl").lower().startswith("en") else "nl"


def unit_decimals(unit: str) -> int:
    """Decimals a figure in ``unit`` is shown with (M EUR and percentages: one; else none)."""
    return UNIT_DECIMALS.get(unit, 0)


def at_least(value: float, unit: str) -> float:
    """``value`` rounded up to the decimals ``unit`` is shown with: a figure that is enough
    wherever the exact one is ('a cap must rise by at least ...'), as it is written."""
    scale: int = 10 ** unit_decimals(unit)
    return math.ceil(round(value * scale, 6)) / scale


def shown_decimals(value: float | int, unit: str = "", decimals: int | None = None) -> int:
    """The decimals a figure is written with: ``decimals`` when given
    (:data:`AS_NEEDED`: as many as it has); else its unit's (:func:`unit_decimals`); else,
    a bare figure, none for a whole number and one place for any other."""
    if decimals is not None:
        return decimals
    if unit:
        return unit_decimals(unit)
    return 0 if float(value).is_integer() else 1


def format_number(
    value: float | int,
    lang: str | None = "nl",
    decimals: int | None = None,
    *,
    grouping: bool = True,
) -> str:
    """``value`` written in ``lang``: ``nl`` 12.345,6 / ``en`` 12,345.6.

    ``decimals`` None: an integer or a whole float without decimals, other floats to one
    place; :data:`AS_NEEDED`: as many as the value has. ``grouping`` False leaves out the thousands separator (for machine-read text).
    Never writes ``-0``; a value that is not finite is :data:`NOT_A_NUMBER`.
    """
    number = float(value)
    if not math.isfinite(number):
        return NOT_A_NUMBER
    decimals = shown_decimals(value, "", decimals)
    free = decimals < 0
    places = MAX_DECIMALS if free else decimals
    text = f"{number:{',' if grouping else ''}.{places}f}"
    if free and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]  # no "-0"
    if language(lang) == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def json_number(value: float | None, digits: int = 1) -> float | None:
    """A figure for JSON: rounded to ``digits`` decimals; null (None) when it is unknown
    (None or NaN)."""
    if value is None or math.isnan(float(value)):
        return None
    return round(float(value), digits)


def format_year(year: int | float) -> str:
    """A year as written: digits only, no thousands separator."""
    return str(int(year))


def format_value(
    value: float | int | None,
    unit: str = "",
    lang: str | None = "nl",
    *,
    includes_unknown: bool = False,
    decimals: int | None = None,
    grouping: bool = True,
) -> str:
    """A figure in ``unit`` as a reader sees it: :data:`UNKNOWN` for None, years without
    separators (whole, or to ``decimals``), the unit's decimals (or ``decimals``), :data:`INCLUDES_UNKNOWN` after a
    figure that an unknown amount belongs in."""
    if value is None:
        return UNKNOWN
    if unit == YEAR and not decimals:
        return format_year(value)
    if unit == YEAR:  # a mean year, say: its decimals, its digits not grouped
        grouping = False
    text = format_number(value, lang, shown_decimals(value, unit, decimals), grouping=grouping)
    return text + INCLUDES_UNKNOWN if includes_unknown else text


def percent(share: float, decimals: int | None = None) -> float:
    """A share (0.25) in percent (25.0), rounded to ``decimals`` (default: the percent
    unit's, :data:`UNIT_DECIMALS`)."""
    return round(100.0 * float(share), unit_decimals("pct") if decimals is None else decimals)


def format_percent(share: float, lang: str | None = "nl", decimals: int | None = None) -> str:
    """A share (0.25) as a percentage in ``lang`` (``25,0%``), to ``decimals`` (default: the
    percent unit's)."""
    places = unit_decimals("pct") if decimals is None else decimals
    return format_number(percent(share, places), lang, places) + "%"


__all__ = [
    "at_least",
    "INCLUDES_UNKNOWN",
    "MISSING",
    "NOT_A_NUMBER",
    "UNKNOWN",
    "AS_NEEDED",
    "format_number",
    "format_percent",
    "format_value",
    "format_year",
    "json_number",
    "language",
    "percent",
    "shown_decimals",
    "unit_decimals",
]
