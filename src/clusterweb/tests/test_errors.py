"""Core errors reach a page in the reader's language, from their code, never as English
inside a Dutch sentence; an error without a code is logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.utils import translation

from clusterplan.errors import Coded
from clusterplan.model.finance import FinanceInputError
from clusterweb.errors import error_text, reason_text


class ErrorTextTests(SimpleTestCase):
    def test_a_coded_core_error_follows_the_active_language(self) -> None:
        error = FinanceInputError(code="phasing.cap_twice", params={"source": "regional"})
        with translation.override("nl"):
            self.assertEqual(error_text(error), "plafond voor regional twee keer opgegeven")
        with translation.override("en"):
            self.assertEqual(error_text(error), "cap for regional given twice")

    def test_a_coded_reason_inside_a_value_error_is_translated(self) -> None:
        error = ValueError(Coded("value.negative", {"value": "-4"}))
        with translation.override("nl"), self.assertNoLogs("clusterweb.errors", "INFO"):
            self.assertEqual(error_text(error), "mag niet negatief zijn (gegeven: -4)")

    def test_a_reason_follows_the_active_language(self) -> None:
        with translation.override("nl"):
            self.assertEqual(
                reason_text(Coded("talent.no_measures")), "geen maatregelen (talent.measures)"
            )
            self.assertEqual(reason_text("plain text"), "plain text")

    def test_a_validation_error_shows_its_messages_not_a_list(self) -> None:
        error = ValidationError(["Eerste.", "Tweede."])
        self.assertEqual(error_text(error), "Eerste. Tweede.")

    def test_an_error_without_a_code_is_logged_with_its_traceback(self) -> None:
        with self.assertLogs("clusterweb.errors", "INFO") as logs:
            self.assertEqual(error_text(FinanceInputError("raw words")), "raw words")
        self.assertIn("without a code", logs.output[0])
        self.assertIsNotNone(logs.records[0].exc_info)

    def test_a_schema_error_is_named_field_by_field_in_dutch(self) -> None:
        from pydantic import ValidationError as SchemaError

        from clusterplan.plan.schema import Organisation

        with self.assertRaises(SchemaError) as caught:
            Organisation.model_validate({"id": "x", "name": "X", "kind": "alien", "jobs": -3})
        with translation.override("nl"):
            text = error_text(caught.exception)
        self.assertIn("jobs: mag niet negatief zijn", text)
        self.assertIn("kind: moet een van", text)
        self.assertNotIn("validation error", text)
        self.assertNotIn("Input should", text)
