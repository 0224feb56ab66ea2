"""What every file import page shares: the upload form's file field, and the session in
which the uploaded file is kept between its preview and the confirmation, and dropped once
it is written.

The pages themselves extend ``templates/import_page.html``."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def upload_field(help_text: str) -> forms.FileField:
    """The file of an import form (``help_text``: what its rows hold)."""
    return forms.FileField(label=gettext_lazy("File (CSV or XLSX)"), help_text=help_text)


class UploadForm(forms.Form):
    """An import form: a subclass declares ``file = upload_field(...)``, which must name a
    CSV or XLSX file."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


@dataclass(frozen=True)
class FileProblem:
    """One reason a file cannot be imported: where (file, row, column) and why (in the user's
    language). Each import says it in its own words (``__str__``)."""

    file: str
    row: int | None
    column: str | None
    reason: str


class Counted(Protocol):
    """An import's preview or result: how many rows it creates, updates or leaves unchanged."""

    def count(self, action: str) -> int: ...


def keep_upload(
    request: HttpRequest, session_key: str, name: str, data: bytes, **extra: Any
) -> None:
    """Keep a previewed file until it is confirmed (``extra``: what else the commit needs)."""
    request.session[session_key] = {
        "name": name,
        "data": base64.b64encode(data).decode("ascii"),
        **extra,
    }


def stored_upload(request: HttpRequest, session_key: str) -> tuple[dict[str, Any], bytes] | None:
    """The kept file (what was stored with it, its bytes); None, with a message telling the
    user to upload it again, when the preview has expired."""
    stored: dict[str, Any] | None = request.session.get(session_key)
    if not stored:
        messages.error(request, _("Upload the file again: the preview has expired."))
        return None
    return stored, base64.b64decode(stored["data"])


def imported(request: HttpRequest, session_key: str, message: str) -> None:
    """The file is written: forget it and say what it did."""
    del request.session[session_key]
    messages.success(request, message)


def created_updated(result: Counted) -> str:
    """The message of an import that creates and updates rows."""
    return _("Imported: %(create)s created, %(update)s updated.") % {
        "create": result.count("create"),
        "update": result.count("update"),
    }
