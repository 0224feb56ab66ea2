"""The assumptions form of the scenario page and the form to save a scenario."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from clusterplan.app import inputs
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterweb.choices import KnownChoiceField
from clusterweb.formats.fields import NumberField
from clusterweb.presentation import page_language, shown
from clusterweb.scenarios import services
from clusterweb.scenarios.models import Scenario


def language() -> str:
    """The page's language for the core's texts (``nl`` or ``en``)."""
    return page_language()


def input_field(spec: inputs.Input) -> forms.Field:
    """The form field of a declared scenario input (its label and help in the page's
    language, its range from the declaration)."""
    lang = language()
    if spec.choices is not None:
        return KnownChoiceField(
            label=spec.label(lang),
            choices=[(c, services.dimension_label(c)) for c in spec.choices],
            required=spec.required,
        )
    assert spec.kind.bound is not None
    return NumberField(
        spec.kind.bound,
        low=spec.low,
        high=spec.high,
        label=spec.label(lang),
        help_text=spec.help(lang),
        required=spec.required,
    )


class AssumptionsForm(forms.Form):
    """Scenario inputs, one field per input declared in :mod:`clusterplan.app.inputs`;
    defaults are the plan's."""

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.inputs = inputs.scenario_inputs(plan)
        for spec in self.inputs:
            self.fields[spec.name] = input_field(spec)
        lang = language()
        self.project_ids = list(inputs.by_project(self.inputs))
        self.project_names = {
            i.project: i.project_title(lang) for i in self.inputs if i.project is not None
        }
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")

    def general_fields(self) -> list[forms.BoundField]:
        """Fields that are not per project."""
        return [self[i.name] for i in self.inputs if i.project is None]

    def project_columns(self) -> list[str]:
        """Headers of the per-project inputs (one column each)."""
        lang = language()
        return [(k.column or k.label)(lang, project="") for k in inputs.per_project_kinds()]

    def project_rows(self) -> list[tuple[str, tuple[forms.BoundField, ...]]]:
        """(project name, its fields) per project: one row of the page's table."""
        return [
            (self.project_names[pid], tuple(self[i.name] for i in specs))
            for pid, specs in inputs.by_project(self.inputs).items()
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        saved = list(Scenario.objects.values_list("pk", flat=True)[:2])
        self.enough = len(saved) > 1  # a comparison is of two
        if self.enough:  # two different ones to start from, not both unset
            self.fields["first"].initial, self.fields["second"].initial = saved


class EnsembleForm(forms.Form):
    """A Monte Carlo ensemble of the plan's default assumptions: size and dimension.

    Up to ``CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD`` samples it is computed in the request,
    above that as a background task, never above ``CLUSTERWEB_ENSEMBLE_MAX_SAMPLES``.
    """

    samples = NumberField(bounds.SAMPLES, label=_("Number of samples"))
    dimension = KnownChoiceField(label=_("Growth dimension"))

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        from django.conf import settings

        from clusterweb.planning.services import current_plan

        super().__init__(*args, **kwargs)
        plan = plan or current_plan()
        most = services.ensemble_max_samples()
        samples = self.fields["samples"]
        assert isinstance(samples, NumberField)
        samples.high = min(samples.high, most)  # the site's limit narrows the bound
        samples.widget.attrs["max"] = str(int(samples.high))
        samples.help_text = _(
            "Up to %(threshold)s samples the ensemble is computed at once; a larger one runs "
            "in the background and its page shows the progress (at most %(max)s)."
        ) % {
            "threshold": shown(settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD),
            "max": shown(most),
        }
        self.fields["dimension"].choices = services.dimension_choices(plan)
        self.fields["dimension"].initial = plan.employment.last_dimension
        samples.initial = settings.CLUSTERWEB_ENSEMBLE_SAMPLES
