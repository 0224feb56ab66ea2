"""The assumptions list writes values as a reader reads them, in the page's language: no
Python notation (None, True, [0.3, 2.5]), numbers by the one formatter, ranges as
``low – high``, yes/no, an empty value as a dash."""

from __future__ import annotations

import re

from django.urls import reverse

from clusterplan.i18n import unit_code, unit_words
from clusterplan.plan.load import bundled_plan
from clusterplan.report.numbers import AS_NEEDED, format_number
from clusterweb.planning.tests.test_tables import html_rows
from clusterweb.presentation import MISSING
from clusterweb.testing import PersonaTestCase

PYTHON = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\[|\]|\{|\}")


def _bound(value: float, lang: str) -> str:
    """A bound as the reader expects it: a whole number (a year, a count) with its digits
    only, a fraction in the language's decimal mark."""
    if float(value).is_integer():
        return str(int(value))
    return format_number(value, lang, AS_NEEDED)


class AssumptionsPageTests(PersonaTestCase):
    def rows(self, lang: str) -> dict[str, list[str]]:
        """The page's rows by assumption id (the id is in brackets after the label)."""
        self.login(self.viewer)
        self.client.cookies.load({"django_language": lang})
        html = self.client.get(reverse("planning:assumptions")).content.decode()
        out = {}
        for row in html_rows(html)[1:]:
            found = re.search(r"\(([^()]+)\)$", row[0])
            assert found, row
            out[found.group(1)] = row
        return out

    def test_values_and_ranges_are_written_for_the_reader(self) -> None:
        plan = bundled_plan()
        for lang in ("nl", "en"):
            rows = self.rows(lang)
            self.assertEqual(set(rows), {a.id for a in plan.assumptions})
            for a in plan.assumptions:
                value, span = rows[a.id][1], rows[a.id][2]
                with self.subTest(lang=lang, assumption=a.id):
                    self.assertNotRegex(value, PYTHON)
                    self.assertNotRegex(span, PYTHON)
                    if isinstance(a.value, bool):
                        yes_no = {"nl": ("ja", "nee"), "en": ("yes", "no")}[lang]
                        self.assertTrue(value.startswith(yes_no[0] if a.value else yes_no[1]))
                    elif isinstance(a.value, float):
                        self.assertTrue(value.startswith(format_number(a.value, lang, AS_NEEDED)))
                    if a.low is not None and a.high is not None:
                        self.assertEqual(span, f"{_bound(a.low, lang)} – {_bound(a.high, lang)}")
                    elif a.low is None and a.high is None:
                        self.assertEqual(span, MISSING)

    def test_a_dutch_decimal_has_a_comma(self) -> None:
        plan = bundled_plan()
        rows = self.rows("nl")
        decimals = [a for a in plan.assumptions if isinstance(a.low, float) and a.low % 1]
        self.assertTrue(decimals)
        for a in decimals:
            self.assertIn(",", rows[a.id][2], a.id)
            self.assertNotRegex(rows[a.id][2], r"\d\.\d", a.id)

    def test_a_unit_the_catalogue_has_words_for_is_in_the_pages_language(self) -> None:
        plan = bundled_plan()
        worded = [
            a
            for a in plan.assumptions
            if a.value is not None
            and unit_code(a.unit)
            and unit_words(a.unit, "nl") != unit_words(a.unit, "en")
        ]
        self.assertTrue(worded)  # e.g. years -> jaar: not vacuous
        for lang in ("nl", "en"):
            rows = self.rows(lang)
            for a in worded:
                with self.subTest(lang=lang, assumption=a.id):
                    self.assertTrue(rows[a.id][1].endswith(" " + unit_words(a.unit, lang)))
