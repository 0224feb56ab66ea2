"""The back-casting form: a target in, milestones out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.app.backcast import backcast_defaults
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterweb.backcast import services
from clusterweb.choices import KnownChoiceField
from clusterweb.formats.fields import NumberField
from clusterweb.scenarios.services import dimension_choices


class BackcastForm(forms.Form):
    """Target jobs and year, path shape, and the dimension that delivers."""

    target_total = NumberField(bounds.JOBS, label=_("Target: jobs in the target year"))
    target_year = NumberField(bounds.YEAR, label=_("Target year"))
    shape = KnownChoiceField(label=_("Path to the target"))
    dimension = KnownChoiceField(
        label=_("What growth and projects deliver"),
        help_text=_(
            "The growth dimension whose jobs count as delivered; the rest is the acquisition gap."
        ),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        defaults = backcast_defaults(plan)  # the target year's range is the core's to check
        self.fields["shape"].choices = services.shape_choices()
        self.fields["dimension"].choices = dimension_choices(plan)
        self.initial.update(
            target_total=defaults.target_total,
            target_year=defaults.target_year,
            shape=defaults.shape,
            dimension=defaults.dimension,
        )
