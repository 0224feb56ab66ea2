"""Space and talent results as JSON-ready data and as readable text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, get_args

import numpy as np

from clusterplan.i18n import current_language
from clusterplan.i18n import gettext as _
from clusterplan.labels import label as words
from clusterplan.model.demand import SpaceCalibration, figure_end_year
from clusterplan.model.demand_data import DemandDataError
from clusterplan.model.space import SpaceBandOf, SpaceBands, SpaceResult, year_or_none
from clusterplan.model.talent import TalentBandOf, TalentBands, TalentResult, talent_section
from clusterplan.model.uncertainty import BAND_ENDS
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import format_number, format_percent, json_number, unit_decimals
from clusterplan.report.table import Cell, Column, Row, Table, banded, label, render_text
from clusterplan.report.tables import PERCENT, dimension_name

if TYPE_CHECKING:
    from clusterplan.app.demand import DemandOutcome


def _by_year(years: Sequence[int], values: Any, digits: int = 1) -> dict[str, float | None]:
    return {
        str(y): json_number(v, digits)
        for y, v in zip(years, np.asarray(values).tolist(), strict=True)
    }


def space_milestones(plan: Plan) -> tuple[int, ...]:
    """Years to sum the space demand up to: the plan's target year and its figure's year.

    The figure's year is left out when the plan has no space part or the figure's period
    names no end year (the calibration says so; a table of sums does not need it).
    """
    if plan.space is None:
        return (plan.employment.target_year,)
    try:
        return (plan.employment.target_year, figure_end_year(plan.space.demand))
    except DemandDataError:
        return (plan.employment.target_year,)


def space_data(
    result: SpaceResult, scenario: str, lang: str, milestones: Sequence[int] = ()
) -> dict[str, Any]:
    """The space balance of one scenario (single trajectory) as JSON-ready data, its
    ``notes`` in ``lang``.

    ``shortfall_m2`` is cumulative: demand so far that the supply so far does not meet;
    ``cumulative_to`` sums the demand up to each of ``milestones`` within the years.
    """
    years = result.years
    cumulative = result.cumulative_demand_m2
    summed = {
        str(y): {
            "total_m2": json_number(float(result.cumulative_to(y).sum())),
            **{
                f: json_number(float(v))
                for f, v in zip(result.functions, result.cumulative_to(y), strict=True)
            },
        }
        for y in milestones
        if y in years
    }
    return {
        "scenario": scenario,
        "years": years,
        "functions": list(result.functions),
        "demand_m2": _by_year(years, result.total_demand_m2),
        "supply_m2": _by_year(years, result.total_supply_m2),
        "shortfall_m2": _by_year(years, result.total_shortfall_m2),
        "cumulative_demand_m2": _by_year(years, result.total_demand_so_far_m2),
        "cumulative_supply_m2": _by_year(years, result.total_supply_so_far_m2),
        "expansion_m2": _by_year(years, result.expansion_m2.sum(axis=0)),
        "replacement_m2": _by_year(years, result.replacement_m2.sum(axis=0)),
        "flexible_supply_m2": _by_year(years, result.flexible_supply_m2),
        "by_function": {
            f: {
                "demand_m2": _by_year(years, result.demand_m2[i]),
                "supply_m2": _by_year(years, result.supply_m2[i]),
                "shortfall_m2": _by_year(years, result.shortfall_m2[i]),
                "cumulative_demand_m2": _by_year(years, cumulative[i]),
            }
            for i, f in enumerate(result.functions)
        },
        "cumulative_to": summed,
        "first_shortfall_year": year_or_none(result.first_shortfall_year()),
        "plots_run_out_year": year_or_none(result.plots_run_out_year()),
        "supply": [
            {
                "id": line.id,
                "name": line.name,
                "floor_area_m2": line.floor_area_m2,
                "available_from": line.available_from,
                "available_from_source": line.year_from,
                "function": line.function or "any",
            }
            for line in result.supply_lines
        ],
        "realised_before_m2": result.realised_before_m2,
        "notes": [
            _(
                "Campus demand: jobs x m² per job by pillar and function x campus share, "
                "less absorption in existing buildings, plus replacement "
                "(assumptions/space.yaml).",
                lang,
            ),
            _("shortfall_m2 is cumulative: demand so far not met by supply so far.", lang),
            _("The base year's jobs are housed; demand starts the year after.", lang),
        ],
    }


def _labelled(years: Sequence[int], rows: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Each percentile's row (by its label) per year."""
    return {label: _by_year(years, row) for label, row in rows.items()}


VARIES: dict[str, dict[str, str]] = {
    "space": {
        "both": "growth assumptions (job paths) and space parameters",
        "growth": "growth assumptions (job paths)",
        "parameters": "space parameters (m² per job by function, replacement rate)",
    },
    "talent": {
        "both": "growth assumptions (job paths) and retirement and turnover rates",
        "growth": "growth assumptions (job paths)",
        "parameters": "retirement and turnover rates",
    },
}
"""What an ensemble varies, in words, by model and ``--vary``."""


def space_ensemble_data(outcome: DemandOutcome, lang: str) -> dict[str, Any]:
    """An ensemble's shortfall probability and the bands of the yearly demand, the demand
    so far and the shortfall so far per year (an outcome with samples and space); what it
    varies in ``lang``."""
    space, bands = outcome.space, outcome.space_bands
    if space is None or bands is None or outcome.shortfall_probability is None:
        raise ValueError("the demand outcome has no space ensemble")
    years = space.years
    return {
        **_ensemble_head(outcome, "space", lang),
        "shortfall_probability": _by_year(years, outcome.shortfall_probability, digits=4),
        "demand_m2": _labelled(years, bands.by_label("demand")),
        "cumulative_demand_m2": _labelled(years, bands.by_label("demand_so_far")),
        "shortfall_m2": _labelled(years, bands.by_label("shortfall_so_far")),
    }


def talent_ensemble_data(outcome: DemandOutcome, lang: str) -> dict[str, Any]:
    """An ensemble's need and gap bands per level and year (an outcome with samples and
    talent); what it varies in ``lang``."""
    talent, bands = outcome.talent, outcome.talent_bands
    if talent is None or bands is None:
        raise ValueError("the demand outcome has no talent ensemble")
    return {
        **_ensemble_head(outcome, "talent", lang),
        **{
            of: {lv: _labelled(talent.years, bands.by_label(of, lv)) for lv in talent.levels}
            for of in get_args(TalentBandOf)
        },
    }


def demand_ensemble_data(outcome: DemandOutcome, lang: str) -> dict[str, Any] | None:
    """The ensemble of a demand outcome: its space part as :func:`space_ensemble_data`,
    its talent part as :func:`talent_ensemble_data`, each None when the outcome has not
    that model (the plan has not its part); None when the outcome has no ensemble."""
    if not outcome.samples:
        return None
    return {
        "space": None if outcome.space_bands is None else space_ensemble_data(outcome, lang),
        "talent": None if outcome.talent_bands is None else talent_ensemble_data(outcome, lang),
    }


def _ensemble_head(outcome: DemandOutcome, model: str, lang: str) -> dict[str, Any]:
    """What every ensemble's data starts with: its size, seed and what it varies (in
    ``lang``, the words of the note under its table)."""
    vary = outcome.vary or ""
    return {
        "samples": outcome.samples,
        "seed": outcome.seed,
        "vary": vary,
        "varies": _(VARIES[model][vary], lang),
    }


def _ensemble_note(outcome: DemandOutcome, model: str, text: str) -> str:
    """The line under a table with an ensemble's bands: ``text`` (with ``{low}``,
    ``{high}``, ``{n}`` and ``{varies}``) filled in from the outcome."""
    return text.format(
        low=BAND_ENDS[0],
        high=BAND_ENDS[1],
        n=format_number(outcome.samples, current_language()),
        varies=_(VARIES[model][outcome.vary or ""]),
    )


def calibration_data(c: SpaceCalibration) -> dict[str, Any]:
    """The calibration check as JSON-ready data."""
    return {
        "scenario": c.scenario,
        "years": f"{c.first_year}-{c.until}",
        "modelled_m2": json_number(c.modelled_m2),
        "realised_before_m2": json_number(c.realised_m2),
        "comparable_m2": json_number(c.comparable_m2),
        "plan_m2": json_number(c.plan_m2),
        "residual": round(c.residual, 4),
        "band": c.band,
        "within_band": c.within_band,
        "office_m2": json_number(c.office_m2),
        "office_plan_m2": [c.office_plan_low_m2, c.office_plan_high_m2],
        "note": (
            f"comparable = model demand {c.first_year}-{c.until} + realised "
            f"{c.realised_period or 'before'}; "
            f"demand in the years between (before {c.first_year}) is not modelled, so the "
            "comparable figure is a lower bound"
        ),
    }


def render_calibration(plan: Plan, c: SpaceCalibration) -> str:
    """The calibration check as text (in the language of this run; the scenario by its
    name)."""

    def row(label: str, value: float) -> str:
        return f"  {label:<29}{format_number(round(value), current_language()):>10} m²"

    verdict = _("within") if c.within_band else _("OUTSIDE")
    lang = current_language()
    return "\n".join(
        [
            _(
                "Space calibration: {scenario} scenario extended to {until}, default assumptions"
            ).format(scenario=dimension_name(plan, c.scenario, lang), until=c.until),
            row(
                _("model demand {first}-{until}:").format(first=c.first_year, until=c.until),
                c.modelled_m2,
            ),
            row(_("+ realised {period}:").format(period=c.realised_period), c.realised_m2),
            row(_("= comparable figure:"), c.comparable_m2),
            row(_("plan figure to {until}:").format(until=c.until), c.plan_m2),
            "  "
            + _("residual: {residual} ({verdict} the {band} band)").format(
                residual=("+" if c.residual >= 0 else "") + format_percent(c.residual, lang),
                verdict=verdict,
                band=format_percent(c.band, lang),
            ),
            "  "
            + _("office demand {office} m² against the plan's {low}-{high} m²").format(
                office=format_number(round(c.office_m2), lang),
                low=format_number(c.office_plan_low_m2, lang),
                high=format_number(c.office_plan_high_m2, lang),
            ),
            "  "
            + _(
                "(demand before {first} is not modelled: the comparable figure is a lower bound)"
            ).format(first=c.first_year),
        ]
    )


def first_shortfall(result: SpaceResult, lang: str | None = None) -> tuple[str, str]:
    """The first year with a space shortfall, as a label and its year in ``lang`` ("none"
    when there is none); the command line prints it and the space page shows it."""
    year = year_or_none(result.first_shortfall_year())
    return _("First year with a space shortfall", lang), _("none", lang) if year is None else str(
        year
    )


def plots_used_up(result: SpaceResult, lang: str | None = None) -> tuple[str, str]:
    """When the demand so far exceeds every plot, as a label and its year in ``lang``
    ("not by" the last year when it never does); the command line prints it and the space
    page shows it."""
    year = year_or_none(result.plots_run_out_year())
    when = str(year) if year is not None else _("not by {year}", lang).format(year=result.years[-1])
    return _("Plots used up (demand so far above all plots)", lang), when


def render_space(plan: Plan, outcome: DemandOutcome, milestones: Sequence[int] = ()) -> str:
    """The space balance of a demand outcome as a text table (in the language of this run;
    the scenario and the functions by their names); with an ensemble the table has its
    bands and probability of a shortfall, as the web's has."""
    lang = current_language()
    result, scenario = outcome.space, outcome.dimension
    if result is None:
        raise ValueError("the demand outcome has no space balance")

    def n(value: float) -> str:
        return format_number(round(value), lang)

    data = space_data(result, scenario, lang, milestones)
    lines = [
        _("Space in the plan's area, scenario {scenario} (m² floor area)").format(
            scenario=dimension_name(plan, scenario, lang)
        )
    ]
    table = space_year_table(
        result,
        lang,
        probability=outcome.shortfall_probability,
        samples=outcome.samples,
        bands=outcome.space_bands,
    )
    lines.append(render_text(table))
    if outcome.space_bands is not None:
        lines.append(
            _ensemble_note(
                outcome,
                "space",
                _(
                    "Bands ({low}-{high}) and the probability of a shortfall: "
                    "ensemble of {n} sampled {varies}."
                ),
            )
        )
    for year, parts in data["cumulative_to"].items():
        by_f = ", ".join(
            f"{words('space.function', f, lang)} {n(parts[f])}" for f in data["functions"]
        )
        lines.append(
            _("Demand {first}-{year}: {total} m² ({by_function})").format(
                first=data["years"][0], year=year, total=n(parts["total_m2"]), by_function=by_f
            )
        )
    for heading, when in (first_shortfall(result, lang), plots_used_up(result, lang)):
        lines.append(f"{heading}: {when}")
    for line in data["supply"]:
        source = _("plan") if line["available_from_source"] == "plan" else _("assumed")
        lines.append(
            "  "
            + _("supply {name}: {area} m² from {year} ({source}), function {function}").format(
                name=line["name"],
                area=n(line["floor_area_m2"]),
                year=line["available_from"],
                source=source,
                function=_("any")
                if line["function"] == "any"
                else words("space.function", line["function"], lang),
            )
        )
    return "\n".join(lines) + "\n"


def supply_source(label: str | None, lang: str | None = None) -> str:
    """Where the talent balance's supply comes from, in ``lang``: the education supply
    file's ``label``, or without one the programmes of the plan's talent part.
    ``clusterplan talent`` prints it and the API's demand gives it."""
    return label or _("the programmes in talent.yaml (graduates x join share, constant)", lang)


def talent_data(plan: Plan, result: TalentResult, scenario: str, lang: str) -> dict[str, Any]:
    """The talent balance of one scenario (single trajectory) as JSON-ready data, its
    ``notes`` in ``lang``."""
    years = result.years

    def per_level(values: Any) -> dict[str, dict[str, float | None]]:
        return {lv: _by_year(years, values[i]) for i, lv in enumerate(result.levels)}

    highlight: dict[str, Any] = {}
    for year in result.highlight_years:
        at = result.at(year)
        if at is None:
            highlight[str(year)] = None
            continue
        highlight[str(year)] = {
            lv: {k: json_number(float(v[i])) for k, v in at.items()}
            for i, lv in enumerate(result.levels)
        }
    return {
        "scenario": scenario,
        "years": years,
        "levels": list(result.levels),
        "need": per_level(result.need),
        "supply": per_level(result.supply),
        "gap": per_level(result.gap),
        "expansion": per_level(result.expansion),
        "replacement": per_level(result.replacement),
        "interim_years": list(talent_section(plan).interim_years),
        "goal_year": talent_section(plan).goal_year,
        "highlight": highlight,
        "programmes": [
            {
                "id": p.id,
                "name": p.name,
                "level": p.level,
                "route": p.route,
                "graduates_per_year": p.graduates_per_year,
                "graduates_source": p.graduates_from,
                "join_share": p.join_share,
                "join_share_source": p.join_share_from,
            }
            for p in result.programmes
        ],
        "notes": [
            _(
                "need = hires per year: new jobs plus retirement and turnover "
                "(assumptions/talent.yaml).",
                lang,
            ),
            _(
                "supply = graduates x share joining the cluster, plus LLO routes; null = unknown.",
                lang,
            ),
            _("gap = need - supply: hires the region's programmes do not deliver.", lang),
            _(
                "{year} is the base year: its hires need the jobs of the year before, "
                "which the plan does not give, so it has no figures (null in highlight).",
                lang,
            ).format(year=years[0] - 1),
        ],
    }


def render_talent(plan: Plan, outcome: DemandOutcome) -> str:
    """The talent balance of a demand outcome as a text table per level (milestone years
    marked *); with an ensemble the tables have the band of the hires needed, as the web's
    has."""
    result, scenario, bands = outcome.talent, outcome.dimension, outcome.talent_bands
    if result is None:
        raise ValueError("the demand outcome has no talent balance")
    lang = current_language()
    data = talent_data(plan, result, scenario, lang)
    title = _("Talent: hires per year by level, scenario {scenario}").format(
        scenario=dimension_name(plan, scenario, lang)
    )
    lines = [title]
    for level in result.levels:  # a table per level: narrow enough for a terminal
        table = talent_year_table(result, lang, mark_milestones=True, level=level, bands=bands)
        lines += ["", render_text(table)]
    missing = [y for y, v in data["highlight"].items() if v is None]
    if missing:
        lines.append(
            "* "
            + _("milestone years without figures: {years} (base year)").format(
                years=", ".join(missing)
            )
        )
    lines.append("? = " + _("unknown (no programme or no figure for the level)"))
    if bands is not None:
        text = _("Bands ({low}-{high}) of the hires needed: ensemble of {n} sampled {varies}.")
        lines.append(_ensemble_note(outcome, "talent", text))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- tables

M2 = "m2"
"""The unit of floor area."""

PEOPLE = "people"
"""The unit of hires."""


def _known(value: Any, unit: str) -> Cell:
    """A computed figure, rounded to what its unit shows (a model's m2 and hires are whole:
    an export keeps no digits the model cannot give); NaN is unknown."""
    number = float(value)
    if math.isnan(number):
        return Cell(value=None, unit=unit, computed=True)
    digits = unit_decimals(unit)
    shown = round(number, digits) if digits else int(round(number))
    return Cell(value=shown, unit=unit, computed=True)


def _year_column(lang: str) -> Column:
    return Column("year", msg("col.year", lang), "label")


SPACE_TABLE_BANDS: tuple[SpaceBandOf, ...] = ("demand_so_far", "shortfall_so_far")
"""The bands the space table shows beside their columns (the yearly demand's band is in the
data only: the table stays narrow enough to read)."""


def space_year_table(
    result: SpaceResult,
    lang: str,
    *,
    probability: Any = None,
    samples: int | None = None,
    bands: SpaceBands | None = None,
) -> Table:
    """Space per year: demand and new supply in the year, and under 'so far' the demand,
    supply and shortfall up to it; with ``bands`` (of an ensemble) the band's low and high
    end beside the demand and the shortfall so far, and with ``probability`` (per year, of
    ``samples`` draws) the chance of a shortfall in %. Each figure stands under its band
    (the year's, or so far) as the talent table's under its level."""
    demand = result.total_demand_m2
    supply = result.total_supply_m2
    spread: dict[str, tuple[Any, ...]] = {}
    if bands is not None:
        spread = {of: bands.ends(of) for of in SPACE_TABLE_BANDS}
    figures: list[tuple[Column, Any]] = []
    for over, key, short, values in (
        ("year", "demand", "demand", demand),
        ("year", "new_supply", "new_supply", supply),
        ("so_far", "demand_so_far", "demand", np.cumsum(demand)),
        ("so_far", "supply_so_far", "supply", np.cumsum(supply)),
        ("so_far", "shortfall_so_far", "shortfall", result.total_shortfall_m2),
    ):
        band = msg(f"space.band.{over}", lang)
        heading = msg(f"space.col.band.{short}", lang)
        figures.append((banded(key, band, heading, "other", M2, lang), values))
        for percentile, end in zip(BAND_ENDS, spread.get(key, ()), strict=False):
            # headed by its percentile alone, beside the figure it is the band of (a note
            # says so), as in the talent table
            text = msg("col.band_end", lang, column=heading, percentile=percentile)
            column = banded(f"{key}_{percentile}", band, percentile, "other", M2, lang, named=text)
            figures.append((column, end))
    if probability is not None:
        heading = msg("space.col.probability", lang, n=format_number(samples or 0, lang))
        percent = [100 * float(p) for p in probability]
        figures.append((Column("probability", heading, "other", PERCENT), percent))
    columns = (_year_column(lang), *(column for column, _values in figures))
    rows = tuple(
        Row(str(year), (label(str(year)), *(_known(v[i], c.unit) for c, v in figures)))
        for i, year in enumerate(result.years)
    )
    notes: tuple[str, ...] = ()
    if spread:
        low, high = BAND_ENDS
        notes = (msg("space.note.band_ends", lang, low=low, high=high),)
    title = msg("space.table.year", lang)
    return Table("space-per-year", title, title, lang, columns, rows, unit=M2, notes=notes)


def space_function_table(result: SpaceResult, lang: str) -> Table:
    """Per function over the whole period: demand, dedicated supply and the shortfall at
    the end; then the supply usable for any function."""
    columns = (
        Column("function", msg("space.col.function", lang), "label"),
        Column("demand", msg("space.col.demand", lang), "other", M2),
        Column("supply", msg("space.col.supply", lang), "other", M2),
        Column("shortfall_end", msg("space.col.shortfall_end", lang), "other", M2),
    )
    rows = [
        Row(
            function,
            (
                label(words("space.function", function, lang)),
                _known(result.demand_m2[f].sum(), M2),
                _known(result.supply_m2[f].sum(), M2),
                _known(result.shortfall_m2[f, -1], M2),
            ),
        )
        for f, function in enumerate(result.functions)
    ]
    rows.append(
        Row(
            "any",
            (
                label(msg("space.row.any_function", lang)),
                label(""),
                _known(result.flexible_supply_m2.sum(), M2),
                label(""),
            ),
        )
    )
    title = msg("space.table.function", lang, first=result.years[0], last=result.years[-1])
    return Table("space-per-function", title, title, lang, columns, tuple(rows), unit=M2)


def talent_year_table(
    result: TalentResult,
    lang: str,
    *,
    mark_milestones: bool = False,
    level: str | None = None,
    bands: TalentBands | None = None,
) -> Table:
    """Hires needed, supply and gap per education level and year ('?' where unknown), for
    every level or only ``level``; with ``bands`` (of an ensemble) the band's low and high
    end beside the hires needed; ``mark_milestones`` puts a '*' after the plan's
    milestone years (with a note)."""
    columns = [_year_column(lang)]
    figures: list[Any] = []
    levels = [(k, lv) for k, lv in enumerate(result.levels) if level in (None, lv)]
    for k, lv in levels:
        name = words("education.level", lv, lang)  # the band over the level's columns
        need = msg("talent.col.need", lang)
        columns.append(banded(f"need:{lv}", name, need, "other", PEOPLE, lang))
        figures.append(result.need[k])
        for percentile, end in zip(
            BAND_ENDS, () if bands is None else bands.ends("need", lv), strict=False
        ):
            # headed by its percentile alone, beside the need it is the band of (the note
            # says so): five columns a level fit a page as 'behoefte p5' did not
            text = msg("col.band_end", lang, column=need, percentile=percentile)
            columns.append(
                banded(
                    f"need_{percentile}:{lv}", name, percentile, "other", PEOPLE, lang, named=text
                )
            )
            figures.append(end)
        columns += [
            banded(f"{of}:{lv}", name, msg(f"talent.col.{of}", lang), "other", PEOPLE, lang)
            for of in ("supply", "gap")
        ]
        figures += [result.supply[k], result.gap[k]]
    marked = set(result.highlight_years) if mark_milestones else set()
    rows = []
    for i, year in enumerate(result.years):
        cells = [label(f"{year}*" if year in marked else str(year))]
        cells += [_known(values[i], PEOPLE) for values in figures]
        rows.append(Row(str(year), tuple(cells)))
    notes: list[str] = [msg("talent.note.marked", lang)] if marked else []
    if bands is not None:
        low, high = BAND_ENDS
        notes.append(msg("talent.note.band_ends", lang, low=low, high=high, need=need))
    key = "talent-per-year" if level is None else f"talent-per-year-{level}"
    title = msg("talent.table.year", lang)
    if level is not None:
        title = msg("talent.table.level", lang, level=words("education.level", level, lang))
    return Table(key, title, title, lang, tuple(columns), tuple(rows), PEOPLE, notes=tuple(notes))
