"""The scenario page's market part: stress narratives, jobs per market, business-case backing.

A small, separate addition to the scenario page (its own include, ``scenarios/_markets.html``):
the narratives are plan data (``growth.market.stress``), the numbers come from the growth
engine (:func:`clusterplan.model.growth.market_results` and ``backing``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.model.growth import (
    GrowthError,
    backing,
    growth_assumptions,
    jobs_by_market,
    stress_label,
    stress_narratives,
    trajectory,
    with_stress,
)
from clusterplan.plan.schema import Plan
from clusterplan.report import scenario as core_scenario
from clusterplan.report.tables import item_rationale
from clusterweb.presentation import Table, page_language, web_table
from clusterweb.scenarios.services import dimension_label

FIELD = "stress"


def _label(entry: dict[str, Any], key: str) -> str:
    return stress_label(entry, key, page_language())


class StressForm(forms.Form):
    """Choose a market stress narrative (empty: every market on its central path)."""

    stress = forms.ChoiceField(
        label=gettext_lazy("Market stress narrative"),
        required=False,
        help_text=gettext_lazy(
            "A named what-if from the plan's assumptions that moves application markets in"
            " given years; compared with every market on its central path."
        ),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narratives = stress_narratives(plan)
        self.fields[FIELD].choices = [("", _("None (central paths)"))] + [
            (key, _label(entry, key)) for key, entry in narratives.items()
        ]


def market_table(plan: Plan, a: Any, stressed: Any | None) -> Table:
    """Jobs carried by each market in the target year: central paths, and the stress
    (:func:`clusterplan.report.scenario.market_table`, which ``clusterplan scenarios``
    prints)."""
    plain = trajectory(plan, None, a)
    hit = None if stressed is None else jobs_by_market(stressed, trajectory(plan, None, stressed))
    model = core_scenario.market_table(
        plan,
        plan.employment.last_dimension,
        plain.years,
        a.target_year,
        page_language(),
        jobs_by_market(a, plain),
        hit,
    )
    return web_table(model, None)


def stress_table(plan: Plan, a: Any, stressed: Any) -> Table:
    """Per year: total jobs on the central paths and with the narrative, and the difference
    (the plan's last growth dimension; the core's comparison of two paths,
    :func:`clusterplan.report.scenario.comparison_table`)."""
    plain = trajectory(plan, None, a)
    hit = trajectory(plan, None, stressed)
    title = _("Total jobs per year (%(dimension)s)") % {
        "dimension": dimension_label(plan.employment.last_dimension, plan)
    }
    model = core_scenario.comparison_table(
        plain.years,
        (_("Central paths"), plain.total),
        (_("With the narrative"), hit.total),
        page_language(),
    )
    return web_table(replace(model, key="stress", name=title, title=title), None)


def backing_table(plan: Plan, a: Any) -> Table:
    """Per growth dimension: the increment backed by business cases and the assumed rest
    (:func:`clusterplan.report.scenario.backing_table`, which ``clusterplan scenarios``
    prints)."""
    model = core_scenario.backing_table(plan, backing(plan, a), a.target_year, page_language())
    return web_table(model, None)


def context(plan: Plan, data: QueryDict) -> dict[str, Any]:
    """The include's context: the narrative form, and the tables (None when invalid)."""
    bound = FIELD in data
    form = StressForm(plan, data=data if bound else None)
    out: dict[str, Any] = {"stress_form": form, "market_table": None, "backing_table": None}
    try:
        a = growth_assumptions(plan)
    except GrowthError:
        return out
    out["backing_table"] = backing_table(plan, a)
    if not a.markets:
        return out
    if bound and not form.is_valid():
        return out
    key = form.cleaned_data.get(FIELD) if bound else ""
    stressed = with_stress(plan, a, key) if key else None
    out["market_table"] = market_table(plan, a, stressed)
    if stressed is not None:
        entry = stress_narratives(plan)[key]
        out["stress"] = {
            "label": _label(entry, key),
            "rationale": item_rationale(entry, page_language()),
            "table": stress_table(plan, a, stressed),
        }
    return out
