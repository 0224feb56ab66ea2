"""The migration that gives a stored sensitivity result the core's JSON forms turns a result
stored in the former form (the dataclasses' fields) into what a task stores today, which the
page reads back into the same figures, and back again."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from clusterplan.model.sensitivity import Discovery, PrimBox, SobolIndices, SobolResult
from clusterweb.planning.tests.migrating import MigrationTestCase, migrate
from clusterweb.scenarios import analysis
from clusterweb.scenarios.background import SENSITIVITY
from clusterweb.tasks.services import json_safe

BEFORE = [("tasks", "0002_task_reasons")]
AFTER = [("tasks", "0003_sensitivity_results_in_core_json")]

NAMES = ["market__automotive", "fab_continues"]
SOBOL = SobolResult(
    16,
    64,
    0,
    11200.0,
    2034,
    SobolIndices("jobs_2034", NAMES, [0.1, math.nan], [0.0, 0.0], [0.2, 0.6], [0.0, 0.0], 1.0),
    SobolIndices("goal_reached", NAMES, None, None, None, None, 0.0),
)
DISCOVERY = Discovery(
    100,
    0,
    11200.0,
    2034,
    0.1,
    [PrimBox({"fab_continues": (0.0, 0.0)}, coverage=0.5, density=0.9, mass=0.05)],
    [{"coverage": 1.0, "density": 0.1, "mass": 1.0, "restricted": 0.0}],
    {"fab_continues": (0.0, 1.0)},
)


def _former() -> dict[str, Any]:
    """A result as a task stored it before the migration (the dataclasses' fields)."""
    return json_safe({"revision": "x", "sobol": asdict(SOBOL), "discovery": asdict(DISCOVERY)})


def _today() -> dict[str, Any]:
    """The same result as a task stores it now."""
    return json_safe({"revision": "x", **analysis.results_to_json(SOBOL, DISCOVERY)})


class SensitivityMigrationTests(MigrationTestCase):
    def test_a_stored_result_takes_the_cores_json_form_and_back(self) -> None:
        self.assertNotEqual(_former(), _today())
        apps = migrate(BEFORE)
        User = apps.get_model("auth", "User")
        user = User.objects.create(username="u")
        TaskRecord = apps.get_model("tasks", "TaskRecord")
        TaskRecord.objects.create(kind=SENSITIVITY, owner=user, result=_former())
        TaskRecord.objects.create(kind=SENSITIVITY, owner=user, result=None)
        other = TaskRecord.objects.create(kind="scenarios.ensemble", owner=user, result={})
        apps = migrate(AFTER)
        TaskRecord = apps.get_model("tasks", "TaskRecord")
        stored = TaskRecord.objects.get(kind=SENSITIVITY, result__isnull=False).result
        self.assertEqual(stored, _today())
        sobol, discovery = analysis.results_from_json(stored)
        self.assertEqual(discovery, DISCOVERY)
        self.assertEqual(sobol.goal_reached, SOBOL.goal_reached)
        self.assertTrue(math.isnan(sobol.jobs.first[1]))  # type: ignore[index]
        self.assertEqual(TaskRecord.objects.get(pk=other.pk).result, {})
        apps = migrate(BEFORE)
        TaskRecord = apps.get_model("tasks", "TaskRecord")
        self.assertEqual(
            TaskRecord.objects.get(kind=SENSITIVITY, result__isnull=False).result, _former()
        )
