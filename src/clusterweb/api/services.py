"""API tokens: create, revoke, and the user a request's token stands for (with the login
lockout: a refused token counts as a failed login from its address)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterweb.accounts.models import LoginAttempt
from clusterweb.accounts.services import LockedOut, address_failures
from clusterweb.api.constants import (
    MAX_TOKENS_PER_USER,
    TOKEN_FAILURE_USERNAME,
    TOKEN_ID_LENGTH,
    TOKEN_PREFIX,
    TOKEN_SECRET_BYTES,
)
from clusterweb.api.models import ApiToken


class TokenLimit(ValueError):
    """The user already holds the maximum number of active tokens."""


@dataclass(frozen=True)
class NewToken:
    """A token just created: ``secret`` is the whole token, shown once and never stored."""

    token: ApiToken
    secret: str


def digest_of(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: Any, name: str) -> NewToken:
    """A new token for ``user`` (``cpt_<id>_<secret>``); raises TokenLimit past the cap."""
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at=None)
        if len(active) >= MAX_TOKENS_PER_USER:
            raise TokenLimit(
                _("You already have %(n)s active tokens; revoke one first.")
                % {"n": MAX_TOKENS_PER_USER}
            )
        token_id = secrets.token_hex(TOKEN_ID_LENGTH // 2)
        secret = f"{TOKEN_PREFIX}_{token_id}_{secrets.token_urlsafe(TOKEN_SECRET_BYTES)}"
        token = ApiToken.objects.create(
            user=user, name=name, token_id=token_id, digest=digest_of(secret)
        )
    return NewToken(token, secret)


def revoke_token(user: Any, pk: int) -> ApiToken | None:
    """Revoke one of the user's own tokens (None when it is not theirs); revoking twice
    keeps the first time."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is not None and token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(revoked_at=timezone.now())
        token.refresh_from_db()
    return token


def user_for_token(secret: str, ip_address: str | None) -> Any | None:
    """The active user a token stands for, or None for an unknown, revoked or malformed
    token or an inactive user. Raises LockedOut when the address has failed too often
    (the login lockout's address limit); each refusal counts as a failure."""
    if address_failures(ip_address) >= settings.LOGIN_LOCKOUT_ADDRESS_FAILURES:
        raise LockedOut
    token = None
    if secret.startswith(f"{TOKEN_PREFIX}_") and len(secret) < 200:
        token = (
            ApiToken.objects.select_related("user")
            .filter(digest=digest_of(secret), revoked_at=None)
            .first()
        )
    if token is None or not token.user.is_active:
        LoginAttempt.objects.create(username=TOKEN_FAILURE_USERNAME, ip_address=ip_address or None)
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
