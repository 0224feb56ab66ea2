"""Shared helpers of the API tests: a token per persona and authenticated calls."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from clusterweb.api.services import create_token


def token_for(user: Any) -> str:
    """A fresh token of ``user``."""
    return create_token(user, "tests").secret


def call(
    client: Client, method: str, url: str, token: str | None = None, body: Any = None, **extra: Any
) -> Any:
    """An API call with the token (if any) as a bearer header and ``body`` as JSON."""
    headers = dict(extra.pop("headers", {}))
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if method == "get":
        return client.get(url, headers=headers, **extra)
    return client.post(
        url,
        data=json.dumps(body if body is not None else {}),
        content_type="application/json",
        headers=headers,
        **extra,
    )
