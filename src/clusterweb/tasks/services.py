"""Background tasks: the service API other apps use.

- :func:`register` a kind (in your app's ``background.py``): a function
  ``run(record, progress) -> result`` that returns a JSON-ready result. It may call
  ``progress(done, total, message)`` as often as it likes; a message should be an English
  msgid marked with ``gettext_noop`` (the page translates it). Raise :class:`TaskFailed`
  with a reason for the user (such a msgid, a lazy translation, or a core error); any other
  exception is logged and shown as a generic failure.
  Anything the function writes itself must go into one transaction at its end, so a killed
  worker leaves nothing half-written.
- :func:`start_task` ``(user, kind, **params)`` stores a :class:`TaskRecord` and queues it;
  :func:`task_url` is its page (progress, then the result or a link to it).
- :func:`sweep_stale` marks running tasks whose heartbeat stopped as failed and retryable;
  :func:`retry` queues a failed task again.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_noop

from clusterweb.tasks.constants import MESSAGE_MAX, Status
from clusterweb.tasks.models import TaskRecord

logger = logging.getLogger(__name__)

MSG_STALE = gettext_noop(
    "The worker stopped while running this task (no heartbeat). Nothing of it was saved; "
    "you can start it again."
)
MSG_UNEXPECTED = gettext_noop(
    "The computation failed unexpectedly. Nothing of it was saved; you can start it again."
)
MSG_UNKNOWN_KIND = gettext_noop("This kind of task is not known to the worker.")


class TaskFailed(Exception):
    """A failure with a reason for the user (no traceback is ever shown): an English msgid
    of the catalogue (``gettext_noop``), or words the page cannot look up (a lazy
    translation, or an error with ``text(lang)`` such as the core's), which are written in
    each of the site's languages when the task fails."""

    def __init__(self, reason: Any, *, retryable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable

    def texts(self) -> dict[str, str]:
        """The reason in each language of the site; empty for a catalogue msgid."""
        if isinstance(self.reason, str) and not isinstance(self.reason, Promise):
            return {}
        out = {}
        for lang, _name in settings.LANGUAGES:
            with translation.override(lang):
                text = self.reason.text(lang) if hasattr(self.reason, "text") else self.reason
                out[lang] = str(text)[:MESSAGE_MAX]
        return out


class Progress:
    """``progress(done, total, message="")``: handed to a task function; also a heartbeat."""

    def __init__(self, record_id: int, attempt: int) -> None:
        self.record_id = record_id
        self.attempt = attempt

    def __call__(self, done: int, total: int, message: str = "") -> None:
        total = max(0, int(total))
        done = max(0, min(int(done), total)) if total else max(0, int(done))
        _mine(self.record_id, self.attempt).update(
            done=done, total=total, message=message[:MESSAGE_MAX], heartbeat_at=timezone.now()
        )


Runner = Callable[[TaskRecord, Progress], Any]


@dataclass(frozen=True)
class Kind:
    """A registered kind of task."""

    name: str
    label: Any  # a (lazy) translated name
    run: Runner
    result_url: Callable[[TaskRecord], str] | None = None


_KINDS: dict[str, Kind] = {}


def register(
    name: str, label: Any, result_url: Callable[[TaskRecord], str] | None = None
) -> Callable[[Runner], Runner]:
    """Register ``run(record, progress) -> JSON-ready result`` as the task kind ``name``."""

    def decorator(run: Runner) -> Runner:
        _KINDS[name] = Kind(name, label, run, result_url)
        return run

    return decorator


def kind_of(record: TaskRecord) -> Kind | None:
    return _KINDS.get(record.kind)


def json_safe(value: Any) -> Any:
    """``value`` with tuples as lists and NaN/infinity as None (PostgreSQL's jsonb has none)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return json_safe(value.item())
    return value


def start_task(user: Any, kind: str, **params: Any) -> TaskRecord:
    """Store a task record for ``user`` and queue it; the caller redirects to its page."""
    if kind not in _KINDS:
        raise KeyError(f"unknown task kind {kind!r}")
    json.dumps(params, allow_nan=False)  # parameters must survive the queue unchanged
    with transaction.atomic():
        record = TaskRecord.objects.create(owner=user, kind=kind, params=params)
        _enqueue(record)
    return record


def _enqueue(record: TaskRecord) -> None:
    from clusterweb.tasks.jobs import run_record

    queued = run_record.enqueue(record.pk)
    record.queue_id = str(queued.id)
    record.save(update_fields=["queue_id"])


def task_url(record: TaskRecord) -> str:
    """The task's page: progress while it runs, then the result or a link to it."""
    return reverse("tasks:detail", kwargs={"pk": record.pk})


def result_url(record: TaskRecord) -> str | None:
    """Where the finished task's result is shown (None: on the task page itself)."""
    kind = kind_of(record)
    if record.status != Status.DONE or kind is None or kind.result_url is None:
        return None
    return kind.result_url(record)


def waiting_too_long(record: TaskRecord) -> bool:
    """True when a queued task has waited longer than the stale time: no worker runs, or
    all are busy."""
    limit = timezone.now() - timedelta(seconds=settings.CLUSTERWEB_TASK_STALE_SECONDS)
    return record.status == Status.QUEUED and record.created_at < limit


def latest(user: Any, kind: str, **params: Any) -> TaskRecord | None:
    """The user's newest task of this kind with these parameters (any status)."""
    records = TaskRecord.objects.filter(owner=user, kind=kind)
    for key, value in params.items():
        records = records.filter(**{f"params__{key}": value})
    return records.first()


def _mine(record_id: int, attempt: int) -> Any:
    """The record while this attempt still owns it (a sweep or retry ends that)."""
    return TaskRecord.objects.filter(pk=record_id, status=Status.RUNNING, attempts=attempt)


class _Heartbeat(threading.Thread):
    """Writes the heartbeat while a long step runs (one that calls no ``progress``)."""

    def __init__(self, record_id: int, attempt: int) -> None:
        super().__init__(name=f"task-heartbeat-{record_id}", daemon=True)
        self.record_id = record_id
        self.attempt = attempt
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(settings.CLUSTERWEB_TASK_HEARTBEAT_SECONDS):
                try:
                    _mine(self.record_id, self.attempt).update(heartbeat_at=timezone.now())
                except DatabaseError:  # a busy database: the next beat tries again
                    logger.warning("task %s: heartbeat not written", self.record_id)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=10)


def execute(record_id: int) -> None:
    """Run a queued task record (the worker calls this; tests may call it directly).

    The result is stored in one update at the end, only while this attempt still owns the
    record, so a killed worker leaves no partial result and a late finisher cannot
    overwrite a retry.
    """
    sweep_stale()
    now = timezone.now()
    claimed = TaskRecord.objects.filter(pk=record_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        done=0,
        total=0,
        message="",
        reasons={},
    )
    if not claimed:
        return  # already run, or retried and run by another worker
    record = TaskRecord.objects.get(pk=record_id)
    attempt = record.attempts
    heartbeat = None
    if not connection.in_atomic_block:  # in-process test runs share one transaction
        heartbeat = _Heartbeat(record_id, attempt)
        heartbeat.start()
    try:
        kind = kind_of(record)
        if kind is None:
            raise TaskFailed(MSG_UNKNOWN_KIND)
        result = json_safe(kind.run(record, Progress(record_id, attempt)))
    except TaskFailed as exc:
        texts = exc.texts()  # the record's message: the msgid, or the reason in English
        _fail(record_id, attempt, texts.get("en") or str(exc.reason), exc.retryable, texts)
    except Exception:
        logger.exception("task %s (%s) failed", record_id, record.kind)
        _fail(record_id, attempt, MSG_UNEXPECTED, True)
    else:
        with transaction.atomic():
            _mine(record_id, attempt).update(
                status=Status.DONE,
                result=result,
                done=F("total"),
                message="",
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
            )
    finally:
        if heartbeat is not None:
            heartbeat.stop()


def _fail(
    record_id: int,
    attempt: int,
    message: str,
    retryable: bool,
    reasons: dict[str, str] | None = None,
) -> None:
    _mine(record_id, attempt).update(
        status=Status.FAILED,
        message=message[:MESSAGE_MAX],
        reasons=reasons or {},
        retryable=retryable,
        result=None,
        finished_at=timezone.now(),
    )


def sweep_stale() -> int:
    """Mark running tasks whose heartbeat is older than the stale time as failed and
    retryable (their worker was killed); returns how many."""
    now = timezone.now()
    limit = now - timedelta(seconds=settings.CLUSTERWEB_TASK_STALE_SECONDS)
    stale = TaskRecord.objects.filter(status=Status.RUNNING, heartbeat_at__lt=limit)
    queue_ids = [q for q in stale.values_list("queue_id", flat=True) if q]
    count = stale.update(
        status=Status.FAILED,
        retryable=True,
        result=None,
        message=MSG_STALE,
        reasons={},
        finished_at=now,
    )
    if queue_ids:
        _fail_queue_rows(queue_ids, now)
    return count


def _fail_queue_rows(queue_ids: list[str], now: Any) -> None:
    """The queue's own rows of killed runs: failed too, so the queue's admin agrees."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id__in=queue_ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=now
    )


def retry(record: TaskRecord) -> bool:
    """Queue a failed, retryable task again (same record, same parameters)."""
    with transaction.atomic():
        reset = TaskRecord.objects.filter(
            pk=record.pk, status=Status.FAILED, retryable=True
        ).update(
            status=Status.QUEUED,
            done=0,
            total=0,
            message="",
            reasons={},
            result=None,
            retryable=False,
            started_at=None,
            finished_at=None,
            heartbeat_at=None,
        )
        if reset:
            record.refresh_from_db()
            _enqueue(record)
    return bool(reset)
