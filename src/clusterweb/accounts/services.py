"""Groups, first admin, and login lockout."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import QuerySet
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


class LockedOut(Exception):
    """Too many recent failures for this account or from this address."""


def normalise_username(username: str) -> str:
    """The key an account's attempts are counted under (case-insensitive, as typed)."""
    return username.strip().lower()[:150]


def _window_start() -> datetime:
    return timezone.now() - timedelta(seconds=settings.LOGIN_LOCKOUT_WINDOW_SECONDS)


def _counted(start: datetime) -> QuerySet[LoginAttempt]:
    """Failures in the window, including attempts still under way; refusals do not count."""
    return LoginAttempt.objects.filter(at__gte=start, succeeded=False, locked_out=False)


def account_failures(username: str) -> int:
    """Failures for this account in the window since its own last successful login."""
    start = _window_start()
    key = normalise_username(username)
    last_ok = (
        LoginAttempt.objects.filter(username=key, succeeded=True, at__gte=start)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    failures = _counted(start).filter(username=key)
    if last_ok is not None:
        failures = failures.filter(pk__gt=last_ok)
    return failures.count()


def address_failures(ip_address: str | None) -> int:
    """Failures from this address in the window, whatever the account; successes never reset
    it (so logging in to one's own account does not buy guesses at others)."""
    if not ip_address:
        return 0
    return _counted(_window_start()).filter(ip_address=ip_address).count()


def begin_login(username: str, ip_address: str | None) -> LoginAttempt:
    """Record an attempt before its password is checked; raise LockedOut when over a limit.

    The attempt is stored as a failure first and counted afterwards (each statement commits
    on its own; the login view is never wrapped in a transaction). Of any number of parallel
    attempts, the one that counts last sees every other attempt that was let through, so at
    most the limit get through, on SQLite and PostgreSQL alike and without a lock. Parallel
    attempts may see each other and all be refused: the error is on the safe side.
    """
    attempt = LoginAttempt.objects.create(
        username=normalise_username(username), ip_address=ip_address or None
    )
    if (
        account_failures(username) > settings.LOGIN_LOCKOUT_ACCOUNT_FAILURES
        or address_failures(ip_address) > settings.LOGIN_LOCKOUT_ADDRESS_FAILURES
    ):
        LoginAttempt.objects.filter(pk=attempt.pk).update(locked_out=True)
        raise LockedOut
    return attempt


def login_succeeded(attempt: LoginAttempt) -> None:
    """The password was right: the attempt no longer counts, and the account's count restarts."""
    LoginAttempt.objects.filter(pk=attempt.pk).update(succeeded=True)
