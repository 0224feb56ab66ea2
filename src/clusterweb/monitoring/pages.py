"""What the monitoring pages show: tables and charts built from the core's comparison and
nowcast (``services.comparison`` / ``services.nowcast_result``), for one user. The
disclosure rule is the core's, applied once in ``services.comparison``: the pages show the
rows it returns, a withheld figure (``suppressed``) as the core's
:func:`clusterplan.disclosure.mark`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from clusterplan import disclosure
from clusterplan.i18n import unit_words
from clusterplan.monitor.indicators import monitoring_of
from clusterplan.report.annual import (
    STATUS_TABLE,
    indicator_history_table,
    indicator_paths,
    nowcast_stat_labels,
    nowcast_words,
    status_text,
)
from clusterplan.report.annual import moved_table as core_moved_table
from clusterplan.report.annual import status_table as core_status_table
from clusterplan.report.messages import msg
from clusterplan.report.table import Cell, figure
from clusterplan.report.tables import every_subject_name
from clusterweb.ecosystem.models import Organisation
from clusterweb.imports import PREVIEW_ROWS, preview_table
from clusterweb.monitoring import services
from clusterweb.planning.services import current_plan, goal_note
from clusterweb.presentation import Table, chart, line_spec, page_language, shown, table, web_table
from clusterweb.scenarios.services import dimension_label

DOWNLOAD = "monitoring:download"
STATUS_SLUG = STATUS_TABLE
MOVED_SLUG = "nowcast-moved"
"""The download slug of the nowcast's table of the assumptions the actuals moved most."""


def status_label(status: str) -> str:
    """A status in the page's language: the core's words (:func:`status_text`), which the
    counts per status use too."""
    return status_text(status, page_language())


class Names:
    """The plan's indicators and subjects by their names in the page's language, read once
    for a table or a page (not once per row)."""

    def __init__(self, plan: Any) -> None:
        found = services.indicators(plan)
        self.indicators = {i.id: services.label(i) for i in found}
        self.units = {i.id: i.unit for i in found}
        self.subjects = every_subject_name(plan, page_language())

    def value(self, key: str, value: float) -> Cell:
        """A stored figure in its indicator's unit and decimals, as its indicator's page
        writes it."""
        return figure(value, self.units.get(key, ""), printed=False)

    def indicator(self, key: str) -> str:
        return self.indicators.get(key, key)

    def as_data(self, row: Any) -> dict[str, Any]:
        """A stored figure for the API (``ActualOut``): ids and their names in the page's
        language, the value in its indicator's unit, where it comes from."""
        code = self.units.get(row.indicator, "")
        return {
            "id": row.pk,
            "indicator": row.indicator,
            "indicator_label": self.indicator(row.indicator),
            "subject": row.subject or None,
            "subject_label": self.subject(row.subject),
            "year": row.year,
            "value": row.value,
            "unit": code,
            "unit_label": unit_words(code, page_language()),
            "source": row.source,
            "received": row.received,
            "organisation": row.organisation.key if row.organisation else None,
        }

    def subject(self, key: str | None) -> str:
        """A subject by its name; the cluster total for none (the core's word, as its
        tables name that row)."""
        return self.subjects.get(key, key) if key else msg("total", page_language())


def in_plan_order(rows: Any) -> list[Any]:
    """Stored figures by indicator in the plan's order (as the status table and
    ``clusterplan monitor``), then subject and year: the order of :func:`actuals_table`."""
    order = {i.id: n for n, i in enumerate(services.indicators(current_plan()))}
    return sorted(rows, key=lambda r: (order.get(r.indicator, len(order)), r.subject, r.year, r.pk))


def figure_name(plan: Any, row: Any) -> str:
    """A stored figure as a reader names it: indicator, subject and year."""
    names = Names(plan)
    return _("%(indicator)s, %(subject)s, %(year)s") % {
        "indicator": names.indicator(row.indicator),
        "subject": names.subject(row.subject),
        "year": _year_text(row.year),
    }


def status_table(result: Any) -> Table:
    """Per indicator (a link to its page) the latest cluster-total status, its year, plan,
    actual and gap (:func:`clusterplan.report.annual.status_table`, which the annual report
    and ``clusterplan monitor`` show too)."""
    tab = web_table(core_status_table(result, page_language()), DOWNLOAD)
    links = [
        reverse("monitoring:indicator", kwargs={"key": c.indicator.id}) for c in result.indicators
    ]
    return {**tab, "links": links}


def indicator_table(plan: Any, comp: Any) -> Table:
    """Every (subject, year) of one indicator: plan, actual, gap, status (and for jobs the
    back-cast milestone and the ensemble band); a withheld figure as the core's mark
    (:func:`clusterplan.report.annual.indicator_history_table`)."""
    return web_table(indicator_history_table(plan, comp, page_language()), DOWNLOAD)


def subjects_of(plan: Any, comp: Any) -> list[tuple[str, str]]:
    """The subjects an indicator page can chart: ("", cluster total) first, then each
    subject with rows, as (value, label)."""
    seen: list[str] = []
    for r in comp.rows:
        if r.subject is not None and r.subject not in seen:
            seen.append(r.subject)
    names = Names(plan)
    return [("", names.subject(None))] + [(s, names.subject(s)) for s in seen]


def indicator_chart(
    plan: Any, comp: Any, dimension: str, tab: Table, subject: str | None = None
) -> dict[str, Any]:
    """One subject's (default: the cluster total's) paths, as the annual report draws them
    (:func:`clusterplan.report.annual.indicator_paths`): plan against actual, and the
    back-cast milestones and the ensemble band where the indicator has them."""
    lines, band = indicator_paths(plan, comp, dimension, page_language(), subject)
    years = sorted({y for line in lines for y, _v in line.points})
    series = {line.label: [dict(line.points).get(y) for y in years] for line in lines}
    bands = None
    if band is not None:
        ends = {y: (low, high) for y, low, high in band.anchored()}
        if years and all(y in ends for y in years):
            bands = {band.label: ([ends[y][0] for y in years], [ends[y][1] for y in years])}
    spec = line_spec(years, series, unit=services.unit(comp.indicator), bands=bands)
    return chart(
        f"chart-{comp.indicator.id}",
        _("%(indicator)s, %(subject)s: plan and actual")
        % {"indicator": services.label(comp.indicator), "subject": Names(plan).subject(subject)},
        spec,
        tab,
    )


def _nowcast_panel(user: Any, plan: Any) -> dict[str, Any]:
    result = services.nowcast_result(user, plan)
    data = result.to_dict()
    lang = page_language()
    moved = web_table(replace(core_moved_table(plan, result, lang), key=MOVED_SLUG), DOWNLOAD)
    words = nowcast_words(result, lang)  # the annual report's and the command line's
    return {
        "goal_note": goal_note(plan),
        "p_goal_prior": data["p_goal_prior"],
        "p_goal": data["p_goal"],
        "ess": data["effective_sample_size"],
        "labels": nowcast_stat_labels(lang),  # the stats in the sentences' words
        "words": [words.chance, words.basis],
        "warning": words.warning,
        # without observations the chance after them is the chance before: the cards
        # would say one figure twice; the sentence says it once
        "observed": bool(result.observations),
        "moved": moved,
        "samples": result.n,
        "seed": result.seed,
        # the command line's count (the plan's); the web caps it (services.nowcast_samples)
        "plan_samples": monitoring_of(plan).nowcast.samples,
    }


def _context(user: Any) -> tuple[Any, Any, int]:
    plan = current_plan()
    result, withheld = services.comparison(user, plan)
    return plan, result, withheld


def _withheld_note(plan: Any) -> list[str]:
    """What the core's mark of a withheld figure means (the core's note), for a page that
    shows one."""
    return [disclosure.note(services.min_organisations(plan), "organisations", page_language())]


def dashboard(user: Any) -> dict[str, Any]:
    """The dashboard: the number of indicators per status, the status table (each
    indicator a link to its page), whether any actual is observed, the nowcast panel."""
    plan, result, withheld = _context(user)
    lang = page_language()
    return {
        "status_counts": [  # the core's counts, as clusterplan monitor prints them
            {"status": s, "label": status_text(s, lang), "count": n}
            for s, n in result.counts.items()
            if n
        ],
        "table": status_table(result),
        "observed": any(comp.latest() is not None for comp in result.indicators),
        "nowcast": _nowcast_panel(user, plan),
        "withheld": withheld,
        "withheld_note": _withheld_note(plan),
        "dimension": dimension_label(result.dimension, plan),
    }


def indicator_page(user: Any, key: str, subject: str | None = None) -> dict[str, Any]:
    """One indicator's page: chart (of one subject; unknown subjects chart the total) and
    the table of every subject."""
    plan, result, _withheld = _context(user)
    try:
        comp = result.indicator(key)
    except KeyError:
        raise Http404 from None
    tab = indicator_table(plan, comp)
    choices = subjects_of(plan, comp)
    if subject not in {value for value, _label in choices[1:]}:
        subject = None
    return {
        "subjects": choices,
        "subject": subject or "",
        "indicator": comp.indicator,
        "unit": services.unit(comp.indicator),
        "label": services.label(comp.indicator),
        "status_label": status_label(comp.counted),
        "chart": indicator_chart(plan, comp, result.dimension, tab, subject),
        "withheld": comp.withheld,
        "withheld_note": _withheld_note(plan),
    }


def all_tables(user: Any) -> dict[str, Table]:
    """Every downloadable table of the monitoring pages, by slug."""
    plan, result, _withheld = _context(user)
    tables = {STATUS_SLUG: status_table(result)}
    tables[MOVED_SLUG] = _nowcast_panel(user, plan)["moved"]
    for comp in result.indicators:
        tab = indicator_table(plan, comp)
        tables[tab["slug"]] = tab
    return tables


def _year_text(year: int) -> str:
    """A year as a label: never grouped like a figure ("2027", not "2.027")."""
    return str(year)


def actuals_table(rows: Any, can_edit: bool) -> Table:
    """The stored figures one by one (editors: a last column with a link to correct each,
    written by ``monitoring/_actuals_table.html``)."""
    names = Names(current_plan())
    tab = table(
        _("Stored figures"),
        [
            _("Indicator"),
            _("Subject"),
            _("Year"),
            _("Value"),
            _("Source"),
            _("Organisation"),
            *([_("Correct")] if can_edit else []),
        ],
        [
            [
                names.indicator(r.indicator),
                names.subject(r.subject),
                _year_text(r.year),
                names.value(r.indicator, r.value),
                r.source,
                r.organisation.name if r.organisation else "—",
            ]
            for r in rows
        ],
        numeric=[False, False, False, True, False, False, *([False] if can_edit else [])],
    )
    return {**tab, "id": "actuals", "row_header": False}


def own_figures_table(user: Any) -> Table:
    """The figures a partner submitted for its own organisations."""
    rows = services.own_figures(user)
    names = Names(current_plan())
    tab = table(
        _("Figures submitted"),
        [_("Organisation"), _("Year"), _("Indicator"), _("Subject"), _("Value")],
        [
            [
                r.organisation.name,
                _year_text(r.year),
                names.indicator(r.indicator),
                names.subject(r.subject),
                names.value(r.indicator, r.value),
            ]
            for r in rows
        ],
        numeric=[False, False, False, False, True],
    )
    return {
        **tab,
        "id": "own-figures",
        "row_header": False,
        "notes": [] if rows else [_("No figures yet.")],
    }


def _preview_action(row: services.PreviewRow) -> str:
    """What importing a figure does: add it, change it (from its old value) or nothing."""
    if row.action == "create":
        return _("add")
    if row.action == "update":
        return _("change (was %(old)s)") % {"old": shown(row.old_value)}
    return _("unchanged")


def import_preview_table(result: services.ImportPreview) -> Table:
    """The figures of an import file (the first :data:`~clusterweb.imports.PREVIEW_ROWS`,
    as every import's preview lists) and what importing
    each does; indicators, subjects and organisations by their names, as the stored figures
    are listed."""
    names = Names(current_plan())
    listed = result.rows[:PREVIEW_ROWS]
    keys = {r.key[3] for r in listed if r.key[3]}
    organisations = dict(Organisation.objects.filter(key__in=keys).values_list("key", "name"))
    tab = table(
        _("Figures of the file"),
        [
            _("Row"),
            _("Indicator"),
            _("Subject"),
            _("Year"),
            _("Organisation"),
            _("Value"),
            _("Action"),
        ],
        [
            [
                str(r.row),
                names.indicator(r.key[0]),
                names.subject(r.key[1] or None),
                _year_text(r.key[2]),
                organisations.get(r.key[3], r.key[3]) if r.key[3] else "—",
                r.value,
                _preview_action(r),
            ]
            for r in listed
        ],
        numeric=[False, False, False, False, False, True, False],
    )
    return preview_table(tab)
