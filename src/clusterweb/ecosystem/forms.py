"""Forms of the registry pages."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import LimitError, check_size
from clusterplan.plan import bounds
from clusterweb.ecosystem.constants import MatrixAxis, OrganisationKind
from clusterweb.formats.fields import NumberField
from clusterweb.imports import UploadForm, upload_field


class ImportForm(UploadForm):
    """Upload a CSV or XLSX file with one organisation per row."""

    file = upload_field(
        _(
            "One organisation per row; the first row holds the column names. Nothing is "
            "written until you confirm the preview."
        )
    )

    def clean_file(self) -> object:
        upload = super().clean_file()
        try:  # before a byte of it is read
            check_size(upload.name, upload.size, ReadLimits.from_env())
        except LimitError as exc:
            raise forms.ValidationError(exc.text(get_language())) from None
        return upload


class AxisForm(forms.Form):
    """Which white-spot matrix to show."""

    axis = forms.ChoiceField(label=_("Columns"), choices=MatrixAxis.choices, required=False)


class DepartureForm(forms.Form):
    """Which organisation leaves, from which year (that it is a year of the plan is the
    core's rule: :func:`clusterplan.ecosystem.growth_link.departure_effect`)."""

    # the organisations offered; one the registry lacks is the core's to refuse (at this
    # field, through FIELD_OF_CODE), as the command line's --leave is
    leave = forms.CharField(label=_("Organisation"), widget=forms.Select)
    from_year = NumberField(bounds.YEAR, label=_("From year"))

    FIELD_OF_CODE = {
        "growth.departure_unknown": "leave",
        "growth.departure_year_outside": "from_year",
    }
    """The field a refusal of the core's departure is about (shown at that field)."""

    def __init__(
        self, *args: object, organisations: list[tuple[str, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["leave"].widget.choices = organisations  # type: ignore[attr-defined]


SEARCH_MAX = 100
"""The longest search text the registry, the showcase and the API take (a name or a word
of a description is far shorter; a longer text is refused, not cut)."""


class ShowcaseForm(forms.Form):
    """Search and filters of the public showcase."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + OrganisationKind.choices
    )
    segment = forms.ChoiceField(label=_("Value-chain segment"), required=False, choices=[])
    technology = forms.ChoiceField(label=_("Technology"), required=False, choices=[])
    market = forms.ChoiceField(label=_("Market"), required=False, choices=[])

    def __init__(
        self, *args: object, choices: dict[str, list[tuple[str, str]]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, options in choices.items():
            self.fields[name].choices = [("", _("All"))] + options  # type: ignore[attr-defined]


class RegistryFilterForm(forms.Form):
    """Filters of the registry list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + OrganisationKind.choices
    )
