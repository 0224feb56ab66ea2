"""Login attempts (for lockout) and partner memberships (a partner user's organisation)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginAttempt(models.Model):
    """One login attempt; recent failures lock the user name and the address."""

    username = models.CharField(_("user name"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


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
