"""The annual progress report: the plan against the actuals of one year, for the steering group.

:func:`annual_report` builds a model of the report (sections of paragraphs, tables and
SVG charts) from a plan and its actuals up to and including a year; the figures are those
of :func:`clusterplan.monitor.compare.compare` and :func:`clusterplan.monitor.nowcast.nowcast`
on the same actuals, so they equal ``clusterplan monitor --public --json`` and the
monitoring page of a reader who may not see partners' own figures.
:func:`render_html` writes it as one HTML document (style sheet ``annual.css``, package
data), :func:`write_pdf` as PDF (WeasyPrint; its URL fetcher serves only that style sheet)
and :func:`xlsx_annex` writes every table as a sheet through the one export function
:func:`clusterplan.io.export.export_tables`. Its tables are the core's one table model
(:mod:`clusterplan.report.table`): the PDF shows an unknown figure as '?' like every other
interface, the annex keeps raw numbers and leaves unknowns blank.

Texts come from :mod:`clusterplan.report.messages` (Dutch by default, ``lang="en"``);
names, years and the goal come from the plan.

Which section an indicator belongs to follows from its data: its plan path
(``compare_with``: jobs, spending/coverage, space_m2, hires, acquisitions) or, for an
indicator held against nothing, its subject and unit (project or funding source:
finance; m2: space; education level: talent); the rest are "other indicators".

The report always applies the plan's disclosure rule (:meth:`Comparison.disclosed` with
``disclosure.min_organisations`` of monitoring.yaml), whoever asks, since a PDF travels:
its figures are those of ``clusterplan monitor --public --json``. A withheld figure (its
actual and its gap) is written as :func:`clusterplan.disclosure.mark`, and a confidential
indicator's table says what it means (:func:`clusterplan.disclosure.note`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from clusterplan import disclosure
from clusterplan.app import scenarios
from clusterplan.app.inputs import label_of, unit_of
from clusterplan.errors import ClusterplanError, describe
from clusterplan.i18n import gettext, unit_words
from clusterplan.io.export import export_tables
from clusterplan.labels import label as words
from clusterplan.model.uncertainty import BAND_LABELS
from clusterplan.monitor.actuals import Actuals
from clusterplan.monitor.compare import (
    NOT_COMPARED,
    Comparison,
    ComparisonRow,
    IndicatorComparison,
    compare,
    comparison_grid,
)
from clusterplan.monitor.indicators import Indicator, Monitoring, monitoring_of
from clusterplan.monitor.nowcast import TOTAL, Nowcast, nowcast
from clusterplan.plan.findings import Finding, plan_findings
from clusterplan.plan.schema import Plan, by_id
from clusterplan.report.messages import LANGUAGES, msg
from clusterplan.report.numbers import (
    AS_NEEDED,
    UNKNOWN,
    YEAR,
    format_number,
    format_percent,
    percent,
)
from clusterplan.report.svg import Band, Chart, Line, render_chart
from clusterplan.report.table import (
    Cell,
    Column,
    ExportCell,
    Row,
    Table,
    banded,
    catalogued,
    export_grid,
    figure,
    head_rows,
    html_rows,
    label,
)
from clusterplan.report.tables import (
    JOBS,
    dimension_name,
    every_subject_name,
    item_label,
)


def min_organisations(plan: Plan) -> int:
    """The disclosure rule of the plan's monitoring part (``disclosure.min_organisations``,
    with its rationale there): a figure of partner submissions from fewer organisations is
    never shown."""
    return monitoring_of(plan).disclosure.min_organisations


SECTION_ORDER: tuple[str, ...] = (
    "goal",
    "indicators",
    "jobs",
    "finance",
    "space",
    "talent",
    "acquisition",
    "other",
    "impact",
    "changes",
    "findings",
)

STEPS: tuple[str, ...] = ("compare", "nowcast", *SECTION_ORDER)
"""What :func:`annual_report` reports to its ``progress`` callback, in this order."""


def step_words(step: str, lang: str) -> str:
    """The words of one of :data:`STEPS` in ``lang``: a section's title, or what the step
    before the sections did."""
    return msg(f"sec.{step}" if step in SECTION_ORDER else f"step.{step}", lang)


_SECTION_OF_PATH: dict[str, str] = {
    "jobs": "jobs",
    "spending": "finance",
    "coverage": "finance",
    "space_m2": "space",
    "hires": "talent",
    "acquisitions": "acquisition",
}

_CSS = "annual.css"
_CSS_URL = "https://report.invalid/annual.css"
_BASE_URL = "https://report.invalid/"


class ReportError(ClusterplanError, ValueError):
    """A report that cannot be made (the message says why, in one line)."""

    default_code = "report.detail"


@dataclass(frozen=True)
class Figure:
    """A chart of the report: its title and its SVG."""

    id: str
    title: str
    svg: str


@dataclass(frozen=True)
class Section:
    """One section: paragraphs, then charts, then tables."""

    id: str
    title: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class AnnualReport:
    """The whole report, ready to render."""

    lang: str
    year: int
    title: str
    subtitle: str
    made: str
    sections: tuple[Section, ...]
    comparison: Comparison
    nowcast: Nowcast
    timings: dict[str, float] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if absent)."""
        return by_id(self.sections, section_id)

    def tables(self) -> list[Table]:
        """Every table, in reading order."""
        return [t for s in self.sections for t in s.tables]

    def figures(self) -> list[Figure]:
        """Every chart, in reading order."""
        return [f for s in self.sections for f in s.figures]


# --------------------------------------------------------------------------- helpers


def _num(value: float | None, lang: str, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return UNKNOWN
    return format_number(value, lang, decimals)


def _pct(share: float, lang: str) -> str:
    return format_percent(share, lang)


_HEADINGS = "col"
"""Where the report's column headings stand in the catalogue (``col.KEY``)."""

UNITLESS = frozenset({"ratio"})
"""Indicator units that name nothing beside a figure (a ratio of like to like)."""


def _unit(unit: str, lang: str) -> str:
    return "" if unit in UNITLESS else unit_words(unit, lang)


def _label(ind: Indicator, lang: str) -> str:
    return item_label(ind, lang)


def section_of(ind: Indicator) -> str:
    """The report section an indicator belongs to (from its data, see the module doc)."""
    if ind.compare_with in _SECTION_OF_PATH:
        return _SECTION_OF_PATH[ind.compare_with]
    if ind.subject in ("project", "source"):
        return "finance"
    if ind.unit == "m2":
        return "space"
    if ind.subject == "education_level":
        return "talent"
    if ind.unit == "jobs" and ind.subject == "pillar":
        return "jobs"
    return "other"


def _actual_and_gap(row: ComparisonRow, unit: str, lang: str) -> list[Cell]:
    """A row's actual and gap, or the mark of a withheld figure twice."""
    if row.suppressed:
        return [label(disclosure.mark(lang))] * 2
    return [figure(row.actual, unit), figure(row.gap, unit)]


def _status(status: str, lang: str, *, compared: bool = True) -> Cell:
    """A status as its words, marked with the status for the renderer's colour. A row of
    an indicator not ``compared`` (held against no plan figure) says so, in the words the
    counts per status use, not 'no comparison' as one still waiting for an actual."""
    text = words("monitor.status", status, lang) if compared else status_text(NOT_COMPARED, lang)
    return Cell(text=text, status=status)


MOST_MOVED = 5
"""How many of the assumptions the actuals moved most :func:`moved_table` lists."""

SHIFT_DECIMALS = 2
"""The decimals of a shift in standard deviations: an assumption whose shift shows as 0.00
did not move, and :func:`moved_table` leaves it out."""


def moved_table(plan: Plan, now: Nowcast, lang: str) -> Table:
    """The assumptions the actuals moved most (by their shift in prior standard
    deviations): mean before and after the actuals, and the shift. The annual report,
    ``clusterplan nowcast`` and the monitoring page show this table. An assumption whose
    shift shows as 0.00 did not move: it is left out (without observations, five unmoved
    assumptions had been listed as the ones moved most), and a note says when none moved."""
    moved = [m for m in now.moved if round(m.shift_sd, SHIFT_DECIMALS)]

    def mean(value: float, name: str) -> Cell:  # a year as a year, to a tenth
        year = unit_of(plan, name) == YEAR
        return figure(value, YEAR if year else "", decimals=1 if year else 3, printed=False)

    rows = [
        Row(
            m.name,
            (
                label(label_of(plan, m.name, lang)),
                mean(m.prior_mean, m.name),
                mean(m.posterior_mean, m.name),
                figure(m.shift_sd, "", decimals=SHIFT_DECIMALS, printed=False),
            ),
        )
        for m in sorted(moved, key=lambda m: -abs(m.shift_sd))[:MOST_MOVED]
    ]
    heads = ("assumption", "prior_mean", "post_mean", "shift_sd")
    title = msg("goal.moved", lang)
    notes = () if rows else (msg("goal.moved_none", lang),)
    return catalogued(
        "moved", lang, heads, rows, title=title, headings=_HEADINGS, words=heads[:1], notes=notes
    )


BAND_DIGITS = 6
"""Decimals a band's percentile keeps: the growth engine's single-precision paths leave
noise near 1e-9 (a base-year p5 of 5600.0000000001 above a p95 of 5599.9999999985)."""


def _band_figure(value: float | None, unit: str) -> Cell:
    """A percentile of the ensemble's band, without the engine's float noise."""
    return figure(None if value is None else round(value, BAND_DIGITS), unit, printed=False)


def nowcast_bands_table(now: Nowcast, lang: str) -> Table:
    """Total jobs per year: the ensemble's percentiles before the actuals and after them
    (the samples weighted by how well they reproduce the observed jobs)."""
    prior, post = now.bands_prior.get(TOTAL, {}), now.bands.get(TOTAL, {})
    rows = [
        Row(
            str(year),
            (
                label(str(year)),
                *[_band_figure(prior[year][band], JOBS) for band in BAND_LABELS],
                *[_band_figure((post.get(year) or {}).get(band), JOBS) for band in BAND_LABELS],
            ),
        )
        for year in prior
    ]
    heads = ("year", *[f"prior_{b}" for b in BAND_LABELS], *[f"post_{b}" for b in BAND_LABELS])
    texts = "nowcast.bands"
    return catalogued("nowcast-bands", lang, heads, rows, texts=texts, words=("year",), unit=JOBS)


@dataclass(frozen=True)
class NowcastWords:
    """A nowcast in words, as the annual report, ``clusterplan nowcast`` and the monitoring
    page say it: ``chance``, the probability of the goal before the observations and after
    those up to a year; ``basis``, what the updated chance rests on (or that nothing was
    observed yet); ``warning``, when it rests on few of the ensemble's trajectories."""

    chance: str
    basis: str
    warning: str | None

    @property
    def sentences(self) -> list[str]:
        return [self.chance, self.basis, *([self.warning] if self.warning else [])]


NOWCAST_STATS = ("p_goal_prior", "p_goal", "effective_sample_size")
"""The nowcast's figures a page shows as stats, by their key in :meth:`Nowcast.to_dict`."""


def nowcast_stat_labels(lang: str) -> dict[str, str]:
    """The names of :data:`NOWCAST_STATS` in ``lang``, in the words of :func:`nowcast_words`
    (the chance before and after the observations, the effective sample)."""
    return {key: msg(f"goal.stat.{key}", lang) for key in NOWCAST_STATS}


def nowcast_words(now: Nowcast, lang: str, year: int | None = None) -> NowcastWords:
    """:class:`NowcastWords` of ``now`` in ``lang``; ``year`` (default: the last observed
    year, else the goal's) ends the observations the updated chance takes in."""
    if year is None:
        year = max((o.year for o in now.observations), default=now.goal_year)
    prior, post = _pct(now.p_goal_prior, lang), _pct(now.p_goal, lang)
    chance = msg("goal.p", lang, prior=prior, post=post, year=year)
    if not now.observations:  # no 'after the observations up to {year}': there are none
        chance = msg("goal.p_no_obs", lang, prior=prior)
    samples = {"ess": _num(now.effective_sample_size, lang), "n": _num(float(now.n), lang)}
    if now.observations:
        share, sd = _pct(now.ess_share, lang), _pct(now.relative_sd, lang)
        basis = msg("goal.ess", lang, share=share, sd=sd, **samples)
    else:
        basis = msg("goal.no_obs", lang)
    warning = msg("goal.warning", lang, **samples) if now.warning else None
    return NowcastWords(chance, basis, warning)


def _goal_section(
    plan: Plan,
    mon: Monitoring,
    comparison: Comparison,
    now: Nowcast,
    year: int,
    lang: str,
) -> Section:
    goal_year = now.goal_year
    # the plan's goal, or when it sets none what is compared instead
    stated = scenarios.goal_text(plan, lang) or scenarios.reference_note(plan, lang)
    paragraphs = [*([stated] if stated else []), *nowcast_words(now, lang, year).sentences]

    def band_at(bands: Mapping[str, Mapping[int, Mapping[str, float]]], band: str) -> Cell:
        row = bands.get("total", {}).get(goal_year)
        return figure(None if row is None else float(round(row[band])), "", decimals=AS_NEEDED)

    rows = [
        Row(
            "p_goal",
            (
                label(msg("row.p_goal", lang) + " (%)"),
                figure(percent(now.p_goal_prior), "", decimals=AS_NEEDED),
                figure(percent(now.p_goal), "", decimals=AS_NEEDED),
            ),
        ),
    ]
    for band in ("p5", "p50", "p95"):
        rows.append(
            Row(
                band,
                (
                    label(msg(f"row.{band}", lang, year=goal_year)),
                    band_at(now.bands_prior, band),
                    band_at(now.bands, band),
                ),
            )
        )
    tables = [
        catalogued(
            "goal",
            lang,
            ("measure", "before", "after"),
            rows,
            title=msg("goal.table", lang, year=goal_year),
            headings=_HEADINGS,
            words=("measure",),
        )
    ]
    moved = moved_table(plan, now, lang)
    if moved.rows:
        tables.append(moved)
    figures = []
    jobs_ind = [i for i in mon.indicators if i.compare_with == "jobs"]
    if jobs_ind:
        comp = comparison.indicator(jobs_ind[0].id)
        figures.append(_jobs_chart(plan, comp, comparison.dimension, year, lang, None))
    return Section("goal", msg("sec.goal", lang), tuple(paragraphs), tuple(figures), tuple(tables))


def indicator_paths(
    plan: Plan,
    comp: IndicatorComparison,
    dimension: str,
    lang: str,
    subject: str | None = None,
    until: int | None = None,
) -> tuple[list[Line], Band | None]:
    """What a chart of one subject of an indicator draws (None: the cluster total), over the
    report years (:func:`report_years`): the plan path (for jobs, that of the growth
    ``dimension``, named), the back-cast milestones where there are any, the actuals (up to
    ``until``) and the ensemble band, which opens from the base year's actual (else its
    plan figure), never from zero. The annual report's charts and the web's indicator pages
    draw these same paths."""
    first, base = report_years(plan)[0], plan.employment.base_year
    rows = [r for r in comp.rows if r.subject == subject and r.year >= first]
    plan_pts = [(r.year, float(r.plan)) for r in rows if r.plan is not None]
    milestone_pts = [(r.year, float(r.milestone)) for r in rows if r.milestone is not None]
    actual_pts = [
        (r.year, float(r.actual))
        for r in rows
        if r.actual is not None and (until is None or r.year <= until)
    ]
    band_pts = [(r.year, float(r.band["p5"]), float(r.band["p95"])) for r in rows if r.band]
    plan_label = (
        msg("chart.plan", lang, dimension=dimension_name(plan, dimension, lang))
        if comp.indicator.compare_with == "jobs"
        else msg("col.plan", lang)
    )
    lines = [Line(plan_label, plan_pts, "plan")] if plan_pts else []
    if milestone_pts:
        lines.append(Line(msg("chart.milestones", lang), milestone_pts, "milestone"))
    lines.append(Line(msg("chart.actual", lang), actual_pts, "actual"))
    if not band_pts:
        return lines, None
    opening = dict(actual_pts).get(base, dict(plan_pts).get(base))
    if opening is None:
        return lines, Band(msg("chart.band", lang), band_pts)
    later = [p for p in band_pts if p[0] > base]
    return lines, Band(msg("chart.band", lang), later, (base, opening))


def _jobs_chart(
    plan: Plan,
    comp: IndicatorComparison,
    dimension: str,
    year: int,
    lang: str,
    subject: str | None,
    title: str | None = None,
    small: bool = False,
) -> Figure:
    """Plan path, milestones, actuals and the ensemble band of one subject (None: total)."""
    lines, band = indicator_paths(plan, comp, dimension, lang, subject, until=year)
    chart_title = title or msg("chart.total_jobs", lang)
    chart = Chart(
        chart_title,
        lines,
        band,
        unit=_unit(comp.indicator.unit, lang),
        lang=lang,
        marks=(year,),
        width=330.0 if small else 640.0,
        height=210.0 if small else 260.0,
    )
    fid = f"chart-{comp.indicator.id}-{subject or 'total'}"
    return Figure(fid, chart_title, render_chart(chart))


def report_years(plan: Plan) -> list[int]:
    """Years a progress report can be made for, and that its charts span: from the plan's
    base year (or the start of its horizon, when that is earlier) to the end of its horizon."""
    first = min(plan.employment.base_year, plan.meta.horizon_start)
    return list(range(first, plan.meta.horizon_end + 1))


def _path_chart(
    plan: Plan, comp: IndicatorComparison, dimension: str, year: int, lang: str
) -> Figure | None:
    """Plan and actual of an indicator's cluster total over the plan years."""
    ind = comp.indicator
    lines, band = indicator_paths(plan, comp, dimension, lang, until=year)
    if not any(line.points for line in lines):
        return None
    title = msg("chart.of", lang, indicator=_label(ind, lang))
    chart = Chart(title, lines, band, unit=_unit(ind.unit, lang), lang=lang, marks=(year,))
    return Figure(f"chart-{ind.id}", title, render_chart(chart))


def table_year(comp: IndicatorComparison, year: int) -> int:
    """The year an indicator's table shows: the latest up to ``year`` with an actual, a
    withheld one too (the report year itself when there is none), so a figure that arrives
    a year late is still shown."""
    years = [r.year for r in comp.rows if r.observed and r.year <= year]
    return max(years) if years else year


def _indicator_table(
    plan: Plan,
    comp: IndicatorComparison,
    year: int,
    lang: str,
    names: Mapping[str, str],
) -> Table:
    """Every subject of an indicator in the report year, plus the cluster total; for
    money also the sums up to and including the year."""
    ind = comp.indicator
    year = table_year(comp, year)
    unit = ind.unit
    cumulative = ind.unit == "meur" and ind.compare_with in ("spending", "coverage")
    subjects: list[str | None] = []
    for r in comp.rows:
        if r.subject not in subjects:
            subjects.append(r.subject)
    rows: list[Row] = []
    for subject in subjects:
        row = comp.row(subject, year)
        if row is None:
            continue
        name = msg("total", lang) if subject is None else names.get(subject, subject)
        cells = [
            label(name),
            figure(row.plan, unit),
            *_actual_and_gap(row, unit, lang),
            _status(row.status, lang, compared=ind.compared),
        ]
        if cumulative:
            earlier = [r for r in comp.rows if r.subject == subject and r.year <= year]
            planned = [r.plan for r in earlier if r.plan is not None]
            done = [r.actual for r in earlier if r.actual is not None]
            cells += [
                figure(math.fsum(planned) if planned else None, unit),
                figure(math.fsum(done) if done else None, unit),
            ]
        rows.append(Row(subject or "total", tuple(cells), is_total=subject is None))
    heads: tuple[str, ...] = ("subject", "plan", "actual", "gap", "status")
    if cumulative:
        heads += ("plan_cum", "actual_cum")
    title = msg("tbl.indicator_year", lang, indicator=_label(ind, lang), year=year)
    title += f" ({_unit(ind.unit, lang)})"
    note = (
        disclosure.note(min_organisations(plan), "organisations", lang)
        if ind.confidential
        else None
    )
    if not rows:
        note = msg("no_rows", lang) + (f" {note}" if note else "")
    key = f"ind-{ind.id}"
    words = ("subject", "status")
    notes = (note,) if note else ()
    return catalogued(
        key, lang, heads, rows, title=title, headings=_HEADINGS, words=words, notes=notes, year=year
    )


STATUS_TABLE = "status"
"""The key (download slug) of :func:`status_table`."""


def status_text(status: str, lang: str | None = None) -> str:
    """A key of :attr:`~clusterplan.monitor.compare.Comparison.counts` in ``lang``: a
    status by the core's words for it, and the indicators held against no plan figure
    (:data:`~clusterplan.monitor.compare.NOT_COMPARED`) as such. ``clusterplan monitor``
    prints the counts with it and the monitoring page shows them."""
    if status == NOT_COMPARED:
        return gettext("held against no plan figure", lang)
    return words("monitor.status", status, lang)


def status_table(comparison: Comparison, lang: str, year: int | None = None) -> Table:
    """Per indicator its latest cluster-total row up to ``year`` (any year when None): the
    year, plan, actual, gap and status (a withheld actual and gap as the mark). The annual
    report's overview, ``clusterplan monitor`` and the monitoring page show this table."""
    rows = [
        Row(
            comp.indicator.id,
            (
                label(_label(comp.indicator, lang)),
                label(_unit(comp.indicator.unit, lang)),
                *_latest_cells(
                    comp.latest(year),
                    comp.indicator.unit,
                    lang,
                    compared=comp.indicator.compared,
                ),
            ),
        )
        for comp in comparison.indicators
    ]
    return catalogued(
        STATUS_TABLE,
        lang,
        ("indicator", "unit", "year", "plan", "actual", "gap", "status"),
        rows,
        title=msg("tbl.status", lang),
        headings=_HEADINGS,
        words=("indicator", "unit", "status"),
    )


def indicator_history_table(plan: Plan, comp: IndicatorComparison, lang: str) -> Table:
    """Every subject and year of one indicator: plan, actual, gap and status (a withheld
    actual and gap as the mark); for an indicator held against the jobs path also the
    back-cast milestone and the ensemble's band. The monitoring page's indicator table."""
    ind = comp.indicator
    names = every_subject_name(plan, lang)
    jobs = ind.compare_with == "jobs"
    rows = []
    for r in comp.rows:
        name = msg("total", lang) if r.subject is None else names.get(r.subject, r.subject)
        cells = [
            label(name),
            figure(r.year, YEAR),
            figure(r.plan, ind.unit),
            *_actual_and_gap(r, ind.unit, lang),
            _status(r.status, lang, compared=ind.compared),
        ]
        if jobs:
            band = r.band or {}
            cells.append(figure(r.milestone, ind.unit, printed=False))
            cells += [_band_figure(band.get(k), ind.unit) for k in BAND_LABELS]
        rows.append(Row(f"{r.subject or 'total'}:{r.year}", tuple(cells)))
    heads: tuple[str | Column, ...] = ("subject", "year", "plan", "actual", "gap", "status")
    if jobs:  # the ensemble a band over its percentiles ("Ensemble: P5" where flat)
        ensemble = msg("col.ensemble", lang)
        heads += ("milestone",)
        heads += tuple(
            banded(k, ensemble, msg(f"col.{k}", lang), "other", ind.unit, lang) for k in BAND_LABELS
        )
    title = msg(
        "tbl.indicator_history", lang, indicator=_label(ind, lang), unit=_unit(ind.unit, lang)
    )
    units = {"year": YEAR}
    return catalogued(
        f"indicator-{ind.id}",
        lang,
        heads,
        rows,
        title=title,
        headings=_HEADINGS,
        words=("subject", "status"),
        units=units,
        unit=ind.unit,
    )


def _latest_cells(
    last: ComparisonRow | None, unit: str, lang: str, *, compared: bool = True
) -> list[Cell]:
    """An indicator's latest row as year, plan, actual, gap and status cells (unknown
    without a row, a plan figure unknown where the plan has none). An indicator not
    ``compared`` (held against no plan figure) says so as its status, in the words the
    counts per status use, not 'no comparison' as one still waiting for an actual."""
    status = _status("no_data" if last is None else last.status, lang, compared=compared)
    if last is None:
        return [figure(None, YEAR), *[figure(None, unit)] * 3, status]
    return [
        figure(last.year, YEAR),
        figure(last.plan, unit),
        *_actual_and_gap(last, unit, lang),
        status,
    ]


def _overview_section(mon: Monitoring, comparison: Comparison, year: int, lang: str) -> Section:
    table = status_table(comparison, lang, year)
    counts = dict.fromkeys(("on_track", "at_risk", "off_track", "no_data", NOT_COMPARED), 0)
    for comp in comparison.indicators:
        last = comp.latest(year)
        if not comp.indicator.compared:  # as the table's status says
            counts[NOT_COMPARED] += 1
        else:
            counts["no_data" if last is None else last.status] += 1
    paragraphs = [msg("ind.summary", lang, year=year, **counts)]
    # Each rule by the indicators it judges, the rule of most indicators last as "the
    # other indicators"; a rule no indicator uses is left out.
    judged = [
        (rule, [_label(ind, lang) for ind in mon.indicators if ind.rule == rule.id])
        for rule in mon.rules
    ]
    judged = sorted([(r, names) for r, names in judged if names], key=lambda rn: len(rn[1]))
    for i, (rule, names) in enumerate(judged):
        rest = len(judged) > 1 and i == len(judged) - 1
        paragraphs.append(
            msg(
                "rules",
                lang,
                indicators=msg("rules.others", lang) if rest else ", ".join(names),
                at_risk=_pct(rule.at_risk_share, lang),
                off_track=_pct(rule.off_track_share, lang),
            )
        )
    title = msg("sec.indicators", lang)
    table = replace(table, key="indicators", name=title, title=title)
    return Section("indicators", msg("sec.indicators", lang), tuple(paragraphs), (), (table,))


def _topic_section(
    section_id: str,
    plan: Plan,
    comparison: Comparison,
    year: int,
    lang: str,
    names: Mapping[str, str],
) -> Section:
    figures: list[Figure] = []
    tables: list[Table] = []
    for comp in comparison.indicators:
        ind = comp.indicator
        if section_of(ind) != section_id:
            continue
        if ind.compare_with == "jobs":
            for pillar in plan.taxonomy.pillars:
                if any(r.subject == pillar.id for r in comp.rows):
                    figures.append(
                        _jobs_chart(
                            plan,
                            comp,
                            comparison.dimension,
                            year,
                            lang,
                            pillar.id,
                            title=f"{_label(ind, lang)}: {names.get(pillar.id, pillar.id)}",
                            small=True,
                        )
                    )
        elif ind.compared:
            fig = _path_chart(plan, comp, comparison.dimension, year, lang)
            if fig is not None:
                figures.append(fig)
        tables.append(_indicator_table(plan, comp, year, lang, names))
    paragraphs = () if tables else (msg("section.empty", lang),)
    return Section(
        section_id, msg(f"sec.{section_id}", lang), paragraphs, tuple(figures), tuple(tables)
    )


def _with_talent_programme(
    section: Section,
    plan: Plan,
    observed: Actuals,
    year: int,
    lang: str,
    supply: Any,
    odds: tuple[int, int | None],
) -> Section:
    """The talent section with the talent programme's tables: the targets (adopted or
    derived from the job path) against the monitored inflow, with the odds of meeting them
    from ``odds`` (samples, seed: the nowcast's), the gap before and after the measures, and
    the measures ranked (:func:`clusterplan.report.talent.annual_talent_tables`), as
    ``clusterplan talent --targets --samples N --seed S`` gives them
    (:func:`clusterplan.app.demand.talent_programme`). A plan without a talent section, or
    without supply data and measures, says so in one paragraph."""
    from clusterplan.app.demand import talent_programme
    from clusterplan.model.demand_data import DemandDataError
    from clusterplan.model.talent_plan import inflow_from_actuals
    from clusterplan.model.talent_supply import SupplyError
    from clusterplan.report.talent import annual_talent_tables

    if plan.talent is None:
        return section
    from_plan_file = (
        supply is not None
        and bool(plan.talent.supply_file)
        and Path(str(supply.file)).name == Path(str(plan.talent.supply_file)).name
    )
    samples, seed = odds
    try:
        programme = talent_programme(plan, supply, samples=samples, seed=seed)
    except (SupplyError, DemandDataError) as exc:
        return Section(
            section.id,
            section.title,
            (*section.paragraphs, describe(exc, lang)),
            section.figures,
            section.tables,
        )
    inflow = inflow_from_actuals(observed)
    tables = tuple(annual_talent_tables(programme.result, year, lang, inflow, programme.odds))
    paragraphs = tuple(p for p in section.paragraphs if p != msg("section.empty", lang))
    if from_plan_file and supply is not None and plan.talent.supply_illustrative:
        paragraphs += (msg("talent.illustrative", lang),)
    return Section(section.id, section.title, paragraphs, section.figures, section.tables + tables)


def _impact_section(plan: Plan, dimension: str, lang: str) -> Section:
    """The target year's impact beyond direct jobs (the table ``clusterplan impact`` and the
    web's impact page show: each figure with where it comes from), or one line saying why
    there are none."""
    from clusterplan.model.growth import GrowthError
    from clusterplan.model.impact import ImpactError, impact
    from clusterplan.report.impact import headline_table

    title = msg("sec.impact", lang)
    try:
        result = impact(plan, dimension)
    except (ImpactError, GrowthError) as exc:
        return Section("impact", title, (msg("impact.none", lang, reason=describe(exc, lang)),))
    table = replace(headline_table(plan, result, lang), key="impact")
    intro = msg(
        "impact.intro",
        lang,
        dimension=dimension_name(plan, dimension, lang),
        year=result.target_year,
    )
    return Section("impact", title, (intro,), (), (table,))


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for k, v in value.items():
            _flatten(v, f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            key = v.get("id") if isinstance(v, Mapping) and "id" in v else i
            _flatten(v, f"{path}[{key}]", out)
    else:
        out[path] = value


def _is_figure(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def plan_changes(previous: Plan, current: Plan) -> list[tuple[str, Any, Any]]:
    """Figures (numbers, or a number that became unknown or known) that differ between
    two plan revisions, as (path, previous, current), in the current plan's order."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _flatten(previous.model_dump(mode="json"), "", before)
    _flatten(current.model_dump(mode="json"), "", after)
    changes: list[tuple[str, Any, Any]] = []
    keys = list(after) + [k for k in before if k not in after]
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new or not (_is_figure(old) and _is_figure(new)):
            continue
        if old is None and new is None:
            continue
        changes.append((key, old, new))
    return changes


def _as_written(value: int | float | None) -> Cell:
    """A figure of the plan file as it is written there: a whole number without
    separators (a year, a count), a fraction with as many decimals as it has."""
    if isinstance(value, int):
        return figure(value, YEAR)
    return figure(value, "", decimals=AS_NEEDED)


def _listing(
    key: str, lang: str, heads: tuple[str, ...], rows: list[Row], *, words: tuple[str, ...]
) -> Section:
    """The section ``key`` listing ``rows``: their count (``{key}.count``) above a table of
    ``heads`` (those in ``words`` holding words), or ``{key}.none`` alone when there are
    none."""
    title = msg(f"sec.{key}", lang)
    if not rows:
        return Section(key, title, (msg(f"{key}.none", lang),))
    table = catalogued(key, lang, heads, rows, title=title, headings=_HEADINGS, words=words)
    return Section(key, title, (msg(f"{key}.count", lang, count=len(rows)),), (), (table,))


def _changes_section(plan: Plan, previous: Plan | None, lang: str) -> Section:
    if previous is None:
        return Section("changes", msg("sec.changes", lang), (msg("changes.none_given", lang),))
    rows = [
        Row(path, (label(path), _as_written(old), _as_written(new)))
        for path, old, new in plan_changes(previous, plan)
    ]
    return _listing("changes", lang, ("figure", "previous", "current"), rows, words=("figure",))


def open_findings(plan: Plan) -> list[Finding]:
    """The plan's findings that are still open: every one but the confirmations (codes
    ending in ``-ok``, e.g. a column that adds up to its printed total)."""
    return [f for f in plan_findings(plan) if not f.code.endswith("-ok")]


def _findings_section(plan: Plan, lang: str) -> Section:
    heads = ("kind", "where", "finding")
    rows = [
        Row(
            str(index),
            (
                label(msg(f"kind.{f.kind}", lang)),
                label(f.where.text(lang)),
                label(f.message.text(lang)),
            ),
        )
        for index, f in enumerate(open_findings(plan), start=1)
    ]
    return _listing("findings", lang, heads, rows, words=heads)


# --------------------------------------------------------------------------- the report


def actuals_up_to(actuals: Actuals, year: int) -> Actuals:
    """The actuals of years up to and including ``year`` (a report never looks ahead)."""
    return Actuals(tuple(a for a in actuals.rows if a.year <= year), actuals.aggregation)


def annual_report(
    plan: Plan,
    actuals: Actuals,
    year: int,
    lang: str = "nl",
    previous_plan: Plan | None = None,
    *,
    progress: Callable[[str], None] | None = None,
    today: date | None = None,
    samples: int | None = None,
    seed: int | None = None,
    talent_supply: Any = None,
) -> AnnualReport:
    """The progress report of ``year``: the plan against the actuals up to that year.

    ``talent_supply`` is the education supply data of the talent section
    (:class:`clusterplan.model.talent_supply.SupplyData`, e.g. read from the plan's
    ``talent.supply_file``; default: none).

    ``progress`` is called with each section's id as it is made. ``samples`` and ``seed``
    of the nowcast default to the plan's (``monitoring.nowcast``), as ``clusterplan
    nowcast`` uses them; the web passes its own cap so the report equals its page. The
    talent targets' odds are sampled with the same samples and seed.

    Raises
    ------
    ReportError
        For an unknown language or a year outside the plan's base year..horizon.
    """
    if lang not in LANGUAGES:
        raise ReportError(code="report.language", params={"value": lang, "known": list(LANGUAGES)})
    years = report_years(plan)
    if year not in years:
        raise ReportError(
            code="report.year", params={"year": year, "first": years[0], "last": years[-1]}
        )
    mon = monitoring_of(plan)
    observed = actuals_up_to(actuals, year)
    timings: dict[str, float] = {}

    def step(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started
        if progress is not None:
            progress(name)

    t = time.perf_counter()
    # the plan's disclosure rule, whoever asks: a PDF travels
    comparison = compare(plan, observed).disclosed(min_organisations(plan))
    step("compare", t)
    t = time.perf_counter()
    now = nowcast(plan, observed, n=samples, seed=seed)
    step("nowcast", t)
    names = every_subject_name(plan, lang)
    sections: list[Section] = []
    t = time.perf_counter()
    sections.append(_goal_section(plan, mon, comparison, now, year, lang))
    step("goal", t)
    t = time.perf_counter()
    sections.append(_overview_section(mon, comparison, year, lang))
    step("indicators", t)
    for topic in ("jobs", "finance", "space", "talent", "acquisition", "other"):
        t = time.perf_counter()
        section = _topic_section(topic, plan, comparison, year, lang, names)
        if topic == "talent":
            odds = (now.n, now.seed)  # the report's samples and seed
            section = _with_talent_programme(
                section, plan, observed, year, lang, talent_supply, odds
            )
        sections.append(section)
        step(topic, t)
    t = time.perf_counter()
    sections.append(_impact_section(plan, comparison.dimension, lang))
    step("impact", t)
    t = time.perf_counter()
    sections.append(_changes_section(plan, previous_plan, lang))
    step("changes", t)
    t = time.perf_counter()
    sections.append(_findings_section(plan, lang))
    step("findings", t)
    made = msg(
        "made",
        lang,
        date=(today or date.today()).isoformat(),
        dimension=dimension_name(plan, comparison.dimension, lang),
        year=year,
        count=_num(float(len(observed)), lang),
    )
    return AnnualReport(
        lang=lang,
        year=year,
        title=msg("title", lang, year=year),
        subtitle=msg("subtitle", lang, plan=plan.meta.title, year=year),
        made=made,
        sections=tuple(sections),
        comparison=comparison,
        nowcast=now,
        timings=timings,
    )


# --------------------------------------------------------------------------- rendering


def _table_html(table: Table) -> str:
    """A core table as HTML: figures right-aligned, the totals row bold, a status in its
    colour (``annual.css``), the notes under it, each its own paragraph (run together, a
    note without a full stop ran into the next)."""
    note = " ".join(table.notes)
    if not table.rows:
        text = f"{table.title}: {note}" if note else table.title
        return f'<p class="note empty-table" id="{escape(table.key)}">{escape(text)}</p>'
    # A title of its own (not a <caption>) kept with its table: a caption can be left
    # alone at the foot of a page while its table moves on.
    short = " short" if len(table.rows) <= 15 else ""
    out = [
        f'<div class="table-block{short}">',
        f'<h3 class="table-title">{escape(table.title)}</h3>',
        f'<table id="{escape(table.key)}">',
    ]
    out.append("<thead>")
    for head in head_rows(table.columns):
        out.append("<tr>")
        for th in head:
            cls = ' class="num"' if th.numeric else ' class="band"' if th.band else ""
            span = f' colspan="{th.span}"' if th.span > 1 else ""
            span += f' rowspan="{th.rows}"' if th.rows > 1 else ""
            out.append(f'<th scope="{th.scope}"{span}{cls}>{escape(th.text)}</th>')
        out.append("</tr>")
    out.append("</thead><tbody>")
    for row, cells in zip(table.rows, html_rows(table), strict=True):
        out.append('<tr class="total">' if row.is_total else "<tr>")
        for cell in cells:
            classes = ["num"] if cell["numeric"] else []
            if cell["status"]:
                classes += ["status", str(cell["status"])]
            cls_attr = f' class="{" ".join(classes)}"' if classes else ""
            out.append(f"<td{cls_attr}>{escape(str(cell['text']))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    out.extend(f'<p class="note">{escape(n)}</p>' for n in table.notes)  # one each
    out.append("</div>")
    return "".join(out)


def render_html(report: AnnualReport) -> str:
    """The report as one HTML document (links the package's ``annual.css``)."""
    lang = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(report.title)}</title>",
        f'<link rel="stylesheet" href="{_CSS_URL}">',
        "</head><body>",
        '<header class="cover">',
        f"<h1>{escape(report.title)}</h1>",
        f'<p class="subtitle">{escape(report.subtitle)}</p>',
        f'<p class="made">{escape(report.made)}</p>',
        f"<nav><h2>{escape(msg('contents', lang))}</h2><ol>",
    ]
    for section in report.sections:
        parts.append(f'<li><a href="#sec-{section.id}">{escape(section.title)}</a></li>')
    parts.append("</ol></nav></header>")
    for number, section in enumerate(report.sections, start=1):
        parts.append(f'<section id="sec-{section.id}" class="section-{section.id}">')
        parts.append(f"<h2>{number}. {escape(section.title)}</h2>")
        for paragraph in section.paragraphs:
            parts.append(f"<p>{escape(paragraph)}</p>")
        if section.figures:
            parts.append('<div class="figures">')
            for fig in section.figures:
                parts.append(
                    f'<figure id="{escape(fig.id)}">{fig.svg}'
                    f"<figcaption>{escape(fig.title)}</figcaption></figure>"
                )
            parts.append("</div>")
        for table in section.tables:
            parts.append(_table_html(table))
        parts.append("</section>")
    parts.append("</body></html>")
    return "".join(parts)


def stylesheet() -> bytes:
    """The report's style sheet (package data)."""
    return resources.files("clusterplan.report").joinpath(_CSS).read_bytes()


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only the report's own style sheet."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

    class OwnCssOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url != _CSS_URL:
                raise ReportError(code="report.resource_refused", params={"url": url[:200]})
            return URLFetcherResponse(url, body=stylesheet(), headers={"Content-Type": "text/css"})

    return OwnCssOnly(allowed_protocols={"https"})


def pdf_bytes(report: AnnualReport) -> bytes:
    """The report as PDF bytes (WeasyPrint, no network, no browser)."""
    import logging

    from weasyprint import HTML  # type: ignore[import-untyped]

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_html(report)
    data: bytes = HTML(string=html, base_url=_BASE_URL, url_fetcher=_fetcher()).write_pdf()
    return data


def write_pdf(report: AnnualReport, path: Path | str) -> None:
    """Write the report as PDF."""
    Path(path).write_bytes(pdf_bytes(report))


def annex_grids(report: AnnualReport) -> dict[str, list[list[ExportCell]]]:
    """The annex's sheets: a contents sheet, every table of the report, numbered
    (:func:`export_grid`: figures stay numbers, an unknown is a blank cell, as in the
    comparison's rows), and every row of the comparison behind them (:func:`comparison_grid`).

    A sheet's name is cut at 31 characters (the XLSX limit), so each table's sheet starts
    with its number and the contents sheet gives the number's full title and year.
    """
    lang = report.lang
    tables = report.tables()
    contents: list[list[ExportCell]] = [[msg("col.sheet", lang), msg("col.table", lang)]]
    grids: dict[str, list[list[ExportCell]]] = {msg("contents", lang): contents}
    for number, table in enumerate(tables, start=1):
        key = f"{number:02d} {table.title}"
        contents.append([f"{number:02d}", table.title])
        grids[key] = export_grid(table, unknown=None)
    # and every row behind them: each indicator, subject and year (disclosure applied)
    number = len(tables) + 1
    title = msg("annex.rows", lang, year=report.year)
    contents.append([f"{number:02d}", title])
    grids[f"{number:02d} {title}"] = comparison_grid(report.comparison)
    return grids


def xlsx_annex(report: AnnualReport) -> bytes:
    """The XLSX annex: every table of the report as a sheet (formulas neutralised)."""
    return export_tables(annex_grids(report), "xlsx")
