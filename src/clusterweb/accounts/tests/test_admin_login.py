"""One authentication path: the admin site logs in through the app's login and its lockout."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import resolve, reverse

from clusterweb.accounts.models import LoginAttempt
from clusterweb.accounts.views import admin_login
from clusterweb.testing import PASSWORD, PersonaTestCase

ADMIN_LOGIN = "/admin/login/"


class AdminLoginTests(PersonaTestCase):
    def post_admin_login(self, password: str) -> object:
        return self.client.post(
            f"{ADMIN_LOGIN}?next=/admin/",
            {"username": "alice", "password": password, "next": "/admin/"},
        )

    def test_the_admin_login_url_is_the_hand_over_view(self) -> None:
        self.assertIs(resolve(reverse("admin:login")).func, admin_login)
        self.assertIs(resolve(ADMIN_LOGIN).func, admin_login)

    def test_twelve_wrong_passwords_then_the_right_one_does_not_log_in(self) -> None:
        """The probe: 12 wrong passwords on /admin/login/, then the right one logged in."""
        for _ in range(12):
            self.post_admin_login("wrong")
        self.post_admin_login(PASSWORD)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/admin/").status_code, 302)

    def test_the_admin_login_never_checks_a_password_itself(self) -> None:
        response = self.post_admin_login(PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertFalse(LoginAttempt.objects.exists())

    def test_it_sends_visitors_to_the_app_login_keeping_next(self) -> None:
        response = self.client.get("/admin/auth/user/", follow=True)
        final, _status = response.redirect_chain[-1]
        parts = urlsplit(final)
        self.assertEqual(parts.path, reverse("accounts:login"))
        self.assertEqual(parse_qs(parts.query)["next"], ["/admin/auth/user/"])

    def test_an_admin_logs_in_through_the_app_login_and_lands_on_next(self) -> None:
        login = reverse("accounts:login")
        response = self.client.post(
            f"{login}?next=/admin/auth/user/",
            {"username": "alice", "password": PASSWORD, "next": "/admin/auth/user/"},
        )
        self.assertRedirects(response, "/admin/auth/user/")
        self.assertEqual(self.client.get("/admin/auth/user/").status_code, 200)

    def test_the_admin_is_locked_with_the_app_login(self) -> None:
        """12 wrong passwords on the login the admin sends to, then the right one is refused."""
        login = reverse("accounts:login")
        for _ in range(12):
            self.client.post(f"{login}?next=/admin/", {"username": "alice", "password": "x"})
        response = self.client.post(
            f"{login}?next=/admin/", {"username": "alice", "password": PASSWORD}
        )
        self.assertTrue(response.context["form"].has_error(NON_FIELD_ERRORS, "locked_out"))
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(self.client.get("/admin/").status_code, 302)

    def test_a_logged_in_admin_goes_on_to_next(self) -> None:
        self.login(self.admin)
        response = self.client.get(f"{ADMIN_LOGIN}?next=/admin/auth/user/")
        self.assertRedirects(response, "/admin/auth/user/")

    def test_next_never_leaves_the_site(self) -> None:
        self.login(self.admin)
        response = self.client.get(f"{ADMIN_LOGIN}?next=https://evil.example/")
        self.assertRedirects(response, reverse("admin:index"))

    def test_a_logged_in_user_without_admin_rights_gets_403_not_a_loop(self) -> None:
        for user in (self.editor, self.viewer, self.partner, self.outsider):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(f"{ADMIN_LOGIN}?next=/admin/").status_code, 403)
