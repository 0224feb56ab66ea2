"""One record per background task: who started it, what, how far, and the result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from clusterweb.tasks.constants import MESSAGE_MAX, Status


class TaskRecord(models.Model):
    """A task as the user sees it; the queue's own row (``queue_id``) only carries it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_records"
    )
    kind = models.CharField(_("kind"), max_length=64)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    message = models.CharField(_("message"), max_length=MESSAGE_MAX, blank=True)
    reasons = models.JSONField(
        _("reason in each language"),
        default=dict,
        blank=True,
        help_text=_(
            "A failure's reason written in each of the site's languages, when it is not a "
            "message of the catalogue (e.g. the core's diagnosis of a schedule)."
        ),
    )
    result = models.JSONField(_("result"), null=True, blank=True)
    retryable = models.BooleanField(_("can be retried"), default=False)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    queue_id = models.CharField(_("queue id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        """Progress in whole percent (0 while the total is unknown)."""
        if self.total <= 0:
            return 100 if self.status == Status.DONE else 0
        return min(100, round(100 * self.done / self.total))

    @property
    def reason(self) -> str:
        """The message in the page's language: the failure's own words in it when the task
        wrote them in each language, else the catalogue's translation of ``message``."""
        return self.reasons.get(get_language() or "") or gettext(self.message)

    @property
    def is_active(self) -> bool:
        return self.status in (Status.QUEUED, Status.RUNNING)
