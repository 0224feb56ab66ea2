"""The impact, built once as tables (:mod:`clusterplan.report.table`): the headline figures
of the target year with where each comes from, and the funder's view: per project its
public and private money against the jobs it adds, per funding source its money and the
jobs credited to it. The command line (``clusterplan impact``) and the web's impact page
show these same tables."""

from __future__ import annotations

from clusterplan.i18n import unit_words
from clusterplan.model.impact import HEADLINE_FIGURES, Impact
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import NOT_A_NUMBER
from clusterplan.report.table import Cell, Row, Table, columns, figure, label
from clusterplan.report.tables import item_name, source_name


def _t(key: str, lang: str) -> str:
    return msg(f"impact.funder.{key}", lang)


def _figure(value: float | None, digits: int) -> Cell:
    """A figure rounded to ``digits`` decimals and shown with that many, so that a column
    reads alike (310.0 under 550.7); the export keeps a whole one whole. :data:`NOT_A_NUMBER`
    where there is none (money per job of a project without jobs)."""
    if value is None:
        return label(NOT_A_NUMBER)
    rounded = round(float(value), digits)
    return figure(int(rounded) if rounded == int(rounded) else rounded, "", decimals=digits)


def _per_job(meur: float | None) -> Cell:
    """M EUR per job in thousands of euro."""
    return _figure(None if meur is None else meur * 1000.0, 0)


def _in_unit(value: float | None, unit: str) -> Cell:
    """A headline figure in its unit: money per job in thousands of euro, euro per euro to
    two decimals, jobs and M EUR whole."""
    if unit == "keur_per_job":
        return _per_job(value)
    return _figure(value, 2 if unit == "eur_per_eur" else 0)


def headline_table(plan: Plan, result: Impact, lang: str) -> Table:
    """The headline figures of the target year (:data:`~clusterplan.model.impact.HEADLINE_FIGURES`):
    per figure its value and unit, the kind of its source (a plan figure, an assumption,
    computed) and its trace in words: the formula, the named assumption, or what the plan
    figure is with the plan's section or tables as the plan writes them."""
    values = result.figures()
    rows = []
    for key, headline in HEADLINE_FIGURES.items():
        unit, trace = headline.unit, result.traces[key]
        cells = (
            label(msg(f"impact.figure.{key}", lang)),
            _in_unit(values[key], unit),
            label(unit_words(unit, lang)),
            label(msg(f"impact.kind.{trace.kind}", lang)),
            label(msg(trace.words, lang, source=trace.source)),
        )
        rows.append(Row(key, cells))
    title = msg("impact.figures", lang, year=result.target_year)
    keys = ("figure", "value", "unit", "kind", "trace")
    heads = columns(keys, lambda k: msg(f"impact.figures.{k}", lang), words=set(keys) - {"value"})
    return Table("figures", title, title, lang, heads, tuple(rows))


def _named(name: str, complete: bool) -> Cell:
    """A row's name, marked '(?)' when an unknown amount of its money is left out."""
    return label(name if complete else f"{name} (?)")


def _table(
    key: str, lang: str, keys: tuple[str, ...], words: tuple[str, ...], rows: list[Row]
) -> Table:
    """The table ``per-KEY``, titled by the catalogue's ``impact.funder.KEYs``."""
    title = _t(f"{key}s", lang)
    heads = columns(keys, lambda k: _t(k, lang), words=words)
    return Table(f"per-{key}", title, title, lang, heads, tuple(rows))


def projects_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per project: public and private money, the direct and total jobs it adds, public
    money per direct and per total job, and the leverage."""
    names = {p.id: item_name(p, lang) for p in plan.finance.projects}
    rows = [
        Row(
            view.id,
            (
                _named(names.get(view.id, view.id), view.complete),
                _figure(view.public_meur, 1),
                _figure(view.private_meur, 1),
                _figure(view.direct_jobs, 0),
                _figure(view.total_jobs, 0),
                _per_job(view.public_meur_per_direct_job),
                _per_job(view.public_meur_per_total_job),
                _figure(view.leverage, 2),
            ),
        )
        for view in result.projects
    ]
    keys = (
        "project",
        "public",
        "private",
        "direct",
        "total",
        "per_direct",
        "per_total",
        "leverage",
    )
    return _table("project", lang, keys, ("project",), rows)


def sources_table(plan: Plan, result: Impact, lang: str) -> Table:
    """Per funding source: public or private, its money, the direct and total jobs credited
    to it, and its money per direct job."""
    public = set(result.money.public_sources)
    rows = [
        Row(
            view.id,
            (
                _named(source_name(plan, view.id, lang), view.complete),
                label(_t("public_source" if view.id in public else "private_source", lang)),
                _figure(view.meur, 1),
                _figure(view.direct_jobs, 0),
                _figure(view.total_jobs, 0),
                _per_job(view.meur_per_direct_job),
            ),
        )
        for view in result.sources
    ]
    keys = ("source", "kind", "money", "credited_direct", "credited_total", "money_per_direct")
    return _table("source", lang, keys, ("source", "kind"), rows)
