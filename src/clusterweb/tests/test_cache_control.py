"""``Cache-Control: private, no-store`` on every non-public response: every URL of the platform
(pages, downloads, fragments, forms, redirects, errors, the admin) for every persona."""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.cache import get_max_age

from clusterweb.acquisition.tests.test_funnel_pages import READ as FUNNEL_READ
from clusterweb.acquisition.tests.test_funnel_pages import WRITE as FUNNEL_WRITE
from clusterweb.acquisition.tests.test_funnel_pages import _lead
from clusterweb.api.tests.test_api import NOT_OPERATIONS as API_OTHER
from clusterweb.api.tests.test_api import OPERATIONS as API_OPERATIONS
from clusterweb.events.tests.helpers import ALL as EVENTS
from clusterweb.events.tests.helpers import make_event
from clusterweb.middleware import PUBLIC_VIEWS
from clusterweb.startups.tests.test_startup_pages import POST_ONLY as STARTUP_POST
from clusterweb.startups.tests.test_startup_pages import READ as STARTUP_READ
from clusterweb.startups.tests.test_startup_pages import WRITE as STARTUP_WRITE
from clusterweb.startups.tests.test_startup_pages import _own as _startup
from clusterweb.testing import PersonaTestCase
from clusterweb.tests import test_personas

# Every URL name with arguments that the persona lists do not give (a 404 must be private too).
EXTRA: list[tuple[str, dict[str, Any]]] = [
    ("accounts:logout", {}),
    ("planning:commitment_edit", {"pk": 1}),
    ("planning:commitment_delete", {"pk": 1}),
    ("planning:revision_make_live", {"pk": 1}),
    ("history:revert", {"change_id": 1}),
    ("history:download", {"slug": "history", "fmt": "xlsx"}),
    ("scenarios:save", {}),
    ("scenarios:delete", {"pk": 1}),
    ("scenarios:download", {"slug": "no-such-table", "fmt": "csv"}),
    ("ecosystem:registry", {}),
    ("ecosystem:organisation", {"key": "nxp"}),
    ("ecosystem:organisation", {"key": "besi"}),
    ("ecosystem:import", {}),
    ("ecosystem:whitespots", {}),
    ("ecosystem:whitespots_download", {"slug": "whitespots-technologies", "fmt": "csv"}),
    ("ecosystem:concentration", {}),
    ("ecosystem:showcase", {}),
    ("acquisition:move", {"key": "acme"}),
    ("monitoring:edit", {"pk": 1}),
    ("monitoring:submit", {}),
    ("monitoring:report", {}),
    ("monitoring:report_result", {"pk": 1}),
    ("monitoring:report_download", {"pk": 1, "fmt": "pdf"}),
    ("set_language", {}),
    ("javascript-catalog", {}),
    ("admin_login", {}),
    ("tasks:index", {}),
    ("scenarios:sensitivity_start", {}),
    ("scenarios:ensemble", {}),
    ("tasks:detail", {"pk": 1}),
    ("tasks:status", {"pk": 1}),
    ("tasks:retry", {"pk": 1}),
    ("demand:targets_adopt", {}),
    ("demand:target_edit", {"year": 2028}),
    ("tokens:index", {}),
    ("tokens:revoke", {}),
]
# The JSON API: every operation (tested with tokens in api/tests/test_api.py too).
EXTRA += [(name, kwargs) for name, kwargs, *_ in API_OPERATIONS]
EXTRA += [(name, {}) for name in sorted(API_OTHER)]
ADMIN_URLS = [
    "/admin/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/accounts/loginattempt/",
    "/admin/logout/",
]
SAMPLES = (
    test_personas.PUBLIC
    + test_personas.READ
    + test_personas.WRITE
    + FUNNEL_READ
    + FUNNEL_WRITE
    + STARTUP_READ
    + STARTUP_WRITE
    + STARTUP_POST
    + EVENTS
    + EXTRA
)


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> set[str]:
    out: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the admin's own URLs: ADMIN_URLS
            out |= _names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            out.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return out


def assert_private(case: PersonaTestCase, response: HttpResponseBase) -> None:
    control = response.get("Cache-Control", "")
    directives = {part.strip().split("=")[0] for part in control.split(",")}
    case.assertIn("private", directives, control)
    case.assertIn("no-store", directives, control)
    case.assertNotIn("public", directives, control)


class CacheControlTests(PersonaTestCase):
    def setUp(self) -> None:
        _lead()
        _startup()

        make_event()

    def test_every_url_name_has_a_sample(self) -> None:
        missing = _names(get_resolver().url_patterns) - {name for name, _ in SAMPLES}
        self.assertEqual(missing, set(), "add a sample (name, kwargs) to EXTRA")

    def test_every_response_to_a_logged_in_user_is_private(self) -> None:
        for user in (self.admin, self.editor, self.viewer, self.partner, self.outsider):
            self.login(user)
            for name, kwargs in SAMPLES:
                url = reverse(name, kwargs=kwargs)
                with self.subTest(user=user.username, url=url):
                    assert_private(self, self.client.get(url))
            for url in ADMIN_URLS:
                with self.subTest(user=user.username, url=url):
                    assert_private(self, self.client.get(url))

    def test_every_non_public_response_to_an_anonymous_visitor_is_private(self) -> None:
        for name, kwargs in SAMPLES:
            if name in PUBLIC_VIEWS:
                continue
            url = reverse(name, kwargs=kwargs)
            with self.subTest(url=url):
                assert_private(self, self.client.get(url))
        for url in ADMIN_URLS:
            with self.subTest(url=url):
                assert_private(self, self.client.get(url))

    def test_posts_redirects_and_refusals_are_private(self) -> None:
        self.login(self.viewer)
        for name, kwargs in test_personas.WRITE + FUNNEL_WRITE + STARTUP_WRITE + STARTUP_POST:
            url = reverse(name, kwargs=kwargs)
            with self.subTest(url=url):
                response = self.client.post(url, {})
                self.assertEqual(response.status_code, 403)
                assert_private(self, response)
        self.login(self.editor)
        response = self.client.post(reverse("planning:commitment_add"), {})
        assert_private(self, response)
        assert_private(self, self.client.get("/no/such/page/"))

    def test_downloads_are_private_for_every_reader(self) -> None:
        downloads = [(n, k) for n, k in SAMPLES if n.endswith("download") and n not in PUBLIC_VIEWS]
        self.assertGreaterEqual(len(downloads), 8)
        for user in (self.viewer, self.editor, self.admin):
            self.login(user)
            for name, kwargs in downloads:
                url = reverse(name, kwargs=kwargs)
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertIn(response.status_code, (200, 404))
                    assert_private(self, response)

    def test_public_pages_stay_cacheable_for_anonymous_visitors(self) -> None:
        for name, kwargs in SAMPLES:
            if name not in PUBLIC_VIEWS:
                continue
            with self.subTest(name=name):
                response = self.client.get(reverse(name, kwargs=kwargs))
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("no-store", response.get("Cache-Control", ""))

    def test_the_same_public_page_is_private_for_a_logged_in_user(self) -> None:
        self.login(self.viewer)
        assert_private(self, self.client.get(reverse("dashboard:public")))

    def test_static_files_keep_their_own_cache_headers(self) -> None:
        self.assertIsNotNone(finders.find("clusterweb/css/clusterweb.css"))
        self.login(self.editor)
        response = self.client.get("/static/clusterweb/css/clusterweb.css")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("no-store", response.get("Cache-Control", ""))
        self.assertIsNotNone(get_max_age(response))
