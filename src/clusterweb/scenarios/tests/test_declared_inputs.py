"""The scenario form and the API's input list are built from the core's declaration
(``clusterplan.app.inputs``): an input added there (one edit) appears on the page, in the
API's inputs and changes the API's scenario, with no edit in the web platform."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse
from django.utils import translation

from clusterplan.app import inputs
from clusterplan.plan import bounds
from clusterweb.api.tests.helpers import call, token_for
from clusterweb.planning.services import current_plan
from clusterweb.scenarios.forms import AssumptionsForm
from clusterweb.testing import PersonaTestCase

HEADROOM = inputs.InputKind(
    key="fab_capacity_headroom",
    label=inputs.Text("Groeiruimte van de fab", "Headroom of the fab"),
    bound=bounds.SHARE,
    target="fab_capacity_headroom",
)
PER_PROJECT = inputs.InputKind(
    key="extra_delay",
    label=inputs.Text("Extra vertraging: {project}", "Extra delay: {project}"),
    bound=bounds.DELAY_YEARS,
    target="delay_years",
    per_project=True,
    column=inputs.Text("Extra vertraging", "Extra delay"),
)


class DeclaredInputTests(PersonaTestCase):
    def test_the_form_has_one_field_per_declared_input_with_its_label(self) -> None:
        plan = current_plan()
        declared = inputs.scenario_inputs(plan)
        with translation.override("en"):
            form = AssumptionsForm(plan)
        self.assertEqual(list(form.fields), [i.name for i in declared])
        for spec in declared:
            self.assertEqual(form.fields[spec.name].label, spec.label("en"))

    def test_an_added_input_appears_in_the_form_the_page_and_the_api(self) -> None:
        added = (*inputs.SCENARIO_INPUTS, HEADROOM, PER_PROJECT)
        with mock.patch.object(inputs, "SCENARIO_INPUTS", added):
            plan = current_plan()
            form = AssumptionsForm(plan)
            self.assertIn("fab_capacity_headroom", form.fields)
            self.assertEqual(form.fields["fab_capacity_headroom"].label, "Groeiruimte van de fab")
            self.assertIn("extra_delay__acp", form.fields)
            self.assertEqual(len(form.project_rows()[0][1]), 3)

            self.login(self.viewer)
            html = self.client.get(reverse("scenarios:index")).content.decode()
            self.assertIn('name="fab_capacity_headroom"', html)
            self.assertIn('name="extra_delay__acp"', html)
            self.assertIn(">Extra vertraging</th>", html)

            token = token_for(self.viewer)
            listed = call(self.client, "get", reverse("api:scenario_inputs"), token).json()
            headroom = next(i for i in listed if i["name"] == "fab_capacity_headroom")
            self.assertEqual((headroom["low"], headroom["high"]), (0.0, 1.0))
            self.assertEqual(headroom["unit"], bounds.SHARE.unit)
            self.assertIn("extra_delay__acp", [i["name"] for i in listed])

            url = reverse("api:scenario")
            plain = call(self.client, "post", url, token, {"values": {}}).json()
            wider = call(
                self.client, "post", url, token, {"values": {"fab_capacity_headroom": 0.15}}
            ).json()
            self.assertGreater(wider["total"][-1], plain["total"][-1])
            refused = call(
                self.client, "post", url, token, {"values": {"fab_capacity_headroom": 2}}
            )
            self.assertEqual(refused.status_code, 422)
            self.assertEqual(refused.json()["detail"][0]["loc"][-1], "fab_capacity_headroom")
