"""The login form with lockout after repeated failures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from clusterweb.accounts import services


class LoginForm(AuthenticationForm):
    """Django's authentication form, refusing logins after too many recent failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed attempts. This account is locked for %(minutes)d minutes; "
            "try again later."
        ),
    }

    def _ip(self) -> str | None:
        if self.request is None:
            return None
        ip: str | None = self.request.META.get("REMOTE_ADDR")
        return ip

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip()
        if username and services.is_locked_out(username, self._ip()):
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": settings.LOGIN_LOCKOUT_WINDOW_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                services.record_attempt(username, self._ip(), succeeded=False)
            raise
        services.record_attempt(username, self._ip(), succeeded=True)
        return cleaned
