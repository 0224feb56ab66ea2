"""Forms of the talent page: an adopted target (versioned)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import PEOPLE_PER_YEAR
from clusterplan.plan.schema import EDUCATION_LEVELS
from clusterweb.demand.models import TalentTarget
from clusterweb.formats.fields import NumberField
from clusterweb.locking import VersionedFormMixin

LEVEL_FIELDS: tuple[str, ...] = EDUCATION_LEVELS
"""A target's hires per education level: one model field per level of the core
(``test_demand`` holds the model to it)."""


class TalentTargetForm(VersionedFormMixin, forms.ModelForm):
    """Hires per level for one target year, and why (empty: unknown, never zero)."""

    mbo = NumberField(PEOPLE_PER_YEAR, required=False, label=_("MBO hires per year"))
    hbo = NumberField(PEOPLE_PER_YEAR, required=False, label=_("HBO hires per year"))
    wo = NumberField(PEOPLE_PER_YEAR, required=False, label=_("WO hires per year"))
    other = NumberField(PEOPLE_PER_YEAR, required=False, label=_("Other hires per year"))

    class Meta:
        model = TalentTarget
        fields = [*LEVEL_FIELDS, "reason"]


class SupplyImportForm(forms.Form):
    """An education supply file: CSV or XLSX with institution, programme, level, year,
    enrolled, graduates."""

    file = forms.FileField(
        label=_("Education supply file (CSV or XLSX)"),
        help_text=_(
            "Columns: institution, programme, level (mbo, hbo, wo, other), year, enrolled, "
            "graduates; one row per institution, programme and year. Read all or nothing."
        ),
    )
