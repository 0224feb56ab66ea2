"""The task service API in-process: start, run, fail, sweep a killed run, retry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import TestCase, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.tasks import services
from clusterweb.tasks.constants import Status
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

CALLS: list[dict[str, Any]] = []


@register("test.count", "Count")
def _count(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    steps = int(record.params["steps"])
    for i in range(steps):
        progress(i, steps, "counting")
        CALLS.append({"step": i, "seen": TaskRecord.objects.get(pk=record.pk).done})
    return {"counted": steps, "ratio": float("nan")}


@register("test.refuse", "Refuse")
def _refuse(record: TaskRecord, progress: Progress) -> None:
    raise TaskFailed("The input is too large.")


@register("test.crash", "Crash")
def _crash(record: TaskRecord, progress: Progress) -> None:
    raise ZeroDivisionError("a traceback the user must never see")


class ServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.user = create_user("tess", "correct horse battery staple 42", Role.VIEWER)

    def test_start_task_records_and_queues_it(self) -> None:
        record = services.start_task(self.user, "test.count", steps=3)
        self.assertEqual(record.status, Status.QUEUED)
        self.assertEqual(record.owner, self.user)
        self.assertEqual(record.params, {"steps": 3})
        queued = DBTaskResult.objects.get(id=record.queue_id)
        self.assertEqual(queued.task_path, "clusterweb.tasks.jobs.run_record")
        self.assertEqual(queued.args_kwargs["args"], [record.pk])
        self.assertEqual(services.task_url(record), f"/tasks/{record.pk}/")

    def test_unknown_kind_and_unserialisable_params_are_refused(self) -> None:
        with self.assertRaises(KeyError):
            services.start_task(self.user, "no.such.kind")
        with self.assertRaises(ValueError):
            services.start_task(self.user, "test.count", steps=float("inf"))
        self.assertFalse(TaskRecord.objects.exists())

    def test_execute_reports_progress_and_stores_the_result_at_the_end(self) -> None:
        CALLS.clear()
        record = services.start_task(self.user, "test.count", steps=3)
        services.execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, Status.DONE)
        self.assertEqual([c["seen"] for c in CALLS], [0, 1, 2])  # progress written as it goes
        self.assertEqual(record.result, {"counted": 3, "ratio": None})  # NaN stored as null
        self.assertEqual((record.done, record.total, record.attempts), (3, 3, 1))
        self.assertIsNotNone(record.finished_at)
        services.execute(record.pk)  # a second delivery does not run it again
        record.refresh_from_db()
        self.assertEqual(record.attempts, 1)

    def test_a_reason_is_kept_for_each_language_unless_the_catalogue_has_it(self) -> None:
        class Diagnosis:  # an error that writes itself in a language, as the core's do
            def text(self, lang: str | None = None) -> str:
                return {"nl": "te weinig tafels", "en": "too few tables"}[lang or "en"]

        self.assertEqual(TaskFailed("The input is too large.").texts(), {})  # a msgid
        self.assertEqual(
            TaskFailed(Diagnosis()).texts(), {"nl": "te weinig tafels", "en": "too few tables"}
        )
        self.assertEqual(TaskFailed(gettext_lazy("Done.")).texts(), {"nl": "Klaar.", "en": "Done."})
        record = TaskRecord(message="too few tables", reasons=TaskFailed(Diagnosis()).texts())
        for lang, reason in (("nl", "te weinig tafels"), ("en", "too few tables")):
            with self.subTest(lang=lang), translation.override(lang):
                self.assertEqual(record.reason, reason)
        with translation.override("nl"):  # a catalogue message is translated when shown
            self.assertEqual(TaskRecord(message="Done.").reason, "Klaar.")

    def test_a_refusal_keeps_its_reason_and_a_crash_shows_no_traceback(self) -> None:
        refused = services.start_task(self.user, "test.refuse")
        crashed = services.start_task(self.user, "test.crash")
        services.execute(refused.pk)
        with self.assertLogs("clusterweb.tasks.services", "ERROR"):
            services.execute(crashed.pk)
        refused.refresh_from_db()
        crashed.refresh_from_db()
        self.assertEqual(
            (refused.status, refused.message), (Status.FAILED, "The input is too large.")
        )
        self.assertFalse(refused.retryable)
        self.assertEqual(crashed.status, Status.FAILED)
        self.assertEqual(crashed.message, services.MSG_UNEXPECTED)
        self.assertNotIn("traceback", crashed.message)
        self.assertTrue(crashed.retryable)
        self.assertIsNone(crashed.result)

    @override_settings(CLUSTERWEB_TASK_STALE_SECONDS=30)
    def test_a_silent_running_task_is_swept_failed_and_retry_completes_it(self) -> None:
        record = services.start_task(self.user, "test.count", steps=2)
        # A worker claimed it, then was killed: running, heartbeat a minute old.
        TaskRecord.objects.filter(pk=record.pk).update(
            status=Status.RUNNING,
            attempts=1,
            heartbeat_at=timezone.now() - timedelta(seconds=60),
        )
        DBTaskResult.objects.filter(id=record.queue_id).update(status=TaskResultStatus.RUNNING)
        fresh = services.start_task(self.user, "test.count", steps=2)
        TaskRecord.objects.filter(pk=fresh.pk).update(
            status=Status.RUNNING, attempts=1, heartbeat_at=timezone.now()
        )
        self.assertEqual(services.sweep_stale(), 1)
        record.refresh_from_db()
        self.assertEqual(record.status, Status.FAILED)
        self.assertTrue(record.retryable)
        self.assertIsNone(record.result)
        self.assertEqual(record.message, services.MSG_STALE)
        self.assertEqual(
            DBTaskResult.objects.get(id=record.queue_id).status, TaskResultStatus.FAILED
        )
        self.assertEqual(TaskRecord.objects.get(pk=fresh.pk).status, Status.RUNNING)

        old_queue_id = record.queue_id
        self.assertTrue(services.retry(record))
        record.refresh_from_db()
        self.assertEqual(record.status, Status.QUEUED)
        self.assertNotEqual(record.queue_id, old_queue_id)
        self.assertFalse(services.retry(record))  # only a failed task is queued again
        services.execute(record.pk)
        record.refresh_from_db()
        self.assertEqual((record.status, record.attempts), (Status.DONE, 2))

    def test_a_late_finisher_cannot_overwrite_a_swept_task(self) -> None:
        record = services.start_task(self.user, "test.count", steps=1)
        TaskRecord.objects.filter(pk=record.pk).update(status=Status.RUNNING, attempts=1)
        progress = Progress(record.pk, attempt=1)
        TaskRecord.objects.filter(pk=record.pk).update(status=Status.FAILED, retryable=True)
        progress(1, 1)
        services._fail(record.pk, 1, "late", False)
        record.refresh_from_db()
        self.assertEqual((record.done, record.retryable), (0, True))
        self.assertNotEqual(record.message, "late")
