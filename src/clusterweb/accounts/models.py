"""Login attempts (for lockout) and partner memberships (a partner user's organisation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginAttempt(models.Model):
    """One login attempt, stored before the password is checked (see ``services.begin_login``).

    A row starts as a failure and becomes a success once the password is right, so attempts
    under way already count against the limits. ``locked_out`` marks an attempt refused
    without checking the password; those rows are kept for the record but not counted.
    """

    username = models.CharField(_("user name"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    locked_out = models.BooleanField(_("refused while locked"), default=False)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "at"], name="loginattempt_user_at"),
            models.Index(fields=["ip_address", "at"], name="loginattempt_address_at"),
        ]

    def __str__(self) -> str:
        outcome = "ok" if self.succeeded else "locked" if self.locked_out else "failed"
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {outcome}"


class PartnerMembership(models.Model):
    """A partner user belongs to one or more organisations (plan organisation ids)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships"
    )
    organisation_id = models.CharField(_("organisation id"), max_length=100)

    class Meta:
        verbose_name = _("partner membership")
        verbose_name_plural = _("partner memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation_id"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation_id}"
