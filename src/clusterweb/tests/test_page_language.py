"""No page shows the plan's or the core's ids where a reader expects words: every page
reachable from the menu, in Dutch and in English, with the fictional actuals stored, is
searched for snake_case ids (``back_end``, ``packaging_test``, ``white_spot``) in its
visible text, for a word said twice in brackets ("(optioneel) (optioneel)": a label
that says what the field template adds), for Django's empty choice '---------' where
every other select says '—', and for a value cell that holds a bare '-' where every other
missing value reads '—'. The command line's counterpart is ``tests/test_one_language.py``."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.db.models.fields import BLANK_CHOICE_DASH
from django.urls import resolve

from clusterweb.monitoring.tests.fictional import FictionalActualsTestCase
from clusterweb.tests.test_other_plans import _visible_text, crawl

SNAKE = re.compile(r"(?<![\w/.#-])[a-z]+(?:_[a-z0-9]+)+(?![\w/.-])")
"""An id as code writes it: lower-case words joined by underscores, not part of a path,
a file name or an address."""

TWICE = re.compile(r"\(([^()]+)\)\s*\(\1\)")
"""The same words in brackets twice in a row."""

BARE_DASH = re.compile(r"<(dd|td)\b[^>]*>\s*-\s*</\1>")
"""A value cell holding a hyphen where a missing value reads '—' (:data:`MISSING`)."""

SHOWS_DATA = {
    # An assumption's value may be a structure keyed by the plan's ids; it is shown as
    # stored (the id is what an editor types).
    "planning:assumptions",
    "planning:assumption_edit",
    # The import pages name the file's columns, which are ids by design.
    "startups:import",
}


class NoIdsOnPagesTests(FictionalActualsTestCase):
    def test_no_page_shows_a_snake_case_id_or_a_doubled_bracket_in_either_language(self) -> None:
        self.login(self.admin)
        leaks: dict[str, set[str]] = {}
        doubled: dict[str, set[str]] = {}
        for lang in ("nl", "en"):
            self.client.cookies["django_language"] = lang
            seen = crawl(self.client)
            for url, (_status, kind, body) in seen.items():
                view = resolve(urlsplit(url).path).view_name
                if not kind.startswith("text/html"):
                    continue
                if BLANK_CHOICE_DASH[0][1] in body:  # Django's empty choice, not ours ('—')
                    doubled.setdefault(f"{lang} {view}", set()).add(BLANK_CHOICE_DASH[0][1])
                if BARE_DASH.search(body):
                    doubled.setdefault(f"{lang} {view}", set()).add("-")
                text = _visible_text(body)
                for words in TWICE.findall(text):
                    doubled.setdefault(f"{lang} {view}", set()).add(words)
                if view not in SHOWS_DATA:
                    for word in SNAKE.findall(text):
                        leaks.setdefault(f"{lang} {view}", set()).add(word)
            self.assertGreater(len(seen), 50, "the crawl reached too few pages")
        self.assertEqual({k: sorted(v) for k, v in leaks.items()}, {})
        self.assertEqual({k: sorted(v) for k, v in doubled.items()}, {})
