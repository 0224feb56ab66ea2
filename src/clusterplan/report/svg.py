"""Small server-side SVG charts: lines and a band over years (no browser, no JavaScript).

A chart is drawn from data alone:

* the y-axis covers the data (lines and band), with "nice" round ticks; it starts at 0
  only when the data start at 0 (or cross it), so a path from 4,800 to 5,600 is not
  squeezed into the top tenth of the chart;
* tick labels are written in the reader's number format (``nl``: ``1.234,5``; ``en``:
  ``1,234.5``) and the left margin grows with the longest label, so no label is cut;
* a band (e.g. the ensemble's p5-p95) may be anchored at a known point, the base year's
  observed value, so it opens from that value instead of from zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from clusterplan.report.numbers import format_number

LineStyle = Literal["actual", "plan", "milestone", "other"]

FONT_SIZE = 11.0
"""Font size of tick labels and legend in SVG user units (px)."""

CHAR_WIDTH = 0.62
"""Width of one character as a share of the font size (a generous sans-serif average),
used to reserve room for labels so none is cut."""

COLOURS: dict[str, str] = {
    "actual": "#b2182b",
    "plan": "#2166ac",
    "milestone": "#4d4d4d",
    "other": "#1b7837",
    "band": "#92c5de",
    "axis": "#333333",
    "grid": "#dddddd",
}
"""Colours by role (colour-blind safe red/blue pair; the band a light blue)."""

DASHES: dict[str, str] = {"actual": "", "plan": "6 3", "milestone": "2 3", "other": "8 2 2 2"}
"""Dash patterns by role, so lines differ in black-and-white print too."""


def nice_step(span: float, max_ticks: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving at most ``max_ticks``."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, max_ticks - 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw:
            return factor * power
    return 10.0 * power  # pragma: no cover  (the loop always returns)


def _decimals(step: float) -> int:
    """Fewest decimals that write every multiple of ``step`` exactly (2.5 -> 1)."""
    for d in range(7):
        scaled = step * 10**d
        if abs(scaled - round(scaled)) < 1e-6 * max(1.0, scaled):
            return d
    return 6


def y_axis(low: float, high: float, max_ticks: int = 6) -> tuple[float, float, list[float]]:
    """Axis range and ticks covering [low, high]: from the data, not from 0.

    The range starts at 0 only when ``low`` is 0 (or the data cross 0); otherwise it
    starts at the nice tick at or below ``low``.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        low, high = 0.0, 1.0
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = (low - pad, high + pad) if low != 0 else (0.0, pad)
    step = nice_step(high - low, max_ticks)
    start = math.floor(low / step + 1e-9) * step
    end = math.ceil(high / step - 1e-9) * step
    if low >= 0 > start:
        start = 0.0
    ticks = []
    n = round((end - start) / step)
    for i in range(n + 1):
        ticks.append(round(start + i * step, 9))
    return start, end, ticks


def x_ticks(first: int, last: int, max_ticks: int = 10) -> list[int]:
    """Whole-year ticks from ``first`` to ``last``, every 1, 2, 5, 10, ... years."""
    if last <= first:
        return [first]
    span = last - first
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if span / step <= max_ticks - 1:
            break
    start = first if step == 1 else math.ceil(first / step) * step
    ticks = list(range(start, last + 1, step))
    return ticks or [first]


@dataclass(frozen=True)
class Line:
    """A line through (year, value) points; ``style`` picks colour and dashes."""

    label: str
    points: Sequence[tuple[int, float]]
    style: LineStyle = "other"


@dataclass(frozen=True)
class Band:
    """A shaded band through (year, low, high) points.

    ``anchor`` (year, value), when given before the band's first year, makes the band
    open from that single value (the base year's observed figure), not from zero.
    """

    label: str
    points: Sequence[tuple[int, float, float]]
    anchor: tuple[int, float] | None = None

    def anchored(self) -> list[tuple[int, float, float]]:
        """The band's points, starting at the anchor when it lies before them."""
        pts = sorted(self.points)
        if self.anchor is not None and (not pts or self.anchor[0] < pts[0][0]):
            year, value = self.anchor
            pts.insert(0, (year, value, value))
        return pts


@dataclass(frozen=True)
class Chart:
    """A line/band chart over years."""

    title: str
    lines: Sequence[Line]
    band: Band | None = None
    unit: str = ""
    lang: str = "nl"
    width: float = 640.0
    height: float = 260.0
    legend: bool = True
    marks: Sequence[int] = field(default_factory=tuple)
    """Years marked with a thin vertical line (e.g. the report year)."""


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * size * CHAR_WIDTH


def _values(chart: Chart) -> tuple[list[int], list[float]]:
    years: list[int] = []
    values: list[float] = []
    for line in chart.lines:
        for year, value in line.points:
            if math.isfinite(value):
                years.append(year)
                values.append(value)
    if chart.band is not None:
        for year, lo, hi in chart.band.anchored():
            years.append(year)
            values.extend(v for v in (lo, hi) if math.isfinite(v))
    years.extend(chart.marks)
    return years, values


def render_chart(chart: Chart, formatter: Callable[[float, int], str] | None = None) -> str:
    """The chart as a standalone ``<svg>`` element (UTF-8 text, no external resources)."""

    def fmt(value: float, decimals: int) -> str:
        if formatter is not None:
            return formatter(value, decimals)
        return format_number(value, chart.lang, decimals)

    years, values = _values(chart)
    w, h = chart.width, chart.height
    if not values:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w:g}" '
            f'height="40" viewBox="0 0 {w:g} 40" role="img" aria-label="{escape(chart.title)}">'
            f"<title>{escape(chart.title)}</title></svg>"
        )
    y0, y1, yticks = y_axis(min(values), max(values))
    step = yticks[1] - yticks[0] if len(yticks) > 1 else 1.0
    decimals = _decimals(step)
    labels = [fmt(t, decimals) for t in yticks]
    first, last = min(years), max(years)

    legend_items: list[tuple[str, str]] = [(line.label, line.style) for line in chart.lines]
    if chart.band is not None:
        legend_items.append((chart.band.label, "band"))
    pad_top = 10.0 + (FONT_SIZE + 4 if chart.unit else 0)
    left = 8.0 + max(_text_width(t) for t in labels) + 6.0
    right = 8.0 + _text_width(str(last)) / 2
    legend_rows = _legend_rows(legend_items, w - 16) if chart.legend else []
    bottom = FONT_SIZE + 14.0 + len(legend_rows) * (FONT_SIZE + 8)
    plot_w = max(10.0, w - left - right)
    plot_h = max(10.0, h - pad_top - bottom)
    # as many year ticks as fit side by side with a gap of two characters
    fit = int(plot_w // (_text_width(str(last)) + 2 * FONT_SIZE * CHAR_WIDTH)) + 1
    xt = x_ticks(first, last, max(2, min(10, fit)))

    def sx(year: float) -> float:
        return left + (0.5 if last == first else (year - first) / (last - first)) * plot_w

    def sy(value: float) -> float:
        return pad_top + (1.0 - (value - y0) / (y1 - y0)) * plot_h

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w:g}" height="{h:g}" '
        f'viewBox="0 0 {w:g} {h:g}" role="img" aria-label="{escape(chart.title)}" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" '
        f'font-size="{FONT_SIZE:g}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    if chart.unit:
        out.append(
            f'<text class="unit" x="{left:.1f}" y="{FONT_SIZE:.1f}" '
            f'fill="{COLOURS["axis"]}">{escape(chart.unit)}</text>'
        )
    for tick, label in zip(yticks, labels, strict=True):
        y = sy(tick)
        out.append(
            f'<line class="grid" x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="{COLOURS["grid"]}" stroke-width="0.6"/>'
        )
        out.append(
            f'<text class="ytick" x="{left - 6:.1f}" y="{y + FONT_SIZE * 0.35:.1f}" '
            f'text-anchor="end" fill="{COLOURS["axis"]}">{escape(label)}</text>'
        )
    base_y = pad_top + plot_h
    for year in xt:
        x = sx(year)
        out.append(
            f'<line class="xtickmark" x1="{x:.1f}" x2="{x:.1f}" y1="{base_y:.1f}" '
            f'y2="{base_y + 4:.1f}" stroke="{COLOURS["axis"]}" stroke-width="0.8"/>'
        )
        out.append(
            f'<text class="xtick" x="{x:.1f}" y="{base_y + 6 + FONT_SIZE:.1f}" '
            f'text-anchor="middle" fill="{COLOURS["axis"]}">{year}</text>'
        )
    for year in chart.marks:
        x = sx(year)
        out.append(
            f'<line class="mark" x1="{x:.1f}" x2="{x:.1f}" y1="{pad_top:.1f}" y2="{base_y:.1f}" '
            f'stroke="{COLOURS["axis"]}" stroke-width="0.6" stroke-dasharray="1 2"/>'
        )
    if chart.band is not None:
        pts = [p for p in chart.band.anchored() if math.isfinite(p[1]) and math.isfinite(p[2])]
        if pts:
            upper = " ".join(f"{sx(yr):.1f},{sy(hi):.1f}" for yr, _, hi in pts)
            lower = " ".join(f"{sx(yr):.1f},{sy(lo):.1f}" for yr, lo, _ in reversed(pts))
            out.append(
                f'<polygon class="band" points="{upper} {lower}" fill="{COLOURS["band"]}" '
                f'fill-opacity="0.55" stroke="none"/>'
            )
    for line in chart.lines:
        pts2 = sorted((yr, v) for yr, v in line.points if math.isfinite(v))
        if not pts2:
            continue
        colour = COLOURS[line.style]
        dash = DASHES[line.style]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        coords = " ".join(f"{sx(yr):.1f},{sy(v):.1f}" for yr, v in pts2)
        out.append(
            f'<polyline class="line {line.style}" points="{coords}" fill="none" '
            f'stroke="{colour}" stroke-width="{2.0 if line.style == "actual" else 1.6}"'
            f"{dash_attr}/>"
        )
        if line.style == "actual":
            for yr, v in pts2:
                out.append(
                    f'<circle class="dot" cx="{sx(yr):.1f}" cy="{sy(v):.1f}" r="2.6" '
                    f'fill="{colour}"/>'
                )
    out.append(
        f'<line class="axis" x1="{left:.1f}" x2="{left + plot_w:.1f}" y1="{base_y:.1f}" '
        f'y2="{base_y:.1f}" stroke="{COLOURS["axis"]}" stroke-width="0.8"/>'
    )
    out.append(
        f'<line class="axis" x1="{left:.1f}" x2="{left:.1f}" y1="{pad_top:.1f}" '
        f'y2="{base_y:.1f}" stroke="{COLOURS["axis"]}" stroke-width="0.8"/>'
    )
    y = base_y + 6 + FONT_SIZE + 10
    for row in legend_rows:
        x = 8.0
        y += FONT_SIZE + 2
        for label, style in row:
            out.append(_legend_key(x, y, style))
            out.append(
                f'<text class="legend" x="{x + 22:.1f}" y="{y + FONT_SIZE * 0.35:.1f}" '
                f'fill="{COLOURS["axis"]}">{escape(label)}</text>'
            )
            x += 22 + _text_width(label) + 14
        y += 6
    out.append("</svg>")
    return "".join(out)


def _legend_rows(items: list[tuple[str, str]], width: float) -> list[list[tuple[str, str]]]:
    rows: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    used = 0.0
    for label, style in items:
        need = 22 + _text_width(label) + 14
        if current and used + need > width:
            rows.append(current)
            current, used = [], 0.0
        current.append((label, style))
        used += need
    if current:
        rows.append(current)
    return rows


def _legend_key(x: float, y: float, style: str) -> str:
    if style == "band":
        return (
            f'<rect x="{x:.1f}" y="{y - 5:.1f}" width="18" height="10" '
            f'fill="{COLOURS["band"]}" fill-opacity="0.55"/>'
        )
    dash = DASHES.get(style, "")
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{COLOURS.get(style, COLOURS["other"])}" stroke-width="2"{dash_attr}/>'
    )
