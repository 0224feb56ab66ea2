"""PDF documents from Django templates (WeasyPrint; no browser needed).

A PDF template extends ``pdf/base.html``, which loads our fonts and a print style sheet.
Resources are read only from the static files (``/static/...``); any other URL in a
document (including one typed by a user into a field shown in it) is refused, so rendering
never reaches the network.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

BASE_URL = "https://static.invalid/"
"""The base URL of rendered documents: relative and root-relative URLs resolve under it."""


class ResourceRefused(ValueError):
    """A document asked for a resource that is not one of our static files."""


def static_file(url: str) -> Path:
    """The file behind a ``/static/...`` URL of a rendered document.

    Raises
    ------
    ResourceRefused
        For any other URL, or a static path that does not exist.
    """
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}/" != BASE_URL:
        raise ResourceRefused(f"not a static file: {url[:200]}")
    prefix = settings.STATIC_URL
    path = unquote(parsed.path)
    if not path.startswith(prefix):
        raise ResourceRefused(f"not a static file: {url[:200]}")
    relative = path[len(prefix) :]
    if ".." in relative.split("/") or relative.startswith("/"):
        raise ResourceRefused(f"not a static file: {url[:200]}")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        raise ResourceRefused(f"not a static file: {url[:200]}") from None
    if found is None:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if root in candidate.parents and candidate.is_file():
            found = str(candidate)
    if found is None:
        raise ResourceRefused(f"no static file {relative[:200]}")
    return Path(found if isinstance(found, str) else found[0])


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only our static files."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = static_file(url)
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url,
                body=path.read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"},
            )

    return StaticOnly(allowed_protocols={"https"})


def render_pdf(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """Render a template to PDF bytes."""
    from weasyprint import HTML  # heavy import, only when a PDF is made

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A download of PDF bytes."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
