"""Property-based tests of every API operation against its own OpenAPI schema (schemathesis):
generated inputs, valid and invalid, never give a server error, and every response has a
declared status code, content type and a body that conforms to the declared schema.

Runs in ``make test`` on the Django test database (the WSGI app in the test's own process and
transaction), with a bounded number of examples per operation so the suite stays fast; an
editor's token reaches every operation. (Schemathesis's pytest plugin is not used: its lazy
fixture loader does not run under the project's pytest; the operations' Hypothesis
strategies are driven directly.)
"""

from __future__ import annotations

from typing import Any

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from clusterweb.api.tests.helpers import token_for
from clusterweb.api.tests.test_api import OPERATIONS, _lead
from clusterweb.events.tests.helpers import make_event
from clusterweb.testing import PersonaTestCase

EXAMPLES = 25
"""Generated examples per operation, valid by the schema and not: enough to reach the refusal
paths (range, unknown name, wrong type, malformed body) of each operation while the whole run
stays well under a minute."""

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Small ensembles inline, larger ones as a task, a bounded maximum: as in production, at
# test sizes.
@override_settings(CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD=300, CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=2000)
class SchemaTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        _lead()
        make_event()

    def setUp(self) -> None:
        # As Django's test client does: the start and end of a request must not close the
        # database connection that holds the test's transaction (PostgreSQL would lose it).
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            self.addCleanup(signal.connect, close_old_connections)

    def test_every_operation_conforms_to_its_schema(self) -> None:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        headers = {"Authorization": f"Bearer {token_for(self.editor)}"}
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertEqual(len(operations), len(OPERATIONS))
        for operation in operations:
            strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(
                GenerationMode.NEGATIVE
            )

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                derandomize=True,
                database=None,
            )
            def conforms(case: Any) -> None:
                case.call_and_validate(headers=headers, checks=CHECKS)

            with self.subTest(operation=operation.label):
                conforms()
