"""The SVG chart module: axes from the data, ticks in the reader's format, anchored bands."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from clusterplan.report.numbers import format_number
from clusterplan.report.svg import (
    CHAR_WIDTH,
    FONT_SIZE,
    Band,
    Chart,
    Line,
    render_chart,
    x_ticks,
    y_axis,
)

NS = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element, cls: str) -> list[ET.Element]:
    return [t for t in root.iter(f"{NS}text") if t.get("class") == cls]


def _points(attr: str) -> list[tuple[float, float]]:
    return [(float(a), float(b)) for a, b in (p.split(",") for p in attr.split())]


def test_number_format_follows_language() -> None:
    assert format_number(12345.6, "nl", 1) == "12.345,6"
    assert format_number(12345.6, "en", 1) == "12,345.6"
    assert format_number(-0.01, "nl", 0) == "0"
    assert format_number(float("nan"), "nl") == "-"


def test_y_axis_from_data_not_from_zero() -> None:
    low, high, ticks = y_axis(4800, 5600)
    assert 4000 < low <= 4800 and 5600 <= high < 6000
    assert ticks[0] == low and ticks[-1] == high
    assert all(b > a for a, b in zip(ticks, ticks[1:], strict=False))


def test_y_axis_starts_at_zero_when_data_do() -> None:
    low, _, ticks = y_axis(0, 37)
    assert low == 0 and ticks[0] == 0


def test_y_axis_does_not_go_below_zero_for_positive_data() -> None:
    low, _, _ = y_axis(0.5, 100)
    assert low == 0  # a nice tick below 0.5 is 0, never a negative value


def test_y_axis_flat_data_has_a_range() -> None:
    low, high, _ = y_axis(500, 500)
    assert low < 500 < high


def test_x_ticks_are_whole_years_within_range() -> None:
    assert x_ticks(2026, 2034) == list(range(2026, 2035))
    ticks = x_ticks(1998, 2034)
    assert ticks[0] >= 1998 and ticks[-1] <= 2034 and len(ticks) <= 10


def _chart(**kw: object) -> Chart:
    base = {
        "title": "Banen",
        "lines": [
            Line("Plan", [(2026, 5600.0), (2027, 6100.0), (2028, 6650.0)], "plan"),
            Line("Werkelijk", [(2026, 5600.0), (2027, 5920.0)], "actual"),
        ],
        "band": Band("p5-p95", [(2027, 5800.0, 6400.0), (2028, 6000.0, 7300.0)], (2026, 5600.0)),
        "unit": "banen",
    }
    base.update(kw)
    return Chart(**base)  # type: ignore[arg-type]


def test_chart_is_valid_svg_with_title_and_unit() -> None:
    root = _parse(render_chart(_chart()))
    assert root.tag == f"{NS}svg"
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}title").text == "Banen"  # type: ignore[union-attr]
    assert [t.text for t in _texts(root, "unit")] == ["banen"]


def test_tick_labels_use_dutch_format_and_start_above_zero() -> None:
    root = _parse(render_chart(_chart()))
    labels = [t.text or "" for t in _texts(root, "ytick")]
    assert labels, "no y tick labels"
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*", label) for label in labels), labels
    assert labels[0] != "0"
    assert "5.500" in labels or "5.600" in labels or "5.000" in labels


def test_tick_labels_english_format() -> None:
    root = _parse(render_chart(_chart(lang="en")))
    labels = [t.text or "" for t in _texts(root, "ytick")]
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*", label) for label in labels), labels


def test_band_opens_at_the_anchor_value() -> None:
    root = _parse(render_chart(_chart()))
    polygon = next(p for p in root.iter(f"{NS}polygon") if p.get("class") == "band")
    pts = _points(polygon.get("points", ""))
    plan = next(p for p in root.iter(f"{NS}polyline") if "plan" in (p.get("class") or ""))
    plan_first = _points(plan.get("points", ""))[0]
    # the band's first upper point and its last lower point are the anchor: same x, same y
    assert pts[0] == pytest.approx(plan_first)
    assert pts[-1] == pytest.approx(plan_first)
    # ... and that y is the base value's, far above the plot's bottom (not zero)
    axis_y = max(
        float(line.get("y1", 0)) for line in root.iter(f"{NS}line") if line.get("class") == "axis"
    )
    assert pts[0][1] < axis_y - 5


def test_band_without_anchor_starts_at_its_first_point() -> None:
    band = Band("b", [(2027, 1.0, 2.0)])
    assert band.anchored() == [(2027, 1.0, 2.0)]
    anchored = Band("b", [(2027, 1.0, 2.0)], anchor=(2026, 1.5)).anchored()
    assert anchored[0] == (2026, 1.5, 1.5)


def test_tick_labels_fit_in_the_left_margin() -> None:
    chart = _chart(
        lines=[Line("Plan", [(2026, 1_234_567.0), (2030, 9_876_543.0)], "plan")], band=None
    )
    root = _parse(render_chart(chart))
    for t in _texts(root, "ytick"):
        x = float(t.get("x", 0))
        assert x - len(t.text or "") * FONT_SIZE * CHAR_WIDTH >= 0, t.text


def test_points_lie_inside_the_plot() -> None:
    svg = render_chart(_chart())
    root = _parse(svg)
    width, height = float(root.get("width", 0)), float(root.get("height", 0))
    for poly in root.iter(f"{NS}polyline"):
        for x, y in _points(poly.get("points", "")):
            assert 0 <= x <= width and 0 <= y <= height


def test_text_is_escaped() -> None:
    svg = render_chart(_chart(title="<script>&", unit="m²"))
    assert "<script>" not in svg
    _parse(svg)


def test_empty_chart_is_valid() -> None:
    root = _parse(render_chart(Chart("leeg", [])))
    assert root.tag == f"{NS}svg"


def test_year_labels_do_not_overlap_in_a_narrow_chart() -> None:
    line = Line("Plan", [(year, float(year)) for year in range(2026, 2035)], "plan")
    for width in (240.0, 330.0, 640.0):
        root = _parse(render_chart(Chart("smal", [line], width=width)))
        xs = sorted(float(t.get("x", 0)) for t in _texts(root, "xtick"))
        label_width = 4 * FONT_SIZE * CHAR_WIDTH
        assert len(xs) >= 2
        assert all(b - a > label_width for a, b in zip(xs, xs[1:], strict=False)), (width, xs)
