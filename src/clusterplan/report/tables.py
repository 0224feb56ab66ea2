"""The plan's own tables (project costs, organisation costs, jobs per pillar and growth
dimension), built once as :class:`clusterplan.report.table.Table` for every interface.

The command line (``clusterplan tables``, ``overview``) and the web pages render the same
objects, so they show the same figures and the same totals. Totals follow one rule
(:func:`clusterplan.report.table.total`): computed from the rows, the plan's printed
total kept beside it and named in a note where the two differ. Table names come from the
plan: the part that the ``source`` of every row of a table shares (e.g. the plan's own
table number), else a short generic name. Funding sources and growth dimensions are
whatever the plan has.

``tables_data`` gives the plan's figures as one JSON-able object.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from clusterplan.i18n import GROUPED_FROM, gettext, unit_words
from clusterplan.labels import label as words
from clusterplan.model.finance import CashNeeds
from clusterplan.plan.schema import EDUCATION_LEVELS, ENABLING, CostLine, Plan, TableTotals
from clusterplan.report.messages import msg
from clusterplan.report.numbers import (
    AS_NEEDED,
    MISSING,
    YEAR,
    format_number,
    format_value,
    language,
)
from clusterplan.report.table import (
    Cell,
    Column,
    Row,
    Table,
    catalogued,
    difference,
    figure,
    label,
    render_text,
    total,
    year_column,
    year_key,
)

MONEY = "meur"
JOBS = "jobs"
PERCENT = "pct"
YEARS = "years"
"""The unit of a number of years (a shift, a delay): written whole."""

PROJECTS = "projects"
ORGANISATION = "organisation"
JOBS_TABLE = "jobs"

_SOURCE_PARTS = re.compile(r"\s*[,;]\s*")


# --------------------------------------------------------------------------- plan access


def source_name(plan: Plan, source: str, lang: str) -> str:
    """The plan's name of a funding source in ``lang`` (its id when the plan has no such
    source)."""
    try:
        named = plan.finance.funding_source(source)
    except KeyError:
        return source
    return named.name_en if lang == "en" and named.name_en else named.name_nl


def funding_sources(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """``(id, name)`` of the plan's funding sources in its column order."""
    return [(s, source_name(plan, s, lang)) for s in plan.finance.source_ids]


def dimension_name(plan: Plan, dimension: str, lang: str) -> str:
    """The plan's name of a growth dimension in ``lang`` (its id when the plan names none),
    or the catalogue's name of the enabling projects' dimension: text shows the name where
    JSON gives the id."""
    if dimension == ENABLING:
        return msg("dimension.enabling", lang)
    scenario = plan.employment.scenarios.get(dimension)
    return dimension if scenario is None else item_name(scenario, lang)


TaxonomyKind = Literal["pillars", "segments", "technologies", "markets"]
"""A list of the plan's taxonomy (:class:`clusterplan.plan.schema.Taxonomy`)."""

TAXONOMY_KINDS: tuple[TaxonomyKind, ...] = ("pillars", "segments", "technologies", "markets")
"""Every list of the plan's taxonomy, in its order."""


def taxonomy_items(plan: Plan) -> dict[str, list[str]]:
    """The ids of every list of the plan's taxonomy, in the plan's order."""
    return {kind: [item.id for item in getattr(plan.taxonomy, kind)] for kind in TAXONOMY_KINDS}


def taxonomy_names(plan: Plan, kind: str, lang: str) -> dict[str, str]:
    """The items of one list of the plan's taxonomy (``pillars``, ``segments``,
    ``technologies``, ``markets``) by id in the plan's order, each by its name in ``lang``."""
    return {item.id: item_name(item, lang) for item in getattr(plan.taxonomy, kind)}


NAMED_SUBJECT_KINDS = ("pillar", "project", "source", "education_level")
"""The subject kinds of a monitoring indicator whose subjects have names (an organisation's
figures and totals have none)."""


def subject_names(plan: Plan, kind: str, lang: str) -> dict[str, str]:
    """The subjects of a monitoring indicator of this subject kind by id, in the plan's
    order, each by its name in ``lang``: pillars, projects, funding sources or education
    levels; none for the other kinds."""
    if kind == "pillar":
        return taxonomy_names(plan, "pillars", lang)
    if kind == "project":
        return {p.id: item_name(p, lang) for p in plan.finance.projects}
    if kind == "source":
        return dict(funding_sources(plan, lang))
    if kind == "education_level":
        return {e: words("education.level", e, lang) for e in EDUCATION_LEVELS}
    return {}


def every_subject_name(plan: Plan, lang: str) -> dict[str, str]:
    """Every subject an indicator may have, by its name in ``lang``: the cost lines of both
    tables, then the subjects of each :data:`NAMED_SUBJECT_KINDS` (the first kind that names
    an id wins)."""
    names = cost_line_names(plan, lang)
    for kind in NAMED_SUBJECT_KINDS:
        for key, name in subject_names(plan, kind, lang).items():
            names.setdefault(key, name)
    return names


def value_names(plan: Plan, lang: str) -> dict[str, str]:
    """The words in ``lang`` for the ids an assumption's value may hold: every subject of
    the plan (:func:`every_subject_name`), then each value of the core's enumerations
    (:data:`clusterplan.labels.ENUMERATIONS`: a funnel stage, a status) that names no
    subject."""
    from clusterplan import labels  # labels reads the ecosystem's enumerations

    names = every_subject_name(plan, lang)
    for kind in labels.ENUMERATIONS:
        for value in labels.values(kind):
            names.setdefault(value, labels.label(kind, value, lang))
    return names


def assumption_text(
    plan: Plan, item: Any, lang: str, names: Mapping[str, str] | None = None
) -> str:
    """An assumption's value as a reader reads it in ``lang``: a choice by its words
    (:func:`clusterplan.labels.choice_label`), a fact it takes as the fact
    (:func:`fact_text`), else by :func:`value_text` with the ids it holds by their words
    (``names``, made once for a list of assumptions; default :func:`value_names`), then its
    unit's words (none after a yes or no, or after an empty value)."""
    from clusterplan import labels  # labels reads the ecosystem's enumerations
    from clusterplan.model.backcast import DIMENSION_ASSUMPTIONS  # backcast reads the plan

    value = item.value
    if isinstance(value, str) and assumption_id(item) in DIMENSION_ASSUMPTIONS:
        return dimension_name(plan, value, lang)
    choices = labels.assumption_choices(assumption_id(item))
    if isinstance(value, str) and choices is not None and value in choices.values:
        return labels.choice_label(value, lang)  # a choice in its words, without a unit
    if isinstance(value, str) and value.startswith(FACT_PREFIX):
        return fact_text(plan, value.removeprefix(FACT_PREFIX), lang)
    text = value_text(value, lang, value_names(plan, lang) if names is None else names)
    if value is None or isinstance(value, bool | str) or not item.unit:
        return text
    count = value if isinstance(value, int | float) else None
    return f"{text} {unit_words(item.unit, lang, count=count)}"


FACT_PREFIX = "fact:"
"""How an assumption's value names a fact of the plan it takes its value from
(``fact:<id>``)."""

_FACT_BOUNDS = {"lower": "finding.about.lower", "upper": "finding.about.upper"}


def fact_text(plan: Plan, fact_id: str, lang: str) -> str:
    """The plan's fact ``fact_id`` as an assumption that takes its value reads it, in
    ``lang``: its label, its value with its unit (a bound or an approximate figure as the
    check's findings say it) and where in the plan it comes from; a fact the plan has not
    by its id, said so."""
    fact = next((f for f in plan.facts if f.id == fact_id), None)
    if fact is None:
        return msg("value.fact_unknown", lang, fact=fact_id)
    where = fact.source or fact.assumption or ""
    value = fact_value_text(fact, lang)
    return msg("value.fact", lang, label=item_label(fact, lang), value=value, source=where)


def fact_value_text(fact: Any, lang: str) -> str:
    """A fact's value with its unit in ``lang``, as every interface writes it: a bound or
    an approximate figure as the check's findings say it, a year as the year alone (not
    followed by 'jaar')."""
    about = _FACT_BOUNDS.get(fact.bound or "") or (
        "finding.about.approximate" if fact.approximate else None
    )
    count = fact.value
    figure = f"{gettext(about, language(lang)) if about else ''}{value_text(count, lang)}"
    if fact.unit == YEAR:
        return figure
    return f"{figure} {unit_words(fact.unit, lang, count=count)}".strip()


def assumption_id(item: Any) -> str:
    """The id of an assumption of the plan (``id``) or of a stored row (``key``; its ``id``
    is the row's number)."""
    return str(getattr(item, "key", None) or getattr(item, "id", ""))


def assumption_label(plan: Plan, aid: str, lang: str) -> str:
    """How a reader names the plan's assumption ``aid`` in ``lang``: its label
    (:func:`item_label`), or its id when the plan has no such assumption."""
    try:
        return item_label(plan.assumption(aid), lang)
    except KeyError:
        return aid


def cost_line_names(plan: Plan, lang: str) -> dict[str, str]:
    """The plan's cost lines (projects, then the organisation's lines) by id, each by its
    name in ``lang``."""
    lines = [*plan.finance.projects, *plan.finance.organisation]
    return {line.id: item_name(line, lang) for line in lines}


def _coverage(line: CostLine | TableTotals) -> dict[str, float | None]:
    return dict(line.coverage_meur.root)


def item_name(item: Any, lang: str) -> str:
    """The name of a plan item (a cost line, a pillar) in ``lang``: the English name on
    English pages where it has one, else the Dutch."""
    if lang == "en" and getattr(item, "name_en", None):
        return str(item.name_en)
    return str(item.name_nl)


def item_label(item: Any, lang: str) -> str:
    """The label of a plan item that has one (an assumption, an indicator, a fact) in
    ``lang``: the English label in English where it has one, else the Dutch."""
    if lang == "en" and getattr(item, "label_en", None):
        return str(item.label_en)
    return str(item.label_nl)


def item_rationale(item: Any, lang: str) -> str:
    """The rationale of an assumption (of the plan or a stored row, or a mapping such as a
    stress narrative) in ``lang``: the Dutch in Dutch where it has one, else the English
    (``rationale``; '' when there is none)."""
    fields: Mapping[str, Any] = item if isinstance(item, Mapping) else vars(item)
    if lang != "en" and fields.get("rationale_nl"):
        return str(fields["rationale_nl"])
    return str(fields.get("rationale") or "")


def value_text(value: Any, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A plan value (an assumption's value) as text in ``lang``: numbers by the one
    formatter with the decimals they have (whole numbers below ten thousand, years among
    them, ungrouped), yes/no, records as ``key: value``, the items of lists and records
    separated by semicolons (a comma is the Dutch decimal mark), a list or record inside
    another in parentheses, an empty value as :data:`~clusterplan.report.numbers.MISSING`;
    keys and text items that ``names`` knows (the plan's ids) by their names."""
    named = names or {}
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return gettext("yes" if value else "no", language(lang))
    if isinstance(value, int | float):
        return format_number(value, lang, AS_NEEDED, grouping=abs(value) >= GROUPED_FROM)
    if isinstance(value, Mapping):
        return _record_text(value, lang, named)
    if isinstance(value, list | tuple):
        return "; ".join(_item_text(v, lang, named) for v in value) or MISSING
    return named.get(value, str(value)) if isinstance(value, str) else str(value)


def _record_text(record: Mapping[str, Any], lang: str, named: Mapping[str, str]) -> str:
    """A record as text: one with an ``id`` as that id's name before the rest (``micro:
    0–9``), one of a lower and upper bound alone (``min_jobs``, ``max_jobs``) as that range
    (``250 of meer`` without an upper one), any other as its ``key: value`` items."""
    ident = record.get("id")
    if isinstance(ident, str):
        rest = {k: v for k, v in record.items() if k != "id"}
        name = named.get(ident, ident)
        return f"{name}: {_record_text(rest, lang, named)}" if rest else name
    keys = list(record)
    if len(keys) == 2 and keys[0].startswith("min_") and keys[1] == f"max_{keys[0][4:]}":
        low, high = (value_text(record[k], lang, named) for k in keys)
        if record[keys[1]] is None:
            return msg("value.at_least", lang, low=low)
        return f"{low}\u2013{high}"
    items = (f"{named.get(k, k)}: {_item_text(v, lang, named)}" for k, v in record.items())
    return "; ".join(items) or MISSING


def _item_text(value: Any, lang: str, names: Mapping[str, str]) -> str:
    """An item of a list or record: a list or record inside it in parentheses, but for a
    record named by its id that reads as one item (``micro: 0–9``)."""
    text = value_text(value, lang, names)
    one = isinstance(value, Mapping) and isinstance(value.get("id"), str) and "; " not in text
    return f"({text})" if isinstance(value, Mapping | list | tuple) and not one else text


def plan_name(sources: Sequence[str | None]) -> str | None:
    """The plan's own name for a table: the most specific leading part (parts separated by
    ``,`` or ``;``) that the ``source`` of every row shares, never the last part of a
    source of several parts (that names the row: a table of one row had been named "row
    'trend'"); None when they share none."""
    split = [_SOURCE_PARTS.split(s.strip()) for s in sources if s]
    if not split or len(split) < len(sources):
        return None
    split = [parts[:-1] if len(parts) > 1 else parts for parts in split]
    common: str | None = None
    for parts in zip(*split, strict=False):
        if any(p != parts[0] for p in parts) or not parts[0]:
            break
        common = parts[0]
    return common


def _naming(key: str, sources: Sequence[str | None], lang: str) -> tuple[str, str]:
    """(name, title) of a table: the plan's name where its rows' sources share one."""
    own = plan_name(sources)
    title = msg(f"table.{key}.title", lang)
    if own is None:
        return msg(f"table.{key}.name", lang), title
    return own, msg("table.titled", lang, name=own, title=title)


def _sourced_table(
    key: str,
    sources: Sequence[str | None],
    lang: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    unit: str,
    source: str | None,
) -> Table:
    """The table ``key`` of a plan's figures: named after its rows' sources
    (:func:`_naming`), with the notes its cells call for."""
    name, title = _naming(key, sources, lang)
    return Table(
        key=key,
        name=name,
        title=title,
        lang=lang,
        columns=tuple(columns),
        rows=tuple(rows),
        unit=unit,
        source=source,
        notes=tuple(cell_notes(rows, columns, lang)),
    )


def cell_notes(rows: Sequence[Row], columns: Sequence[Column], lang: str) -> list[str]:
    """The notes a table's cells call for: what '?' and '+?' mean (when a cell is unknown
    or includes unknowns) and each computed figure that differs from the plan's print."""
    notes: list[str] = []
    cells = [(r, c, cell) for r in rows for c, cell in zip(columns, r.cells, strict=True)]
    for row, column, cell in cells:
        if cell.differs_from_print:
            notes.append(
                msg(
                    "table.note.printed",
                    lang,
                    row=row.cells[0].shown(lang),
                    column=column.heading,
                    printed=format_value(cell.printed, cell.unit, lang),
                    computed=cell.shown(lang),
                )
            )
    if any(cell.unknown or cell.includes_unknown for _, _, cell in cells):
        notes.insert(0, msg("table.note.unknowns", lang))
    return notes


# --------------------------------------------------------------------------- cost tables


def _line_costs(plan: Plan, line: CostLine) -> list[Cell]:
    return [figure(line.costs_meur.get(y), MONEY, line.source) for y in plan.finance.cost_years]


def line_total(plan: Plan, line: CostLine) -> Cell:
    """A cost line's total as its cost table has it: the sum of its yearly costs by the one
    rule (:func:`clusterplan.report.table.total`: '+?' when a year is unknown), the plan's
    printed total kept beside it, never in its place."""
    return total(
        _line_costs(plan, line), MONEY, printed=line.printed_total_meur, provenance=line.source
    )


def cost_table(
    plan: Plan,
    key: str,
    lines: Sequence[CostLine],
    printed: TableTotals | None,
    lang: str,
) -> Table:
    """A cost table: per line the costs per year, their total, coverage by source, what is
    covered and what is not; a totals row by the one rule (the plan's printed totals kept
    beside the computed ones)."""
    years = list(plan.finance.cost_years)
    sources = funding_sources(plan, lang)
    first = "table.col.project" if key == PROJECTS else "table.col.line"
    columns = [
        Column("label", msg(first, lang), "label"),
        *[year_column(y, MONEY) for y in years],
        Column("total", msg("table.col.total", lang), "total", MONEY),
        *[Column(f"source:{s}", name, "source", MONEY) for s, name in sources],
        Column("covered", msg("table.col.covered", lang), "other", MONEY),
        Column("not_covered", msg("table.col.not_covered", lang), "other", MONEY),
    ]
    rows: list[Row] = []
    for line in lines:
        costs = _line_costs(plan, line)
        line_sum = line_total(plan, line)
        cover = _coverage(line)
        covers = [figure(cover.get(s), MONEY, line.source) for s, _ in sources]
        covered = total(covers, MONEY)
        cells = [
            label(item_name(line, lang), line.source),
            *costs,
            line_sum,
            *covers,
            covered,
            difference(line_sum, covered, MONEY),
        ]
        rows.append(Row(line.id, tuple(cells)))
    printed_by_column: dict[str, float | None] = {}
    if printed is not None:
        printed_by_column.update({year_key(y): v for y, v in printed.costs_meur.items()})
        printed_by_column["total"] = printed.total_meur
        printed_cover = _coverage(printed)
        printed_by_column.update({f"source:{s}": printed_cover.get(s) for s, _ in sources})
    totals: list[Cell] = [label(msg("table.row.total", lang))]
    for index, column in enumerate(columns[1:], start=1):
        totals.append(
            total(
                [r.cells[index] for r in rows],
                MONEY,
                printed=printed_by_column.get(column.key),
                provenance=printed.source if printed is not None else None,
            )
        )
    rows.append(Row("total", tuple(totals), is_total=True))
    row_sources = [line.source for line in lines]
    if printed is not None:
        row_sources.append(printed.source)
    return _sourced_table(key, row_sources, lang, columns, rows, MONEY, plan.finance.source)


def projects_table(plan: Plan, lang: str = "nl") -> Table:
    """The projects' costs per year and coverage by source (M EUR)."""
    fin = plan.finance
    return cost_table(plan, PROJECTS, fin.projects, fin.projects_printed_totals, lang)


def organisation_table(plan: Plan, lang: str = "nl") -> Table | None:
    """The organisation's costs per year and coverage (None when the plan has none)."""
    fin = plan.finance
    if not fin.organisation:
        return None
    return cost_table(plan, ORGANISATION, fin.organisation, fin.organisation_printed_totals, lang)


def _part_title(table: Table, part: str) -> str:
    title = msg(f"table.{table.key}.{part}", table.lang)
    if table.name == msg(f"table.{table.key}.name", table.lang):
        return title  # no name of the plan's own
    return msg("table.titled", table.lang, name=table.name, title=title)


def costs_part(table: Table) -> Table:
    """A cost table's costs per year and their totals (shown on its own on the web)."""
    return table.select(
        ("year", "total"), key=f"{table.key}-costs", title=_part_title(table, "costs")
    )


def coverage_part(table: Table) -> Table:
    """A cost table's coverage by source, total cost and what is not covered."""
    return table.select(
        ("source", "other", "total"),
        key=f"{table.key}-coverage",
        title=_part_title(table, "coverage"),
    )


def line_part(table: Table, line: str) -> Table:
    """One cost line's row of a cost table (or of one of its parts), with the notes its
    cells call for: a project's page shows its own row of the plan's table."""
    rows = tuple(r for r in table.rows if r.key == line)
    notes = tuple(cell_notes(rows, table.columns, table.lang))
    return replace(table, key=f"{table.key}-{line}", rows=rows, notes=notes)


def case_jobs_table(plan: Plan, project: str, lang: str) -> Table | None:
    """A project's business case: its direct jobs per year, structural and temporary, as
    the case states them (the documents it names as provenance); None when the project
    has no business case."""
    case = plan.project(project).business_case
    if case is None:
        return None
    source = "; ".join(case.sources)
    rows = [
        Row(
            year_key(year),
            (
                label(str(year)),
                figure(jobs.structural, JOBS, source),
                figure(jobs.temporary, JOBS, source),
            ),
        )
        for year, jobs in case.jobs.items()
    ]
    keys = ("year", "structural", "temporary")
    return catalogued(
        f"case-jobs-{project}",
        lang,
        keys,
        rows,
        texts="table.case_jobs",
        words=("year",),
        unit=JOBS,
    )


# --------------------------------------------------------------------------- jobs


def jobs_table(plan: Plan, lang: str = "nl") -> Table:
    """Jobs per pillar in the base year and, per growth dimension of the plan, in the
    target year; the total computed per row (the plan's printed total beside it)."""
    emp = plan.employment
    pillars = plan.taxonomy.pillars
    scenarios = list(emp.scenarios.items())
    growth = any(s.printed_revenue_growth_pct is not None for _, s in scenarios)
    columns = [
        Column("label", msg("table.col.dimension", lang), "label"),
        *[Column(f"pillar:{p.id}", item_name(p, lang), "pillar", JOBS) for p in pillars],
        Column("total", msg("table.col.total", lang), "total", JOBS),
    ]
    if growth:
        columns.append(
            Column("revenue_growth", msg("table.col.revenue_growth", lang), "other", PERCENT)
        )
    base = [figure(emp.base.get(p.id), JOBS, emp.source) for p in pillars]
    rows = [
        Row(
            "base",
            (
                label(msg("table.row.base", lang, year=emp.base_year), emp.source),
                *base,
                total(base, JOBS, printed=emp.printed_base_total, provenance=emp.source),
                *([label("")] if growth else []),  # revenue growth: not applicable
            ),
        )
    ]
    for key, scenario in scenarios:
        jobs = [figure(scenario.jobs.get(p.id), JOBS, scenario.source) for p in pillars]
        name = msg(
            "table.row.dimension", lang, name=item_name(scenario, lang), year=emp.target_year
        )
        cells: list[Cell] = [
            label(name, scenario.source),
            *jobs,
            total(jobs, JOBS, printed=scenario.printed_total, provenance=scenario.source),
        ]
        if growth:
            cells.append(figure(scenario.printed_revenue_growth_pct, PERCENT, scenario.source))
        rows.append(Row(key, tuple(cells)))
    sources = [s.source for _, s in scenarios]
    return _sourced_table(JOBS_TABLE, sources, lang, columns, rows, JOBS, emp.source)


def engine_figures(values: Any, flags: Any) -> list[Cell]:
    """Figures the finance engine computed, with its own 'an unknown belongs in it' flags."""
    return [
        Cell(value=round(float(v), 9) + 0.0, unit=MONEY, includes_unknown=bool(f), computed=True)
        for v, f in zip(values, flags, strict=True)
    ]


def cash_needs_table(plan: Plan, needs: CashNeeds, lang: str = "nl", part: str = "all") -> Table:
    """Cash needs per source and year, the public share (of two or more public sources:
    one would repeat its own row), the cost and the cumulative cost
    (``part``: ``all`` cost lines or ``projects`` only), as the command line's ``finance``
    and the finance page show them. Sums and their '+?' flags are the engine's."""
    years = list(needs.years)
    columns = (
        Column("label", msg("table.col.source", lang), "label"),
        *[year_column(y, MONEY) for y in years],
        Column("total", msg("table.col.total", lang), "total", MONEY),
    )
    by_source = needs.by_source(part)
    incomplete = needs.by_source_incomplete(part)
    rows: list[Row] = []
    for i, source in enumerate(needs.sources):
        cells = engine_figures(by_source[i], incomplete[i])
        flags = [bool(incomplete[i].any())]
        rows.append(
            Row(
                f"source:{source}",
                (
                    label(source_name(plan, source, lang)),
                    *cells,
                    *engine_figures([by_source[i].sum()], flags),
                ),
            )
        )
    if len(needs.public_sources) > 1:  # of one public source the row would repeat its row
        public = needs.public_meur(part)
        index = [needs.sources.index(s) for s in needs.public_sources]
        public_open = incomplete[index].any(axis=0)
        names = ", ".join(source_name(plan, s, lang) for s in needs.public_sources)
        rows.append(
            Row(
                "public",
                (
                    label(msg("table.row.public", lang, sources=names)),
                    *engine_figures(public, public_open),
                    *engine_figures([public.sum()], [public_open.any()]),
                ),
            )
        )
    cost = needs.year_totals(part)
    cost_open = needs.year_incomplete(part)
    rows.append(
        Row(
            "cost",
            (
                label(msg("table.row.cost", lang)),
                *engine_figures(cost, cost_open),
                *engine_figures([needs.total_meur(part)], [bool(needs.unknown_in(part))]),
            ),
        )
    )
    open_since = [bool(cost_open[: i + 1].any()) for i in range(len(years))]
    rows.append(
        Row(
            "cumulative",
            (
                label(msg("table.row.cumulative", lang)),
                *engine_figures(needs.cumulative_cost_meur(part), open_since),
                label(""),
            ),
        )
    )
    key, texts = "cash-needs", "table.cash"
    if part != "all":
        key, texts = f"{key}-{part}", f"{texts}.{part}"
    return catalogued(key, lang, columns, rows, texts=texts, unit=MONEY)


def plan_tables(plan: Plan, lang: str | None = None) -> list[Table]:
    """Every table of the plan that the command line and the web show, in order (in
    ``lang``, by default the plan's own language)."""
    lang = language(lang or plan.meta.language)
    out = [projects_table(plan, lang)]
    organisation = organisation_table(plan, lang)
    if organisation is not None:
        out.append(organisation)
    out.append(jobs_table(plan, lang))
    return out


def render_tables_text(plan: Plan, lang: str | None = None) -> str:
    """Every table as aligned text for the terminal."""
    return "\n\n".join(render_text(t) for t in plan_tables(plan, lang)) + "\n"


# --------------------------------------------------------------------------- JSON


def _cost_line(line: CostLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "name": line.name_nl,
        "name_en": line.name_en,
        "costs_meur": {str(y): v for y, v in sorted(line.costs_meur.items())},
        "total_meur": line.printed_total_meur,
        "has_unknown_costs": bool(line.unknown_cost_years),
        "coverage_meur": _coverage(line),
        "source": line.source,
    }


def _totals(totals: TableTotals | None) -> dict[str, Any] | None:
    if totals is None:
        return None
    return {
        "costs_meur": {str(y): v for y, v in sorted(totals.costs_meur.items())},
        "total_meur": totals.total_meur,
        "coverage_meur": _coverage(totals),
    }


def _computed_totals(table: Table) -> dict[str, Any]:
    """A table's computed totals row: figure and whether unknowns belong in it."""
    row = table.totals
    assert row is not None
    return {
        column.key: {"value": cell.value, "includes_unknown": cell.includes_unknown}
        for column, cell in zip(table.columns[1:], row.cells[1:], strict=True)
    }


def tables_data(plan: Plan) -> dict[str, Any]:
    """The plan's tables as one JSON-able object: figures as printed, and the totals
    computed from the rows by the same rule as every other output."""
    fin = plan.finance
    emp = plan.employment
    pillars = plan.pillar_ids
    organisation = organisation_table(plan)
    return {
        "plan": plan.meta.id,
        "units": {"money": "M EUR", "jobs": "jobs (approximate, '~' in the plan)"},
        "years": list(fin.cost_years),
        "projects": [_cost_line(p) for p in fin.projects],
        "project_totals_meur": (_totals(fin.projects_printed_totals) or {}).get("costs_meur"),
        "project_totals": _totals(fin.projects_printed_totals),
        "project_totals_computed": _computed_totals(projects_table(plan)),
        "organisation": [_cost_line(o) for o in fin.organisation],
        "organisation_totals_meur": (_totals(fin.organisation_printed_totals) or {}).get(
            "costs_meur"
        ),
        "organisation_totals": _totals(fin.organisation_printed_totals),
        "organisation_totals_computed": None
        if organisation is None
        else _computed_totals(organisation),
        "employment": {
            "pillars": pillars,
            "pillar_names": {p.id: p.name_nl for p in plan.taxonomy.pillars},
            "base_year": emp.base_year,
            "target_year": emp.target_year,
            "base": {p: emp.base[p] for p in pillars},
            "base_total_printed": emp.printed_base_total,
            "scenarios": {k: {p: s.jobs[p] for p in pillars} for k, s in emp.scenarios.items()},
            "scenario_totals_printed": {k: s.printed_total for k, s in emp.scenarios.items()},
            "scenario_totals_computed": {k: s.total for k, s in emp.scenarios.items()},
            "revenue_growth_pct": {
                k: s.printed_revenue_growth_pct for k, s in emp.scenarios.items()
            },
            "source": emp.source,
        },
    }
