"""The ensemble size is declared once (``bounds.SAMPLES``) and this server's limit once
(``ensemble_max_samples``: ``CLUSTERWEB_ENSEMBLE_MAX_SAMPLES`` within it): the API's schema
and the web form take their range from them (the command line's is tested in
tests/test_cli_numbers.py)."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase, override_settings

from clusterplan.plan import bounds
from clusterplan.plan.load import bundled_plan
from clusterweb.api.api import api
from clusterweb.scenarios.forms import EnsembleForm
from clusterweb.scenarios.services import ensemble_max_samples


def _served_samples() -> dict[str, Any]:
    """The ensemble size as /api/openapi.json declares it."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    return schema["components"]["schemas"]["EnsembleIn"]["properties"]["samples"]


class EnsembleBoundTests(SimpleTestCase):
    def test_the_api_schema_has_the_declared_minimum_and_the_servers_maximum(self) -> None:
        """The maximum the schema declares is the one the server holds (it had declared
        the core's bound, ten times the default server's limit)."""
        self.assertEqual(_served_samples()["minimum"], bounds.SAMPLES.low)
        self.assertEqual(_served_samples()["maximum"], ensemble_max_samples())
        self.assertLess(ensemble_max_samples(), bounds.SAMPLES.high)  # the default's 1,000,000
        with override_settings(CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=5000):
            self.assertEqual(_served_samples()["maximum"], 5000)
        with override_settings(CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=int(bounds.SAMPLES.high) * 2):
            self.assertEqual(_served_samples()["maximum"], bounds.SAMPLES.high)

    @override_settings(CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=5000)
    def test_the_web_form_has_the_declared_minimum_and_the_servers_maximum(self) -> None:
        plan = bundled_plan()
        too_few = EnsembleForm({"samples": int(bounds.SAMPLES.low) - 1}, plan=plan)
        self.assertIn("samples", too_few.errors)
        least = EnsembleForm({"samples": int(bounds.SAMPLES.low)}, plan=plan)
        self.assertNotIn("samples", least.errors)
        self.assertIn("samples", EnsembleForm({"samples": 5001}, plan=plan).errors)
        self.assertNotIn("samples", EnsembleForm({"samples": 5000}, plan=plan).errors)
