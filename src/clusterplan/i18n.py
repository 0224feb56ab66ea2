"""The core's messages in Dutch and English: one gettext catalogue, one language per run.

The catalogue is ``clusterplan/locale/{nl,en}/LC_MESSAGES/clusterplan.mo`` (compiled from
the ``.po`` next to it, both shipped with the package). It holds two kinds of entries:

* error codes (``"value.negative"``): msgid is the code, msgstr the message in that
  language, with ``{name}`` placeholders filled from the error's ``params``; the texts of
  the annual report and the plan's tables are codes too (``"report.sec.goal"``, read by
  :mod:`clusterplan.report.messages`);
* output text of the command line: msgid is the English text, the Dutch catalogue
  translates it (the English one may leave it empty: the msgid is the text).

The command line chooses the language once per run (``--lang``, else the environment, see
:func:`language_from_env`); the web passes Django's active language to :func:`message`.
"""

from __future__ import annotations

import gettext as _gettext
import math
import os
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

__all__ = [
    "LANGUAGES",
    "Count",
    "Figure",
    "LOCALE_DIR",
    "Language",
    "Named",
    "Text",
    "Year",
    "current_language",
    "gettext",
    "language_from_env",
    "language_scope",
    "message",
    "normalise_language",
    "set_language",
]

Language = Literal["nl", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Language] = "en"
DOMAIN: Final = "clusterplan"
LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"

CHOICE_WORDS: Final = "assumption.choice"
"""Where the catalogue holds the words of an assumption's choice values
(``assumption.choice.<value>``: 'calibrate' is "Gekalibreerd op het plan")."""

GROUPED_FROM: Final = 10_000
"""Whole numbers from this size on are grouped by thousands (a year never is)."""

YEAR_PARAMS: Final = frozenset(
    {"year", "years", "until", "first", "last", "start", "end", "founded"}
)
"""The names the catalogue's messages give a calendar year (or a list of years): a whole
number given for one of them is a :class:`Year`, written as its digits (99999, never
99,999 or 99.999), whatever the caller passed. A message names a year by one of these."""

_current: ContextVar[Language] = ContextVar("clusterplan_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> Language:
    """``"nl"``, ``"nl-nl"``, ``"nl_NL.UTF-8"`` -> ``"nl"``; anything else -> ``"en"``."""
    if value and value.strip().lower()[:2] == "nl":
        return "nl"
    return "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> Language:
    """The language of a run from the environment.

    ``CLUSTERPLAN_LANG`` (``nl`` or ``en``) when set, else the locale (``LC_ALL``, then
    ``LC_MESSAGES``, then ``LANG``, the first one set): Dutch when it starts with ``nl``,
    English otherwise.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("CLUSTERPLAN_LANG", "").strip()
    if chosen:
        return normalise_language(chosen)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            return normalise_language(value)
    return DEFAULT_LANGUAGE


def set_language(lang: str) -> Language:
    """Make ``lang`` the language of this run (context); returns the normalised language."""
    chosen = normalise_language(lang)
    _current.set(chosen)
    return chosen


@contextmanager
def language_scope(lang: str) -> Iterator[Language]:
    """Use ``lang`` inside the block and the previous language after it."""
    token = _current.set(normalise_language(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def current_language() -> Language:
    """The language of this run (English unless :func:`set_language` chose another)."""
    return _current.get()


@cache
def _catalogue(lang: Language) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def has_message(code: str, lang: str) -> bool:
    """Whether the catalogue of ``lang`` has a non-empty text for ``code``."""
    return _catalogue(normalise_language(lang)).gettext(code) != code


def gettext(text: str, lang: str | None = None) -> str:
    """``text`` (an English msgid) in ``lang`` (default: the language of this run)."""
    chosen = current_language() if lang is None else normalise_language(lang)
    return _catalogue(chosen).gettext(text)


_ = gettext


def unit_code(unit: str) -> str | None:
    """The catalogue code of a unit's words (``unit.<unit>``, e.g. ``unit.jobs``), or None
    for a unit the catalogue has no words for (a plan's own unit, shown as written)."""
    code = f"unit.{unit}"
    return code if unit and has_message(code, "en") and has_message(code, "nl") else None


def unit_words(unit: str, lang: str | None = None, *, count: float | None = None) -> str:
    """A unit in ``lang`` (default: the language of this run): the catalogue's words for it
    (:func:`unit_code`), else the unit as the plan writes it. After a ``count`` of one, its
    words for one (``unit.<unit>.one``: '1 organisatie', not '1 organisaties') where the
    catalogue has them."""
    code = unit_code(unit)
    if not code:
        return unit
    one = f"{code}.one"
    if count == 1 and has_message(one, "en") and has_message(one, "nl"):
        return gettext(one, lang)
    return gettext(code, lang)


def without_accents(text: str) -> str:
    """``text`` with its accents dropped (``Über`` -> ``Uber``): how names are compared and
    ids are made, whichever way a user types them."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


class Count(int):
    """A whole number that is a count (bytes, rows, characters): always grouped by
    thousands, unlike a bare ``int`` that may be a year."""


class Year(int):
    """A calendar year in a message: always its digits (99999) in every language,
    never grouped by thousands as a bare ``int`` of that size is. A parameter named as a
    year (:data:`YEAR_PARAMS`) is one without being made one."""


def as_year(value: Any) -> Any:
    """``value`` as a :class:`Year` when it is a whole number (a list of them: each),
    else as it is (a text, a :class:`Count`, a flag)."""
    if isinstance(value, bool | Count | Year):
        return value
    if isinstance(value, int):
        return Year(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return Year(int(value))
    if isinstance(value, list | tuple | set | frozenset):
        return [as_year(v) for v in value]
    return value


def format_param(name: str, value: Any, lang: Language) -> str:
    """A message's parameter ``name`` as text (:func:`format_value`); a year's name
    (:data:`YEAR_PARAMS`) makes its whole numbers years."""
    return format_value(as_year(value) if name in YEAR_PARAMS else value, lang)


class Figure(float):
    """A measured figure (an amount, an area, a percentage) in a message: written by the one
    number formatter, :func:`clusterplan.report.numbers.format_number`, in the reader's
    language with its ``decimals`` (None: a whole value without, any other with one), and
    with a ``+`` before it when ``signed`` and it is not negative."""

    decimals: int | None
    signed: bool

    def __new__(cls, value: float, decimals: int | None = None, signed: bool = False) -> Figure:
        self = super().__new__(cls, value)
        self.decimals = decimals
        self.signed = signed
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Figure, (float(self), self.decimals, self.signed))

    def text(self, lang: Language) -> str:
        """The figure as written in ``lang``."""
        from clusterplan.report.numbers import format_number

        written = format_number(float(self), lang, self.decimals)
        return "+" + written if self.signed and not written.startswith("-") else written


class Named(str):
    """A name (or a text) of the plan in Dutch and English, as a message's parameter: it
    reads as the English one and renders in the reader's language with :meth:`text`; a plan
    without an English text gives the Dutch one in both."""

    nl: str

    def __new__(cls, nl: str, en: str | None = None) -> Named:
        self = super().__new__(cls, en or nl)
        self.nl = nl
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Named, (self.nl, str(self)))

    def text(self, lang: str | None = None) -> str:
        """The text in ``lang`` (default: the language of this run)."""
        chosen = current_language() if lang is None else normalise_language(lang)
        return self.nl if chosen == "nl" else str(self)


@dataclass(frozen=True)
class Text:
    """A text of the program in Dutch and English, declared where its concept is (an
    input's label, its help); ``{name}`` fields are filled when it is written."""

    nl: str
    en: str

    def __call__(self, lang: str, **params: Any) -> str:
        """The text in ``lang`` (Dutch unless ``en``), with its fields filled (numbers in
        the language's notation, :func:`format_value`)."""
        chosen: Language = "en" if lang.startswith("en") else "nl"
        text = self.en if chosen == "en" else self.nl
        if not params:
            return text
        return text.format(**{k: format_param(k, v, chosen) for k, v in params.items()})


class _Params(dict[str, str]):
    """Parameters formatted for a language; a missing one shows as its name."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_value(value: Any, lang: Language) -> str:
    """One parameter as text: numbers in the reader's decimal mark, lists joined by commas.

    A :class:`Figure` is written by the report's number formatter, a :class:`Count` always
    grouped by thousands, a :class:`Year` never, a :class:`Named` text in the reader's
    language.

    Whole numbers below :data:`GROUPED_FROM` keep their digits; larger ones get thousands
    separators (a year never: :func:`format_param`); other numbers are written by the
    report's number formatter with the decimals they have (``1.234.567,5``, never
    ``1,23457e+06``).
    """
    from clusterplan.errors import Coded

    if isinstance(value, Coded | Figure | Named):
        return value.text(lang)
    if isinstance(value, bool):
        return gettext("yes" if value else "no", lang)
    if isinstance(value, Year):
        return str(int(value))
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        if abs(value) < GROUPED_FROM and not isinstance(value, Count):
            return str(value)
        text = f"{value:,}"
        return text.replace(",", ".") if lang == "nl" else text
    if isinstance(value, float):
        from clusterplan.report.numbers import AS_NEEDED, format_number

        if not math.isfinite(value):
            return "-"
        if abs(value) >= 1e15 or 0 < abs(value) < 1e-6:  # beyond any figure: the exponent
            text = f"{value:.6g}"
            return text.replace(".", ",") if lang == "nl" else text
        return format_number(value, lang, AS_NEEDED, grouping=abs(value) >= GROUPED_FROM)
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


def message(code: str, params: Mapping[str, Any] | None = None, lang: str | None = None) -> str:
    """The message of an error ``code`` in ``lang`` (default: this run's language).

    The text comes from the catalogue with ``{name}`` placeholders filled from ``params``.
    A code missing from the catalogue (a test forbids it) falls back to English, then to
    the code itself followed by its parameters, so nothing is ever lost.
    """
    chosen = current_language() if lang is None else normalise_language(lang)
    template = _catalogue(chosen).gettext(code)
    if template == code and chosen != "en":
        template = _catalogue("en").gettext(code)
    values = _Params({k: format_param(k, v, chosen) for k, v in (params or {}).items()})
    if template == code:
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        return f"{code} ({shown})" if shown else code
    if "unit" in values and not values["unit"]:
        template = template.replace(" {unit}", "")  # a unit-less number: no space left over
    return template.format_map(values)
