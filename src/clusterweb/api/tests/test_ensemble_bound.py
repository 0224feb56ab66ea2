"""The ensemble size is declared once (``bounds.SAMPLES``): the API's schema and the web
form take their range from it (the command line's is tested in tests/test_cli_numbers.py)."""

from __future__ import annotations

from django.test import SimpleTestCase, override_settings

from clusterplan.plan import bounds
from clusterplan.plan.load import bundled_plan
from clusterweb.api.schemas import EnsembleIn
from clusterweb.scenarios.forms import EnsembleForm


class EnsembleBoundTests(SimpleTestCase):
    def test_the_api_schema_has_the_declared_range(self) -> None:
        schema = EnsembleIn.model_json_schema()["properties"]["samples"]
        self.assertEqual(schema["minimum"], bounds.SAMPLES.low)
        self.assertEqual(schema["maximum"], bounds.SAMPLES.high)

    @override_settings(CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=5000)
    def test_the_web_form_has_the_declared_minimum_and_the_servers_maximum(self) -> None:
        plan = bundled_plan()
        too_few = EnsembleForm({"samples": int(bounds.SAMPLES.low) - 1}, plan=plan)
        self.assertIn("samples", too_few.errors)
        least = EnsembleForm({"samples": int(bounds.SAMPLES.low)}, plan=plan)
        self.assertNotIn("samples", least.errors)
        self.assertIn("samples", EnsembleForm({"samples": 5001}, plan=plan).errors)
