"""Login, lockout per account and per address, security headers."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.test import override_settings
from django.urls import reverse

from clusterweb.accounts import services
from clusterweb.accounts.models import LoginAttempt
from clusterweb.testing import PASSWORD, PersonaTestCase


class LoginTests(PersonaTestCase):
    def post_login(
        self, password: str, username: str = "vera", address: str = "127.0.0.1"
    ) -> HttpResponse:
        return self.client.post(
            reverse("accounts:login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def assert_refused_as_locked(self, response: HttpResponse) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error(NON_FIELD_ERRORS, "locked_out"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def assert_checked_and_wrong(self, response: HttpResponse) -> None:
        """The password was checked (and was wrong): not refused as locked."""
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].has_error(NON_FIELD_ERRORS, "invalid_login"))

    def assert_logged_in(self, response: HttpResponse) -> None:
        self.assertEqual(response.status_code, 302)
        self.assertIn("_auth_user_id", self.client.session)
        self.client.logout()

    def test_a_viewer_logs_in_and_reaches_the_dashboard(self) -> None:
        response = self.post_login(PASSWORD)
        self.assertRedirects(response, reverse("dashboard:index"))

    def test_it_locks_out_after_five_failures_even_with_the_right_password(self) -> None:
        for _ in range(5):
            self.assert_checked_and_wrong(self.post_login("wrong"))
        self.assert_refused_as_locked(self.post_login(PASSWORD))

    def test_the_lockout_message_is_in_dutch(self) -> None:
        for _ in range(6):
            response = self.post_login("wrong")
        self.assertContains(response, "geblokkeerd")

    def test_the_account_is_locked_whatever_the_case_of_its_name(self) -> None:
        for name in ("vera", "VERA", "Vera", "vEra", "verA"):
            self.assert_checked_and_wrong(self.post_login("wrong", username=name))
        self.assert_refused_as_locked(self.post_login(PASSWORD))

    @override_settings(LOGIN_LOCKOUT_WINDOW_SECONDS=0)
    def test_the_lockout_expires_after_its_window(self) -> None:
        for _ in range(5):
            self.post_login("wrong")
        self.assertEqual(self.post_login(PASSWORD).status_code, 302)

    def test_one_accounts_failures_do_not_lock_other_users_at_that_address(self) -> None:
        for _ in range(5):
            self.post_login("wrong", username="vera")
        self.assert_refused_as_locked(self.post_login(PASSWORD, username="vera"))
        self.assert_logged_in(self.post_login(PASSWORD, username="erik"))

    def test_a_locked_account_is_locked_from_every_address(self) -> None:
        for i in range(5):
            self.post_login("wrong", address=f"10.0.0.{i + 1}")
        self.assert_refused_as_locked(self.post_login(PASSWORD, address="10.9.9.9"))

    @override_settings(LOGIN_LOCKOUT_ADDRESS_FAILURES=10)
    def test_logging_in_to_ones_own_account_does_not_reset_the_addresss_failures(self) -> None:
        """The probe's spray: a few guesses at each of 7 accounts, with a login to one's own
        account in between, was never locked; now the address is locked after its limit."""
        targets = [f"target{i}" for i in range(7)]
        for guess in range(10):
            self.assert_checked_and_wrong(self.post_login("wrong", username=targets[guess % 7]))
            if guess < 8:
                self.assert_logged_in(self.post_login(PASSWORD, username="olga"))
        self.assert_refused_as_locked(self.post_login("wrong", username="target6"))
        self.assert_refused_as_locked(self.post_login(PASSWORD, username="olga"))
        # Another address is not affected.
        self.assert_logged_in(self.post_login(PASSWORD, username="olga", address="10.1.1.1"))

    def test_a_success_on_another_account_does_not_reset_this_accounts_failures(self) -> None:
        for _ in range(4):
            self.post_login("wrong", username="vera")
        self.assert_logged_in(self.post_login(PASSWORD, username="erik"))
        self.assert_checked_and_wrong(self.post_login("wrong", username="vera"))
        self.assert_refused_as_locked(self.post_login(PASSWORD, username="vera"))

    def test_the_accounts_own_success_clears_its_count(self) -> None:
        for _ in range(4):
            self.post_login("wrong")
        self.assert_logged_in(self.post_login(PASSWORD))
        for _ in range(4):
            self.assert_checked_and_wrong(self.post_login("wrong"))
        self.assert_logged_in(self.post_login(PASSWORD))

    @override_settings(LOGIN_LOCKOUT_ADDRESS_FAILURES=8)
    def test_an_address_guessing_at_many_accounts_is_locked_for_every_account(self) -> None:
        for i in range(8):
            self.assert_checked_and_wrong(self.post_login("wrong", username=f"nobody{i}"))
        self.assert_refused_as_locked(self.post_login(PASSWORD, username="erik"))
        self.assert_logged_in(self.post_login(PASSWORD, username="erik", address="10.2.2.2"))

    def test_the_default_address_limit_is_well_above_the_account_limit(self) -> None:
        self.assertGreaterEqual(
            settings.LOGIN_LOCKOUT_ADDRESS_FAILURES, 5 * settings.LOGIN_LOCKOUT_ACCOUNT_FAILURES
        )

    def test_refused_attempts_are_kept_but_not_counted(self) -> None:
        for _ in range(5):
            self.post_login("wrong")
        for _ in range(3):
            self.post_login("wrong")
        attempts = LoginAttempt.objects.filter(username="vera")
        self.assertEqual(attempts.filter(locked_out=False).count(), 5)
        self.assertEqual(attempts.filter(locked_out=True).count(), 3)
        self.assertEqual(services.account_failures("vera"), 5)

    def test_a_missing_password_is_not_an_attempt(self) -> None:
        self.client.post(reverse("accounts:login"), {"username": "vera", "password": ""})
        self.assertFalse(LoginAttempt.objects.exists())

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
