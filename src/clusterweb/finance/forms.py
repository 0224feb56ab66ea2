"""What-if changes and re-phasing caps (GET forms: they change nothing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import whatif_lines
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan
from clusterweb.choices import KnownChoiceField
from clusterweb.formats.fields import NumberField
from clusterweb.planning import tables

WHATIF_ROWS = 3
WHATIF_COLUMNS = (
    ("project", _("Cost line")),
    ("shift", _("Shift (years later; negative: earlier)")),
    ("stretch", _("Stretch (extra years)")),
    ("scale", _("Scale (factor on the amounts)")),
)
"""The inputs of one change, in the order of the page's table, with their column headers."""


class WhatIfForm(forms.Form):
    """Cost lines (:func:`~clusterplan.model.finance.whatif_lines`), each moved (shift),
    spread out (stretch) or resized (scale): ``rows`` changes (the page's table has
    :data:`WHATIF_ROWS`; the API one per change it is sent), each line at most once. A
    page's row may stay empty; a change the API is sent must name its cost line
    (``named``), else it would be dropped without a word."""

    def __init__(
        self,
        plan: Plan,
        *args: Any,
        rows: int = WHATIF_ROWS,
        named: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.count = rows
        choices = [("", _("(no change)"))] + [
            (line.id, tables.name_of(line)) for line in whatif_lines(plan)
        ]
        for i in range(1, rows + 1):
            label = {
                name: _("%(input)s, change %(n)s") % {"input": column, "n": i}
                for name, column in WHATIF_COLUMNS
            }
            self.fields[f"project_{i}"] = KnownChoiceField(
                label=label["project"], choices=choices, required=named
            )
            self.fields[f"shift_{i}"] = NumberField(
                bounds.SHIFT_YEARS, label=label["shift"], initial=0, required=False
            )
            self.fields[f"stretch_{i}"] = NumberField(
                bounds.STRETCH_YEARS, label=label["stretch"], initial=0, required=False
            )
            self.fields[f"scale_{i}"] = NumberField(
                bounds.SCALE, label=label["scale"], initial=1, required=False
            )

    def columns(self) -> list[str]:
        """The headers of the inputs of one change (the page's table has a row per change)."""
        return [str(column) for _name, column in WHATIF_COLUMNS]

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """(change n, its fields) per change: one row of the page's table."""
        return [
            (
                str(_("Change %(n)s") % {"n": i}),
                [self[f"{name}_{i}"] for name, _column in WHATIF_COLUMNS],
            )
            for i in range(1, self.count + 1)
        ]

    def clean(self) -> dict[str, Any]:
        """A cost line chosen in two changes is refused on the later one (the earlier one
        would otherwise be dropped without a word)."""
        cleaned = super().clean() or {}
        first: dict[str, int] = {}
        for i in range(1, self.count + 1):
            pid = cleaned.get(f"project_{i}")
            if not pid:
                continue
            if pid in first:
                self.add_error(
                    f"project_{i}",
                    _("This cost line is already changed in change %(n)s.") % {"n": first[pid]},
                )
            else:
                first[pid] = i
        return cleaned

    def changes(self) -> dict[str, ProjectChange]:
        """The changes per project (call after is_valid); one that changes nothing is the
        core's to leave out (:func:`clusterplan.app.finance.finance`)."""
        out: dict[str, ProjectChange] = {}
        for i in range(1, self.count + 1):
            pid = self.cleaned_data.get(f"project_{i}")
            if not pid:
                continue
            out[pid] = ProjectChange(
                shift_years=self.cleaned_data.get(f"shift_{i}") or 0,
                stretch_years=self.cleaned_data.get(f"stretch_{i}") or 0,
                scale=1.0
                if self.cleaned_data.get(f"scale_{i}") is None
                else self.cleaned_data[f"scale_{i}"],
            )
        return out


class CapsForm(forms.Form):
    """A yearly cap per funding source of the plan (empty: no cap)."""

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources = plan.finance.source_ids
        self.source_names = [tables.source_label(plan, s) for s in self.sources]
        for source in self.sources:
            self.fields[f"cap_{source}"] = NumberField(
                bounds.MONEY_MEUR,
                label=_("Yearly cap %(source)s (M EUR)")
                % {"source": tables.source_label(plan, source)},
                required=False,
            )

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The caps as one row of the page's table, a column per source."""
        return [(str(_("Yearly cap (M EUR)")), [self[f"cap_{s}"] for s in self.sources])]

    def caps(self) -> dict[str, float]:
        """Caps per source (call after is_valid)."""
        return {
            s: float(self.cleaned_data[f"cap_{s}"])
            for s in self.sources
            if self.cleaned_data.get(f"cap_{s}") is not None
        }
