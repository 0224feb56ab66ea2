"""Forms of the monitoring pages: upload, one figure (add, correct), a partner's figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan import bounds
from clusterplan.report.messages import msg
from clusterweb.formats.fields import NumberField
from clusterweb.imports import UploadForm, upload_field
from clusterweb.locking import VersionedFormMixin
from clusterweb.monitoring.models import Actual
from clusterweb.presentation import page_language


def _figure(field: forms.Field, **kwargs: Any) -> NumberField:
    """A figure as the user writes it in the page's language (``1.234,5`` in Dutch,
    ``1,234.5`` in English; ``1,5`` on an English page is refused, never read as 15)."""
    return NumberField(
        bounds.GENERIC,
        label=field.label,
        help_text=field.help_text,
        required=field.required,
        **kwargs,
    )


class ImportForm(UploadForm):
    """Upload a CSV or XLSX file of actuals in long format."""

    file = upload_field(
        _(
            "One figure per row, with the columns indicator, subject, year, value and source "
            "(optional: received, organisation). Nothing is written until you confirm the "
            "preview, and nothing at all when a row is wrong."
        )
    )


class NewActualForm(forms.ModelForm):
    """Add one figure (a new row: there is no stored version to be stale against)."""

    class Meta:
        model = Actual
        fields = ["indicator", "subject", "year", "value", "source", "received", "organisation"]
        widgets = {"received": forms.DateInput(attrs={"type": "date"})}

    def __init__(
        self,
        *args: Any,
        indicators: list[tuple[str, str]],
        subjects: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = forms.ChoiceField(label=_("Indicator"), choices=indicators)
        self.fields["subject"] = forms.ChoiceField(
            label=_("Subject"),
            required=False,
            choices=[("", msg("total", page_language()))] + subjects,
            help_text=_(
                "A pillar, project, funding source or education level; empty for the cluster total."
            ),
        )
        self.fields["organisation"].help_text = _(
            "Only for an organisation's own figure (confidential)."
        )
        self.fields["value"] = _figure(self.fields["value"])


class ActualForm(VersionedFormMixin, forms.ModelForm):
    """Correct one figure: its value, source and date received (its identity stays)."""

    class Meta:
        model = Actual
        fields = ["value", "source", "received"]
        widgets = {"received": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"] = _figure(self.fields["value"])


class PartnerForm(forms.Form):
    """A partner's own figures for one year: one value per confidential indicator and
    subject (empty: not submitted)."""

    organisation = forms.ChoiceField(label=_("Organisation"), choices=[])
    year = forms.IntegerField(label=_("Year"))

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[str, str]],
        figures: list[tuple[str, str, str]],
        **kwargs: Any,
    ) -> None:
        """``figures``: (field name, label, help) per (indicator, subject) to ask for. The
        years an indicator takes and whether its figure may be negative are the core's
        rules for a figure, checked on submission (``services.submit_partner_figures``)."""
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]
        self.fields["year"] = NumberField(bounds.YEAR, label=_("Year"))
        for name, text, help_text in figures:
            self.fields[name] = NumberField(
                bounds.GENERIC, label=text, help_text=help_text, required=False
            )
