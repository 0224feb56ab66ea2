"""Security headers Django does not send itself: Content-Security-Policy, Permissions-Policy,
and ``Cache-Control: private, no-store`` on every response that is not public; a page's
answer when the plan lacks an optional part it needs (:class:`MissingPartMiddleware`); and
the API's refusals that Django answers before the API sees the call, in JSON
(:class:`ApiRefusalMiddleware`)."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.formats import number_format
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


API_PREFIX = "/api/"
API_PAGES = ("/api/tokens/", "/api/docs")
"""Addresses under the API's prefix that are pages for a person (HTML stays HTML)."""


def _api_call(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX) and not request.path.startswith(API_PAGES)


def _api_refusal(status: int, detail: str) -> HttpResponse:
    return HttpResponse(
        json.dumps({"detail": detail}), status=status, content_type="application/json"
    )


class ApiRefusalMiddleware:
    """A call of the API that Django refuses before the API sees it answers as the API
    does: JSON ``{"detail": ...}`` in the user's language. A method the address does not
    take (405, its ``Allow`` kept), the API's root (404), a body over Django's limit (413;
    it had been an HTML page and a traceback in the log)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _api_call(request) or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            detail = _("This address does not take %(method)s; it takes %(allowed)s.") % {
                "method": request.method,
                "allowed": allowed,
            }
            refusal = _api_refusal(405, detail)
            refusal["Allow"] = allowed
            return refusal
        if response.status_code == 404:
            return _api_refusal(404, _("There is no such API address."))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (_api_call(request) and isinstance(exception, RequestDataTooBig)):
            return None
        limit = number_format(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, force_grouping=True)
        return _api_refusal(
            413, _("The request body is too large (at most %(n)s bytes).") % {"n": limit}
        )
