"""Every view against every persona: outsiders get 403, anonymous users go to the login page
(except public pages), viewers read but cannot write, editors can write."""

from __future__ import annotations

from django.urls import reverse

from clusterweb.planning.models import Commitment
from clusterweb.testing import PersonaTestCase

PUBLIC = [
    ("dashboard:public", {}),
    ("dashboard:public_download", {"slug": "jobs", "fmt": "csv"}),
    ("accounts:login", {}),
]

READ = [
    ("dashboard:index", {}),
    ("dashboard:download", {"slug": "projects-costs", "fmt": "csv"}),
    ("dashboard:download", {"slug": "jobs", "fmt": "xlsx"}),
    ("finance:index", {}),
    ("finance:download", {"slug": "unknowns", "fmt": "csv"}),
    ("finance:download", {"slug": "sources-by-year", "fmt": "xlsx"}),
    ("finance:whatif", {}),
    ("finance:rephase", {}),
    ("scenarios:index", {}),
    ("scenarios:results", {}),
    ("scenarios:compare", {}),
    ("scenarios:sensitivity", {}),
    ("backcast:index", {}),
    ("backcast:download", {"slug": "milestones", "fmt": "xlsx"}),
    ("impact:index", {}),
    ("impact:download", {"slug": "per-project", "fmt": "csv"}),
    ("demand:index", {}),
    ("demand:download", {"slug": "space-per-year", "fmt": "csv"}),
    ("demand:talent", {}),
    ("demand:talent_download", {"slug": "talent-gap", "fmt": "csv"}),
    ("history:index", {}),
    ("history:download", {"slug": "history", "fmt": "csv"}),
    ("planning:download", {"slug": "projects", "fmt": "csv"}),
    ("planning:download", {"slug": "assumptions", "fmt": "xlsx"}),
    ("planning:download", {"slug": "commitments", "fmt": "csv"}),
    ("planning:projects", {}),
    ("planning:project", {"key": "acp"}),
    ("planning:assumptions", {}),
    ("planning:revision_diff", {}),
    ("planning:revisions", {}),  # the plans and revisions; uploading is an editor's
    ("monitoring:index", {}),
    ("monitoring:indicator", {"key": "jobs"}),
    ("monitoring:download", {"slug": "status", "fmt": "csv"}),
    ("monitoring:download", {"slug": "indicator-jobs", "fmt": "xlsx"}),
    ("monitoring:actuals", {}),
]

WRITE = [
    ("planning:project_edit", {"key": "acp"}),
    ("planning:business_case_edit", {"key": "acp"}),
    ("planning:phase_edit", {"key": "colabfab", "phase": "fase-1"}),
    ("planning:assumption_edit", {"key": "plan.blank-cells-zero"}),
    ("planning:commitment_add", {}),
    ("demand:supply_import", {}),
    ("monitoring:import", {}),
    ("monitoring:add", {}),
]


class PublicPagesTests(PersonaTestCase):
    def test_it_shows_public_pages_to_anonymous_visitors(self) -> None:
        for name, kwargs in PUBLIC:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, kwargs=kwargs)).status_code, 200)

    def test_public_page_shows_the_goal_in_dutch_format(self) -> None:
        response = self.client.get(reverse("dashboard:public"))
        self.assertContains(response, "11.200")


class ReadViewTests(PersonaTestCase):
    def test_only_staff_read_and_the_viewer_reads_every_page(self) -> None:
        self.assert_only_staff_read(READ, WRITE)

    def test_editor_and_admin_read_every_page(self) -> None:
        self.assert_get_status((self.editor, self.admin), READ + WRITE, 200)


class AdminSiteTests(PersonaTestCase):
    def test_only_admins_manage_users(self) -> None:
        url = "/admin/auth/user/"
        self.login(self.admin)
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get("/admin/auth/user/add/").status_code, 200)
        for user in (self.editor, self.viewer, self.partner, self.outsider):
            self.login(user)
            with self.subTest(user=user.username):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/admin/login/", response["Location"])


class WriteViewTests(PersonaTestCase):
    def test_viewer_cannot_open_or_post_any_edit_form(self) -> None:
        self.login(self.viewer)
        for name, kwargs in WRITE:
            with self.subTest(name=name):
                url = reverse(name, kwargs=kwargs)
                self.assertEqual(self.client.get(url).status_code, 403)
                self.assertEqual(self.client.post(url, {}).status_code, 403)

    def test_viewer_cannot_revert_or_delete(self) -> None:
        commitment = Commitment.objects.create(
            line="acp", source="regional", amount_meur=1, status="planned", evidence="letter"
        )
        self.login(self.viewer)
        url = reverse("planning:commitment_delete", kwargs={"pk": commitment.pk})
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertTrue(Commitment.objects.filter(pk=commitment.pk).exists())

    def test_unknown_objects_give_404_to_editors(self) -> None:
        self.login(self.editor)
        for name, kwargs in (
            ("planning:project", {"key": "no-such-project"}),
            ("planning:project_edit", {"key": "no-such-project"}),
            ("planning:business_case_edit", {"key": "no-such-project"}),
            ("planning:assumption_edit", {"key": "no.such"}),
            ("planning:commitment_edit", {"pk": 999999}),
            ("dashboard:download", {"slug": "no-such-table", "fmt": "csv"}),
        ):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, kwargs=kwargs)).status_code, 404)
