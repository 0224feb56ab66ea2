"""The assumptions list writes values as a reader reads them, in the page's language: no
Python notation (None, True, [0.3, 2.5]), numbers by the one formatter, ranges as
``low – high``, yes/no, an empty value as a dash; each rationale in the page's language
(Dutch, else English), on the list, in its download and on the edit page."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

from django.urls import reverse

from clusterplan.i18n import unit_code, unit_words
from clusterplan.labels import ASSUMPTION_AREAS, assumption_area, choice_label
from clusterplan.plan.load import bundled_plan
from clusterplan.report.numbers import AS_NEEDED, format_number
from clusterplan.report.tables import fact_value_text
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import assumption_anchor
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
        """The page's rows by assumption id (the id is in brackets after the label), from
        every table of the page (a table per area of the model)."""
        self.login(self.viewer)
        self.client.cookies.load({"django_language": lang})
        html = self.client.get(reverse("planning:assumptions")).content.decode()
        out = {}
        for part in html.split("<table")[1:]:
            for row in html_rows("<table" + part)[1:]:
                found = re.search(r"\(([^()]+)\)$", row[0])
                assert found, row
                out[found.group(1)] = row
        return out

    def test_the_assumptions_stand_in_a_section_per_area_each_linked_at_the_top(self) -> None:
        """105 assumptions in one table made a page of 17,740 px to scroll through; each
        area of the model (growth, finance, ...) has its heading and table, in the core's
        order, linked from the top, and every assumption keeps its anchor."""
        plan = current_plan()
        self.login(self.viewer)
        page = self.client.get(reverse("planning:assumptions"))
        sections = page.context["sections"]
        areas = [s["area"] for s in sections]
        self.assertEqual(areas, [a for a in ASSUMPTION_AREAS if a in areas])
        self.assertGreater(len(areas), 3)
        for section in sections:
            keys = [a.key for a in section["assumptions"]]
            self.assertTrue(all(assumption_area(k) == section["area"] for k in keys))
            self.assertEqual(len(section["table"]["rows"]), len(keys))
            self.assertContains(page, f'href="#area-{section["area"]}"')
            self.assertContains(page, f'id="area-{section["area"]}"')
        shown = [a.key for s in sections for a in s["assumptions"]]
        self.assertEqual(sorted(shown), sorted(a.id for a in plan.assumptions))
        for key in shown:
            self.assertContains(page, f'id="{assumption_anchor(key)}"')
        self.assertContains(page, reverse("planning:download", args=["assumptions", "csv"]))

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
            and not isinstance(a.value, bool | str)  # a yes or no, a word: no unit after it
            and unit_code(a.unit)
            and unit_words(a.unit, "nl") != unit_words(a.unit, "en")
        ]
        self.assertTrue(worded)  # e.g. years -> jaar: not vacuous
        for lang in ("nl", "en"):
            rows = self.rows(lang)
            for a in worded:
                with self.subTest(lang=lang, assumption=a.id):
                    count = a.value if isinstance(a.value, int | float) else None
                    unit = unit_words(a.unit, lang, count=count)
                    self.assertTrue(rows[a.id][1].endswith(" " + unit))
        flags = [a for a in plan.assumptions if isinstance(a.value, bool)]
        self.assertTrue(flags)
        for a in flags:  # "ja", not "ja ja/nee"
            self.assertEqual(self.rows("nl")[a.id][1], "ja" if a.value else "nee")

    def test_a_choice_is_written_in_words_without_a_unit(self) -> None:
        """A growth dimension by its name (not its id and 'groeidimensie'), a choice by its
        words (not as stored), a list of bands as named ranges, not as records."""
        plan = bundled_plan()
        rows = self.rows("nl")
        split = plan.assumption("growth.backcast.pillar-split")
        self.assertEqual(rows[split.id][1], plan.employment.scenarios[split.value].name_nl)
        rule = plan.assumption("ecosystem.jobs-pillar-split")  # by its words, not 'even'
        self.assertEqual(rows[rule.id][1], choice_label(rule.value, "nl"))
        self.assertEqual(self.rows("en")[rule.id][1], choice_label(rule.value, "en"))
        self.assertNotEqual(choice_label(rule.value, "en"), rule.value)
        bands = rows["ecosystem.size-bands"][1]
        self.assertNotIn("min_jobs", bands)
        self.assertRegex(bands, r"^\w+: 0\u2013\d+; ")

    def test_a_value_taken_from_a_fact_names_the_fact_and_where_it_is_from(self) -> None:
        """A value that takes a fact of the plan ('fact:<id>', shown as stored) reads as
        the fact: its label, its figure with its unit and the plan's section it is from."""
        plan = bundled_plan()
        taken = [a for a in plan.assumptions if str(a.value).startswith("fact:")]
        self.assertTrue(taken)  # not vacuous
        for lang in ("nl", "en"):
            rows = self.rows(lang)
            for a in taken:
                fact = next(f for f in plan.facts if f.id == str(a.value).removeprefix("fact:"))
                value = rows[a.id][1]
                with self.subTest(lang=lang, assumption=a.id):
                    self.assertNotIn("fact:", value)
                    self.assertTrue(
                        value.startswith(fact.label_nl if lang == "nl" else fact.label_en)
                    )
                    self.assertIn(unit_words(fact.unit, lang), value)
                    self.assertIn(str(fact.source), value)
                    self.assertIn("uit het plan" if lang == "nl" else "of the plan", value)

    def test_the_rationale_is_in_the_pages_language(self) -> None:
        plan = bundled_plan()
        self.assertTrue(all(a.rationale_nl for a in plan.assumptions))  # not vacuous
        for lang in ("nl", "en"):
            rows = self.rows(lang)
            for a in plan.assumptions:
                with self.subTest(lang=lang, assumption=a.id):
                    self.assertEqual(rows[a.id][3], a.rationale_nl if lang == "nl" else a.rationale)

    def test_the_download_has_the_rationale_in_the_pages_language(self) -> None:
        a = bundled_plan().assumptions[0]
        self.login(self.viewer)
        url = reverse("planning:download", kwargs={"slug": "assumptions", "fmt": "csv"})
        for lang, shown, other in (
            ("nl", a.rationale_nl, a.rationale),
            ("en", a.rationale, a.rationale_nl),
        ):
            self.client.cookies.load({"django_language": lang})
            rows = list(csv.reader(io.StringIO(self.client.get(url).content.decode("utf-8-sig"))))
            row = next(r for r in rows if a.id in r)
            with self.subTest(lang=lang):
                self.assertIn(shown, row)
                self.assertNotIn(other, row)


PARAGRAPH = re.compile(r'<p class="utrecht-paragraph">(.*?)</p>', re.S)


class AssumptionEditPageTests(PersonaTestCase):
    def test_the_edit_page_explains_in_the_pages_language_and_edits_both_texts(self) -> None:
        a = bundled_plan().assumptions[0]
        assert a.rationale_nl is not None
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": a.id})
        labels = {"nl": ("Onderbouwing (Nederlands)", "Onderbouwing (Engels)")}
        labels["en"] = ("Rationale (Dutch)", "Rationale (English)")
        for lang, shown, other in (
            ("nl", a.rationale_nl, a.rationale),
            ("en", a.rationale, a.rationale_nl),
        ):
            self.client.cookies.load({"django_language": lang})
            html = self.client.get(url).content.decode()
            paragraphs = [unescape(p) for p in PARAGRAPH.findall(html)]
            with self.subTest(lang=lang):
                self.assertIn(shown, paragraphs)
                self.assertNotIn(other, paragraphs)
                for label in labels[lang]:
                    self.assertIn(label, html)
                self.assertRegex(html, r'<textarea[^>]*name="rationale_nl"')
                self.assertRegex(html, r'<textarea[^>]*name="rationale"')

    def test_a_fact_to_take_is_offered_with_its_value_as_the_plan_writes_it(self) -> None:
        """A year among the facts reads '(2026)', not '(2.026 jaar)'; other facts keep
        their unit's words; both as the assumptions table writes a value taken from one."""
        plan = bundled_plan()
        year = next(f for f in plan.facts if f.unit == "year" and f.value is not None)
        other = next(f for f in plan.facts if f.unit == "%" and f.value is not None)
        # an assumption of a unit no fact has: every fact with a value is offered
        a = plan.assumption("growth.fab.p-continues")
        assert all(f.unit != a.unit for f in plan.facts)
        self.login(self.editor)
        page = self.client.get(reverse("planning:assumption_edit", kwargs={"key": a.id}))
        offered = dict(page.context["form"].fields["fact"].choices)
        self.assertEqual(offered[year.id], f"{year.label_nl} ({int(year.value)})")
        self.assertEqual(offered[other.id], f"{other.label_nl} ({fact_value_text(other, 'nl')})")
        self.assertIn(unit_words(other.unit, "nl"), offered[other.id])
