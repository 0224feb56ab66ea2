"""Persona test base: one named user per role, and the bundled plan loaded once per class."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.test import TestCase
from django.urls import reverse

from clusterplan.plan.load import bundled_plan
from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import PartnerMembership
from clusterweb.accounts.services import create_user
from clusterweb.planning.services import load_plan_into_db

PASSWORD = "correct horse battery staple 42"


class PersonaTestCase(TestCase):
    """Users: ``alice`` admin, ``erik`` editor, ``vera`` viewer, ``piet`` partner (of NXP),
    ``olga`` outsider (logged in, no role). Anonymous is ``self.client`` without login."""

    @classmethod
    def setUpTestData(cls) -> None:
        load_plan_into_db(bundled_plan())
        cls.admin = create_user("alice", PASSWORD, Role.ADMIN)
        cls.editor = create_user("erik", PASSWORD, Role.EDITOR)
        cls.viewer = create_user("vera", PASSWORD, Role.VIEWER)
        cls.partner = create_user("piet", PASSWORD, Role.PARTNER)
        PartnerMembership.objects.create(user=cls.partner, organisation_id="nxp")
        cls.outsider = create_user("olga", PASSWORD)

    def login(self, user: Any) -> None:
        """Log the test client in as this persona."""
        self.client.force_login(user)

    def assert_sent_to_login(self, views: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Every view (URL name, kwargs) redirects the current client to the login page."""
        for name, kwargs in views:
            with self.subTest(name=name):
                response = self.client.get(reverse(name, kwargs=kwargs))
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("accounts:login"), response["Location"])

    def assert_get_status(
        self, users: Sequence[Any], views: Iterable[tuple[str, dict[str, Any]]], status: int
    ) -> None:
        """A GET of every view answers ``status`` for each of these personas."""
        views = list(views)
        for user in users:
            self.login(user)
            for name, kwargs in views:
                with self.subTest(user=user.username, name=name):
                    self.assertEqual(
                        self.client.get(reverse(name, kwargs=kwargs)).status_code, status
                    )
