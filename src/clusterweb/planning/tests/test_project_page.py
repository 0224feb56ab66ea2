"""A project's page shows its own row of the plan's cost table: the same cells, totals by
the same rule and the same notes as the projects page and the command line."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

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

    def test_a_project_without_a_business_case_names_its_assumption_by_its_label(self) -> None:
        """The note names the job split by its label, linked to its row on the assumptions
        page (it showed the id 'growth.project.job-split')."""
        self.login(self.viewer)
        plan = current_plan()
        project = next(p for p in plan.finance.projects if p.business_case is None)
        split = plan.assumption("growth.project.job-split")
        anchor = f"{reverse('planning:assumptions')}#assumption-{split.id}"
        for lang, name in (("nl", split.label_nl), ("en", split.label_en)):
            self.client.cookies.load({"django_language": lang})
            html = self.client.get(reverse("planning:project", kwargs={"key": project.id}))
            text = html.content.decode()
            self.assertIn(f'href="{anchor}">{escape(name)}</a>', text)
            self.assertNotIn(f"{split.id})", text)
            assumptions = self.client.get(reverse("planning:assumptions")).content.decode()
            self.assertIn(f'id="assumption-{split.id}"', assumptions)
