"""The login form with lockout after repeated failures (per account and per address)."""

from __future__ import annotations

import math
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
            "Too many failed attempts for this account or from this address. Logging in is "
            "blocked for at most %(minutes)d minutes; try again later."
        ),
    }

    def _ip(self) -> str | None:
        if self.request is None:
            return None
        ip: str | None = self.request.META.get("REMOTE_ADDR")
        return ip

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if not username.strip() or not self.cleaned_data.get("password"):
            return super().clean()  # a missing field: no password is checked
        try:
            attempt = services.begin_login(username, self._ip())
        except services.LockedOut:
            raise forms.ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": max(1, math.ceil(settings.LOGIN_LOCKOUT_WINDOW_SECONDS / 60))},
            ) from None
        cleaned = super().clean()  # a wrong password raises and the attempt stays a failure
        services.login_succeeded(attempt)
        return cleaned
