"""Groups, first admin, and login lockout."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import Max
from django.utils import timezone

from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import LoginAttempt


def ensure_groups() -> None:
    """Create one group per role (idempotent)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


def create_user(
    username: str, password: str | None, *roles: str, **extra: object
) -> AbstractBaseUser:
    """Create a user holding the given roles (admins are also staff and superuser)."""
    ensure_groups()
    user_model = get_user_model()
    is_admin = Role.ADMIN in roles
    user = user_model.objects.create_user(
        username=username,
        password=password,
        is_staff=is_admin,
        is_superuser=is_admin,
        **extra,
    )
    for role in roles:
        user.groups.add(Group.objects.get(name=role))  # type: ignore[attr-defined]
    return user


def ensure_first_admin(username: str, password: str | None) -> str | None:
    """Create the first admin when there is no user yet; return the generated password if any."""
    if get_user_model().objects.exists():
        return None
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(18)
    create_user(username, password, Role.ADMIN)
    return generated


def _window_start() -> timezone.datetime:
    return timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_WINDOW_SECONDS)


def recent_failures(username: str, ip_address: str | None) -> int:
    """Failures for this user name (or this address) in the window, since the last success."""
    start = _window_start()
    counts = []
    for field, value in (("username", username.lower()), ("ip_address", ip_address)):
        if not value:
            continue
        attempts = LoginAttempt.objects.filter(**{field: value}, at__gte=start)
        last_ok = attempts.filter(succeeded=True).aggregate(last=Max("at"))["last"]
        failed = attempts.filter(succeeded=False)
        if last_ok is not None:
            failed = failed.filter(at__gt=last_ok)
        counts.append(failed.count())
    return max(counts, default=0)


def is_locked_out(username: str, ip_address: str | None) -> bool:
    """True when there have been too many recent failures."""
    return recent_failures(username, ip_address) >= settings.LOGIN_LOCKOUT_FAILURES


def record_attempt(username: str, ip_address: str | None, succeeded: bool) -> None:
    """Keep one login attempt."""
    LoginAttempt.objects.create(
        username=username.lower()[:150], ip_address=ip_address, succeeded=succeeded
    )
