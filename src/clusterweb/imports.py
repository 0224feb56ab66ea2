"""What every file import page shares: the upload form's file field, the session in
which the uploaded file is kept between its preview and the confirmation, and dropped once
it is written, and the page's steps (:func:`import_page`: upload, preview, confirm).

The pages themselves extend ``templates/import_page.html``."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from clusterplan.i18n import gettext as core_gettext
from clusterplan.io import sheets
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import TableError
from clusterweb.presentation import Table, page_language


def upload_field(help_text: str) -> forms.FileField:
    """The file of an import form (``help_text``: what its rows hold)."""
    return forms.FileField(label=gettext_lazy("File (CSV or XLSX)"), help_text=help_text)


class UploadForm(forms.Form):
    """An import form: a subclass declares ``file = upload_field(...)``, which must name a
    CSV or XLSX file."""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if (refused := sheets.suffix_problem(upload.name)) is not None:  # the core's rule
            raise forms.ValidationError(str(FileProblem.of(refused)))
        return upload


class FileProblem(sheets.FileProblem):
    """One reason a file cannot be imported: where (file, row, column) and why, in the page's
    language and in the core's words (:func:`clusterplan.io.sheets.where_text`, the one way a
    problem is located, in the command line too)."""

    def __str__(self) -> str:
        return self.text(get_language())

    @classmethod
    def of(cls, problem: sheets.FileProblem | TableError) -> FileProblem:
        """A problem of the core (or a file it cannot read) as the page shows it."""
        return cls(problem.file, problem.row, problem.column, problem.reason, sheet=problem.sheet)


class Counted(Protocol):
    """An import's preview or result: how many rows it creates, updates or leaves unchanged."""

    def count(self, action: str) -> int: ...


class Preview(Counted, Protocol):
    """What importing a file would do (or, once committed, did): ``valid`` when it has no
    problem, so that it can be (or was) written."""

    @property
    def valid(self) -> bool: ...


P = TypeVar("P", bound=Preview)


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


PREVIEW_ROWS = 200
"""Rows and problems a preview page lists; the counts always cover the whole file."""

PREVIEWED = "previewed"
"""What the confirmed preview said the file would write (:func:`digest` of the page's
``planned``), kept with the file: a commit that would write otherwise writes nothing."""


def digest(planned: object) -> str:
    """A stable digest of what an import would write (``ImportPage.planned``: plain values,
    lists, tuples and mappings), the same in every process: the preview's and the commit's
    are compared, so that any difference, not only in the counts, is shown before it is
    written."""
    text = json.dumps(
        planned, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: object) -> object:
    """A value JSON does not know, as :func:`digest` writes it: a set in order, the rest
    (dates, decimals, enumerations) as text."""
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    return str(value)


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


def action_text(action: str) -> str:
    """What importing a row does (``create``, ``update`` or ``unchanged``), as a preview
    names it in the page's language: the core's words, as ``clusterplan ecosystem import``
    prints them."""
    if action not in ("create", "update", "unchanged"):
        raise KeyError(action)
    return core_gettext(action, page_language())


def preview_table(tab: Table) -> Table:
    """The rows of an import file as the import page shows them: the table ``import-preview``,
    whose first cell (the row in the file) is not a row heading."""
    return {**tab, "id": "import-preview", "row_header": False}


def _as_preview(result: Preview) -> dict[str, object]:
    return {"preview": result}


def _nothing_more(form: UploadForm, result: Preview) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ImportPage(Generic[P]):
    """What one import page does with a file; :func:`import_page` takes the steps.

    ``preview(form, name, data)``: what importing the posted file would do (nothing is
    written); ``commit(request, stored, data)``: write the confirmed file (``stored``: what was
    kept with it, see ``keep``) and say what it did, or answer with a page of its own (a large
    file written by the background worker); ``planned(result)``: what the preview or the commit
    writes, row by row with its action and values (plain values: see :func:`digest`), so a
    confirmation that would write otherwise than the preview the user saw writes nothing;
    ``unreadable``: the message of a file that cannot be read (None: the services say it in
    the preview itself)."""

    session_key: str
    template: str
    form: type[UploadForm]
    page: str  # URL name of the import page (the user goes back to it)
    done: str  # URL name of the page shown once the file is written
    preview: Callable[[UploadForm, str, bytes], P]
    commit: Callable[[HttpRequest, dict[str, Any], bytes], P | HttpResponse]
    planned: Callable[[P], object]
    unreadable: Callable[[TableError], str] | None = None
    keep: Callable[[UploadForm, P], dict[str, Any]] = _nothing_more  # kept with the file
    shown: Callable[[P], dict[str, object]] = _as_preview  # the preview on the page
    message: Callable[[P], str] = created_updated  # once written
    context: Mapping[str, object] = field(default_factory=dict)  # what else the page shows


def import_page(request: HttpRequest, page: ImportPage[P]) -> HttpResponse:
    """An import page: upload a file and see its preview (every change and every problem);
    a valid file is kept until it is confirmed (``action=commit``), then written, all rows or
    none."""
    if request.method == "POST" and request.POST.get("action") == "commit":
        return _commit(request, page)
    form = page.form(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, **page.context}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # At most one byte more than the import limit is read: the core refuses it by its size.
        data = upload.read(ReadLimits.from_env().max_bytes + 1)
        try:
            result = page.preview(form, upload.name, data)
        except TableError as exc:
            if page.unreadable is None:
                raise
            form.add_error("file", page.unreadable(exc))
        else:
            if result.valid:
                kept = {**page.keep(form, result), PREVIEWED: digest(page.planned(result))}
                keep_upload(request, page.session_key, upload.name, data, **kept)
            context.update(page.shown(result))
    return render(request, page.template, context)


def _commit(request: HttpRequest, page: ImportPage[P]) -> HttpResponse:
    """Write the kept file (refused, and shown again, when it is no longer valid)."""
    kept = stored_upload(request, page.session_key)
    if kept is None:
        return redirect(page.page)
    stored, data = kept
    try:
        with transaction.atomic():
            result = page.commit(request, stored, data)
            moved = False
            if not isinstance(result, HttpResponse) and result.valid:
                moved = digest(page.planned(result)) != stored.get(PREVIEWED)
            if moved:  # what was stored changed since the preview: write nothing
                transaction.set_rollback(True)
    except TableError as exc:
        if page.unreadable is None:
            raise
        messages.error(request, page.unreadable(exc))
        return redirect(page.page)
    if isinstance(result, HttpResponse):
        del request.session[page.session_key]
        return result
    if moved:
        # The file is kept with what it would do now: confirming again writes that.
        request.session[page.session_key] = {**stored, PREVIEWED: digest(page.planned(result))}
        messages.error(
            request,
            _(
                "Nothing was imported: what is stored changed since the preview. This is "
                "what the file would do now; confirm again to write it."
            ),
        )
    if moved or not result.valid:
        return render(
            request, page.template, {"form": page.form(), **page.context, **page.shown(result)}
        )
    imported(request, page.session_key, page.message(result))
    return redirect(page.done)
