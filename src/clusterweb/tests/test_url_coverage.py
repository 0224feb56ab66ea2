"""Every URL of the platform is covered by the persona tests (so no view can be forgotten)."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver

from clusterweb.api.tests.test_api import NOT_OPERATIONS as API_OTHER
from clusterweb.api.tests.test_api import OPERATIONS as API_OPERATIONS
from clusterweb.tests import test_personas

# Views with their own persona tests elsewhere, or that are not pages.
COVERED_ELSEWHERE = {
    "accounts:logout",  # accounts/tests/test_login.py
    "history:revert",  # planning/tests/test_editing.py (viewer 403, editor reverts)
    "planning:commitment_edit",  # test_personas (404 for editors), editing tests
    "planning:commitment_delete",  # test_personas (viewer 403), editing tests
    "planning:revision_make_live",  # planning/tests/test_revisions.py (POST; admins only)
    "scenarios:save",  # scenarios/tests (viewer 403, editor saves)
    "scenarios:delete",  # scenarios/tests (viewer 403)
    "scenarios:download",  # scenarios/tests
    "scenarios:sensitivity_start",  # scenarios/tests (POST; outsider 403, viewer starts)
    "scenarios:ensemble",  # scenarios/tests (POST; outsider 403, inline or a task)
    "tasks:index",  # tasks/tests/test_views.py (own tasks; admins all; anonymous to login)
    "tasks:detail",  # tasks/tests/test_views.py (owner and admin 200, others 404)
    "tasks:status",  # tasks/tests/test_views.py
    "tasks:retry",  # tasks/tests/test_views.py (POST; others 404)
    "demand:target_edit",  # demand/tests/test_talent_page.py (needs a stored target)
    "demand:targets_adopt",  # demand/tests/test_talent_page.py (POST; viewer 403)
    "set_language",
    "javascript-catalog",
    "monitoring:edit",  # test_locking (editors), monitoring/tests (viewer 403)
    "monitoring:submit",  # monitoring/tests/test_partners.py (partners only)
    "monitoring:report",  # monitoring/tests/test_report.py (POST; outsider 403, viewer starts)
    "monitoring:report_result",  # monitoring/tests/test_report.py (owner 200, others 404)
    "monitoring:report_download",  # monitoring/tests/test_report.py (owner 200, others 404)
}
OUR_NAMESPACES = {"dashboard", "accounts", "planning", "history", "finance", "scenarios"}
OUR_NAMESPACES |= {"backcast", "demand", "monitoring"}
OUR_NAMESPACES |= {"tasks"}
OUR_NAMESPACES |= {"impact"}
# The JSON API: api/tests/test_api.py calls every operation as every persona with its token
# (and fails when an operation is missing from its OPERATIONS); the token page: TokenTests.
OUR_NAMESPACES |= {"api", "tokens"}
COVERED_ELSEWHERE |= {name for name, *_ in API_OPERATIONS} | API_OTHER
COVERED_ELSEWHERE |= {"tokens:index", "tokens:revoke"}


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    out: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            out |= _names(pattern.url_patterns, ns)
        elif pattern.name:
            out.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return out


class UrlCoverageTests(SimpleTestCase):
    def test_every_view_has_a_persona_test(self) -> None:
        names = {
            n for n in _names(get_resolver().url_patterns) if n.split(":")[0] in OUR_NAMESPACES
        }
        tested = {n for n, _ in test_personas.PUBLIC + test_personas.READ + test_personas.WRITE}
        missing = names - tested - COVERED_ELSEWHERE
        self.assertEqual(missing, set(), "add these views to tests/test_personas.py")
