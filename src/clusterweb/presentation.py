"""Tables and charts as the include templates expect them, and their downloads.

A *table* is the core's one table model (:class:`clusterplan.report.table.Table`) in the
shape of ``templates/includes/table.html``: ``{"caption", "columns", "rows", "numeric",
"download", "export", "model"}`` (:func:`web_table`); a list given as loose values is built
as such a model first (:func:`table`). A *chart* is ``{"id", "title", "spec", "table"}``
where ``spec`` is an ECharts option built here in Python and ``table`` is the chart's
text alternative. Every table of a page can be downloaded as CSV and XLSX through the
page's ``download`` URL (``<app>:download`` with ``slug`` and ``fmt``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.timezone import is_aware, localtime
from django.utils.translation import get_language

from clusterplan.i18n import unit_words
from clusterplan.io.export import export_tables
from clusterplan.plan import parts
from clusterplan.plan.parts import MissingPart
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import (
    AS_NEEDED,
    INCLUDES_UNKNOWN,
    MISSING,
    UNKNOWN,
    format_value,
    language,
)
from clusterplan.report.table import Cell as TableCell
from clusterplan.report.table import Loose, export_grid, given, head_rows
from clusterplan.report.table import Table as CoreTable
from clusterplan.report.tables import MONEY, value_text

Table = dict[str, Any]
Chart = dict[str, Any]


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page_language() -> str:
    """``nl`` or ``en``: the language the page writes figures in."""
    return language(get_language())


def money_unit() -> str:
    """The words of the plan's money unit (millions of euros) in the page's language, as
    the core's tables write it ('mln euro'): a chart's axis had said 'M EUR' on a Dutch
    page under a table headed '(mln euro)'."""
    return unit_words(MONEY, page_language())


def shown(
    value: float | int | None,
    unit: str = "",
    *,
    decimals: int | None = None,
    includes_unknown: bool = False,
) -> str:
    """A figure as text in the page's language, by the one formatter
    (:func:`clusterplan.report.numbers.format_value`): grouped, the unit's decimals,
    unknown as '?', '+?' after a figure that an unknown amount belongs in."""
    return format_value(
        value, unit, page_language(), decimals=decimals, includes_unknown=includes_unknown
    )


def entered(value: Any, unit: str = "") -> str:
    """A value someone entered or stored, as a page writes it back (a history, a conflict,
    an import's changes): a number in ``unit`` by the one formatter with the decimals it
    has (a year without separators), a moment by :func:`moment`, a date localised, unknown
    as '?', any other value as it is."""
    if value is None:
        return UNKNOWN
    if isinstance(value, int | float) and not isinstance(value, bool):
        return shown(value, unit, decimals=AS_NEEDED)
    if isinstance(value, datetime) and is_aware(value):
        return moment(value)
    if isinstance(value, date | datetime):
        return str(localize(value))
    return str(value)


def moment(at: datetime) -> str:
    """A moment (a time stamp) as a page writes it: in local time, in the language's short
    date and time (as the templates' ``|date:"SHORT_DATETIME_FORMAT"``)."""
    return date_format(localtime(at), "SHORT_DATETIME_FORMAT")


def range_text(low: Any, high: Any) -> str:
    """A range ``low – high`` in the page's language
    (:func:`clusterplan.report.tables.value_text`), or :data:`MISSING` when it has neither
    bound."""
    if low is None and high is None:
        return MISSING
    lang = page_language()
    low_text = "" if low is None else value_text(low, lang)
    return f"{low_text} – {'' if high is None else value_text(high, lang)}"


def num(value: float | int | None, digits: int = 1) -> Loose:
    """A figure for a table cell, written with ``digits`` decimals whatever its value (a
    column of them lines up: 35,0 above 18,4, not 35 above 18,4); unknown as '?'. The
    download keeps the number (whole numbers as int)."""
    if value is None:
        return UNKNOWN
    rounded = round(float(value), digits)
    plain = int(rounded) if rounded == int(rounded) else rounded
    return TableCell(value=plain, decimals=digits)


def table(
    caption: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Loose]],
    *,
    numeric: Sequence[bool] | None = None,
    words: bool = False,
    slug: str | None = None,
    download_view: str | None = None,
    decimals: int | None = None,
) -> Table:
    """A table of values given as they are for ``includes/table.html``, built as the core's
    one table model (:func:`clusterplan.report.table.given`) and shown as any other
    (:func:`web_table`); downloadable when ``download_view`` is given.

    Which columns hold figures (right-aligned): ``numeric`` per column; with ``words``, none;
    otherwise every column but the first. Floats are shown with ``decimals`` (None: whole
    ones as integers, others to one place)."""
    if words:
        numeric = [False] * len(columns)
    elif numeric is None:
        numeric = [False] + [True] * (len(columns) - 1)
    model = given(
        slug or slugify(caption),
        caption,
        page_language(),
        columns,
        rows,
        numeric=numeric,
        decimals=decimals,
    )
    return web_table(model, download_view)


def web_table(model: CoreTable, download_view: str | None) -> Table:
    """A table of the core for ``includes/table.html``: its cells are the model's cells (the
    ``cell`` filter writes them), its download the model's export grid."""
    out: Table = {
        "caption": model.title,
        "columns": [c.heading for c in model.columns],
        "head": head_rows(model.columns),
        "rows": [list(r.cells) for r in model.rows],
        "numeric": [c.numeric for c in model.columns],
        "slug": model.key,
        "name": model.name,
        "notes": list(model.notes),
        "export": export_grid(model),
        "model": model,
    }
    if download_view:
        out["download"] = {
            fmt: reverse(download_view, kwargs={"slug": model.key, "fmt": fmt})
            for fmt in ("csv", "xlsx")
        }
    return out


def exported(value: Loose) -> str | int | float | None:
    """A cell for CSV/XLSX: a figure cell its plain number, anything else as it is."""
    return value.exported() if isinstance(value, TableCell) else value


def grid(tab: Table) -> list[list[str | int | float | None]]:
    """A table as rows including the header row, each cell as the file has it (the model's
    export grid)."""
    return [list(r) for r in tab["export"]]


def download(tab: Table, fmt: str) -> HttpResponse:
    """The table as a CSV or XLSX file."""
    title = re.sub(r"[\[\]:*?/\\]", " ", tab["caption"])[:31]
    grids = {title: grid(tab)}
    filename = tab["slug"]
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else XLSX_TYPE
    response = HttpResponse(export_tables(grids, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def with_query(tabs: Iterable[Table], query: str) -> None:
    """Let the tables' download links carry the page's query (the form's values)."""
    if not query:
        return
    for tab in tabs:
        if "download" in tab:
            tab["download"] = {f: f"{url}?{query}" for f, url in tab["download"].items()}


def download_from(tables: Mapping[str, Table], slug: str, fmt: str) -> HttpResponse:
    """Find the table by slug and return it as a file (404 when unknown)."""
    for tab in tables.values():
        if tab["slug"] == slug:
            return download(tab, fmt)
    raise Http404


def table_decimals(tab: Table) -> int | None:
    """The most decimals a figure of ``tab`` is written with (each cell's
    :attr:`~clusterplan.report.table.Cell.places`); None when a figure is written with as
    many as it has, or the table holds no figure of the core's model."""
    places = [
        cell.places
        for row in tab.get("rows") or []
        for cell in row
        if isinstance(cell, TableCell) and cell.places is not None
    ]
    if not places or min(places) < 0:
        return None
    return max(places)


def chart(
    chart_id: str,
    title: str,
    spec: dict[str, Any],
    tab: Table,
    notes: Sequence[str] = (),
    *,
    height: str | None = None,
) -> Chart:
    """A chart for ``includes/chart.html`` with its table as text alternative, ``notes``
    under the drawing (what a mark in it means) and its ``height`` (a CSS length; the
    template's default without). Its tooltips write a value with the decimals its table
    writes the figures with (``valueDecimals``, :func:`table_decimals`)."""
    decimals = table_decimals(tab)
    if decimals is not None:
        spec = {**spec, "valueDecimals": decimals}
    out = {"id": chart_id, "title": title, "spec": spec, "table": tab, "notes": list(notes)}
    if height:
        out["height"] = height
    return out


LEGEND_ON_TOP_MAX = 5
"""Series up to which the legend is one line above the plot; more go in a column beside it."""


LEGEND_TEXT_MAX = 312
"""The widest a name stands in a legend beside the plot (px)."""

LEGEND_WRAPPED_TOP = 84
"""Where the plot starts under a legend that wraps (:func:`_legend`): room for two lines."""


def _legend(names: Sequence[str], wraps: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """The legend and the grid: up to ``LEGEND_ON_TOP_MAX`` series on a line above the plot;
    more (e.g. a dozen projects) in a column on the right, every name readable, instead of a
    top line that scrolls over pages and hides most of them. With ``wraps`` (a chart in a
    half column, a few more series than a line holds) the legend wraps to a second line
    above the plot and the plot keeps the chart's width."""
    grid: dict[str, Any] = {"left": 60, "right": 24, "top": 60, "bottom": 40, "containLabel": True}
    if wraps:
        return {"type": "plain", "top": 0}, {**grid, "top": LEGEND_WRAPPED_TOP}
    if len(names) <= LEGEND_ON_TOP_MAX:
        return {"type": "scroll", "top": 0}, grid
    longest = max((len(str(n)) for n in names), default=0)
    # About 7 px a letter, and room for a short name's wide letters (the text width had been
    # 7 px a letter less 8 px, and cut 'Campus roads' to 'Campus roa...'); a name longer
    # than the widest column is cut, whole in the table under the chart and in the legend's
    # tooltip.
    text = min(LEGEND_TEXT_MAX, 7 * longest + 16)
    grid["right"] = text + 64  # the marker, the gap before the text, the margins
    grid["top"] = 40
    legend = {
        "type": "scroll",
        "orient": "vertical",
        "right": 8,
        "top": 20,
        "textStyle": {"width": text, "overflow": "truncate"},
        "tooltip": {"show": True},  # a name cut short reads whole under the pointer
    }
    return legend, grid


WITHHELD_SERIES = "withheld"
"""The id of a bar chart's series that writes the disclosure rule's mark at a category whose
figures are withheld (``charts.js`` writes a missing value there as that mark, not '?')."""


def _marks_series(
    key: str, marks: Sequence[tuple[float, str] | None], horizontal: bool, size: int | None
) -> dict[str, Any]:
    """A series ``key`` that writes each category's mark (value, text) as a bold label at
    that value on the value axis; no symbol, no tooltip, no legend entry."""
    return {
        "id": key,
        "type": "scatter",
        "data": [None if m is None else {"value": m[0], "name": m[1]} for m in marks],
        "symbolSize": 0,
        "silent": True,
        "tooltip": {"show": False},
        "label": {
            "show": True,
            "formatter": "{b}",
            "position": "right" if horizontal else "top",
            "fontWeight": "bold",
            **({"fontSize": size} if size else {}),
        },
    }


def _withheld_series(marks: Sequence[str | None], horizontal: bool) -> dict[str, Any]:
    """Each category's mark (:func:`clusterplan.disclosure.marked`) at the category's base,
    beside the axis, where no bar is drawn."""
    at_base = [None if m is None else (0.0, m) for m in marks]
    return _marks_series(WITHHELD_SERIES, at_base, horizontal, 18)


UNKNOWN_SERIES = "unknown"
"""The id of a stacked bar chart's series that writes, at the end of a stack, that an unknown
figure belongs in it: '+?' after the known part, as the tables write such a total, or '?'
where nothing of it is known."""


def _unknown_series(
    series: Mapping[str, Sequence[float | None]], incomplete: Sequence[bool], horizontal: bool
) -> dict[str, Any]:
    """The marks of the ``incomplete`` stacks, each at the end of its known part ('+?', or
    '?' where nothing of it is known; an unknown figure is None or counts as 0)."""
    marks: list[tuple[float, str] | None] = []
    for stack, missing in zip(zip(*series.values(), strict=True), incomplete, strict=True):
        known = math.fsum(v for v in stack if v is not None)
        marks.append((known, INCLUDES_UNKNOWN if known else UNKNOWN) if missing else None)
    return _marks_series(UNKNOWN_SERIES, marks, horizontal, None)


def holds_unknown(series: Mapping[str, Sequence[float | None]]) -> list[bool]:
    """Per category of ``series``, whether one of its figures is unknown (None)."""
    return [None in stack for stack in zip(*series.values(), strict=True)]


def bar_spec(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    stacked: bool = False,
    unit: str = "",
    horizontal: bool = False,
    withheld: Sequence[str | None] | None = None,
    incomplete: Sequence[bool] | None = None,
) -> dict[str, Any]:
    """An ECharts bar chart: one bar series per entry, on shared categories; ``withheld``
    (per category, :func:`clusterplan.disclosure.marked`) writes the mark at a category
    whose figures are withheld, where no bar is drawn. ``incomplete`` (per category, of
    stacked bars): a stack in which an unknown figure belongs is marked at its end ('+?' or
    '?', :func:`_unknown_series`), so its height is not read as the whole."""
    category_axis = {"type": "category", "data": list(categories)}
    value_axis: dict[str, Any] = {"type": "value", "name": unit}
    if horizontal:
        # Under the axis, centred: at the axis' right end the unit is cut at the chart's edge.
        value_axis.update(nameLocation="middle", nameGap=28)
    legend, grid = _legend(list(series))
    bars: list[dict[str, Any]] = [
        {
            "name": name,
            "type": "bar",
            "data": [None if v is None else v for v in values],
            **({"stack": "total"} if stacked else {}),
        }
        for name, values in series.items()
    ]
    if withheld and any(m is not None for m in withheld):
        legend["data"] = list(series)
        bars.append(_withheld_series(withheld, horizontal))
    if stacked and incomplete and any(incomplete):
        legend["data"] = list(series)
        bars.append(_unknown_series(series, incomplete, horizontal))
    return {
        "animation": False,
        "tooltip": {"trigger": "axis"},
        "legend": legend,
        "grid": grid,
        "xAxis": value_axis if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axis,
        "series": bars,
    }


BAND_Z = 1
"""The z level of a band named after its line: under the lines (:data:`LINE_Z`)."""

LINE_Z = 3
"""The z level ECharts draws a line series at (its default)."""

ON_TOP_Z = LINE_Z + 1
"""The z level of a line drawn over the other lines."""

BAND_OPACITY = 0.25
"""How opaque a band's fill is (over white: its colour, light)."""

BAND_ICON = "rect"
"""The legend marker of a band that is an entry of its own: a block of its fill, as light as
the band (its series' opacity); a line series' default marker is a dot of full colour."""


def _band_series(name: str, low: Sequence[float], high: Sequence[float]) -> list[dict[str, Any]]:
    """A band as ECharts' stacked area: an invisible lower series (``low``) and, stacked on
    it, the band's width (``high - low``) filled."""
    band_low = [float(v) for v in low]
    common = {
        "name": name,
        "type": "line",
        "stack": f"band-{name}",
        "stackStrategy": "all",
        "lineStyle": {"opacity": 0},
        "symbol": "none",
        "tooltip": {"show": False},
    }
    width = [max(0.0, float(h) - lo) for h, lo in zip(high, band_low, strict=True)]
    filled = {**common, "data": width, "areaStyle": {"opacity": BAND_OPACITY}}
    return [{**common, "data": band_low}, filled]


def line_spec(
    x: Sequence[str | int],
    series: Mapping[str, Sequence[float | None]],
    *,
    unit: str = "",
    bands: Mapping[str, tuple[Sequence[float], Sequence[float]]] | None = None,
    marks: Mapping[str, float] | None = None,
    legend_wraps: bool = False,
    on_top: str | None = None,
) -> dict[str, Any]:
    """An ECharts line chart, with optional shaded bands (low, high) and horizontal marks;
    ``legend_wraps``: see :func:`_legend`; the series ``on_top`` is drawn over the others
    (a scenario equal to one of the plan's paths is seen, not hidden under it).

    A band is ECharts' stacked area: an invisible lower series (``low``) and, stacked on it, the
    band's width (``high - low``) filled. The width is never negative (a rounding residue such as
    ``-2.7e-10`` made ECharts stack it on zero, drawing the band from 0 jobs in the base year and
    the axis down to -3,000), and ``stackStrategy: "all"`` stacks every value on the one below.
    A band named like a series is that line's band: it follows the line (ECharts colours series
    by name, so it takes the line's colour, and the legend entry shows and hides both) and lies
    under the lines; any other band is an entry of its own, before the lines, whose legend
    marker is a block as light as the band (:data:`BAND_ICON`, the series' opacity).
    When no value is negative (counts such as jobs), the y-axis starts at 0, never below.
    """
    out_series: list[dict[str, Any]] = []
    values_seen: list[float] = []
    for low, high in (bands or {}).values():
        values_seen += [float(v) for v in (*low, *high)]
    for name, (low, high) in (bands or {}).items():
        if name not in series:  # an entry of its own: its legend marker is a light block
            own = _band_series(name, low, high)
            out_series += [{**band, "itemStyle": {"opacity": BAND_OPACITY}} for band in own]
    for name, values in series.items():
        line = {"name": name, "type": "line", "data": list(values)}
        out_series.append({**line, "z": ON_TOP_Z} if name == on_top else line)
        values_seen += [float(v) for v in values if v is not None]
        if bands and name in bands:
            own = _band_series(name, *bands[name])
            out_series += [{**band, "z": BAND_Z} for band in own]
    if marks and out_series:
        values_seen += [float(v) for v in marks.values()]
        lines = [s for s in out_series if "stack" not in s]
        (lines or out_series)[-1]["markLine"] = {
            "symbol": "none",
            # Inside the plot, above the line at its left end: a label to the right of the
            # grid is cut at the chart's edge ("11" for "11.200"), and at the right end the
            # lines that rise to the goal run through it; they start below it.
            "label": {"position": "insideStartTop"},
            "data": [{"name": label, "yAxis": value} for label, value in marks.items()],
        }
    y_axis: dict[str, Any] = {"type": "value", "name": unit}
    if values_seen and min(values_seen) >= 0:
        y_axis["min"] = 0
    names = list(dict.fromkeys(s["name"] for s in out_series))
    legend, grid = _legend(names, legend_wraps)
    if any(name not in series for name in bands or {}):
        legend["data"] = [
            {"name": n, "icon": BAND_ICON} if n in (bands or {}) and n not in series else n
            for n in names
        ]
    return {
        "animation": False,
        "tooltip": {"trigger": "axis"},
        "legend": legend,
        "grid": grid,
        "xAxis": {"type": "category", "data": [str(v) for v in x]},
        "yAxis": y_axis,
        "series": out_series,
    }


@dataclass(frozen=True)
class Shade:
    """How a heatmap draws a cell: its ``fill`` and the ``ink`` of what is written on it
    (at least 4.5:1 against the fill, WCAG 1.4.3). The colours are the tokens'
    (``static/clusterweb/css/tokens.css``) where one fits."""

    fill: str
    ink: str


INK = "#1a1a1a"  # --clusterplan-color-ink
PAPER = "#ffffff"  # --clusterplan-color-paper
SHADE_NONE = Shade("#fdecee", INK)  # error-bg: nothing there
SHADE_FEW = Shade("#fff4d6", INK)  # warning-bg: too little there
SHADES = (Shade("#bcd4ea", INK), Shade("#6b9ed0", INK), Shade("#0b4f8a", PAPER))
"""A scale from few to many, light to dark (the darkest is the primary colour)."""


@dataclass(frozen=True)
class HeatCell:
    """A cell of a heatmap: at ``column`` and ``row`` (places on the axes), drawn as the
    legend's piece ``piece``; ``value`` its figure, ``text`` what is written in it and
    ``name`` what its tooltip says."""

    column: int
    row: int
    piece: int
    value: int | float
    text: str
    name: str


HEAT_ROW_PX = 52
"""The height of a heatmap's row: two lines of a wrapped axis label, or a count and its flag."""
HEAT_LABEL_PX = 240
"""The width of a heatmap's row labels; longer names wrap."""
HEAT_NARROW_PX = 600
"""Up to this width (a phone) a heatmap's row labels are narrower, in a smaller font."""
HEAT_NARROW_LABEL_PX = 104
"""The width of a heatmap's row labels on a phone."""
HEAT_TOP_PX = 40
"""Room above a heatmap's column labels for its legend."""
HEAT_COLUMN_LABEL_PX = 48
"""The height of a heatmap's column labels (two lines)."""


def heatmap_spec(
    columns: Sequence[str],
    rows: Sequence[str],
    cells: Sequence[HeatCell],
    pieces: Sequence[tuple[str, Shade]],
) -> dict[str, Any]:
    """An ECharts heatmap: ``columns`` across the top, ``rows`` down the side in their
    order, each cell coloured as its piece of ``pieces`` (label and shade, the legend in
    that order) with its text written on it in the piece's ink. A cell's value is
    ``[column, row, piece, value]``: the legend colours by the piece, the figure comes
    last (``|chart_is_empty`` reads it)."""
    data = []
    for cell in cells:
        shade = pieces[cell.piece][1]
        data.append(
            {
                "value": [cell.column, cell.row, cell.piece, cell.value],
                "name": cell.name,
                "label": {"formatter": cell.text, "color": shade.ink},
            }
        )
    text = {"fontSize": 14, "lineHeight": 18, "color": INK}
    small = {"fontSize": 12, "lineHeight": 13}
    bare = {"axisTick": {"show": False}, "axisLine": {"show": False}}
    return {
        "animation": False,
        "tooltip": {"trigger": "item", "formatter": "{b}", "confine": True},
        # Room for the labels by their width, not containLabel: that measured a row label
        # before it wrapped and cut it at the chart's left edge.
        "grid": {
            "left": HEAT_LABEL_PX + 16,
            "right": 8,
            "top": HEAT_TOP_PX + HEAT_COLUMN_LABEL_PX,
            "bottom": 8,
        },
        "xAxis": {
            "type": "category",
            "data": list(columns),
            "position": "top",
            "axisLabel": {"interval": 0, "width": 160, "overflow": "break", **text},
            **bare,
        },
        "yAxis": {
            "type": "category",
            "data": list(rows),
            "inverse": True,
            "axisLabel": {"interval": 0, "width": HEAT_LABEL_PX, "overflow": "break", **text},
            **bare,
        },
        "visualMap": {
            "type": "piecewise",
            "dimension": 2,
            "orient": "horizontal",
            "left": 0,
            "top": 0,
            "selectedMode": False,
            "itemWidth": 28,
            "itemHeight": 18,
            "textStyle": text,
            "pieces": [
                {"value": i, "label": label, "color": shade.fill}
                for i, (label, shade) in enumerate(pieces)
            ],
        },
        "series": [
            {
                "type": "heatmap",
                "data": data,
                "label": {"show": True, "fontSize": 15, "lineHeight": 19},
                "itemStyle": {"borderColor": PAPER, "borderWidth": 3},
                "emphasis": {"itemStyle": {"borderColor": INK}},
            }
        ],
        # A phone: narrower row labels and a smaller font (four lines of a long name fit a
        # row, the legend fits its line), so the cells keep most of the width.
        "media": [
            {
                "query": {"maxWidth": HEAT_NARROW_PX},
                "option": {
                    "grid": {"left": HEAT_NARROW_LABEL_PX + 8},
                    "xAxis": {"axisLabel": {"width": 64, "overflow": "breakAll", **small}},
                    "yAxis": {"axisLabel": {"width": HEAT_NARROW_LABEL_PX, **small}},
                    "visualMap": {
                        "itemWidth": 16,
                        "itemHeight": 14,
                        "itemGap": 6,
                        "textStyle": small,
                    },
                    "series": [{"label": {"fontSize": 13, "lineHeight": 16}}],
                },
            }
        ],
    }


def count_steps(low: int, high: int, most: int = len(SHADES)) -> list[tuple[int, int]]:
    """The whole numbers ``low``..``high`` as at most ``most`` consecutive ranges (first,
    last) of nearly equal length, the longer ones last: the pieces of a heatmap's scale."""
    size = high - low + 1
    if size < 1:
        return []
    steps = min(most, size)
    out = []
    for i in range(steps):
        first = low + (size * i) // steps
        out.append((first, low + (size * (i + 1)) // steps - 1))
    return out


def heatmap_height(rows: int) -> str:
    """The height of a heatmap of this many rows (for :func:`chart`)."""
    return f"{HEAT_TOP_PX + HEAT_COLUMN_LABEL_PX + rows * HEAT_ROW_PX + 8}px"


TablesBuilder = Callable[..., dict[str, Table]]


def lazy(compute: Callable[[], Any]) -> Any:
    """A value computed when a template first uses it (not at all when a cached fragment
    is shown instead)."""
    return SimpleLazyObject(compute)


def sentence(text: str) -> str:
    """A line of the core's (in lower case and without a full stop, as it follows a prefix
    such as ``error:`` on the command line) written as a sentence of its own on a page."""
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith('.') else '.'}"


def missing_part_text(exc: MissingPart) -> str:
    """The one line a page gives for an optional part the plan lacks
    (:class:`~clusterplan.plan.parts.MissingPart`): the core's words (which part, and the
    file to add it to) in the page's language, as a sentence."""
    return sentence(exc.text(page_language()))


def missing_part(plan: Plan, part: str) -> str | None:
    """:func:`missing_part_text` for ``part`` when ``plan`` lacks it, else None."""
    try:
        parts.require(plan, part)
    except MissingPart as exc:
        return missing_part_text(exc)
    return None
