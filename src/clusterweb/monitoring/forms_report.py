"""The form of the dashboard's report button: which year, which language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from clusterplan.report.annual import report_years


class ReportForm(forms.Form):
    """Year and language of the annual progress report."""

    year = forms.TypedChoiceField(label=_("Report year"), coerce=int)
    lang = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)

    def __init__(self, plan: Any, *args: Any, initial_year: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        years = report_years(plan)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(y, str(y)) for y in years]
        if initial_year is not None and initial_year in years:
            field.initial = initial_year
