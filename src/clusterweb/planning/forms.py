"""Forms for plan data; the whole-plan check happens in the services on save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from clusterplan.plan import bounds
from clusterweb.formats.fields import NumberField
from clusterweb.locking import VersionedFormMixin
from clusterweb.planning import services
from clusterweb.planning.models import Assumption, Commitment, Phase, Project

MONEY_HELP = _("M EUR; leave empty when unknown ('?').")
FACT_PREFIX = "fact:"
"""An assumption value that takes the value of one of the plan's facts: ``fact:<id>``."""


class FiniteJSONDecoder(json.JSONDecoder):
    """JSON without NaN and Infinity (Python's json reads them; the databases refuse them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["parse_constant"] = _refuse_constant
        super().__init__(*args, **kwargs)


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not a number", name, 0)


def money_field(label: str, required: bool = False) -> NumberField:
    """An amount in M EUR within the declared money range, read in the page's language
    (12,5 on Dutch pages, 12.5 on English pages)."""
    return NumberField(bounds.MONEY_MEUR, label=label, required=required, help_text=MONEY_HELP)


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            label = self.fields[name].label
            self.fields[name] = NumberField(bounds.YEAR, label=label, required=False)

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
        bound = bounds.for_assumption(str(self.instance.key), str(self.instance.unit))
        self.fact_choices: list[tuple[str, str]] = []
        value_field: forms.Field
        if isinstance(current, bool):
            value_field = forms.BooleanField(label=_("Value"), required=False)
        elif isinstance(current, int | float) or _fact_id(current) is not None:
            value_field = NumberField(bound, label=_("Value"), required=False)
            self.fact_choices = _fact_choices(str(self.instance.unit), _fact_id(current))
        else:
            value_field = forms.JSONField(
                label=_("Value"), required=False, decoder=FiniteJSONDecoder
            )
        value_field.help_text = str(self.instance.unit)
        self.fields = {"value": value_field, **self.fields}
        fact = _fact_id(current)
        self.initial["value"] = None if fact is not None else current
        if self.fact_choices:
            self.fields = {
                "value": value_field,
                "fact": forms.ChoiceField(
                    label=_("Or take the value of a fact from the plan"),
                    choices=[("", _("(no: the number above)")), *self.fact_choices],
                    required=False,
                ),
                **{k: v for k, v in self.fields.items() if k != "value"},
            }
            self.initial["fact"] = fact or ""
        for name in ("low", "high"):
            self.fields[name] = NumberField(bound, label=self.fields[name].label, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        value, low, high = cleaned.get("value"), cleaned.get("low"), cleaned.get("high")
        if self.fact_choices and "value" not in self.errors:
            fact = cleaned.pop("fact", "")
            if fact:
                cleaned["value"] = f"{FACT_PREFIX}{fact}"
                return cleaned
            if value is None:
                self.add_error("value", _("Enter a number or choose a fact."))
                return cleaned
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
        self.fields["amount_meur"] = money_field(
            str(self.fields["amount_meur"].label), required=True
        )
        self.fields["amount_meur"].help_text = ""
        self.fields["year"] = NumberField(
            bounds.YEAR, label=self.fields["year"].label, required=False
        )

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        for problem in problems:
            name = (
                problem.field
                if problem.kind == "commitment" and problem.field in self.fields
                else None
            )
            self.add_error(name, problem.reason)


def _fact_id(value: Any) -> str | None:
    """The fact id of a ``fact:<id>`` value, else None."""
    if isinstance(value, str) and value.startswith(FACT_PREFIX):
        return value.removeprefix(FACT_PREFIX)
    return None


def _fact_choices(unit: str, current: str | None) -> list[tuple[str, str]]:
    """The plan's known facts an assumption of this unit can refer to (same unit; every
    fact with a value when none has the unit), plus the one it refers to now."""
    facts = [f for f in services.current_plan().facts if f.value is not None]
    same = [f for f in facts if f.unit == unit]
    chosen = same or facts
    if current is not None and all(f.id != current for f in chosen):
        chosen += [f for f in facts if f.id == current]
    return [
        (f.id, f"{f.label_en if _english() else f.label_nl} ({number_format(f.value)} {f.unit})")
        for f in chosen
        if f.value is not None
    ]


def _english() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "nl").startswith("en")
