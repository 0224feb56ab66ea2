"""The task page: only its owner and admins see it; progress by htmx polling; retry."""

from __future__ import annotations

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from clusterweb.tasks import services
from clusterweb.tasks.constants import Status
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.tests.test_services import _count  # noqa: F401  (registers test.count)
from clusterweb.testing import PersonaTestCase


class TaskPageTests(PersonaTestCase):
    def setUp(self) -> None:
        self.record = services.start_task(self.viewer, "test.count", steps=2)
        self.names = [
            ("tasks:detail", {"pk": self.record.pk}),
            ("tasks:status", {"pk": self.record.pk}),
        ]

    def test_anonymous_is_sent_to_login(self) -> None:
        self.assert_sent_to_login(self.names)
        response = self.client.post(reverse("tasks:retry", kwargs={"pk": self.record.pk}))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_only_the_owner_and_admins_see_it(self) -> None:
        self.assert_get_status((self.viewer, self.admin), self.names, 200)
        self.assert_get_status((self.editor, self.partner, self.outsider), self.names, 404)

    def test_others_cannot_retry_it(self) -> None:
        TaskRecord.objects.filter(pk=self.record.pk).update(status=Status.FAILED, retryable=True)
        url = reverse("tasks:retry", kwargs={"pk": self.record.pk})
        for user in (self.editor, self.outsider):
            self.login(user)
            self.assertEqual(self.client.post(url).status_code, 404)
        self.assertEqual(TaskRecord.objects.get(pk=self.record.pk).status, Status.FAILED)
        self.login(self.viewer)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.assertRedirects(self.client.post(url), services.task_url(self.record))
        self.assertEqual(TaskRecord.objects.get(pk=self.record.pk).status, Status.QUEUED)

    def test_it_polls_while_active_and_stops_when_done(self) -> None:
        self.login(self.viewer)
        page = self.client.get(services.task_url(self.record))
        status_url = reverse("tasks:status", kwargs={"pk": self.record.pk})
        self.assertContains(page, f'hx-get="{status_url}"')
        self.assertContains(page, 'aria-live="polite"')
        self.assertContains(page, "Wachten op een worker")
        self.assertNotContains(page, "<script>")  # the CSP forbids inline scripts
        services.execute(self.record.pk)
        fragment = self.client.get(status_url)
        self.assertNotContains(fragment, "hx-get")
        self.assertContains(fragment, "Klaar.")

    def test_a_failed_task_offers_a_retry_in_dutch(self) -> None:
        TaskRecord.objects.filter(pk=self.record.pk).update(
            status=Status.FAILED, retryable=True, message=services.MSG_STALE
        )
        self.login(self.viewer)
        page = self.client.get(services.task_url(self.record))
        self.assertContains(page, reverse("tasks:retry", kwargs={"pk": self.record.pk}))
        self.assertContains(page, "Opnieuw proberen")
        self.assertContains(page, 'role="alert"')

    def test_an_unknown_task_is_404(self) -> None:
        self.login(self.admin)
        self.assertEqual(self.client.get("/tasks/999999/").status_code, 404)


class TaskListTests(PersonaTestCase):
    def test_each_user_lists_only_their_own_tasks_and_admins_all(self) -> None:
        mine = services.start_task(self.viewer, "test.count", steps=1)
        theirs = services.start_task(self.editor, "test.count", steps=1)
        url = reverse("tasks:index")
        self.login(self.viewer)
        page = self.client.get(url)
        self.assertContains(page, services.task_url(mine))
        self.assertNotContains(page, services.task_url(theirs))
        self.login(self.outsider)
        self.assertContains(self.client.get(url), "U hebt nog geen achtergrondtaak gestart.")
        self.login(self.admin)
        page = self.client.get(url)
        self.assertContains(page, services.task_url(mine))
        self.assertContains(page, services.task_url(theirs))
        self.client.logout()
        self.assert_sent_to_login([("tasks:index", {})])


class NoWorkerTests(PersonaTestCase):
    @override_settings(CLUSTERWEB_TASK_STALE_SECONDS=30)
    def test_a_task_nobody_picks_up_says_so(self) -> None:
        record = services.start_task(self.viewer, "test.count", steps=1)
        self.login(self.viewer)
        url = services.task_url(record)
        self.assertNotContains(self.client.get(url), "Nog geen worker")
        TaskRecord.objects.filter(pk=record.pk).update(
            created_at=timezone.now() - timedelta(seconds=31)
        )
        self.assertContains(self.client.get(url), "Nog geen worker heeft deze taak opgepakt")


class CheckTests(PersonaTestCase):
    def test_an_ensemble_in_the_request_above_the_threshold_is_warned_about(self) -> None:
        from clusterweb.tasks.checks import ensemble_in_request

        with override_settings(
            CLUSTERWEB_ENSEMBLE_SAMPLES=10, CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD=10
        ):
            self.assertEqual(ensemble_in_request(), [])
        with override_settings(
            CLUSTERWEB_ENSEMBLE_SAMPLES=11, CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD=10
        ):
            self.assertEqual([m.id for m in ensemble_in_request()], ["clusterweb.tasks.W001"])
