"""Forms for plan data; the whole-plan check happens in the services on save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.i18n import unit_words
from clusterplan.io import cell_values
from clusterplan.labels import assumption_choices, choice_label
from clusterplan.labels import label as words
from clusterplan.model.backcast import DIMENSION_ASSUMPTIONS
from clusterplan.plan import bounds
from clusterplan.plan.schema import EDUCATION_LEVELS, SPACE_FUNCTIONS
from clusterplan.report.tables import fact_value_text, item_label
from clusterweb.formats.fields import NumberField
from clusterweb.formgroups import GroupedFieldsMixin
from clusterweb.locking import VersionedFormMixin
from clusterweb.planning import services, tables
from clusterweb.planning.models import Assumption, Commitment, Phase, Project
from clusterweb.presentation import page_language
from clusterweb.scenarios.services import dimension_choices

MONEY_HELP = _("M EUR; leave empty when unknown ('?').")
MONEY_GROUP_HELP = _("Leave a field empty where the amount is unknown ('?').")
"""What a group of amounts needs, whose legend names their unit."""
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


class ProjectForm(GroupedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    """A project's names, status, coverage per funding source and cost per year, each
    of the last two as a group of fields."""

    class Meta:
        model = Project
        fields = [
            "name_nl",
            "name_en",
            "status",
            "description_nl",
        ]
        widgets = {"description_nl": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = services.current_plan()
        self.sources = plan.finance.source_ids
        coverage = self.instance.coverage_meur or {}
        for source in self.sources:  # one field per funding source of the plan
            name = f"coverage_{source}"
            label = _("Coverage %(source)s (M EUR)") % {"source": tables.source_label(plan, source)}
            self.fields[name] = money_field(str(label))
            self.fields[name].initial = coverage.get(source)
        self.cost_years = [c.year for c in self.instance.costs.all()]
        for cost in self.instance.costs.all():
            name = f"cost_{cost.year}"
            self.fields[name] = money_field(str(_("Cost %(year)s") % {"year": cost.year}))
            self.initial[name] = cost.amount_meur
        self.group(
            "coverage",
            str(_("Coverage per funding source (M EUR)")),
            {f"coverage_{s}": tables.source_label(plan, s) for s in self.sources},
            str(MONEY_GROUP_HELP),
        )
        self.group(
            "costs",
            str(_("Costs per year (M EUR)")),
            {f"cost_{year}": str(year) for year in self.cost_years},
            str(MONEY_GROUP_HELP),
        )

    def costs(self) -> dict[int, float | None]:
        """Cleaned yearly costs."""
        return {y: self.cleaned_data.get(f"cost_{y}") for y in self.cost_years}

    def project_fields(self) -> dict[str, Any]:
        """Cleaned project fields, with the coverage as one mapping source id -> M EUR."""
        out = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        out["coverage_meur"] = {s: self.cleaned_data.get(f"coverage_{s}") for s in self.sources}
        return out

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        for problem in problems:
            name: str | None = None
            if problem.kind == "project" and problem.key == self.instance.key:
                if problem.field.startswith("costs_meur."):
                    name = f"cost_{problem.field.split('.')[1]}"
                elif problem.field.startswith("coverage_meur") and self.sources:
                    parts = problem.field.split(".")
                    source = parts[1] if len(parts) > 1 else self.sources[0]
                    name = f"coverage_{source}"
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
    """An assumption's value, range and rationale (in Dutch and in English). The value's
    type follows the plan's."""

    class Meta:
        model = Assumption
        fields = ["low", "high", "rationale_nl", "rationale"]
        widgets = {
            "rationale_nl": forms.Textarea(attrs={"rows": 3}),
            "rationale": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "rationale_nl": _("Left empty, Dutch pages show the English rationale."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.value
        bound = bounds.for_assumption(str(self.instance.key), str(self.instance.unit))
        fact_choices: list[tuple[str, str]] = []
        word_choices: list[tuple[str, str]] = []  # words that may stand for a number
        self._instead: dict[str, tuple[str, str]] = {}  # see _beside
        self.text_value = False
        value_field: forms.Field
        ranged = self.instance.low is not None or self.instance.high is not None
        numeric = isinstance(current, int | float) and not isinstance(current, bool)
        declared = assumption_choices(str(self.instance.key))
        named = (
            []
            if declared is None
            else [(v, choice_label(v, page_language())) for v in declared.values]
        )
        if declared is not None and not declared.or_number:  # one of its words, by them
            if isinstance(current, str) and current not in declared.values:
                named.append((current, current))  # kept, so that the check can name it
            value_field = forms.ChoiceField(label=_("Value"), choices=named)
        elif declared is not None:  # a number, or one of its words ('calibrate')
            value_field = NumberField(bound, label=_("Value"), required=False)
            word_choices = named
        elif isinstance(current, bool):
            value_field = forms.BooleanField(label=_("Value"), required=False)
        elif numeric or _fact_id(current) is not None:
            value_field = NumberField(bound, label=_("Value"), required=False)
            fact_choices = _fact_choices(str(self.instance.unit), _fact_id(current))
        elif self.instance.key in DIMENSION_ASSUMPTIONS:
            plan = services.current_plan()
            choices = dimension_choices(plan)
            if isinstance(current, str) and current not in dict(choices):
                choices.append((current, current))  # kept, so that the check can name it
            value_field = forms.ChoiceField(label=_("Value"), choices=choices)
        elif isinstance(current, str):
            value_field = forms.CharField(label=_("Value"), required=False)
            self.text_value = True
        else:
            value_field = forms.JSONField(
                label=_("Value"), required=False, decoder=FiniteJSONDecoder
            )
        value_field.help_text = unit_words(str(self.instance.unit), page_language())
        self.fields = {"value": value_field, **self.fields}
        fact = _fact_id(current)
        worded = any(current == v for v, _words in word_choices)
        self.initial["value"] = None if fact is not None or worded else current
        if word_choices:
            self._beside(
                "choice",
                _("Or instead of a number"),
                word_choices,
                current if worded else "",
                "",
                _("Enter a number or choose one of the words."),
            )
        if fact_choices:
            self._beside(
                "fact",
                _("Or take the value of a fact from the plan"),
                fact_choices,
                fact or "",
                FACT_PREFIX,
                _("Enter a number or choose a fact."),
            )
        for name in ("low", "high"):
            if numeric or ranged or self._instead:
                self.fields[name] = NumberField(
                    bound, label=self.fields[name].label, required=False
                )
            else:  # a range is for a number: none for a choice, a text, a yes or no
                del self.fields[name]
        self._number = NumberField(bound, required=False)

    def _beside(
        self,
        name: str,
        label: Any,
        choices: list[tuple[str, str]],
        initial: str,
        prefix: str,
        missing: Any,
    ) -> None:
        """A select ``name`` right after the number field whose choice stands instead of a
        number (a fact of the plan, a word such as 'calibrate'), stored as ``prefix`` and the
        choice; with neither, ``missing`` is said at the value (:meth:`clean`)."""
        self.fields = {
            "value": self.fields["value"],
            name: forms.ChoiceField(
                label=label, choices=[("", _("(no: the number above)")), *choices], required=False
            ),
            **{k: v for k, v in self.fields.items() if k != "value"},
        }
        self.initial[name] = initial
        self._instead[name] = (prefix, missing)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        value = cleaned.get("value")
        for name, (prefix, missing) in self._instead.items():
            if "value" in self.errors:
                break
            chosen = cleaned.pop(name, "")
            if chosen:
                cleaned["value"] = f"{prefix}{chosen}"
                return cleaned
            if value is None:
                self.add_error("value", missing)
                return cleaned
        if self.text_value and "value" not in self.errors:
            cleaned["value"] = self._text(value)
        if isinstance(self.instance.value, int) and not isinstance(self.instance.value, bool):
            if isinstance(value, float) and value.is_integer():
                cleaned["value"] = int(value)
        return cleaned  # the plan's rules (a value within its range, too) check the save

    def _text(self, text: str) -> Any:
        """A text value as typed, without quotes (empty: no value); a number where the
        assumption has a range, which is a number's (``calibrate`` or 0.7)."""
        if not text:
            return None
        if self.instance.low is not None or self.instance.high is not None:
            try:
                return self._number.clean(text)
            except forms.ValidationError:
                pass
        return text

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
        plan = services.current_plan()
        self.fields["source"] = forms.ChoiceField(
            label=self.fields["source"].label,
            choices=[(s, tables.source_label(plan, s)) for s in plan.finance.source_ids],
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
        (
            f.id,
            f"{item_label(f, page_language())} ({fact_value_text(f, page_language())})",
        )
        for f in chosen
        if f.value is not None
    ]


# ---------------------------------------------------------------------------------------
# Business cases


def _lines(text: str) -> list[tuple[int, str]]:
    """Non-empty lines with their 1-based numbers."""
    return [(i, line.strip()) for i, line in enumerate(text.splitlines(), 1) if line.strip()]


def _whole(text: str, bound: bounds.Bound) -> int | None:
    """A typed whole number within ``bound``, read as an imported cell is; None otherwise."""
    try:
        value = cell_values.whole(text)
    except cell_values.CellError:
        return None
    return value if bound.problem(value) is None else None


class BusinessCaseForm(GroupedFieldsMixin, VersionedFormMixin, forms.ModelForm):
    """A project's business case: jobs per year, space, energy, talent, milestones, sources.

    Lists are typed one item per line; every error names the field and the line.
    """

    jobs = forms.CharField(
        label=_("Direct jobs per year"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One line per year: year, structural jobs, temporary jobs (e.g. 2028 120 40)."),
    )
    pillar_shares = forms.CharField(
        label=_("Share per pillar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One line per pillar: pillar id and share, adding up to 1 (e.g. design 0.6). "
            "Empty: as the project's assumed split."
        ),
    )
    milestones = forms.CharField(
        label=_("Milestones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One line per milestone: date; name; KPI (e.g. 2028-06-30; Line qualified; yield 90%)."
        ),
    )
    sources = forms.CharField(
        label=_("Sources"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One document per line, where the figures come from."),
    )
    remove = forms.BooleanField(label=_("Remove the business case"), required=False)

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = page_language()
        for fn in SPACE_FUNCTIONS:
            self.fields[f"area_{fn}"] = NumberField(
                bounds.AREA_M2,
                label=_("Floor area: %(function)s (m²)")
                % {"function": words("space.function", fn, lang)},
                required=False,
            )
        self.fields["energy_mw"] = NumberField(
            bounds.POWER_MW, label=str(_("Energy demand (MW)")), required=False
        )
        for level in EDUCATION_LEVELS:
            self.fields[f"talent_{level}"] = NumberField(
                bounds.HEADCOUNT,
                label=_("Talent need: %(level)s")
                % {"level": words("education.level", level, lang)},
                required=False,
            )
        self.group(
            "floor-area",
            str(_("Floor area per function (m²)")),
            {f"area_{fn}": words("space.function", fn, lang) for fn in SPACE_FUNCTIONS},
        )
        self.group(
            "talent",
            str(_("Talent need per education level (people)")),
            {f"talent_{lv}": words("education.level", lv, lang) for lv in EDUCATION_LEVELS},
        )
        self.fields["remove"] = self.fields.pop("remove")  # last, just before saving
        case = self.instance.business_case or {}
        self.initial.update(
            jobs="\n".join(
                f"{y} {v.get('structural', 0)} {v.get('temporary', 0)}"
                for y, v in sorted((case.get("jobs") or {}).items())
            ),
            pillar_shares="\n".join(
                f"{p} {s}" for p, s in (case.get("pillar_shares") or {}).items()
            ),
            milestones="\n".join(
                "; ".join(
                    x for x in (m.get("date", ""), m.get("name", ""), m.get("kpi") or "") if x
                )
                for m in case.get("milestones") or []
            ),
            sources="\n".join(case.get("sources") or []),
            energy_mw=case.get("energy_mw"),
            **{f"area_{fn}": (case.get("floor_area_m2") or {}).get(fn) for fn in SPACE_FUNCTIONS},
            **{f"talent_{lv}": (case.get("talent") or {}).get(lv) for lv in EDUCATION_LEVELS},
        )

    def _jobs(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for number, line in _lines(self.cleaned_data.get("jobs") or ""):
            parts = line.replace(",", " ").split()
            year = _whole(parts[0], bounds.YEAR) if parts else None
            counts = [_whole(p, bounds.JOBS) for p in parts[1:3]]
            if year is None or len(parts) not in (2, 3) or None in counts:
                self.add_error(
                    "jobs",
                    _("Line %(line)s: '%(text)s' is not a year and one or two job counts.")
                    % {"line": number, "text": line},
                )
                continue
            if str(year) in out:
                self.add_error(
                    "jobs",
                    _("Line %(line)s: year %(year)s is given twice.")
                    % {"line": number, "year": year},
                )
            out[str(year)] = {
                "structural": counts[0] or 0,
                "temporary": (counts[1] if len(counts) > 1 else 0) or 0,
            }
        return out

    def _shares(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for number, line in _lines(self.cleaned_data.get("pillar_shares") or ""):
            parts = line.split()
            share = None
            if len(parts) == 2:
                try:
                    share = cell_values.number(parts[1])
                except cell_values.CellError:
                    share = None
            pillars = services.current_plan().pillar_ids
            if len(parts) == 2 and parts[0] not in pillars:
                self.add_error(
                    "pillar_shares",
                    _("Line %(line)s: '%(pillar)s' is not a pillar (known: %(known)s).")
                    % {"line": number, "pillar": parts[0], "known": ", ".join(pillars)},
                )
                continue
            if share is None or bounds.SHARE.problem(share) is not None:
                self.add_error(
                    "pillar_shares",
                    _("Line %(line)s: '%(text)s' is not a pillar and a share between 0 and 1.")
                    % {"line": number, "text": line},
                )
                continue
            if parts[0] in out:
                self.add_error(
                    "pillar_shares",
                    _("Line %(line)s: pillar %(pillar)s is given twice.")
                    % {"line": number, "pillar": parts[0]},
                )
            out[parts[0]] = share
        return out

    def _milestones(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for number, line in _lines(self.cleaned_data.get("milestones") or ""):
            parts = [p.strip() for p in line.split(";")]
            date = forms.DateField(input_formats=["%Y-%m-%d"])
            try:
                when = date.clean(parts[0])
            except forms.ValidationError:
                when = None
            if when is None or len(parts) < 2 or not parts[1]:
                self.add_error(
                    "milestones",
                    _("Line %(line)s: '%(text)s' needs a date (YYYY-MM-DD) and a name.")
                    % {"line": number, "text": line},
                )
                continue
            out.append(
                {"date": when.isoformat(), "name": parts[1], "kpi": "; ".join(parts[2:]) or None}
            )
        return out

    def business_case(self) -> dict[str, Any] | None:
        """The cleaned business case as plan data (None: remove it)."""
        if self.cleaned_data.get("remove"):
            return None
        case: dict[str, Any] = {
            "jobs": self._jobs(),
            "sources": [line for _n, line in _lines(self.cleaned_data.get("sources") or "")],
        }
        shares = self._shares()
        if shares:
            case["pillar_shares"] = shares
        areas = {fn: self.cleaned_data.get(f"area_{fn}") for fn in SPACE_FUNCTIONS}
        case["floor_area_m2"] = {k: v for k, v in areas.items() if v is not None}
        talent = {lv: self.cleaned_data.get(f"talent_{lv}") for lv in EDUCATION_LEVELS}
        case["talent"] = {k: v for k, v in talent.items() if v is not None}
        if self.cleaned_data.get("energy_mw") is not None:
            case["energy_mw"] = self.cleaned_data["energy_mw"]
        case["milestones"] = self._milestones()
        return case

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("remove"):
            for name in ("jobs", "sources"):
                self.errors.pop(name, None)
        return cleaned

    def add_problems(self, problems: list[services.Problem]) -> None:
        """Put each plan problem on the field it is about (else on the form)."""
        names = {"jobs": "jobs", "pillar_shares": "pillar_shares", "milestones": "milestones"}
        for problem in problems:
            head = problem.field.split(".")[1] if problem.field.startswith("business_case.") else ""
            self.add_error(names.get(head), problem.reason)
