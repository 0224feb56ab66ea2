"""Forms of the funnel: a lead, a move, the list filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from clusterplan.ecosystem.funnel import (
    LEAD_EDIT_FIELDS,
    LEAD_JOBS,
    LEAD_NUMBER_BOUNDS,
    VIA_SOURCES,
    move_date_problem,
    via_problem,
)
from clusterplan.plan.parts import PARTS
from clusterweb.acquisition.constants import Source, Stage
from clusterweb.acquisition.models import Lead
from clusterweb.choices import KnownChoiceField
from clusterweb.errors import reason_sentence
from clusterweb.formats.fields import NumberField
from clusterweb.formgroups import GroupedFieldsMixin
from clusterweb.locking import VersionedFormMixin


class LeadForm(GroupedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    """A lead's fields; expected jobs get one field per pillar, as a group."""

    class Meta:
        model = Lead
        fields = [f for f in LEAD_EDIT_FIELDS if f != "expected_jobs"]  # jobs: per pillar
        widgets = {"next_action_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(
        self,
        *args: Any,
        pillars: list[tuple[str, str]],
        organisations: list[tuple[str, str]],
        taxonomy: dict[str, list[tuple[str, str]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.pillars = pillars
        sources = ", ".join(f"'{Source(s).label}'" for s in VIA_SOURCES)
        needed = _("Needed for a lead from: %(sources)s.") % {"sources": sources}
        self.fields["via_organisation"] = forms.ChoiceField(
            label=_("Present firm (supplier or customer of)"),
            required=False,
            choices=[("", "—")] + organisations,
            help_text=needed if organisations else format_html("{} {}", _no_firms(), needed),
        )
        for name, options in taxonomy.items():
            if not options and not getattr(self.instance, name, ""):
                del self.fields[name]  # the plan names none: nothing to choose
                continue
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, required=False, choices=[("", "—")] + options
            )
        for name, bound in LEAD_NUMBER_BOUNDS.items():
            field = self.fields[name]
            self.fields[name] = NumberField(
                bound, label=field.label, required=False, help_text=field.help_text
            )
        jobs = (self.instance.expected_jobs or {}) if self.instance.pk else {}
        for pid, label in pillars:
            self.fields[f"jobs_{pid}"] = NumberField(
                LEAD_JOBS,
                label=_("Expected jobs: %(pillar)s") % {"pillar": label},
                required=False,
                initial=jobs.get(pid),
            )
        self.group(
            "expected-jobs",
            str(_("Expected jobs per pillar")),
            {f"jobs_{p}": n for p, n in pillars},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problem = via_problem(data.get("source") or "", data.get("via_organisation"))
        if problem is not None:
            self.add_error("via_organisation", reason_sentence(problem))
        return data

    def lead_fields(self) -> dict[str, Any]:
        """The cleaned values as model fields (expected jobs gathered into one mapping)."""
        data = dict(self.cleaned_data)
        jobs = {}
        for pid, _label in self.pillars:
            value = data.pop(f"jobs_{pid}", None)
            if value is not None:
                jobs[pid] = value
        data["expected_jobs"] = jobs
        for name in ("via_organisation", "fills_segment", "fills_technology", "fills_market"):
            if name in self.fields:  # a field left out (nothing to choose) keeps its value
                data[name] = data.get(name) or ""
        return data


def _no_firms() -> SafeString:
    """What the present firm's select says while the register holds no organisation (it
    offers only '—'): that there are none yet, and how to add them (an import, with its
    link, or the plan's organisations file)."""
    link = format_html(
        '<a class="utrecht-link" href="{}">{}</a>',
        reverse("ecosystem:import"),
        _("import organisations"),
    )
    text = _(
        "The register holds no organisation yet, so there is none to choose: "
        "%(import)s, or name them in the plan's %(where)s."
    )
    filled = escape(text) % {"import": link, "where": escape(PARTS["organisations"].where)}
    return mark_safe(filled)  # noqa: S308 - the words escaped, the link built by format_html


class NewLeadForm(LeadForm):
    """A new lead also gets its first stage."""

    first_stage = forms.ChoiceField(
        label=_("Stage"), choices=Stage.choices, initial=Stage.IDENTIFIED
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the stage with what the lead is (company, source), not after its figures
        names = [n for n in self.fields if n != "first_stage"]
        at = names.index("source") + 1
        self.order_fields([*names[:at], "first_stage", *names[at:]])


class MoveForm(forms.Form):
    """Move a lead to another stage on a date. ``from_stage`` is the stage the page showed
    (the version this inline edit was read from): a move of a lead that someone else moved
    meanwhile is refused."""

    stage = KnownChoiceField(label=_("Move to stage"), choices=Stage.choices)
    from_stage = KnownChoiceField(
        choices=[("", "")] + Stage.choices, widget=forms.HiddenInput, required=False
    )
    on = forms.DateField(
        label=_("Date"), initial=date.today, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_on(self) -> date:
        """A date of what has happened (the core's :func:`move_date_problem`)."""
        on: date = self.cleaned_data["on"]
        if (problem := move_date_problem(on, date.today())) is not None:
            raise forms.ValidationError(reason_sentence(problem), code="range")
        return on


class LeadFilterForm(forms.Form):
    """Filters of the lead list."""

    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All"))] + Source.choices
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All"))] + Stage.choices
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=100)
