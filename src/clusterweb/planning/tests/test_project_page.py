"""A project's page shows its own row of the plan's cost table: the same cells, totals by
the same rule and the same notes as the projects page and the command line."""

from __future__ import annotations

from django.urls import reverse

from clusterplan.report import tables as core
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase


class ProjectPageTests(PersonaTestCase):
    def test_every_project_page_has_its_row_of_the_plans_table(self) -> None:
        self.login(self.viewer)
        plan = current_plan()
        model = core.projects_table(plan, "nl")
        for project in plan.finance.projects:
            with self.subTest(project=project.id):
                page = self.client.get(reverse("planning:project", kwargs={"key": project.id}))
                self.assertEqual(page.status_code, 200)
                for shown, part in (
                    (page.context["costs"], core.costs_part(model)),
                    (page.context["coverage"], core.coverage_part(model)),
                ):
                    (row,) = [r for r in part.rows if r.key == project.id]
                    self.assertEqual(shown["rows"], [list(row.cells)])
                    self.assertEqual(shown["columns"], [c.heading for c in part.columns])
                    self.assertEqual(shown["caption"], part.title)

    def test_a_computed_total_that_differs_from_the_print_is_noted_on_the_project_page(
        self,
    ) -> None:
        plan = current_plan()
        first = plan.finance.projects[0]
        year = next(y for y, v in first.costs_meur.items() if v)
        changed = first.model_copy(
            update={"costs_meur": {**first.costs_meur, year: first.costs_meur[year] + 1}}
        )
        other = plan.finance.projects[1:]
        finance = plan.finance.model_copy(update={"projects": [changed, *other]})
        model = core.projects_table(plan.model_copy(update={"finance": finance}), "nl")
        part = core.line_part(core.costs_part(model), first.id)
        self.assertEqual(len(part.rows), 1)
        self.assertTrue(any(str(first.printed_total_meur).split(".")[0] in n for n in part.notes))
        alone = core.line_part(core.costs_part(model), plan.finance.projects[1].id)
        self.assertFalse(any(core.item_name(first, "nl") in n for n in alone.notes))
