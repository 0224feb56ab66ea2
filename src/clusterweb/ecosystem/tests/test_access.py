"""The one organisation field filter, for every role."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from clusterweb.accounts.models import PartnerMembership
from clusterweb.ecosystem.access import (
    ALL_FIELDS,
    filter_organisation,
    hidden_organisation_fields,
    sees_every_confidential_field,
    stored_field_filter,
)
from clusterweb.ecosystem.constants import CONFIDENTIAL_FIELDS, PUBLIC_FIELDS
from clusterweb.ecosystem.models import Organisation
from clusterweb.testing import PersonaTestCase

CONFIDENTIAL = frozenset(CONFIDENTIAL_FIELDS)


class FieldFilterTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.own = Organisation.objects.create(key="own-org", name="Own", kind="supplier")
        cls.other = Organisation.objects.create(key="other-org", name="Other", kind="supplier")
        PartnerMembership.objects.create(user=cls.partner, organisation_id="own-org")

    def test_editors_and_admins_see_every_field(self) -> None:
        for user in (self.editor, self.admin):
            self.assertEqual(hidden_organisation_fields(user, "other-org"), frozenset())
            self.assertEqual(hidden_organisation_fields(user, None), frozenset())
            self.assertTrue(sees_every_confidential_field(user))

    def test_viewers_see_everything_but_the_confidential_fields(self) -> None:
        self.assertEqual(hidden_organisation_fields(self.viewer, "own-org"), CONFIDENTIAL)
        self.assertFalse(sees_every_confidential_field(self.viewer))

    def test_a_partner_sees_its_own_confidential_fields_and_only_public_ones_of_others(
        self,
    ) -> None:
        self.assertEqual(hidden_organisation_fields(self.partner, "own-org"), frozenset())
        hidden = hidden_organisation_fields(self.partner, "other-org")
        self.assertTrue(CONFIDENTIAL <= hidden)
        self.assertFalse(set(PUBLIC_FIELDS) & hidden)
        self.assertFalse(sees_every_confidential_field(self.partner))

    def test_the_public_sees_only_the_showcase_fields(self) -> None:
        for user in (AnonymousUser(), self.outsider):
            hidden = hidden_organisation_fields(user, "own-org")
            self.assertEqual(ALL_FIELDS - hidden, set(PUBLIC_FIELDS) | {"key", "name"})

    def test_filter_drops_hidden_fields(self) -> None:
        data = {"name": "Own", "jobs": 12, "revenue_meur": 3.5, "growth_plans": "x", "place": "p"}
        self.assertEqual(
            filter_organisation(self.viewer, "own-org", data), {"name": "Own", "place": "p"}
        )
        self.assertEqual(filter_organisation(self.partner, "own-org", data), data)
        self.assertEqual(
            filter_organisation(self.outsider, "own-org", data), {"name": "Own", "place": "p"}
        )

    def test_stored_filter_finds_the_key_from_the_primary_key_or_the_snapshot(self) -> None:
        hidden_of = stored_field_filter(self.partner)
        self.assertEqual(hidden_of(str(self.own.pk), None), frozenset())
        self.assertTrue(CONFIDENTIAL <= hidden_of(str(self.other.pk), None))
        self.assertEqual(hidden_of("999999", {"key": "own-org"}), frozenset())
        self.assertTrue(CONFIDENTIAL <= hidden_of("999999", None))
        self.assertEqual(stored_field_filter(self.viewer)(str(self.own.pk), None), CONFIDENTIAL)
        self.assertEqual(stored_field_filter(self.editor)(str(self.own.pk), None), frozenset())
