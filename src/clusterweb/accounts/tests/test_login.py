"""Login, lockout after repeated failures, security headers."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from clusterweb.testing import PASSWORD, PersonaTestCase


class LoginTests(PersonaTestCase):
    def post_login(self, password: str) -> object:
        return self.client.post(
            reverse("accounts:login"), {"username": "vera", "password": password}
        )

    def test_a_viewer_logs_in_and_reaches_the_dashboard(self) -> None:
        response = self.post_login(PASSWORD)
        self.assertRedirects(response, reverse("dashboard:index"))

    def test_it_locks_out_after_five_failures_even_with_the_right_password(self) -> None:
        for _ in range(5):
            self.assertEqual(self.post_login("wrong").status_code, 200)
        response = self.post_login(PASSWORD)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "geblokkeerd")
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(LOGIN_LOCKOUT_WINDOW_SECONDS=0)
    def test_the_lockout_expires_after_its_window(self) -> None:
        for _ in range(5):
            self.post_login("wrong")
        self.assertEqual(self.post_login(PASSWORD).status_code, 302)

    def test_logout_needs_post(self) -> None:
        self.login(self.viewer)
        self.assertEqual(self.client.get(reverse("accounts:logout")).status_code, 405)
        self.assertEqual(self.client.post(reverse("accounts:logout")).status_code, 302)


class HeaderTests(PersonaTestCase):
    def test_every_page_sends_a_csp_without_unsafe_eval(self) -> None:
        response = self.client.get(reverse("dashboard:public"))
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self'", csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_forms_need_a_csrf_token(self) -> None:
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.editor)
        response = client.post(reverse("planning:commitment_add"), {})
        self.assertEqual(response.status_code, 403)
