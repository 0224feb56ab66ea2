"""Pages and branding show the plan the site serves, never the bundled plan's words;
a plan without a goal or without printed totals shows no 'None' and no invented totals."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from clusterplan.app.scenarios import reference_note
from clusterplan.plan.load import bundled_plan, load_plan
from clusterplan.plan.parts import goal_target
from clusterplan.plan.schema import Plan
from clusterplan.report import tables as core_tables
from clusterplan.report.table import Cell
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.dashboard import services
from clusterweb.planning.services import load_plan_into_db
from clusterweb.planning.tests.variant import (
    VARIANT_BASE,
    VARIANT_CLUSTER,
    VARIANT_GOAL_FACTOR,
    VARIANT_REGION,
    VARIANT_TITLE,
    write_variant_plan,
)

BUNDLED_WORDS = ("Lifeport", "Meerjarenplan", "11.200", "11,200", "5.600", "5,600")


def without_goal(plan: Plan) -> Plan:
    """The plan with no goal (a copy; the schema may not allow it yet, the pages must)."""
    employment = plan.employment.model_copy(update={"goal": None})
    return plan.model_copy(update={"employment": employment})


def without_printed_totals(plan: Plan) -> Plan:
    """The plan with no printed line totals (they are optional)."""
    projects = [p.model_copy(update={"printed_total_meur": None}) for p in plan.finance.projects]
    finance = plan.finance.model_copy(update={"projects": projects})
    return plan.model_copy(update={"finance": finance})


class VariantPlanPageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            plan_dir, _ = write_variant_plan(Path(tmp) / "plan")
            cls.variant = load_plan(plan_dir)
        load_plan_into_db(cls.variant)
        cls.viewer = create_user("vera", "correct horse battery staple 42", Role.VIEWER)

    def assert_names_only_the_variant(self, html: str) -> None:
        for word in BUNDLED_WORDS:
            self.assertNotIn(word, html)
        self.assertNotIn("None", html)
        self.assertIn(VARIANT_CLUSTER, html)
        self.assertIn(VARIANT_TITLE, html)  # the footer names the plan the figures come from

    def test_the_public_page_shows_the_served_plan(self) -> None:
        html = self.client.get(reverse("dashboard:public")).content.decode()
        self.assert_names_only_the_variant(html)
        base = sum(VARIANT_BASE.values())
        self.assertIn(f"{base:,}".replace(",", "."), html)
        self.assertIn(f"{round(base * VARIANT_GOAL_FACTOR):,}".replace(",", "."), html)
        self.assertIn(f"<title>{VARIANT_CLUSTER}", html.replace("\n", ""))
        self.assertIn(VARIANT_REGION, html)

    def test_the_dashboard_shows_the_served_plan_and_its_goal_factor(self) -> None:
        self.client.force_login(self.viewer)
        html = self.client.get(reverse("dashboard:index")).content.decode()
        self.assert_names_only_the_variant(html)
        self.assertIn("1,5 keer", html)

    def test_english_pages_name_the_plan_too(self) -> None:
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        html = self.client.get(reverse("dashboard:public")).content.decode()
        self.assert_names_only_the_variant(html)
        self.assertIn(f"{round(sum(VARIANT_BASE.values()) * VARIANT_GOAL_FACTOR):,}", html)

    def test_a_plan_without_a_goal_shows_no_goal(self) -> None:
        plan = without_goal(self.variant)
        with mock.patch("clusterweb.dashboard.views.published_plan", return_value=plan):
            html = self.client.get(reverse("dashboard:public")).content.decode()
        self.assertNotIn("None", html)
        self.assertNotIn("doel", html.lower())
        self.assertIn(f"{sum(VARIANT_BASE.values()):,}".replace(",", "."), html)

    def test_the_backcast_target_year_has_no_separator(self) -> None:
        self.client.force_login(self.viewer)
        html = self.client.get(
            reverse("backcast:index"),
            {
                "target_total": "9000",
                "target_year": "2033",
                "shape": "linear",
                "dimension": next(iter(self.variant.employment.scenarios)),
            },
        ).content.decode()
        self.assertIn("Doel voor 2033", html)
        self.assertNotIn("2.033", html)


class GoalTests(TestCase):
    def test_without_a_goal_the_reference_is_the_goal_and_no_goal_column_is_shown(self) -> None:
        plan = without_goal(bundled_plan())
        data = services.goal(plan)
        reference = goal_target(plan)
        self.assertFalse(data["declared"])
        self.assertEqual(data["jobs"], round(reference.jobs_for(0.0)))
        self.assertEqual(data["year"], reference.year)
        self.assertEqual(data["note"], reference_note(plan, "nl"))
        self.assertIsNone(data["source"])
        tab = services.landings_table(plan, None)
        self.assertEqual(len(tab["columns"]), 2)

    def test_with_a_goal_each_difference_is_jobs_minus_goal(self) -> None:
        """Negative when a dimension falls short of the goal, as the monitoring's difference
        (actual minus plan) is negative when behind."""
        plan = bundled_plan()
        data = services.goal(plan)
        goal = plan.employment.goal
        self.assertEqual(data["jobs"], round(sum(plan.employment.base.values()) * goal.factor))
        with translation.override("nl"):
            tab = services.landings_table(plan, None)
        self.assertEqual(tab["columns"][-1], "Verschil met het doel")
        differences = [row[-1].value for row in tab["rows"]]
        self.assertEqual(differences, [d["jobs"] - data["jobs"] for d in data["landings"]])
        self.assertTrue(min(differences) < 0 < max(differences))  # short of it and above it


class CoverageTotalsTests(TestCase):
    """The projects' totals row: computed from the rows by the one totals rule, the plan's
    printed total kept beside it when the plan prints one."""

    def total(self, plan: Plan) -> Cell:
        return core_tables.projects_table(plan, "nl").cell("total", "total")

    def test_without_printed_line_totals_the_totals_row_adds_the_lines(self) -> None:
        plan = without_printed_totals(bundled_plan())
        known = [
            sum(v for v in line.costs_meur.values() if v is not None)
            for line in plan.finance.projects
        ]
        cell = self.total(plan)
        self.assertGreater(sum(known), 0)
        assert cell.value is not None
        self.assertAlmostEqual(float(cell.value), sum(known))
        self.assertTrue(cell.computed)

    def test_the_bundled_plan_keeps_its_printed_total_beside_the_computed_one(self) -> None:
        plan = bundled_plan()
        printed = plan.finance.projects_printed_totals
        assert printed is not None and printed.total_meur is not None
        cell = self.total(plan)
        assert cell.printed is not None
        self.assertAlmostEqual(float(cell.printed), printed.total_meur)
        self.assertIsNotNone(cell.value)
