"""The migration that folds the four coverage columns into one mapping by source id keeps
every amount, unknowns included, both ways; a stored plan document gets the sources and
the dimension chain the code used to name."""

from __future__ import annotations

from typing import Any

from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import Plan
from clusterweb.planning.tests.migrating import MigrationTestCase, migrate

BEFORE = [("planning", "0003_project_business_case")]
AFTER = [("planning", "0004_coverage_by_plan_source")]


def _project(apps: Any, key: str, **coverage: Any) -> None:
    """A project row as the models of ``apps`` have it, with these coverage fields."""
    apps.get_model("planning", "Project").objects.create(
        key=key, name_nl=key, name_en=key, dimension="growth-a", **coverage
    )


class CoverageMigrationTests(MigrationTestCase):
    def test_it_copies_the_columns_into_the_mapping_and_back(self) -> None:
        apps = migrate(BEFORE)
        _project(
            apps,
            "line-a",
            coverage_private_meur=12.5,
            coverage_subsidies_meur=None,
            coverage_national_meur=0.0,
            coverage_regional_meur=3.0,
        )
        apps = migrate(AFTER)
        row = apps.get_model("planning", "Project").objects.get(key="line-a")
        self.assertEqual(
            row.coverage_meur,
            {"private": 12.5, "subsidies": None, "national": 0.0, "regional": 3.0},
        )
        apps = migrate(BEFORE)
        back = apps.get_model("planning", "Project").objects.get(key="line-a")
        self.assertEqual(
            [
                back.coverage_private_meur,
                back.coverage_subsidies_meur,
                back.coverage_national_meur,
                back.coverage_regional_meur,
            ],
            [12.5, None, 0.0, 3.0],
        )

    def test_going_back_refuses_a_source_that_has_no_column(self) -> None:
        apps = migrate(AFTER)
        _project(apps, "line-b", coverage_meur={"own-funds": 4.0})
        with self.assertRaisesMessage(RuntimeError, "own-funds"):
            migrate(BEFORE)
        row = apps.get_model("planning", "Project").objects.get(key="line-b")
        self.assertEqual(row.coverage_meur, {"own-funds": 4.0})

    def test_a_stored_plan_document_becomes_a_valid_plan(self) -> None:
        today = bundled_plan().model_dump(mode="json")
        former = bundled_plan().model_dump(mode="json")  # as the former schema stored it
        del former["finance"]["sources"]
        for scenario in former["employment"]["scenarios"].values():
            del scenario["builds_on"]
            scenario["fab_continues"] = True
        apps = migrate(BEFORE)
        apps.get_model("planning", "PlanDocument").objects.create(plan_id="p", data=former)
        apps = migrate(AFTER)
        data = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(Plan.model_validate(data).model_dump(mode="json"), today)
        apps = migrate(BEFORE)
        back = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(back, former)
