"""Forms for plan data; the whole-plan check happens in the services on save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterweb.locking import VersionedFormMixin
from clusterweb.planning import services
from clusterweb.planning.models import Assumption, Commitment, Phase, Project

MONEY_HELP = _("M EUR; leave empty when unknown ('?').")


def money_field(label: str, required: bool = False) -> forms.FloatField:
    """A non-negative amount in M EUR, localised input (12,5 on Dutch pages)."""
    return forms.FloatField(
        label=label, required=required, min_value=0, localize=True, help_text=MONEY_HELP
    )


class ProjectForm(VersionedFormMixin, forms.ModelForm):
    """A project's names, status, coverage and one field per cost year."""

    class Meta:
        model = Project
        fields = [
            "name_nl",
            "name_en",
            "status",
            "description_nl",
            "coverage_private_meur",
            "coverage_subsidies_meur",
            "coverage_national_meur",
            "coverage_regional_meur",
        ]
        widgets = {"description_nl": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in services.SOURCE_FIELDS.values():
            field = self.fields[name]
            self.fields[name] = money_field(str(field.label))
            self.fields[name].initial = getattr(self.instance, name)
        self.cost_years = [c.year for c in self.instance.costs.all()]
        for cost in self.instance.costs.all():
            name = f"cost_{cost.year}"
            self.fields[name] = money_field(str(_("Cost %(year)s") % {"year": cost.year}))
            self.initial[name] = cost.amount_meur

    def cost_fields(self) -> list[forms.BoundField]:
        """The bound cost fields, in year order."""
        return [self[f"cost_{y}"] for y in self.cost_years]

    def other_fields(self) -> list[forms.BoundField]:
        """Every visible field that is not a cost year."""
        return [
            self[name]
            for name in self.fields
            if not name.startswith("cost_") and not self[name].is_hidden
        ]

    def costs(self) -> dict[int, float | None]:
        """Cleaned yearly costs."""
        return {y: self.cleaned_data.get(f"cost_{y}") for y in self.cost_years}

    def project_fields(self) -> dict[str, Any]:
        """Cleaned project fields."""
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        for problem in problems:
            name: str | None = None
            if problem.kind == "project" and problem.key == self.instance.key:
                if problem.field.startswith("costs_meur."):
                    name = f"cost_{problem.field.split('.')[1]}"
                elif problem.field.startswith("coverage_meur"):
                    source = problem.field.split(".")[1] if "." in problem.field else "private"
                    name = services.SOURCE_FIELDS.get(source)
                elif problem.field in self.fields:
                    name = problem.field
            self.add_error(name if name in self.fields else None, problem.reason)


class PhaseForm(VersionedFormMixin, forms.ModelForm):
    """A phase's name and years."""

    class Meta:
        model = Phase
        fields = ["name_nl", "start", "end"]
        labels = {"start": _("Start year"), "end": _("End year")}

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        own = f"{self.instance.project.key}/{self.instance.key}"
        for problem in problems:
            name: str | None = None
            if problem.kind == "phase" and problem.key == own:
                name = problem.field if problem.field in self.fields else "end"
            self.add_error(name, problem.reason)


class AssumptionForm(VersionedFormMixin, forms.ModelForm):
    """An assumption's value, range and rationale. The value's type follows the plan's."""

    class Meta:
        model = Assumption
        fields = ["low", "high", "rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.value
        value_field: forms.Field
        if isinstance(current, bool):
            value_field = forms.BooleanField(label=_("Value"), required=False)
        elif isinstance(current, int | float):
            value_field = forms.FloatField(label=_("Value"), localize=True)
        else:
            value_field = forms.JSONField(label=_("Value"), required=False)
        value_field.help_text = str(self.instance.unit)
        self.fields = {"value": value_field, **self.fields}
        self.initial["value"] = current
        for name in ("low", "high"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        value, low, high = cleaned.get("value"), cleaned.get("low"), cleaned.get("high")
        if isinstance(self.instance.value, int) and not isinstance(self.instance.value, bool):
            if isinstance(value, float) and value.is_integer():
                cleaned["value"] = int(value)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if low is not None and value < low:
                self.add_error("value", _("The value is below the low end of its range."))
            if high is not None and value > high:
                self.add_error("value", _("The value is above the high end of its range."))
        return cleaned

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        for problem in problems:
            name: str | None = None
            if problem.kind == "assumption" and problem.key == self.instance.key:
                name = problem.field if problem.field in self.fields else "value"
            self.add_error(name, problem.reason)


class CommitmentForm(VersionedFormMixin, forms.ModelForm):
    """A funding commitment; cost lines and instruments come from the plan."""

    class Meta:
        model = Commitment
        fields = [
            "line",
            "source",
            "amount_meur",
            "year",
            "status",
            "instrument",
            "evidence",
            "note",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"] = forms.ChoiceField(
            label=_("Cost line"), choices=services.cost_line_choices()
        )
        self.fields["instrument"] = forms.ChoiceField(
            label=_("Instrument"),
            choices=[("", _("(none)")), *services.instrument_choices()],
            required=False,
        )
        self.fields["amount_meur"].localize = True
        self.fields["amount_meur"].widget.is_localized = True

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        for problem in problems:
            name = (
                problem.field
                if problem.kind == "commitment" and problem.field in self.fields
                else None
            )
            self.add_error(name, problem.reason)
