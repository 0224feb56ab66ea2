"""A web table's figure column keeps its decimals on the page and its plain numbers in the
file: ``presentation.num`` gives a core table cell, which the ``cell`` filter writes through
the one formatter and ``grid`` (the CSV/XLSX download) exports as a number."""

from __future__ import annotations

from datetime import UTC, datetime

from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import translation

from clusterplan.report.numbers import UNKNOWN
from clusterweb.planning.models import PlanRevision
from clusterweb.planning.revision_diff import revision_label
from clusterweb.presentation import entered, exported, grid, moment, num, table
from clusterweb.templatetags.clusterweb_ui import cell


class FigureCellTests(SimpleTestCase):
    def test_a_whole_figure_keeps_the_columns_decimals(self) -> None:
        with translation.override("nl"):
            self.assertEqual([cell(num(35.0)), cell(num(18.44))], ["35,0", "18,4"])
            self.assertEqual(cell(num(1234.56, 2)), "1.234,56")
        with translation.override("en"):
            self.assertEqual([cell(num(35.0)), cell(num(18.44))], ["35.0", "18.4"])
        self.assertEqual(cell(num(7, 0)), "7")

    def test_unknown_stays_the_unknown_mark(self) -> None:
        self.assertEqual(num(None), UNKNOWN)

    def test_the_file_has_the_plain_numbers(self) -> None:
        tab = table("T", ["Year", "Jobs"], [["2030", num(35.0)], ["2031", num(18.44)]])
        self.assertEqual(grid(tab), [["Year", "Jobs"], ["2030", 35], ["2031", 18.4]])
        self.assertIsInstance(exported(num(35.0)), int)

    def test_the_page_writes_the_column_with_one_number_of_decimals(self) -> None:
        tab = table("T", ["Year", "Jobs"], [["2030", num(35.0)], ["2031", num(18.44)]])
        with translation.override("nl"):
            page = render_to_string("includes/table.html", {"table": tab})
        self.assertIn("35,0", page)
        self.assertIn("18,4", page)
        self.assertNotIn("TableCell", page)
        self.assertNotIn("Cell(", page)


class GivenValueTests(SimpleTestCase):
    """A value a template hands to ``|cell`` as it is is written as a table would write it
    (:func:`clusterplan.report.table.as_cell`)."""

    def test_a_value_given_as_it_is_is_written_as_in_a_table(self) -> None:
        with translation.override("nl"):
            self.assertEqual(
                [cell(12345), cell(2.5), cell(2.0), cell(1.234, "2"), cell(None), cell("acp")],
                ["12.345", "2,5", "2", "1,23", UNKNOWN, "acp"],
            )
            self.assertEqual([cell(True), cell(False)], ["ja", "nee"])
        with translation.override("en"):
            self.assertEqual([cell(12345), cell(True)], ["12,345", "yes"])


class MomentTests(SimpleTestCase):
    """A time stamp is written one way on every page: local time, the language's short
    date and time (a revision's name wrote it in UTC and ISO order before)."""

    def test_a_moment_is_written_in_local_time_in_the_pages_notation(self) -> None:
        at = datetime(2026, 12, 5, 13, 15, tzinfo=UTC)  # 14:15 in Amsterdam
        with translation.override("nl"):
            self.assertEqual(moment(at), "05-12-2026 14:15")
            self.assertEqual(entered(at), "05-12-2026 14:15")
        with translation.override("en"):
            self.assertEqual(moment(at), "2026-12-05 14:15")
        kept = PlanRevision(title="Plan", published="2026-03", loaded_at=at)
        with translation.override("nl"):
            self.assertIn("geladen 05-12-2026 14:15", revision_label(kept))
