"""The scenario page's market part: stress narratives, jobs per market, business-case backing.

A separate part of the scenario page (its own include, ``scenarios/_markets.html``, refreshed
with the results): the narratives are plan data (``growth.market.stress``), the tables are
the core's market part of the scenario's inputs (:func:`clusterplan.app.scenarios.market_part`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.app.scenarios import market_part, stress_choices
from clusterplan.model.growth import GrowthError, stress_label, stress_narratives
from clusterplan.plan.schema import Plan
from clusterplan.report.tables import item_rationale
from clusterweb.presentation import page_language, web_table

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
        self.fields[FIELD].choices = [
            ("", _("None (central paths)")),
            *stress_choices(plan, page_language()),
        ]


def context(plan: Plan, values: dict[str, Any] | None, data: QueryDict) -> dict[str, Any]:
    """The include's context: the narrative form and, for the scenario's input ``values``
    (None: the assumptions are invalid), the core's market part
    (:func:`clusterplan.app.scenarios.market_part`, which ``clusterplan scenarios``
    prints) under the chosen narrative."""
    bound = FIELD in data
    form = StressForm(plan, data=data if bound else None)
    narratives = len(form.fields[FIELD].choices) > 1  # a choice beyond 'none' (plan data)
    out: dict[str, Any] = {"stress_form": form, "narratives": narratives, "markets": None}
    if values is None or (bound and not form.is_valid()):
        return out
    key = (form.cleaned_data.get(FIELD) if bound else "") or None
    lang = page_language()
    try:
        part = market_part(plan, values, lang, stress=key)
    except GrowthError:  # a plan without growth assumptions has no market part
        return out
    out["markets"] = {
        name: None if model is None else web_table(model, None)
        for name, model in (
            ("markets", part.markets),
            ("stressed", part.stressed),
            ("backing", part.backing),
        )
    }
    if key is not None:
        entry = stress_narratives(plan)[key]
        out["stress"] = {"label": _label(entry, key), "rationale": item_rationale(entry, lang)}
    return out
