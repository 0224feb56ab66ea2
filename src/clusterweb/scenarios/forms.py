"""The assumptions form of the scenario page and the form to save a scenario."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterweb.formats.fields import NumberField
from clusterweb.planning import tables
from clusterweb.presentation import shown
from clusterweb.scenarios import services
from clusterweb.scenarios.models import Scenario


class AssumptionsForm(forms.Form):
    """Scenario inputs; defaults are the plan's growth assumptions."""

    dimension = forms.ChoiceField(label=_("Growth dimension"))
    market_growth_factor = NumberField(
        bounds.FACTOR,
        label=_("Market growth factor to the target year"),
        low=0.1,
        high=10,
        help_text=_("The plan: the semiconductor market grows by a factor of about 2 until 2034."),
    )
    fab_closure_year = NumberField(
        bounds.YEAR,
        label=_("Fab closure year (empty: the fab continues)"),
        required=False,
        help_text=_("The 8-inch wafer fab closes in this year."),
    )
    acquisition_jobs = NumberField(
        bounds.JOBS,
        label=_("Acquisition jobs in the target year"),
        help_text=_(
            "Extra jobs from acquisition, shared over the pillars as the base-year jobs are "
            "and growing linearly from the base year."
        ),
    )

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["dimension"].choices = [
            (d, services.dimension_label(d)) for d in services.DIMENSIONS
        ]
        start, end = plan.meta.horizon_start, plan.meta.horizon_end
        self.fields["fab_closure_year"] = NumberField(
            bounds.YEAR,
            low=start,
            high=end,
            label=self.fields["fab_closure_year"].label,
            help_text=self.fields["fab_closure_year"].help_text,
            required=False,
        )
        self.project_ids = services.project_ids(plan)
        self.project_names: dict[str, str] = {}
        for pid in self.project_ids:
            try:
                name = tables.name_of(plan.project(pid))
            except KeyError:
                name = pid
            self.project_names[pid] = name
            self.fields[f"realisation__{pid}"] = NumberField(
                bounds.REALISATION,
                label=_("Realisation: %(project)s") % {"project": name},
                help_text=_(
                    "Share of the project's planned jobs that is realised (0 to 2; above 1:"
                    " beyond plan)."
                ),
            )
            self.fields[f"delay__{pid}"] = NumberField(
                bounds.DELAY_YEARS,
                label=_("Delay (years): %(project)s") % {"project": name},
                high=5,
            )
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")

    def general_fields(self) -> list[forms.BoundField]:
        """Fields that are not per project."""
        return [self[n] for n in self.fields if "__" not in n]

    def project_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """(realisation, delay) per project."""
        return [(self[f"realisation__{p}"], self[f"delay__{p}"]) for p in self.project_ids]

    def project_rows(self) -> list[tuple[str, tuple[forms.BoundField, forms.BoundField]]]:
        """(project name, (realisation, delay)) per project: one row of the page's table."""
        return [
            (self.project_names[p], (self[f"realisation__{p}"], self[f"delay__{p}"]))
            for p in self.project_ids
        ]

    def values(self) -> dict[str, Any]:
        """Cleaned values (call after is_valid)."""
        return dict(self.cleaned_data)


def saved_values(plan: Plan, values: dict[str, Any] | None) -> dict[str, Any]:
    """The values of a saved scenario that are valid today, each checked by its field of
    :class:`AssumptionsForm` (a value saved before a range was declared, or for a project
    that is gone, is dropped, so the plan's default applies)."""
    fields = AssumptionsForm(plan).fields
    out: dict[str, Any] = {}
    for name, value in (values or {}).items():
        field = fields.get(name)
        if field is None:
            continue
        try:
            out[name] = field.clean(value)
        except ValidationError:
            continue
    return out


class SavedScenarioForm(forms.Form):
    """The ``scenario`` query parameter: the id of a saved scenario (anything else is
    ignored, so the page shows the defaults)."""

    scenario = NumberField(bounds.SAVED_ID, required=False)

    def scenario_id(self) -> int | None:
        """The id, or None when absent or not a valid id."""
        if not self.is_valid():
            return None
        value = self.cleaned_data.get("scenario")
        return int(value) if value is not None else None


class SaveScenarioForm(forms.ModelForm):
    """Name and description of a scenario to save."""

    class Meta:
        model = Scenario
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class CompareForm(forms.Form):
    """Two saved scenarios to compare."""

    first = forms.ModelChoiceField(queryset=Scenario.objects.all(), label=_("First scenario"))
    second = forms.ModelChoiceField(queryset=Scenario.objects.all(), label=_("Second scenario"))


class EnsembleForm(forms.Form):
    """A Monte Carlo ensemble of the plan's default assumptions: size and dimension.

    Up to ``CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD`` samples it is computed in the request,
    above that as a background task, never above ``CLUSTERWEB_ENSEMBLE_MAX_SAMPLES``.
    """

    samples = forms.IntegerField(label=_("Number of samples"), min_value=100, localize=True)
    dimension = forms.ChoiceField(label=_("Growth dimension"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        samples = self.fields["samples"]
        assert isinstance(samples, forms.IntegerField)
        samples.max_value = settings.CLUSTERWEB_ENSEMBLE_MAX_SAMPLES
        samples.validators.append(MaxValueValidator(settings.CLUSTERWEB_ENSEMBLE_MAX_SAMPLES))
        samples.widget.attrs.update(min=100, max=settings.CLUSTERWEB_ENSEMBLE_MAX_SAMPLES)
        samples.help_text = _(
            "Up to %(threshold)s samples the ensemble is computed at once; a larger one runs "
            "in the background and its page shows the progress (at most %(max)s)."
        ) % {
            "threshold": shown(settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD),
            "max": shown(settings.CLUSTERWEB_ENSEMBLE_MAX_SAMPLES),
        }
        self.fields["dimension"].choices = [
            (d, services.dimension_label(d)) for d in services.DIMENSIONS
        ]
        self.fields["dimension"].initial = "leap"
        samples.initial = settings.CLUSTERWEB_ENSEMBLE_SAMPLES
