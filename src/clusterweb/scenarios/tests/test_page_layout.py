"""The scenario page's layout: the project inputs as one table row per project (with their
labels and errors), and the stress-narrative include rendered inside the form only when its
template exists."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape

from clusterweb.planning.services import current_plan
from clusterweb.scenarios import services
from clusterweb.scenarios.forms import AssumptionsForm
from clusterweb.testing import PersonaTestCase


class ScenarioLayoutTests(PersonaTestCase):
    def test_every_project_is_one_row_with_its_two_labelled_inputs(self) -> None:
        self.login(self.viewer)
        html = self.client.get(reverse("scenarios:index")).content.decode()
        form = AssumptionsForm(current_plan())
        rows = form.project_rows()
        self.assertEqual(len(rows), len(services.project_ids(current_plan())))
        for name, (realisation, delay) in rows:
            self.assertIn(
                f'<th class="utrecht-table__header-cell" scope="row">{escape(name)}</th>', html
            )
            for field in (realisation, delay):
                self.assertIn(f'for="{field.id_for_label}"', html)
                self.assertIn(f'id="{field.id_for_label}"', html)
        self.assertIn("clusterplan-input-table", html)
        self.assertNotIn("scenario-stress-marker", html)

    def test_a_stress_include_is_rendered_inside_the_form_when_it_exists(self) -> None:
        self.login(self.viewer)
        with tempfile.TemporaryDirectory() as extra:
            path = Path(extra) / "scenarios" / "includes" / "stress.html"
            path.parent.mkdir(parents=True)
            path.write_text('<p id="scenario-stress-marker">stress</p>', encoding="utf-8")
            templates = copy.deepcopy(settings.TEMPLATES)
            templates[0]["DIRS"] = [*templates[0]["DIRS"], extra]
            with override_settings(TEMPLATES=templates):
                html = self.client.get(reverse("scenarios:index")).content.decode()
        form_start = html.index('id="scenario-form"')
        marker = html.index("scenario-stress-marker")
        self.assertLess(form_start, marker)
        self.assertLess(marker, html.index("</form>", form_start))
        self.assertLess(marker, html.index("clusterplan-input-table"))
