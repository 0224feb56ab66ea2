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

from datetime import date
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

from clusterweb.acquisition.models import Lead
from clusterweb.api.tests.helpers import call, token_for
from clusterweb.api.tests.test_api import OPERATIONS, _lead
from clusterweb.events.tests.helpers import make_event
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase

EXAMPLES = 25
"""Generated examples per operation, valid by the schema and not: enough to reach the refusal
paths (range, unknown name, wrong type, malformed body) of each operation while the whole run
stays well under a minute."""

REF = "#/components/schemas/"
JSON = "application/json"
WHATIF = {"changes": [{"project": "acp", "shift": 1, "scale": 1.5}]}
"""A what-if with a change: its answer gives the change's effect on jobs."""

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
        self._hold_connection()
        for signal in (request_started, request_finished):
            self.addCleanup(signal.connect, close_old_connections)

    @staticmethod
    def _hold_connection() -> None:
        """As Django's test client does: the start and end of a request through the WSGI
        handler must not close the database connection that holds the test's transaction
        (PostgreSQL would lose it). Again after each call of the test client, which
        connects the handler anew when its request is done."""
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)

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

    def test_finance_and_lead_answers_are_described_by_schemas_of_their_own(self) -> None:
        """The answers of finance, what-if, re-phasing and leads each have a schema of their
        own (they had been untyped objects): its properties are the answer's keys, those
        every answer gives required; a lead the core refuses conforms too, with its reason,
        and so does a what-if answer with its effect on jobs."""
        Lead.objects.create(key="refused", company="Refused", source="supplier", stage="proposal")
        served = self.client.get("/api/openapi.json").json()
        token = token_for(self.editor)
        move = {"stage": "visit", "on": date.today().isoformat(), "from_stage": "proposal"}
        answers = [  # path, method, the schema named, a call and whether the answer is a list
            ("/api/finance", "get", "FinanceOut", None, False),
            ("/api/finance/whatif", "post", "FinanceOut", {"changes": []}, False),
            ("/api/finance/whatif", "post", "FinanceOut", WHATIF, False),
            ("/api/finance/rephase", "post", "RephaseOut", {"caps": {}}, False),
            ("/api/leads", "get", "LeadOut", None, True),
            ("/api/leads/{key}", "get", "LeadOut", None, False),
            ("/api/leads/{key}/move", "post", "LeadOut", move, False),
        ]
        self._hold_connection()  # the client's call above connected it; this reads by WSGI
        wsgi = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        headers = {"Authorization": f"Bearer {token}"}
        for path, method, name, body, many in answers:
            with self.subTest(path=path, body=body):
                declared = served["paths"][path][method]["responses"]["200"]["content"]
                declared = declared["application/json"]["schema"]
                self.assertEqual(declared.get("items", declared), {"$ref": REF + name})
                component = served["components"]["schemas"][name]
                url = path.replace("{key}", "lead-a")
                answer = call(self.client, method, url, token, body).json()
                for one in answer if many else [answer]:
                    self.assertLessEqual(set(component["required"]), set(one))
                    self.assertLessEqual(set(one), set(component["properties"]))
                operation = wsgi[path][method.upper()]
                for key in ("lead-a", "refused") if "{key}" in path else (None,):
                    if key == "refused" and method == "post":
                        continue  # the refused lead cannot move (409)
                    Lead.objects.filter(key="lead-a").update(stage="proposal")  # as read
                    case = operation.Case(
                        path_parameters={"key": key} if key else {},
                        headers=headers,
                        **({} if body is None else {"body": body, "media_type": JSON}),
                    )
                    self._hold_connection()  # the client's calls above connected it
                    case.call_and_validate(checks=CHECKS)
        refused = call(self.client, "get", "/api/leads/refused", token).json()
        self.assertIn("problem", refused)
        self.assertNotIn("problem", call(self.client, "get", "/api/leads/lead-a", token).json())
        effect = call(self.client, "post", "/api/finance/whatif", token, WHATIF).json()
        self.assertIn("jobs_effect", effect)
        self.assertNotIn("jobs_effect", call(self.client, "get", "/api/finance", token).json())

    def test_a_refused_lead_is_answered_as_stored_whatever_it_holds(self) -> None:
        """A lead stored before one of the core's rules comes as stored with the reason,
        its expected jobs too (a fraction of a job, which the core refuses, had made the
        typed answer fail: 500)."""
        pillar = current_plan().pillar_ids[0]
        Lead.objects.create(
            key="odd", company="Odd", source="event", stage="visit", expected_jobs={pillar: 2.5}
        )
        response = call(self.client, "get", "/api/leads/odd", token_for(self.viewer))
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["expected_jobs"], {pillar: 2.5})
        self.assertIn("problem", response.json())
