"""Security headers Django does not send itself: Content-Security-Policy, Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def csp_header(policy: dict[str, list[str]]) -> str:
    """Render a policy mapping as a header value."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


class SecurityHeadersMiddleware:
    """Add a Content-Security-Policy (no 'unsafe-eval', no inline scripts) to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = csp_header(settings.CONTENT_SECURITY_POLICY)
        self.permissions = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
