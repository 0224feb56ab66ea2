"""The white-spot page draws the core's matrix as a heatmap over its table: a cell per
segment and row with the core's count, empty and thin cells (the core's flags) marked in
words and colours of their own, and nothing in the chart that the table withholds."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from django.urls import reverse

from clusterplan.ecosystem import white_spots
from clusterplan.ecosystem.whitespots import Axis, WhiteSpotMatrix
from clusterplan.report.whitespots import flag_word
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import registry, settings_of
from clusterweb.planning.models import Assumption
from clusterweb.planning.services import current_plan, update_assumption
from clusterweb.presentation import SHADE_FEW, SHADE_NONE
from clusterweb.testing import PersonaTestCase

SPEC = re.compile(r'<script id="whitespots-spec" type="application/json">(.*?)</script>', re.S)
SECRET_JOBS = 4321987
"""Jobs of the organisation in a thin cell: confidential to a viewer."""


def chart_spec(body: str) -> dict[str, Any]:
    """The heatmap's ECharts option as the page carries it."""
    found = SPEC.search(body)
    assert found is not None, "the page draws no white-spot chart"
    spec: dict[str, Any] = json.loads(found.group(1))
    return spec


def core_matrix(axis: Axis) -> WhiteSpotMatrix:
    plan = current_plan()
    return white_spots(registry(), plan.taxonomy, settings_of(plan), axis)


def cells(spec: dict[str, Any]) -> dict[tuple[int, int], dict[str, Any]]:
    """The chart's cells by (segment, row): each drawn once."""
    data = spec["series"][0]["data"]
    out = {(d["value"][0], d["value"][1]): d for d in data}
    assert len(out) == len(data)
    return out


class WhiteSpotChartTests(PersonaTestCase):
    def setUp(self) -> None:
        self.login(self.viewer)

    def _spec(self, axis: Axis) -> dict[str, Any]:
        url = reverse("ecosystem:whitespots") + f"?axis={axis}"
        return chart_spec(self.client.get(url).content.decode())

    def test_each_cell_is_the_core_matrix_count(self) -> None:
        for axis in Axis:
            with self.subTest(axis=axis):
                matrix = core_matrix(axis)
                spec = self._spec(axis)
                self.assertEqual(spec["series"][0]["type"], "heatmap")
                self.assertEqual(len(spec["xAxis"]["data"]), len(matrix.segments))
                self.assertEqual(len(spec["yAxis"]["data"]), len(matrix.columns))
                drawn = cells(spec)
                self.assertEqual(len(drawn), matrix.organisations.size)
                for (i, j), cell in drawn.items():
                    count = int(matrix.organisations[i, j])
                    self.assertEqual(cell["value"][-1], count)
                    self.assertTrue(cell["label"]["formatter"].startswith(str(count)))

    def test_empty_and_thin_cells_are_marked_in_words_and_colour(self) -> None:
        matrix = core_matrix(Axis.TECHNOLOGIES)
        spec = self._spec(Axis.TECHNOLOGIES)
        pieces = spec["visualMap"]["pieces"]
        colours = {"empty": SHADE_NONE.fill, "thin": SHADE_FEW.fill}
        seen = set()
        for (i, j), cell in cells(spec).items():
            flag = matrix.flag(matrix.segments[i], matrix.columns[j])
            seen.add(flag)
            piece = pieces[cell["value"][2]]
            text = cell["label"]["formatter"]
            if flag == "ok":
                self.assertNotIn(piece["color"], colours.values())
                self.assertNotIn("\n", text)
            else:
                self.assertEqual(piece["color"], colours[flag])
                self.assertEqual(text.split("\n")[1], flag_word(flag, "nl"))
                self.assertTrue(piece["label"].startswith(flag_word(flag, "nl")))
        self.assertEqual(seen, {"empty", "thin", "ok"})  # the demo registry has each

    def test_without_thin_cells_the_legend_has_no_thin_piece(self) -> None:
        row = Assumption.objects.get(key="ecosystem.whitespot-thin-max-organisations")
        update_assumption(row, self.editor, {"value": 0, "low": 0}, read=None)
        spec = self._spec(Axis.TECHNOLOGIES)
        labels = [p["label"] for p in spec["visualMap"]["pieces"]]
        self.assertFalse(any(label.startswith(flag_word("thin", "nl")) for label in labels))
        self.assertNotIn("\ndun", json.dumps(spec, ensure_ascii=False))

    def test_a_viewers_chart_holds_no_withheld_figure(self) -> None:
        """The table shows a viewer counts only (a thin cell's jobs would reveal one
        organisation's confidential figure): so does the chart; an editor's chart has the
        jobs the editor's table has."""
        matrix = core_matrix(Axis.TECHNOLOGIES)
        segment, column = matrix.cells("thin")[0]
        (member,) = matrix.members[matrix.segments.index(segment)][matrix.columns.index(column)]
        Organisation.objects.filter(key=member).update(jobs=SECRET_JOBS)
        url = reverse("ecosystem:whitespots")
        viewer = json.dumps(chart_spec(self.client.get(url).content.decode()))
        for secret in ("4321987", "4.321.987", "4,321,987"):
            self.assertNotIn(secret, viewer)
        self.assertNotIn(" banen", viewer)
        self.login(self.editor)
        editor = json.dumps(chart_spec(self.client.get(url).content.decode()))
        self.assertIn("4.321.987 banen", editor)

    def _download(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode("utf-8-sig")

    def test_the_table_downloads_as_the_page_shows_it(self) -> None:
        """Each axis's table downloads as CSV and XLSX from the link under it; the file
        holds the core matrix's counts, and a viewer's file withholds what the viewer's
        table withholds (the jobs), an editor's has them."""
        for axis in Axis:
            with self.subTest(axis=axis):
                body = self.client.get(reverse("ecosystem:whitespots") + f"?axis={axis}")
                url = reverse(
                    "ecosystem:whitespots_download",
                    kwargs={"slug": f"whitespots-{axis}", "fmt": "csv"},
                )
                self.assertContains(body, f'href="{url}"')
                matrix = core_matrix(axis)
                rows = list(csv.reader(io.StringIO(self._download(url))))
                self.assertEqual(len(rows), 2 + len(matrix.columns))  # its name, then the table
                self.assertEqual(len(rows[1]), 1 + len(matrix.segments))
                for j, row in enumerate(rows[2:]):
                    for i, text in enumerate(row[1:]):
                        self.assertEqual(int(text.split()[0]), matrix.organisations[i, j])
                xlsx = reverse(
                    "ecosystem:whitespots_download",
                    kwargs={"slug": f"whitespots-{axis}", "fmt": "xlsx"},
                )
                self.assertEqual(self.client.get(xlsx).status_code, 200)
        matrix = core_matrix(Axis.TECHNOLOGIES)
        segment, column = matrix.cells("thin")[0]
        (member,) = matrix.members[matrix.segments.index(segment)][matrix.columns.index(column)]
        Organisation.objects.filter(key=member).update(jobs=SECRET_JOBS)
        url = reverse(
            "ecosystem:whitespots_download",
            kwargs={"slug": f"whitespots-{Axis.TECHNOLOGIES}", "fmt": "csv"},
        )
        for secret in ("4321987", "4.321.987", "4,321,987"):
            self.assertNotIn(secret, self._download(url))
        self.login(self.editor)
        self.assertIn("4.321.987 banen", self._download(url))
        bad = reverse("ecosystem:whitespots_download", kwargs={"slug": "nope", "fmt": "csv"})
        self.assertEqual(self.client.get(bad).status_code, 404)
