"""For tests of a data migration: migrate to a named state and get the models as they stand
there; after each test the database is migrated back to the latest state."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def migrate(target: list[tuple[str, str]]) -> Any:
    """Migrate the database to ``target``; the app registry of that state (its models)."""
    executor = _executor()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


class MigrationTestCase(TransactionTestCase):
    def tearDown(self) -> None:
        executor = _executor()
        executor.migrate(executor.loader.graph.leaf_nodes())
