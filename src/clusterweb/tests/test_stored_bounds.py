"""A stored number has the range the core declares for it (:mod:`clusterplan.plan.bounds`):
the database field, the form and the command line refuse the same values in the same words.

Before, the models carried ranges of their own (a start-up's year 1900-2200, an event's
slots 1-48 where the command line allowed 1,000, a lead's space 0 and up where the core's
lead stops at 100 km2), and a revert, an import or the admin could store what a form or the
core refuses.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.test import SimpleTestCase
from django.utils import translation

from clusterplan.ecosystem.funnel import LEAD_NUMBER_BOUNDS
from clusterplan.plan import bounds
from clusterweb.fields import WithinBound
from clusterweb.formats.fields import NumberField

NOT_A_DECLARED_FIGURE = {
    # a row's place in a list, not a figure of the plan
    ("planning", "Project", "position"),
    ("planning", "Phase", "position"),
    ("planning", "Assumption", "position"),
    # an assumption's range depends on its unit (bounds.for_assumption), checked by its form
    ("planning", "Assumption", "low"),
    ("planning", "Assumption", "high"),
    # counted by the software, never typed
    ("demand", "SupplyImport", "row_count"),
    ("tasks", "TaskRecord", "done"),
    ("tasks", "TaskRecord", "total"),
    ("tasks", "TaskRecord", "attempts"),
    # the place of a meeting within its own event's slots and tables
    ("events", "Meeting", "slot"),
    ("events", "Meeting", "table"),
    # in the unit of its indicator, which may allow negative values (the core's actuals rule)
    ("monitoring", "Actual", "value"),
}
"""Number fields that hold no figure with a declared range, each with its reason."""

EXPECTED = {
    ("startups", "StartUp", "founded"): bounds.YEAR,
    ("startups", "JobsYear", "jobs"): bounds.HEADCOUNT,
    ("startups", "FundingRound", "amount_meur"): bounds.MONEY_MEUR,
    ("ecosystem", "Organisation", "jobs"): bounds.HEADCOUNT,
    ("events", "Event", "slots"): bounds.EVENT_SLOTS,
    ("events", "Event", "slot_minutes"): bounds.SLOT_MINUTES,
    ("events", "Participant", "max_meetings"): bounds.EVENT_SLOTS,
    ("planning", "ProjectCost", "year"): bounds.YEAR,
    ("monitoring", "Actual", "year"): bounds.YEAR,
} | {("acquisition", "Lead", name): bound for name, bound in LEAD_NUMBER_BOUNDS.items()}
"""A sample of fields and the bound the core declares for what they hold."""


def _number_fields() -> list[tuple[tuple[str, str, str], models.Field[Any, Any]]]:
    out = []
    for model in apps.get_models():
        if not model.__module__.startswith("clusterweb."):
            continue
        for field in model._meta.concrete_fields:
            number = isinstance(field, models.IntegerField | models.FloatField)
            if number and not isinstance(field, models.AutoField) and not field.is_relation:
                key = (model._meta.app_label, model.__name__, field.name)
                out.append((key, field))
    return out


def _bound_of(field: models.Field[Any, Any]) -> bounds.Bound | None:
    found = [v.bound for v in field.validators if isinstance(v, WithinBound)]
    return found[0] if len(found) == 1 else None


class StoredBoundTests(SimpleTestCase):
    def test_every_stored_figure_has_a_declared_bound(self) -> None:
        fields = _number_fields()
        self.assertGreater(len(fields), 30)
        unbounded = sorted(
            key
            for key, field in fields
            if _bound_of(field) is None and key not in NOT_A_DECLARED_FIGURE
        )
        self.assertEqual(unbounded, [])
        stale = NOT_A_DECLARED_FIGURE - {key for key, _field in fields}
        self.assertEqual(stale, set())

    def test_the_field_holds_the_bound_the_core_declares(self) -> None:
        fields = dict(_number_fields())
        for key, bound in EXPECTED.items():
            with self.subTest(field=key):
                self.assertIs(_bound_of(fields[key]), bound)

    def test_a_model_and_a_form_refuse_alike_in_the_pages_language(self) -> None:
        field = dict(_number_fields())[("events", "Event", "slots")]
        form_field = NumberField(bounds.EVENT_SLOTS, label="x")
        for lang, words in (("nl", "tussen 1 en 96 tijdslots"), ("en", "between 1 and 96 slots")):
            with translation.override(lang), self.subTest(lang=lang):
                with self.assertRaises(ValidationError) as stored:
                    field.run_validators(97)
                with self.assertRaises(ValidationError) as typed:
                    form_field.clean("97")
                self.assertIn(words, stored.exception.messages[0])
                self.assertEqual(f"x {stored.exception.messages[0]}.", typed.exception.messages[0])
        field.run_validators(96)

    def test_a_year_is_ungrouped_and_a_large_figure_grouped(self) -> None:
        fields = dict(_number_fields())
        with translation.override("nl"):
            with self.assertRaises(ValidationError) as year:
                fields[("startups", "StartUp", "founded")].run_validators(1899)
            with self.assertRaises(ValidationError) as jobs:
                fields[("ecosystem", "Organisation", "jobs")].run_validators(5_000_001)
        self.assertIn("1900 en 2200", year.exception.messages[0])
        self.assertIn("5.000.000", jobs.exception.messages[0])

    def test_a_bound_is_named_once(self) -> None:
        declared = [v for v in vars(bounds).values() if isinstance(v, bounds.Bound)]
        self.assertEqual(len(bounds.BY_NAME), len(declared))
        self.assertEqual(WithinBound("year"), WithinBound("year"))
        self.assertEqual(
            WithinBound("year").deconstruct(), ("clusterweb.fields.WithinBound", ("year",), {})
        )
        with self.assertRaises(KeyError):
            WithinBound("no-such-bound")
