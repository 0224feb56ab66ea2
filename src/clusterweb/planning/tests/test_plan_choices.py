"""Funding sources and growth dimensions on the web come from the loaded plan."""

from __future__ import annotations

from clusterweb.planning.forms import CommitmentForm, ProjectForm
from clusterweb.planning.models import Commitment, Project
from clusterweb.planning.services import current_plan
from clusterweb.planning.tests.form_data import assert_commitment_refused
from clusterweb.testing import PersonaTestCase


class PlanChoicesTests(PersonaTestCase):
    def test_the_project_form_has_one_coverage_field_per_plan_source(self) -> None:
        form = ProjectForm(instance=Project.objects.get(key="acp"))
        plan = current_plan()
        names = [n for n in form.fields if n.startswith("coverage_")]
        self.assertEqual(names, [f"coverage_{s}" for s in plan.finance.source_ids])
        self.assertEqual(
            [form.fields[n].initial for n in names],
            [plan.project("acp").coverage_meur.get(s) for s in plan.finance.source_ids],
        )

    def test_the_commitment_form_offers_the_plan_sources_and_refuses_another(self) -> None:
        form = CommitmentForm()
        offered = [value for value, _label in form.fields["source"].choices]
        self.assertEqual(offered, list(current_plan().finance.source_ids))
        assert_commitment_refused(self, source="not-a-source")

    def test_labels_are_the_plan_names_in_the_page_language(self) -> None:
        plan = current_plan()
        project = Project.objects.get(key="acp")
        self.assertEqual(
            project.get_dimension_display(), plan.employment.scenarios[project.dimension].name_nl
        )
        commitment = Commitment(line="acp", source=plan.finance.source_ids[0], amount_meur=1)
        self.assertEqual(commitment.get_source_display(), plan.finance.sources[0].name_nl)
