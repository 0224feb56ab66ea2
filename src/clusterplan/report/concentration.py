"""The concentration analysis's tables, built once in a language.

:func:`pillar_table` is the largest organisation per pillar and its share of the pillar's
jobs; :func:`single_points_table` the segments, technologies, markets and pillars that
only one organisation carries; :func:`departure_table` the jobs per year with and without
an organisation that leaves. Every name is the plan's (items of its taxonomy, growth
dimensions) or the registry's (organisations), in the table's language. The command line
(``clusterplan ecosystem concentration``) and the web's concentration page show these
same tables; who may see which of them is the caller's rule (a pillar's largest
organisation's jobs are its confidential figure).
"""

from __future__ import annotations

from clusterplan.ecosystem.concentration import ConcentrationReport, PillarConcentration
from clusterplan.ecosystem.growth_link import DepartureEffect
from clusterplan.ecosystem.registry import Registry
from clusterplan.i18n import gettext
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import YEAR, format_year
from clusterplan.report.table import (
    NOISE_DIGITS,
    Cell,
    Column,
    Row,
    Table,
    catalogued,
    difference,
    figure,
    label,
)
from clusterplan.report.tables import JOBS, PERCENT, dimension_name, taxonomy_names

PILLAR_KEYS = (
    "pillar",
    "organisations",
    "jobs_unknown",
    "largest",
    "largest_jobs",
    "share_of_registry",
    "base_jobs",
    "share_of_base",
)
"""The columns of :func:`pillar_table`."""


def dimension_word(dimension: str, lang: str) -> str:
    """The word for one item of a dimension of the taxonomy (``pillars``: 'Pillar')."""
    return msg(f"concentration.dimension.{dimension}", lang)


ITEM_WORDS = {
    "pillars": "pillar",
    "segments": "segment",
    "technologies": "technology",
    "markets": "market",
}
"""One item of each list of the taxonomy, in a line of items (the catalogue translates
the word: 'market Automotive')."""


def uncovered_text(plan: Plan, report: ConcentrationReport, lang: str) -> str | None:
    """The taxonomy's items that no organisation carries (in the region, when only the
    region's organisations count), in one line in ``lang``; None when every item is
    carried. The command line prints it and the web shows it under the single points."""
    if not report.uncovered:
        return None
    names = {kind: taxonomy_names(plan, kind, lang) for kind in ITEM_WORDS}
    items = ", ".join(
        f"{gettext(ITEM_WORDS[kind], lang)} {names[kind].get(item, item)}"
        for kind, item in report.uncovered
    )
    line = (
        "Not covered by any organisation in the region: {items}"
        if report.region_only
        else "Not covered by any organisation: {items}"
    )
    return gettext(line, lang).format(items=items)


def empty_registry_text(registry: Registry, lang: str) -> str | None:
    """Why there is no concentration to show, in one line in ``lang``: the register holds
    no organisation (how to fill it: an import, or the plan's organisations file); None
    when it holds one. The command line prints it instead of its tables and the web page
    instead of its tables and its departure form."""
    if registry.ids:
        return None
    return msg("concentration.empty", lang, where=parts.PARTS["organisations"].where)


def unknown_jobs_text(effect: DepartureEffect, registry: Registry, lang: str) -> str | None:
    """Why a departure changes nothing, in one line in ``lang``: the organisation's jobs
    are unknown (None when they are known)."""
    if effect.jobs_known:
        return None
    found = registry.by_id.get(effect.organisation_id)
    name = effect.organisation_id if found is None else found.name
    return gettext(
        "If {leave} leaves: its jobs are unknown, so the growth engine shows no change.", lang
    ).format(leave=name)


def _organisation(registry: Registry, organisation_id: str | None) -> Cell:
    """An organisation by its name in the registry (unknown without one)."""
    if organisation_id is None:
        return figure(None, "")
    found = registry.by_id.get(organisation_id)
    return label(organisation_id if found is None else found.name)


def _share(share: float | None) -> Cell:
    """A share (0.25) as a computed percentage (25,0)."""
    return figure(None if share is None else 100 * share, PERCENT, printed=False)


def _pillar_row(row: PillarConcentration, name: str, registry: Registry) -> Row:
    return Row(
        row.pillar,
        (
            label(name),
            figure(row.organisations, "", printed=False),
            figure(row.organisations_jobs_unknown, "", printed=False),
            _organisation(registry, row.largest),
            figure(row.largest_jobs, JOBS, printed=False),
            _share(row.share_of_registry),
            figure(row.base_jobs, JOBS),
            _share(row.share_of_base),
        ),
    )


def pillar_table(plan: Plan, report: ConcentrationReport, registry: Registry, lang: str) -> Table:
    """Per pillar: its organisations, how many of them have unknown jobs, the largest by
    its jobs in the pillar and their share of the jobs known in the registry and of the
    plan's base-year jobs (printed in the plan); a note says how jobs are split."""
    names = taxonomy_names(plan, "pillars", lang)
    rows = [_pillar_row(p, names.get(p.pillar, p.pillar), registry) for p in report.pillars]
    return catalogued(
        "pillar-concentration",
        lang,
        PILLAR_KEYS,
        rows,
        texts="concentration.pillars",
        words=("pillar", "largest"),
        units={
            "largest_jobs": JOBS,
            "share_of_registry": PERCENT,
            "base_jobs": JOBS,
            "share_of_base": PERCENT,
        },
        notes=(msg("concentration.pillars.note", lang),),
    )


def single_points_table(
    plan: Plan, report: ConcentrationReport, registry: Registry, lang: str
) -> Table:
    """The items of the taxonomy carried by exactly one organisation: the kind of item
    (:func:`dimension_word`), its name and the organisation."""
    names = {s.dimension: taxonomy_names(plan, s.dimension, lang) for s in report.single_points}
    rows = [
        Row(
            f"{s.dimension}:{s.item}",
            (
                label(dimension_word(s.dimension, lang)),
                label(names[s.dimension].get(s.item, s.item)),
                _organisation(registry, s.organisation_id),
            ),
        )
        for s in report.single_points
    ]
    return catalogued(
        "single-points",
        lang,
        ("kind", "item", "organisation"),
        rows,
        texts="concentration.single_points",
        words=("kind", "item", "organisation"),
    )


def _jobs(value: float) -> Cell:
    """Jobs of the growth model, without its float noise."""
    return figure(round(float(value), NOISE_DIGITS), JOBS, printed=False)


def departure_table(plan: Plan, effect: DepartureEffect, registry: Registry, lang: str) -> Table:
    """Total jobs per year of the growth dimension with the organisation, without it (from
    the year it leaves) and the difference; a note names the organisation and the year."""
    rows = []
    for t, year in enumerate(effect.before.years):
        before, after = _jobs(effect.before.total[t]), _jobs(effect.after.total[t])
        rows.append(
            Row(str(year), (figure(year, YEAR), before, after, difference(after, before, JOBS)))
        )
    heads = (
        Column("year", msg("col.year", lang), "other", YEAR),
        "with",
        "without",
        Column("difference", msg("table.col.difference", lang), "other", JOBS),
    )
    organisation = _organisation(registry, effect.organisation_id).shown(lang)
    note = msg(
        "concentration.departure.note",
        lang,
        organisation=organisation,
        year=format_year(effect.from_year),
    )
    return catalogued(
        "departure",
        lang,
        heads,
        rows,
        texts="concentration.departure",
        unit=JOBS,
        notes=(note,),
        dimension=dimension_name(plan, effect.dimension, lang),
    )
