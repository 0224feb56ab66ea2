"""The back-casting form: a target in, milestones out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterweb.backcast import services
from clusterweb.formats.fields import NumberField
from clusterweb.scenarios.services import dimension_choices, last_dimension


class BackcastForm(forms.Form):
    """Target jobs and year, path shape, and the dimension that delivers."""

    target_total = NumberField(bounds.JOBS, label=_("Target: jobs in the target year"), low=1)
    target_year = NumberField(bounds.YEAR, label=_("Target year"))
    shape = forms.ChoiceField(label=_("Path to the target"))
    dimension = forms.ChoiceField(
        label=_("What growth and projects deliver"),
        help_text=_(
            "The growth dimension whose jobs count as delivered; the rest is the acquisition gap."
        ),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        emp = plan.employment
        last = plan.meta.horizon_end
        try:
            last = int(plan.assumption("growth.extension.until-year").value)
        except (KeyError, TypeError, ValueError):
            pass
        self.fields["target_year"] = NumberField(
            bounds.YEAR, label=_("Target year"), low=emp.base_year + 1, high=last
        )
        self.fields["shape"].choices = services.shape_choices()
        self.fields["dimension"].choices = dimension_choices(plan)
        default_dimension = last_dimension(plan)
        try:
            default_dimension = str(plan.assumption("growth.backcast.delivered-dimension").value)
        except KeyError:
            pass
        goal_jobs = emp.goal_jobs()
        if goal_jobs is None:  # no goal: the target year's jobs of the default dimension
            goal_jobs = sum(emp.scenarios[last_dimension(plan)].jobs.values())
        self.initial.update(
            target_total=round(goal_jobs),
            target_year=emp.target_year if emp.goal is None else emp.goal.year,
            shape="linear",
            dimension=default_dimension,
        )
