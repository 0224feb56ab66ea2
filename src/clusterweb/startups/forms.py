"""Forms of the start-up portfolio: a start-up (versioned), its rows, the import."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from clusterplan.ecosystem.startups import founding_problem, status_problems
from clusterplan.plan import bounds
from clusterweb.errors import reason_sentence
from clusterweb.formats.fields import NumberField
from clusterweb.imports import UploadForm, upload_field
from clusterweb.locking import VersionedFormMixin
from clusterweb.startups.constants import EDIT_FIELDS, FundingKind, ImportKind
from clusterweb.startups.models import StartUp


class StartUpForm(VersionedFormMixin, forms.ModelForm):
    """A start-up's profile; pillar, segment and organisation are chosen from the plan and
    the registry."""

    class Meta:
        model = StartUp
        fields = list(EDIT_FIELDS)

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[str, str]],
        pillars: list[tuple[str, str]],
        segments: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, options in (
            ("organisation", organisations),
            ("pillar", pillars),
            ("segment", segments),
        ):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, required=False, choices=[("", "—")] + options
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = status_problems(
            data.get("founded"),
            data.get("status") or None,
            data.get("status_year"),
            typed=True,
            this_year=date.today().year,
        )
        for name, problem in problems.items():
            if name in data:  # not refused by its field already
                self.add_error(name, reason_sentence(problem))
        return data


class NewStartUpForm(StartUpForm):
    """A new start-up (nothing stored yet to be stale against)."""


class DatedForm(forms.Form):
    """A figure of a start-up dated by ``dated`` (a year or a date field): not before the
    start-up's ``founded`` year (:func:`clusterplan.ecosystem.startups.founding_problem`,
    the rule its import and its record keep)."""

    dated = ""

    def __init__(self, *args: Any, founded: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.founded = founded

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = data.get(self.dated)
        year = value.year if isinstance(value, date) else value
        if (problem := founding_problem(self.founded, year)) is not None:
            self.add_error(self.dated, reason_sentence(problem))
        return data


class FundingRoundForm(DatedForm):
    """Add a funding round."""

    dated = "on"

    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount_meur = NumberField(bounds.MONEY_MEUR, label=_("Amount (M EUR)"))
    kind = forms.ChoiceField(label=_("Kind"), choices=FundingKind.choices)
    investors = forms.CharField(label=_("Investors"), required=False, max_length=1000)


class JobsYearForm(DatedForm):
    """Set the jobs of a year (replaces that year's figure)."""

    dated = "year"

    year = NumberField(bounds.YEAR, label=_("Year"))
    jobs = NumberField(bounds.HEADCOUNT, label=_("Jobs"))


class MilestoneForm(forms.Form):
    """Add a milestone."""

    on = forms.DateField(
        label=_("Date"), initial=date.today, widget=forms.DateInput(attrs={"type": "date"})
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    done = forms.BooleanField(label=pgettext_lazy("milestone", "Done"), required=False)


class ImportForm(UploadForm):
    """Upload a CSV or XLSX file of start-ups, jobs, funding rounds or milestones."""

    kind = forms.ChoiceField(label=_("The file holds"), choices=ImportKind.choices)
    file = upload_field(
        _(
            "The first row holds the column names. Nothing is written until you confirm "
            "the preview, and then every row or none."
        )
    )
