"""The fictional actuals of the command line's tests, for the monitoring tests to import."""

from __future__ import annotations

from pathlib import Path

from clusterweb.monitoring import services
from clusterweb.testing import PersonaTestCase

FICTIONAL = (
    Path(__file__).resolve().parents[4] / "tests" / "monitor" / "data" / "actuals_fictional.csv"
)


class FictionalActualsTestCase(PersonaTestCase):
    """The personas, and the fictional actuals imported by the editor."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        result = services.commit_import(cls.editor, FICTIONAL.name, FICTIONAL.read_bytes())
        assert result.valid, result.problems
