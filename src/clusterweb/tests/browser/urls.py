"""URLs for the layout browser tests: the real site plus a page that uses base.html and every
include template, and an htmx fragment that swaps in a new chart."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

LAYOUT_PAGE = """{% extends "base.html" %}
{% block breadcrumbs %}{% include "includes/breadcrumb.html" with href="/" label="Start" %}{% endblock %}
{% block content %}
<div class="clusterplan-stats">
{% include "includes/stat.html" with stat=goal %}
{% include "includes/stat.html" with stat=probability %}
</div>
{% include "includes/alert.html" with type="warning" title="Let op" message="Een waarschuwing." %}
{% include "includes/form.html" with form=form submit_label="Herbereken" hx_get="/_layout/fragment/" hx_target="#chart-area" hx_swap="innerHTML" form_id="layout-form" method="get" %}
<div id="chart-area" data-announce="Resultaten bijgewerkt">{% include "includes/chart.html" with chart=chart %}</div>
{% include "includes/table.html" with table=table %}
{% include "includes/button.html" with label="Terug" href="/" variant="secondary" %}
{% endblock %}
"""

CHART_FRAGMENT = '{% include "includes/chart.html" with chart=chart %}'


class LayoutForm(forms.Form):
    """A form with each kind of field the include templates know."""

    growth = forms.DecimalField(
        label="Marktgroei (%)", initial=5, help_text="Jaarlijkse groei van de markt."
    )
    scenario = forms.ChoiceField(
        label="Scenario", choices=[("base", "Basis"), ("low", "Laag")], required=False
    )
    closure = forms.BooleanField(label="Fab sluit", required=False)


def layout_chart(scale: float) -> dict[str, Any]:
    years = [2026, 2028, 2030, 2032, 2034]
    jobs = [round(5600 * (1 + scale / 100) ** (year - 2026)) for year in years]
    return {
        "id": "jobs-chart",
        "title": "Banen per jaar",
        "spec": {
            "xAxis": {"type": "category", "data": [str(y) for y in years]},
            "yAxis": {"type": "value"},
            "series": [{"name": "Banen", "type": "line", "data": jobs}],
        },
        "table": {
            "caption": "Banen per jaar",
            "columns": ["Jaar", "Banen"],
            "rows": [[str(y), j] for y, j in zip(years, jobs, strict=True)],
            "numeric": [False, True],
        },
    }


def layout(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string(LAYOUT_PAGE)
    context = {
        "title": "Layout",
        "form": LayoutForm(),
        "chart": layout_chart(5.0),
        "table": {
            "caption": "Kosten per jaar (M€)",
            "columns": ["Project", "2026", "2027"],
            "rows": [["Cleanroom", 12.5, 1234.25], ["Talent", None, 3]],
            "numeric": [False, True, True],
            "download": {"csv": "/x.csv", "xlsx": "/x.xlsx"},
        },
        "goal": {"value": 11200, "label": "Doel 2034", "unit": "banen", "provenance": "Plan, §2"},
        "probability": {"value": 0.42, "label": "Kans op het doel", "decimals": 2},
    }
    return HttpResponse(template.render(context, request))


def fragment(request: HttpRequest) -> HttpResponse:
    try:
        scale = float(request.GET.get("growth", "5").replace(",", "."))
    except ValueError:
        scale = 5.0
    template = engines["django"].from_string(CHART_FRAGMENT)
    return HttpResponse(template.render({"chart": layout_chart(scale)}, request))


urlpatterns = [
    path("_layout/", layout, name="test-layout"),
    path("_layout/fragment/", fragment, name="test-layout-fragment"),
    path("", include("clusterweb.urls")),
]
