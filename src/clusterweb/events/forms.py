"""Forms of the events app: the event (versioned), registration, organiser's choices,
requests and answers, outcomes."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.events.matching import tags_from_text
from clusterplan.events.schedule import new_event_slots
from clusterplan.plan.bounds import EVENT_SLOTS, EVENT_TABLES
from clusterweb.events.constants import EVENT_FIELDS, PARTICIPANT_FIELDS, Outcome, PairKind
from clusterweb.events.models import Event, Participant
from clusterweb.formats.fields import NumberField, range_reason
from clusterweb.locking import VersionedFormMixin

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(VersionedFormMixin, forms.ModelForm):
    """An event's fields; its tables are typed one label per line."""

    tables = forms.CharField(
        label=_("Tables"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One label per line (a table or room; one meeting per table and slot)."),
    )

    class Meta:
        model = Event
        fields = [f for f in EVENT_FIELDS if f != "table_labels"]  # tables: typed as text
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "registration_opens": DATETIME,
            "registration_closes": DATETIME,
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["tables"].initial = "\n".join(self.instance.table_labels or [])
        else:  # a new event starts with the slots of the scheduler's defaults
            for name, value in asdict(new_event_slots()).items():
                self.initial.setdefault(name, value)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        count = len(_labels(data.get("tables", "")))
        if "tables" in data and EVENT_TABLES.problem(count) is not None:
            what = _("Number of tables")
            self.add_error("tables", f"{what} {range_reason(EVENT_TABLES, count)}.")
        return data

    def event_fields(self) -> dict[str, Any]:
        """The cleaned values as model fields (tables as a list of labels)."""
        data = dict(self.cleaned_data)
        data["table_labels"] = _labels(data.pop("tables", ""))
        return data


def _labels(text: str) -> list[str]:
    """The table labels typed one per line (empty lines left out)."""
    return [label for label in (line.strip() for line in text.splitlines()) if label]


class TagsField(forms.CharField):
    """Tags typed one per line or separated by commas
    (:func:`clusterplan.events.matching.tags_from_text`)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return tags_from_text(str(value or ""))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value


class ProfileChoices:
    """The taxonomy and slots a profile form offers."""

    def __init__(
        self,
        segments: list[tuple[str, str]],
        technologies: list[tuple[str, str]],
        markets: list[tuple[str, str]],
        slots: list[tuple[int, str]],
    ) -> None:
        self.segments = segments
        self.technologies = technologies
        self.markets = markets
        self.slots = slots

    def offer(self, form: forms.BaseForm) -> None:
        """Let a profile form's choice fields offer these choices."""
        for name, options in (
            ("segments", self.segments),
            ("technologies", self.technologies),
            ("markets", self.markets),
            ("availability", self.slots),
        ):
            form.fields[name].choices = options  # type: ignore[attr-defined]


def _taxonomy_field(label: str) -> forms.MultipleChoiceField:
    """A profile's optional pick of taxonomy terms (the event's choices, see ProfileChoices)."""
    return forms.MultipleChoiceField(
        label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


def _slots_field(label: str, help_text: str) -> forms.TypedMultipleChoiceField:
    """A profile's slots to meet in (the event's slots, see ProfileChoices; none: all day)."""
    return forms.TypedMultipleChoiceField(
        label=label,
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class RegistrationForm(forms.Form):
    """The public registration form: who, what they offer and need, when they can meet,
    and explicit consent to the privacy statement."""

    person_name = forms.CharField(label=_("Your name"), max_length=200)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Only the organisers see it; other participants never do."),
    )
    offers = TagsField(
        label=_("What you offer"),
        required=False,
        help_text=_("Capabilities, products or services; one per line or separated by commas."),
    )
    needs = TagsField(
        label=_("What you are looking for"),
        required=False,
        help_text=_("One per line or separated by commas."),
    )
    segments = _taxonomy_field(_("Value-chain segments"))
    technologies = _taxonomy_field(_("Technologies"))
    markets = _taxonomy_field(_("Markets"))
    availability = _slots_field(_("When can you meet?"), _("Tick nothing if you can meet all day."))
    max_meetings = NumberField(EVENT_SLOTS, label=_("Maximum number of meetings"), required=False)
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree that my data is used for this event."),
        required=True,
        error_messages={"required": _("Without your consent we cannot register you.")},
    )

    def __init__(self, *args: Any, choices: ProfileChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices.offer(self)

    def participant_fields(self) -> dict[str, Any]:
        """The cleaned values as participant fields (consent is recorded by the service)."""
        data = dict(self.cleaned_data)
        data.pop("consent")
        return data


class AddParticipantForm(forms.Form):
    """The organiser adds an organisation of the registry."""

    organisation = forms.ChoiceField(label=_("Organisation from the registry"))

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations  # type: ignore[attr-defined]


class PairRuleForm(forms.Form):
    """The organiser forces or forbids a pair."""

    a = forms.TypedChoiceField(label=_("Participant"), coerce=int)
    b = forms.TypedChoiceField(label=_("Other participant"), coerce=int)
    kind = forms.ChoiceField(label=_("Rule"), choices=PairKind.choices)

    def __init__(self, *args: Any, participants: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["a"].choices = participants  # type: ignore[attr-defined]
        self.fields["b"].choices = participants  # type: ignore[attr-defined]
        if len(participants) > 1:  # a pair is two: the second starts on the second
            self.fields["b"].initial = participants[1][0]


class OutcomeForm(forms.Form):
    """A meeting's outcome; for a lead, which of the two is the company to follow."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    company = forms.TypedChoiceField(
        label=_("Lead company"),
        coerce=int,
        required=False,
        help_text=_("For a lead: the participant that goes into the acquisition funnel."),
    )

    def __init__(self, *args: Any, pair: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = pair  # type: ignore[attr-defined]


class ParticipantForm(VersionedFormMixin, forms.ModelForm):
    """The organiser's edit of a participant's profile, availability and maximum meetings."""

    offers = TagsField(
        label=_("Offers"), required=False, help_text=_("One per line or separated by commas.")
    )
    needs = TagsField(
        label=_("Needs"), required=False, help_text=_("One per line or separated by commas.")
    )
    segments = _taxonomy_field(_("Value-chain segments"))
    technologies = _taxonomy_field(_("Technologies"))
    markets = _taxonomy_field(_("Markets"))
    availability = _slots_field(
        _("Available slots"), _("Tick nothing if the participant can meet all day.")
    )

    class Meta:
        model = Participant
        fields = list(PARTICIPANT_FIELDS)

    def __init__(self, *args: Any, choices: ProfileChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices.offer(self)
