"""The models and the migrations agree: a change to a model (its fields, its choices and
their words) that needs a migration fails here until the migration exists."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connections
from django.test import SimpleTestCase


class MigrationsTests(SimpleTestCase):
    databases = {"default"}  # makemigrations reads the applied migrations

    def test_no_model_change_lacks_its_migration(self) -> None:
        # makemigrations opens a connection of its own to read the applied migrations; on
        # PostgreSQL one left open kept the test database from being dropped at the end of
        # the run ("being accessed by other users").
        self.addCleanup(connections.close_all)
        out = StringIO()
        try:
            call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
        except SystemExit:
            self.fail(f"a model change has no migration:\n{out.getvalue()}")
