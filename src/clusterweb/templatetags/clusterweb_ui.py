"""Template tags for the shared layout and include templates (NL Design System markup).

``{% load clusterweb_ui %}`` gives:

- ``{% main_navigation as items %}``: the main navigation, leaving out every page whose URL
  name does not resolve (an app not yet installed) or that the user's role may not see;
- ``{% url_if "name" as var %}``: the URL of a route name, or ``""`` when it does not resolve;
- ``|cell:decimals``: a table cell in the current language (``None`` is shown as unknown);
- ``|entered:unit``: a value someone entered or stored, as a page writes it back (a year
  without separators);
- ``|percent``: a share (0.25) in percent (25.0), to be written by ``|cell``;
- ``|zip_with:other``: pairs for ``{% for a, b in xs|zip_with:ys %}``;
- ``|utrecht_widget``: a bound form field rendered with ``utrecht-*`` classes and ARIA links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields import BLANK_CHOICE_DASH
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clusterplan import disclosure, labels
from clusterplan.report.numbers import MISSING, percent, unit_decimals
from clusterplan.report.table import Cell as TableCell
from clusterplan.report.table import as_cell
from clusterweb.formgroups import layout
from clusterweb.presentation import entered, page_language

register = template.Library()


@dataclass(frozen=True)
class NavEntry:
    """One main-navigation entry: a URL name, its label and who may see it."""

    url_name: str
    label: str | Promise
    audience: str  # "public", "read" (viewers and up), "edit" (editors and up), "partner"


MAIN_NAVIGATION: tuple[NavEntry, ...] = (
    NavEntry("dashboard:index", _("Dashboard"), "read"),
    NavEntry("scenarios:index", _("Scenarios"), "read"),
    NavEntry("backcast:index", _("Back-casting"), "read"),
    NavEntry("finance:index", _("Finance"), "read"),
    NavEntry("impact:index", _("Impact"), "read"),
    NavEntry("demand:index", _("Space and talent"), "read"),
    NavEntry("planning:projects", _("Projects"), "read"),
    NavEntry("ecosystem:registry", _("Ecosystem"), "read"),
    NavEntry("acquisition:board", _("Acquisition"), "read"),
    NavEntry("startups:portfolio", _("Start-ups"), "read"),
    NavEntry("events:index", _("Events"), "read"),
    NavEntry("monitoring:index", _("Monitoring"), "read"),
    NavEntry("monitoring:submit", _("Our figures"), "partner"),
    NavEntry("ecosystem:showcase", _("Showcase"), "public"),
    NavEntry("history:index", _("History"), "edit"),
)


def resolve_or_none(url_name: str) -> str | None:
    """``reverse(url_name)``, or ``None`` when the name is not (yet) routed."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _may_see(context: template.Context, audience: str) -> bool:
    if audience == "public":
        return True
    if audience == "partner":
        from clusterweb.accounts.access import partner_organisations

        user = getattr(context.get("request"), "user", None)
        return bool(user is not None and partner_organisations(user))
    flag = "can_edit" if audience == "edit" else "can_read"
    if flag in context:
        return bool(context[flag])
    user = getattr(context.get("request"), "user", None)
    return bool(user is not None and user.is_authenticated)


@register.simple_tag(takes_context=True)
def main_navigation(context: template.Context) -> list[dict[str, Any]]:
    """The navigation entries this user may see, each ``{"label", "url", "current"}``."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    namespace = getattr(match, "namespace", "") or ""
    path = getattr(request, "path", "") or ""
    items: list[dict[str, Any]] = []
    for entry in MAIN_NAVIGATION:
        url = resolve_or_none(entry.url_name)
        if url is None or not _may_see(context, entry.audience):
            continue
        # Its section: the app's pages under the entry's first path segment ('/plan/' for
        # the projects); the site's root, the public page of the dashboard's app, is in none.
        section = "/" + url.strip("/").split("/", 1)[0] + "/"
        current = namespace == entry.url_name.split(":", 1)[0] and path.startswith(section)
        items.append({"label": entry.label, "url": url, "current": current})
    # Several entries of one app (registry and showcase): only the longest matching URL is
    # the current page.
    current_items = [i for i in items if i["current"]]
    if len(current_items) > 1:
        prefixed = [i for i in current_items if path.startswith(i["url"])]
        best = max(prefixed or current_items[:1], key=lambda i: len(i["url"]))
        for item in current_items:
            item["current"] = item is best
    return items


@register.simple_tag
def url_if(url_name: str, *args: Any) -> str:
    """The URL of ``url_name`` (with positional ``args``), or ``""`` if it does not resolve."""
    try:
        return reverse(url_name, args=args or None)
    except NoReverseMatch:
        return ""


@register.filter
def cell(value: Any, decimals: int | str | None = None) -> str:
    """A table cell in the page's language: a value given as it is becomes a cell as in
    every table (:func:`clusterplan.report.table.as_cell`: a number grouped, a float to
    ``decimals`` places, without them whole floats as integers and others to one place;
    ``None``, unknown in the plan, as '?'; yes or no in the page's language), and a cell
    writes itself (unit, unknown, '+?')."""
    lang = page_language()
    places = None if decimals in (None, "") else int(decimals)
    return as_cell(value, places, lang).shown(lang)


@register.filter(name="percent")
def percent_filter(share: float | None) -> float | None:
    """A share (0.25) in percent (25.0) by the core's one rule
    (:func:`clusterplan.report.numbers.percent`); unknown stays unknown."""
    return None if share is None else percent(share)


@register.filter(name="words")
def words_filter(value: Any, kind: str) -> str:
    """A value of the core enumeration of ``kind`` (``space.function``,
    ``education.level``, ...) by its words in the page's language
    (:func:`clusterplan.labels.label`)."""
    return labels.label(kind, str(value), page_language())


@register.filter(name="entered")
def entered_filter(value: Any, unit: str = "") -> str:
    """A value someone entered or stored, in ``unit`` (:func:`clusterweb.presentation.entered`:
    a year without separators)."""
    return entered(value, unit or "")


@register.simple_tag
def assumption_link(key: str) -> str:
    """The current plan's assumption ``key`` by its label, linked to its row on the
    assumptions page (:func:`clusterweb.planning.tables.assumption_link`)."""
    from clusterweb.planning import tables
    from clusterweb.planning.services import current_plan

    return tables.assumption_link(current_plan(), key)


@register.filter
def assumption_anchor(key: str) -> str:
    """The id of an assumption's row on the assumptions page, where its links point."""
    from clusterweb.planning import tables

    return tables.assumption_anchor(key)


@register.filter
def structured(value: Any) -> str | None:
    """A stored value that holds more than one figure or word (a dict or a list, such as a
    business case or an object's snapshot) as indented JSON for a folded block; None for a
    single value, which is written as it is."""
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
    return None


@register.filter
def withheld_mark(tab: Any) -> str:
    """The disclosure rule's mark (:func:`clusterplan.disclosure.mark`) when a table shows
    it in a cell, else '': a chart of such a table has figures it may not draw."""
    mark = disclosure.mark(page_language())
    rows = tab.get("rows", []) if isinstance(tab, dict) else []
    shown = (c.text if isinstance(c, TableCell) else str(c) for row in rows for c in row[1:])
    return mark if mark in shown else ""


@register.filter
def chart_is_empty(spec: Any) -> bool:
    """True when an ECharts option has no value to draw (every series' data is zero or
    unknown): an empty axis from 0 to 1 reads as a broken chart, so chart.html says so."""
    series = spec.get("series", []) if isinstance(spec, dict) else []
    for s in series if isinstance(series, list) else [series]:
        for point in s.get("data", []) if isinstance(s, dict) else []:
            value = point.get("value") if isinstance(point, dict) else point
            if isinstance(value, list):
                value = value[-1] if value else None
            if isinstance(value, int | float) and not isinstance(value, bool) and value != 0:
                return False
    return True


@register.filter
def zip_with(first: Any, second: Any) -> list[tuple[Any, Any]]:
    """Pair items of ``first`` with those of ``second`` (missing partners are ``False``)."""
    left = list(first or [])
    right = list(second or [])
    right += [False] * (len(left) - len(right))
    return list(zip(left, right, strict=False))


def _widget_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return ""
    if isinstance(widget, forms.Select):
        return "utrecht-select utrecht-select--html-select"
    if isinstance(widget, forms.Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea"
    if isinstance(widget, forms.NumberInput):
        return "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric"
    return "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def widget_kind(field: forms.BoundField) -> str:
    """``checkbox``, ``choices`` (radio/checkbox group) or ``input`` for field.html."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    return "input"


@register.filter(name="layout")
def layout_filter(form: forms.BaseForm) -> list[dict[str, Any]]:
    """The form's fields, grouped where the form says (:func:`clusterweb.formgroups.layout`)."""
    return layout(form)


@register.filter
def utrecht_widget(field: forms.BoundField) -> str:
    """Render a bound field's widget with ``utrecht-*`` classes, ``aria-invalid`` and
    ``aria-describedby`` pointing at its description and error message."""
    widget = field.field.widget
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        # Django's empty choice of a select is '---------'; ours is written as every other
        # missing value, '—' (a select the form itself gave an empty choice already says so)
        widget.choices = [
            ("", MISSING) if value == "" and text == BLANK_CHOICE_DASH[0][1] else (value, text)
            for value, text in widget.choices
        ]
    attrs: dict[str, Any] = {}
    classes = _widget_class(widget)
    existing = widget.attrs.get("class", "")
    if classes:
        if field.errors and "utrecht-checkbox" not in classes:
            base = classes.split()[0]
            classes += f" {base}--invalid"
        attrs["class"] = f"{classes} {existing}".strip()
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


STAT_KEYS = ("value", "label", "unit", "provenance", "decimals", "id")


@register.simple_tag(takes_context=True)
def stat_context(context: template.Context) -> dict[str, Any]:
    """For stat.html: the plain variables ``value``, ``label``, ... when a label was given,
    otherwise the ``stat`` dict."""
    plain = {key: context.get(key) for key in STAT_KEYS}
    stat = context.get("stat")
    chosen = plain
    if plain["label"] in (None, "") and isinstance(stat, dict):
        chosen = {key: stat.get(key) for key in STAT_KEYS}
    if chosen.get("unit") == "%" and chosen.get("decimals") in (None, ""):
        # a percentage has the percent unit's decimals, as the core writes it (90,0 %
        # beside 89,4 %, not 90 beside 89,4)
        chosen["decimals"] = unit_decimals("pct")
    return chosen
