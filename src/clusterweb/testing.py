"""Persona test base: one named user per role, and the bundled plan loaded once per class."""

from __future__ import annotations

from typing import Any

from django.test import TestCase

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
