"""The impact page's form: which growth dimension to show."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.schema import Plan
from clusterweb.choices import KnownChoiceField
from clusterweb.scenarios.services import dimension_choices


class ImpactForm(forms.Form):
    """One of the plan's growth dimensions."""

    scenario = KnownChoiceField(
        label=_("Growth dimension"),
        help_text=_("Each dimension includes the ones it builds on."),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = dimension_choices(plan)
        self.initial.setdefault("scenario", plan.employment.last_dimension)
