"""Forms of the talent page: an adopted target (versioned)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.plan.bounds import PEOPLE_PER_YEAR
from clusterplan.plan.schema import EDUCATION_LEVELS
from clusterweb.demand.constants import hires_label
from clusterweb.demand.models import TalentTarget
from clusterweb.formats.fields import NumberField
from clusterweb.imports import UploadForm, upload_field
from clusterweb.locking import VersionedFormMixin

LEVEL_FIELDS: tuple[str, ...] = EDUCATION_LEVELS
"""A target's hires per education level: one model field per level of the core
(``test_talent_page`` holds the model to it)."""


class TalentTargetForm(VersionedFormMixin, forms.ModelForm):
    """Hires per level for one target year, and why (empty: unknown, never zero): a field
    per level of the core's ``EDUCATION_LEVELS``, named by the core's words for it."""

    class Meta:
        model = TalentTarget
        fields = [*LEVEL_FIELDS, "reason"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in LEVEL_FIELDS:
            self.fields[level] = NumberField(
                PEOPLE_PER_YEAR, required=False, label=hires_label(level)
            )
        self.fields["reason"].required = True  # an edit says why


class SupplyImportForm(UploadForm):
    """An education supply file: CSV or XLSX with institution, programme, level, year,
    enrolled, graduates."""

    file = upload_field(
        _(
            "Columns: institution, programme, level (mbo, hbo, wo, other), year, enrolled, "
            "graduates; one row per institution, programme and year. Read all or nothing."
        )
    )
