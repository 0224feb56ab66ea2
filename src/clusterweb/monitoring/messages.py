"""The core's reasons for refusing a row of actuals, in the user's language.

The core (``clusterplan.monitor.actuals``, ``clusterplan.io.sheets``) words its reasons in
English for the command line. The web pages show them through :func:`translate_reason`: each
known reason is matched by a pattern and said again with ``gettext`` (its values kept); an
unknown reason is shown as the core wrote it. ``tests/test_messages.py`` makes the core
produce every reason and fails when one is not translated, so a reworded reason is noticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

_WHAT = {
    "a pillar id": gettext_lazy("a pillar id"),
    "a project id or organisation-cost line of the plan's finance": gettext_lazy(
        "a project id or organisation-cost line of the plan's finance"
    ),
    "a funding source": gettext_lazy("a funding source"),
    "an education level": gettext_lazy("an education level"),
    "an organisation id": gettext_lazy("an organisation id"),
    "empty (the indicator has no subjects)": gettext_lazy("empty (the indicator has no subjects)"),
}


def _subject(m: re.Match[str]) -> str:
    text = _("“%(subject)s” is not %(what)s of the plan") % {
        "subject": m["subject"],
        "what": _WHAT.get(m["what"], m["what"]),
    }
    if m["choices"]:
        text += " " + _("(use one of: %(choices)s; empty for the cluster total)") % {
            "choices": m["choices"]
        }
    return text


def _outside(m: re.Match[str]) -> str:
    text = _("%(year)s is outside %(first)s-%(last)s for “%(indicator)s”") % {
        "year": m["year"],
        "first": m["first"],
        "last": m["last"],
        "indicator": m["indicator"],
    }
    if m["nohistory"]:
        text += " " + _("(this indicator has no history before the plan)")
    return text


def _simple(msgid: str) -> Callable[[re.Match[str]], str]:
    return lambda m: _(msgid) % m.groupdict()


# (pattern of the core's English reason, its rendering in the user's language); msgids are
# marked for makemessages by the gettext_noop-like calls in _MSGIDS below.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^the indicator is empty$"), _simple("the indicator is empty")),
    (
        re.compile(r"^unknown indicator '(?P<indicator>.*)' \(known: (?P<known>.*)\)$"),
        _simple("unknown indicator “%(indicator)s” (known: %(known)s)"),
    ),
    (
        re.compile(
            r"^'(?P<subject>.*)' is not (?P<what>.+?) of the plan"
            r"(?: \(use one of: (?P<choices>.*); empty for the cluster total\))?$"
        ),
        _subject,
    ),
    (
        re.compile(r"^must be a whole year \(got '(?P<got>.*)'\)$"),
        _simple("must be a whole year (got “%(got)s”)"),
    ),
    (
        re.compile(
            r"^(?P<year>-?\d+) is outside (?P<first>\d+)-(?P<last>\d+) for '(?P<indicator>.*?)'"
            r"(?P<nohistory> \(this indicator has no history before the plan\))?$"
        ),
        _outside,
    ),
    (
        re.compile(r"^must be a number \(got '(?P<got>.*)'\)$"),
        _simple("must be a number (got “%(got)s”)"),
    ),
    (
        re.compile(r"^must be a finite number \(got '(?P<got>.*)'\)$"),
        _simple("must be a finite number (got “%(got)s”)"),
    ),
    (
        re.compile(r"^must not be negative \(got (?P<got>.*)\)$"),
        _simple("must not be negative (got %(got)s)"),
    ),
    (
        re.compile(r"^the source is empty \(name where the figure comes from\)$"),
        _simple("the source is empty (name where the figure comes from)"),
    ),
    (
        re.compile(r"^must be a date as YYYY-MM-DD \(got '(?P<got>.*)'\)$"),
        _simple("must be a date as YYYY-MM-DD (got “%(got)s”)"),
    ),
    (
        re.compile(r"^'(?P<indicator>.*)' is submitted per organisation: name it$"),
        _simple("“%(indicator)s” is submitted per organisation: name the organisation"),
    ),
    (
        re.compile(
            r"^duplicate of row (?P<row>\d+) \(same indicator, subject, year and organisation\)$"
        ),
        _simple("duplicate of row %(row)s (same indicator, subject, year and organisation)"),
    ),
    (re.compile(r"^required column is missing$"), _simple("required column is missing")),
    (
        re.compile(r"^unknown column \(the columns are: (?P<columns>.*)\)$"),
        _simple("unknown column (the columns are: %(columns)s)"),
    ),
    (
        re.compile(r"^the file is empty \(a header row is required\)$"),
        _simple("the file is empty (a header row is required)"),
    ),
    (
        re.compile(r"^more cells than columns in the header row$"),
        _simple("more cells than columns in the header row"),
    ),
    (
        re.compile(r"^column appears twice in the header row$"),
        _simple("column appears twice in the header row"),
    ),
    (
        re.compile(r"^empty column name in the header row$"),
        _simple("empty column name in the header row"),
    ),
]


def translate_reason(reason: str) -> str:
    """The core's reason in the current language (unchanged when it is not known)."""
    for pattern, render in _RULES:
        m = pattern.match(reason)
        if m is not None:
            return render(m)
    return reason


def _msgids() -> None:  # pragma: no cover - only for makemessages
    _("the indicator is empty")
    _("unknown indicator “%(indicator)s” (known: %(known)s)")
    _("must be a whole year (got “%(got)s”)")
    _("must be a number (got “%(got)s”)")
    _("must be a finite number (got “%(got)s”)")
    _("must not be negative (got %(got)s)")
    _("the source is empty (name where the figure comes from)")
    _("must be a date as YYYY-MM-DD (got “%(got)s”)")
    _("“%(indicator)s” is submitted per organisation: name the organisation")
    _("duplicate of row %(row)s (same indicator, subject, year and organisation)")
    _("required column is missing")
    _("unknown column (the columns are: %(columns)s)")
    _("the file is empty (a header row is required)")
    _("more cells than columns in the header row")
    _("column appears twice in the header row")
    _("empty column name in the header row")
