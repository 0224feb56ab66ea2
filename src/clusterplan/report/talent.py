"""Text, JSON and tables of the talent programme: targets, gap before and after measures,
ranking.

:func:`talent_plan_data` is the JSON form; :func:`render_targets` and
:func:`render_measures` the command line's text. :func:`gap_table` and
:func:`measures_table` build the gap and the ranking once as tables
(:mod:`clusterplan.report.table`): the command line, the annual report
(:func:`annual_talent_tables`) and the web's talent page show them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from clusterplan.errors import localise
from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.labels import label as words
from clusterplan.model.talent_plan import BACKCAST, TalentPlan, TargetOdds
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import (
    YEAR,
    format_number,
    format_percent,
    format_value,
    json_number,
    percent,
)
from clusterplan.report.table import (
    Cell,
    Column,
    Row,
    Table,
    banded,
    catalogued,
    figure,
    label,
    render_text,
)
from clusterplan.report.tables import dimension_name


def _cell(value: float | None, width: int = 7) -> str:
    return format_value(json_number(value, 0), "count", current_language()).rjust(width)


def _years(result: TalentPlan) -> list[int]:
    """The target years that are demand years (the base year has no hires)."""
    return [y for y in result.targets.years if y in result.years]


def talent_plan_data(
    result: TalentPlan, odds: TargetOdds | None = None, supply_label: str | None = None
) -> dict[str, Any]:
    """JSON-ready: targets, need, supply, gap before and after measures, measures ranked."""

    def per_level(values: Any) -> dict[str, dict[str, float | None]]:
        return {
            str(y): {lv: json_number(values[k, i]) for k, lv in enumerate(result.levels)}
            for i, y in enumerate(result.years)
        }

    t = result.targets
    return {
        "source": t.source,
        "supply": supply_label,
        "missing": result.missing,
        "levels": list(result.levels),
        "years": result.years,
        "targets": {
            str(y): {
                "derived": {lv: json_number(v) for lv, v in t.derived[y].items()},
                "in_force": {lv: json_number(v) for lv, v in t.in_force[y].items()},
                "adopted": y in t.adopted,
                "set_by": t.adopted.get(y, (None, None))[0],
                "reason": t.adopted.get(y, (None, None))[1],
                "probability": None if odds is None else odds.probability.get(y),
            }
            for y in t.years
        },
        "samples": None if odds is None else odds.samples,
        "need": per_level(result.need),
        "supply_joiners": per_level(result.supply),
        "gap_before": per_level(result.gap_before),
        "gap_after": per_level(result.gap_after),
        "measures": [
            {
                "id": r.measure.id,
                "component": r.measure.component,
                "name": r.measure.name,
                "kind": r.measure.kind,
                "level": r.measure.level,
                "from_year": r.measure.from_year,
                "hires_per_year": json_number(r.measure.hires_per_year),
                "cost_keur_per_year": json_number(r.measure.cost_keur),
                "cost_per_person_eur": json_number(r.measure.cost_per_person_eur, 0),
                "hires_total": json_number(r.hires),
                "gap_closed": json_number(r.closed),
                "gap_closed_per_meur": json_number(r.closed_per_meur),
            }
            for r in result.ranking()
        ],
    }


def path_name(plan: Plan, source: str, lang: str | None = None) -> str:
    """The job path a talent programme's targets are derived from, by its name in ``lang``:
    the back-cast, or a growth dimension."""
    chosen = lang or current_language()
    return _("back-cast", chosen) if source == BACKCAST else dimension_name(plan, source, chosen)


def _header(plan: Plan, result: TalentPlan, supply_label: str | None) -> list[str]:
    path = path_name(plan, result.targets.source)
    lines = [
        _("Talent programme along the {source} job path (supply: {supply})").format(
            source=path, supply=supply_label or _("none")
        )
    ]
    lines += ["  " + _("missing: {item}").format(item=localise(m)) for m in result.missing]
    return lines


def render_targets(
    plan: Plan,
    result: TalentPlan,
    odds: TargetOdds | None = None,
    supply_label: str | None = None,
) -> str:
    """Targets per year and level: derived, in force (adopted or derived), probability
    (:func:`targets_table`)."""
    lines = _header(plan, result, supply_label)
    lines += ["", render_text(targets_table(result, odds, current_language(), plan))]
    if odds is not None:
        lines.append(
            _("Probability that supply plus measures meet the target ({n} samples)").format(
                n=format_number(odds.samples, current_language())
            )
        )
    return "\n".join(lines) + "\n"


def render_measures(
    plan: Plan, result: TalentPlan, supply_label: str | None = None, *, header: bool = True
) -> str:
    """Gap per level before and after measures in the target years (:func:`gap_table`),
    and the ranking (:func:`measures_table`)."""
    lang = current_language()
    lines = _header(plan, result, supply_label) + [""] if header else []
    for level in result.levels:  # a table per level: narrow enough for a terminal
        lines += [render_text(gap_table(result, lang, _years(result), level=level)), ""]
    lines.append(render_text(measures_table(result, lang)))
    if not result.measures:
        lines.append(_("(no measures)"))
    return "\n".join(lines) + "\n"


def render_inflow(rows: list[dict[str, Any]]) -> str:
    """The monitored inflow against the targets in force, one line per year and level."""
    lines = [_("Inflow (monitoring) against the targets in force")]
    for r in rows:
        share = "?" if r["share"] is None else format_percent(r["share"], current_language(), 0)
        lines.append(
            f"{r['year']}  {r['level']:<6}{_cell(r['actual'])} {_('of')}{_cell(r['target'])}  {share}"
        )
    if not rows:
        lines.append(_("(no inflow in the target years)"))
    return "\n".join(lines) + "\n"


# Tables (the report, the command line and the web show the same) ---------------------------


_TEXTS = "talent.annual"
"""Where the talent tables' texts stand in the core's catalogue."""


def _t(key: str, lang: str, **params: object) -> str:
    return msg(f"{_TEXTS}.{key}", lang, **params)


_WORDS = ("level", "adopted", "component", "measure")
"""The talent tables' columns that hold words; the others hold figures."""


def _table(key: str, lang: str, keys: tuple[str, ...], rows: list[Row]) -> Table:
    """The talent table ``key`` (``talent-NAME``) titled by the catalogue's
    ``talent.annual.NAME``, its columns ``keys`` headed by ``talent.annual.KEY``."""
    title = _t(key.removeprefix("talent-"), lang)
    return catalogued(
        key, lang, keys, rows, title=title, headings=_TEXTS, words=_WORDS, units={"year": YEAR}
    )


def _figure(value: float | None, digits: int) -> Cell:
    """A model figure shown with ``digits`` decimals (a whole one as a whole number, so
    an export holds no '.0'); NaN is unknown."""
    number = json_number(value, digits)
    return figure(int(number) if number is not None and not digits else number, "", decimals=digits)


def _target_text(
    derived: float | None, in_force: float | None, chance: float | None, lang: str
) -> str:
    """A target cell: derived / in force, and the probability that supply and measures
    meet it (when known)."""
    text = " / ".join(
        format_value(json_number(v, 0), "", lang, decimals=0) for v in (derived, in_force)
    )
    if chance is None:
        return text
    return f"{text} ({format_percent(chance, lang, 0)})"


def _why(
    who: tuple[str | None, str | None] | None, source: str | None, plan: Plan | None, lang: str
) -> str:
    """The 'why' of a target in force: its own reason, else, adopted as derived, the path."""
    if who is None:
        return ""
    if who[1]:
        return who[1]
    return adoption_reason(plan, source, lang) if plan is not None and source else ""


def adoption_reason(plan: Plan, source: str, lang: str) -> str:
    """Why a target adopted as derived (without a reason of its own) is in force, in
    ``lang``: the job path it was derived from, by its name."""
    return _("Adopted as derived from the {path} job path.", lang).format(
        path=path_name(plan, source, lang)
    )


def targets_table(
    result: TalentPlan, odds: TargetOdds | None, lang: str, plan: Plan | None = None
) -> Table:
    """Per target year: the hires per level derived from the job path / in force, with the
    probability that supply and measures meet them (with ``odds``), who set the target and
    why ('?': unknown; a target adopted as derived without a reason of its own: the job
    path it was derived from, named in ``plan``, :func:`adoption_reason`)."""
    t = result.targets
    levels = [Column(lv, words("education.level", lv, lang), "label") for lv in result.levels]
    rows = []
    for y in t.years:
        chances = (odds.probability.get(y) or {}) if odds is not None else {}
        who = t.adopted.get(y)
        cells = [
            label(str(y)),
            *(
                label(_target_text(t.derived[y][lv], t.in_force[y][lv], chances.get(lv), lang))
                for lv in result.levels
            ),
            label((who[0] or "?") if who else _t("not_adopted", lang)),
            label(_why(who, t.adopted_from.get(y), plan, lang)),
        ]
        rows.append(Row(str(y), tuple(cells)))
    return catalogued(
        "talent-targets-in-force",
        lang,
        ("year", *levels, "set_by", "why"),
        rows,
        title=_t("targets_in_force", lang),
        headings=_TEXTS,
        words=("year", "set_by", "why"),
    )


def gap_table(
    result: TalentPlan, lang: str, years: Iterable[int] | None = None, *, level: str | None = None
) -> Table:
    """The gap before and after the measures in ``years`` (every year of the result unless
    told; a year it lacks is left out), '?' where unknown, for every level or only
    ``level`` (a table narrow enough for a terminal)."""
    levels = [(k, lv) for k, lv in enumerate(result.levels) if level in (None, lv)]
    heads: list[str | Column] = ["year"]
    for _k, lv in levels:
        name = words("education.level", lv, lang)
        heads += [  # the level a band over its gap before and after
            banded(f"{when}:{lv}", name, _t(f"gap_{when}", lang), "other", "", lang)
            for when in ("before", "after")
        ]
    rows = []
    for y in result.years if years is None else [y for y in years if y in result.years]:
        i = result.years.index(y)
        cells = [figure(y, YEAR)]
        for k, _lv in levels:
            cells += [_figure(result.gap_before[k, i], 0), _figure(result.gap_after[k, i], 0)]
        rows.append(Row(str(y), tuple(cells)))
    key, title = "talent-gap", _t("gap", lang)
    if level is not None:
        key += f"-{level}"
        title = _t("gap_level", lang, level=words("education.level", level, lang))
    return catalogued(key, lang, heads, rows, title=title, headings=_TEXTS, units={"year": YEAR})


def measures_table(result: TalentPlan, lang: str) -> Table:
    """The measures ranked by gap closed per million euro (best first): component, name,
    level, hires per year, cost per person, gap closed."""
    rows = [
        Row(
            r.measure.id,
            (
                label(r.measure.component),
                label(r.measure.name),
                label(words("education.level", r.measure.level, lang)),
                _figure(r.measure.hires_per_year, 1),
                _figure(r.measure.cost_per_person_eur, 0),
                _figure(r.closed, 0),
                _figure(r.closed_per_meur, 1),
            ),
        )
        for r in result.ranking()
    ]
    keys = ("component", "measure", "level", "hires", "per_person", "closed", "per_meur")
    return _table("talent-measures", lang, keys, rows)


def annual_talent_tables(
    result: TalentPlan,
    year: int,
    lang: str = "nl",
    inflow: Mapping[int, Mapping[str, float | None]] | None = None,
    odds: TargetOdds | None = None,
) -> list[Table]:
    """The talent section of the annual report of ``year``: the targets (adopted or derived)
    against the actual inflow from the monitoring store (indicator ``inflow`` per level),
    the gap before and after measures up to ``year`` and in the target years
    (:func:`gap_table`), and the measures ranked (:func:`measures_table`). Unknown figures
    (no inflow yet, no odds) are unknown cells; with ``odds`` the targets' table says how
    many samples the probability comes from, as ``clusterplan talent --targets`` does, and
    a target whose inflow is measured has no probability (the supply model's odds beside a
    measured share would say 0% of a target met), which a note says."""
    t = result.targets
    inflow = inflow or {}
    target_rows = []
    measured = False
    for y in t.years:
        for level in result.levels:
            target = t.in_force[y].get(level)
            actual = (inflow.get(y) or {}).get(level) if y <= year else None
            share = None if actual is None or not target else actual / target
            chance = None if odds is None else odds.probability.get(y, {}).get(level)
            if actual is not None and odds is not None:
                # measured: the share says whether the target was met; the supply
                # model's odds (0% beside a target met) would contradict it
                odds_cell = label("")
                measured = True
            else:
                odds_cell = figure(None if chance is None else percent(chance, 0), "", decimals=0)
            cells = (
                figure(y, YEAR),
                label(words("education.level", level, lang)),
                figure(json_number(target, 0), "", decimals=0),
                label(_t("yes" if y in t.adopted else "no", lang)),
                figure(actual, "", decimals=0),
                figure(None if share is None else percent(share, 0), "", decimals=0),
                odds_cell,
            )
            target_rows.append(Row(f"{y}:{level}", cells))
    gap_years = sorted({*(y for y in result.years if y <= year), *_years(result)})
    targets = _table(
        "talent-targets",
        lang,
        ("year", "level", "target", "adopted", "actual", "share", "probability"),
        target_rows,
    )
    if odds is not None:
        said = _("Probability that supply plus measures meet the target ({n} samples)", lang)
        samples = format_number(odds.samples, lang)  # '20.000', as every count of samples
        notes = (said.format(n=samples), *([_t("measured", lang)] if measured else []))
        targets = replace(targets, notes=(*targets.notes, *notes))
    return [
        targets,
        gap_table(result, lang, gap_years),
        measures_table(result, lang),
    ]
