"""The migration that gives the space figures general names turns a stored plan document
and a stored revision of the former schema into a valid plan, and back, with every figure;
a revision's digest follows its content; going back refuses a development it would lose."""

from __future__ import annotations

import copy
import importlib
from typing import Any

from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import Plan
from clusterweb.planning.tests.migrating import MigrationTestCase, migrate

# The digest as it was computed at this migration (numbers as written); 0011 changed it.
plan_digest = importlib.import_module(
    "clusterweb.planning.migrations.0006_space_figures_general"
)._digest

BEFORE = [("planning", "0005_plan_revision")]
AFTER = [("planning", "0006_space_figures_general")]


def _former(today: dict[str, Any]) -> dict[str, Any]:
    """The bundled plan as the former schema stored it (figures under the former keys)."""
    former = copy.deepcopy(today)
    space = former["space"]
    former["space"] = {
        {"demand": "demand_until_2040", "realised": "realised_2017_2024"}.get(k, k): v
        for k, v in space.items()
        if k != "developments"
    }
    (development,) = space["developments"]
    former["space"]["winkelsteeg_homes"] = development["homes"]
    former["space"]["winkelsteeg_jobs"] = development["jobs"]
    return former


class SpaceMigrationTests(MigrationTestCase):
    def test_a_stored_document_and_revision_become_a_valid_plan_and_back(self) -> None:
        today = bundled_plan().model_dump(mode="json")
        former = _former(today)
        self.assertNotIn("demand", former["space"])
        apps = migrate(BEFORE)
        apps.get_model("planning", "PlanDocument").objects.create(plan_id="p", data=former)
        apps.get_model("planning", "PlanRevision").objects.create(
            plan_id="p", title="t", published="x", digest=plan_digest(former), data=former
        )
        apps = migrate(AFTER)
        data = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(Plan.model_validate(data).model_dump(mode="json"), today)
        revision = apps.get_model("planning", "PlanRevision").objects.get(plan_id="p")
        self.assertEqual(Plan.model_validate(revision.data).model_dump(mode="json"), today)
        self.assertEqual(revision.digest, plan_digest(revision.data))
        self.assertEqual(list(revision.data["space"]), list(today["space"]))  # key order kept
        apps = migrate(BEFORE)
        back = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p").data
        self.assertEqual(back, former)
        revision = apps.get_model("planning", "PlanRevision").objects.get(plan_id="p")
        self.assertEqual((revision.data, revision.digest), (former, plan_digest(former)))

    def test_a_plan_without_space_or_developments_migrates_both_ways(self) -> None:
        today = bundled_plan().model_dump(mode="json")
        former = _former(today)
        former["space"]["winkelsteeg_homes"] = former["space"]["winkelsteeg_jobs"] = None
        no_space = copy.deepcopy(today)
        no_space["space"] = None
        apps = migrate(BEFORE)
        documents = apps.get_model("planning", "PlanDocument")
        documents.objects.create(plan_id="a", data=former)
        documents.objects.create(plan_id="b", data=no_space)
        apps = migrate(AFTER)
        documents = apps.get_model("planning", "PlanDocument")
        self.assertEqual(documents.objects.get(plan_id="a").data["space"]["developments"], [])
        self.assertIsNone(documents.objects.get(plan_id="b").data["space"])
        apps = migrate(BEFORE)
        documents = apps.get_model("planning", "PlanDocument")
        self.assertEqual(documents.objects.get(plan_id="a").data, former)
        self.assertEqual(documents.objects.get(plan_id="b").data, no_space)

    def test_going_back_refuses_a_development_the_former_keys_cannot_hold(self) -> None:
        today = bundled_plan().model_dump(mode="json")
        today["space"]["developments"].append({"name": "Elsewhere", "homes": 10, "jobs": None})
        apps = migrate(AFTER)
        apps.get_model("planning", "PlanDocument").objects.create(plan_id="p", data=today)
        with self.assertRaisesMessage(RuntimeError, "Elsewhere"):
            migrate(BEFORE)
        row = apps.get_model("planning", "PlanDocument").objects.get(plan_id="p")
        self.assertEqual(row.data, today)
