"""Security headers Django does not send itself: Content-Security-Policy, Permissions-Policy,
and ``Cache-Control: private, no-store`` on every response that is not public; and a page's
answer when the plan lacks an optional part it needs (:class:`MissingPartMiddleware`)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from clusterplan.plan.parts import MissingPart
from clusterweb.presentation import missing_part_text


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


# Views whose responses to anonymous visitors hold only published data and may be cached.
# Everything else is private by default: a new view is never cacheable by accident.
PUBLIC_VIEWS = frozenset(
    {
        "dashboard:public",
        "dashboard:public_download",
        "ecosystem:showcase",
        "events:public",
        "events:register",
        "javascript-catalog",
    }
)


def is_public_response(request: HttpRequest) -> bool:
    """True only for an anonymous visitor's request to one of the PUBLIC_VIEWS."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in PUBLIC_VIEWS


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every response except public pages to anonymous
    visitors: every response to a logged-in user, every download, every confidential page,
    every redirect and error. Browsers and proxies then keep no copy of confidential data
    (the back button, a shared computer, a company proxy). Listed after WhiteNoise, so static
    files keep their own long cache headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_public_response(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


class MissingPartMiddleware:
    """A page that needs an optional part the plan lacks (the core raises
    :class:`~clusterplan.plan.parts.MissingPart`) says so in the core's one line (which part,
    and the file to add it to), in the site's layout, as ``clusterplan`` refuses a command
    that needs it; it was a server error. The API answers such a call itself (404)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, MissingPart):
            return None
        return render(
            request,
            "errors/missing_part.html",
            {"title": _("Not available for this plan"), "refusal": missing_part_text(exception)},
        )
