"""The scenario page's layout: the project inputs as one table row per project (with their
labels and errors)."""

from __future__ import annotations

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
