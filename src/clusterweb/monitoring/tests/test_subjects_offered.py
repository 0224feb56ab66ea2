"""The form to add a figure offers the subjects of the kinds the plan's indicators are
about, no other."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from clusterweb.monitoring import services
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase


class SubjectsOfferedTests(PersonaTestCase):
    def test_no_education_level_without_an_indicator_per_level(self) -> None:
        """The subject select had offered every kind's subjects (education levels too) for
        any plan; with no indicator per education level it offers none."""
        plan = current_plan()
        without = [i for i in services.indicators(plan) if i.subject != "education_level"]
        levels = services.subject_choices(plan, "education_level")
        self.assertTrue(levels)  # the bundled plan names them
        self.login(self.editor)
        with mock.patch.object(services, "indicators", return_value=without):
            form = self.client.get(reverse("monitoring:add")).context["form"]
        offered = {value for value, _label in form.fields["subject"].choices}
        self.assertFalse(offered & {value for value, _label in levels})
        kinds = {i.subject for i in without} - {"none"}
        for kind in kinds:
            expected = {value for value, _label in services.subject_choices(plan, kind)}
            self.assertLessEqual(expected, offered)
