"""Figures typed on the monitoring forms (and the ensemble size) are read in the page's
language by the one number field (:class:`clusterweb.formats.fields.NumberField`).

Before, these forms used Django's localized number fields, which drop every thousands
separator: on an English page a partner's ``1,5`` was stored as 15 and an ensemble of
``1,0,0,0`` samples ran 1,000.
"""

from __future__ import annotations

from django.test import TestCase
from django.utils import translation

from clusterweb.monitoring.forms import PartnerForm
from clusterweb.scenarios.forms import EnsembleForm

FIGURE = "figure_jobs"


def _partner(value: str) -> PartnerForm:
    return PartnerForm(
        {"organisation": "nxp", "year": "2027", FIGURE: value},
        organisations=[("nxp", "NXP")],
        figures=[(FIGURE, "Jobs", "")],
    )


class TypedNumberTests(TestCase):
    def test_a_partner_figure_is_read_in_the_pages_language(self) -> None:
        cases = {
            # a sign is read too: whether the indicator takes one is the core's rule
            "en": {"1,234.5": 1234.5, "1.5": 1.5, "1,5": None, "-3": -3.0},
            "nl": {"1.234,5": 1234.5, "1,5": 1.5, "1,234.5": None, "-3": -3.0},
        }
        for lang, values in cases.items():
            for text, expected in values.items():
                with self.subTest(lang=lang, text=text), translation.override(lang):
                    form = _partner(text)
                    if expected is None:
                        self.assertFalse(form.is_valid())
                        self.assertIn(FIGURE, form.errors)
                    else:
                        self.assertTrue(form.is_valid(), form.errors)
                        self.assertEqual(form.cleaned_data[FIGURE], expected)

    def test_an_ensemble_size_is_read_as_written(self) -> None:
        with translation.override("en"):
            self.assertFalse(EnsembleForm({"samples": "1,0,0,0"}).is_valid())
            form = EnsembleForm({"samples": "1,000"})
            form.is_valid()
            self.assertEqual(form.cleaned_data.get("samples"), 1000)
