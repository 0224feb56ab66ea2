"""The migration that folds the four coverage columns into one mapping by source id keeps
every amount, unknowns included, both ways; a stored plan document gets the sources and
the dimension chain the code used to name."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import Plan

BEFORE = [("planning", "0003_project_business_case")]
AFTER = [("planning", "0004_coverage_by_plan_source")]


def _migrate(target: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


class CoverageMigrationTests(TransactionTestCase):
    def tearDown(self) -> None:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_it_copies_the_columns_into_the_mapping_and_back(self) -> None:
        apps = _migrate(BEFORE)
        old = apps.get_model("planning", "Project")
        old.objects.create(
            key="line-a",
            name_nl="A",
            name_en="A",
            dimension="growth-a",
            coverage_private_meur=12.5,
            coverage_subsidies_meur=None,
            coverage_national_meur=0.0,
            coverage_regional_meur=3.0,
        )
        apps = _migrate(AFTER)
        row = apps.get_model("planning", "Project").objects.get(key="line-a")
        self.assertEqual(
            row.coverage_meur,
            {"private": 12.5, "subsidies": None, "national": 0.0, "regional": 3.0},
        )
        apps = _migrate(BEFORE)
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
        apps = _migrate(AFTER)
        new = apps.get_model("planning", "Project")
        new.objects.create(
            key="line-b",
            name_nl="B",
            name_en="B",
            dimension="growth-a",
            coverage_meur={"own-funds": 4.0},
        )
        with self.assertRaisesMessage(RuntimeError, "own-funds"):
            _migrate(BEFORE)
        row = apps.get_model("planning", "Project").objects.get(key="line-b")
        self.assertEqual(row.coverage_meur, {"own-funds": 4.0})

    def test_a_stored_plan_document_becomes_a_valid_plan(self) -> None:
        today = bundled_plan().model_dump(mode="json")
        former = bundled_plan().model_dump(mode="json")  # as the former schema stored it
        del former["finance"]["sources"]
        for scenario in former["employment"]["scenarios"].values():
            del scenario["builds_on"]
            scenario["fab_continues"] = True
        apps = _migrate(BEFORE)
        apps.get_model("planning", "PlanDocument").objects.create(plan_id="p", data=former)
        apps = _migrate(AFTER)
        data = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(Plan.model_validate(data).model_dump(mode="json"), today)
        apps = _migrate(BEFORE)
        back = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(back, former)
