"""The impact page's form: which growth dimension to show."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterweb.impact.constants import DEFAULT_SCENARIO
from clusterweb.scenarios.services import DIMENSIONS, dimension_label


class ImpactForm(forms.Form):
    """The growth dimension (organic, accelerated or leap)."""

    scenario = forms.ChoiceField(
        label=_("Growth dimension"),
        help_text=_("Each dimension includes the ones it builds on."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [(d, dimension_label(d)) for d in DIMENSIONS]
        self.initial.setdefault("scenario", DEFAULT_SCENARIO)
