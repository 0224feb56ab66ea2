"""Optimistic locking for every edit form: a save made on stale data is refused.

An edit form carries the version it was read from: a hidden field ``read_version`` holding
the values the form showed, signed (a digest of the stored values that also says what they
were). Every writer changes those values, whether it goes through a form, the history's
revert, an import or a script, so no writer has to remember to bump a counter.

The save path is one helper, :func:`claim`, that every edit service calls first inside its
transaction. It takes the row's write lock (a no-op ``UPDATE`` of the row: a row lock on
PostgreSQL, the database write lock on SQLite), reads the stored values again and compares
them with the values the form was read from. When a value on the form changed since it was
read, it raises :class:`Stale` with what changed (field: your value / the stored value) and
nothing is written; a second editor waiting on the lock sees the first editor's values.
Changes to fields the form does not show (a lead's stage move) do not conflict.

Forms get this from :class:`VersionedFormMixin`; views save through :func:`save_form`, which
catches :class:`Stale` and calls ``form.refuse_stale(exc)``, which shows the changes and moves the form's version to the stored
one, so that saving again is a deliberate overwrite of what the user has now seen.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from clusterweb.errors import error_text
from clusterweb.fields import number_unit
from clusterweb.presentation import entered

VERSION_FIELD = "read_version"
SALT = "clusterweb.locking.read-version"
# Constructor arguments of a form that describe the request, not how to build its fields.
_REQUEST_KWARGS = frozenset(
    {"data", "files", "auto_id", "prefix", "initial", "error_class", "label_suffix", "instance"}
)


@dataclass(frozen=True)
class Changed:
    """A value that changed since the form was read: the field's label, the value the user
    submitted and the value that is stored now (both as shown on the page)."""

    label: str
    yours: str
    stored: str

    def __str__(self) -> str:
        return _("%(field)s: your value %(yours)s, stored value %(stored)s") % {
            "field": self.label,
            "yours": self.yours,
            "stored": self.stored,
        }


class Stale(Exception):
    """The form was read before someone else changed the stored values; nothing was saved.

    ``changes`` lists what changed (empty when the form carried no valid version);
    ``version`` is the version of the stored values, to read the form again from.
    """

    def __init__(self, changes: list[Changed], version: str) -> None:
        self.changes = changes
        self.version = version
        super().__init__("; ".join(str(c) for c in changes) or "no valid read version")

    def messages(self) -> list[str]:
        """What to tell the user, in their language: what happened, then each change."""
        lines = [
            _(
                "Someone else changed this item after you opened the form. Nothing was saved. "
                "Check the stored values; save again to replace them with yours, or reload "
                "the page to start from the stored values."
            )
        ]
        if not self.changes:
            lines[0] = _(
                "This form does not say which version it was read from (it may be older than "
                "the page). Nothing was saved. Save again to replace the stored values with "
                "yours, or reload the page."
            )
        return lines + [str(change) for change in self.changes]


class ReadVersion(Protocol):
    """What :func:`claim` needs from a form: which values changed since it was read."""

    def changed_since_read(self) -> tuple[list[Changed], str] | None:
        """``None`` when nothing on the form changed since it was read; otherwise the
        changes and the version of the stored values."""


def _plain(value: Any) -> Any:
    """A JSON value for comparison (dates, decimals and model ids as JSON gives them)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def lock_row(instance: models.Model) -> None:
    """Take the write lock of ``instance``'s row until the transaction ends.

    A no-op ``UPDATE``: PostgreSQL locks the row, SQLite takes the database's write lock, so
    a second save of the same row waits here until the first has committed.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("lock_row needs a transaction (transaction.atomic)")
    model = type(instance)
    key = model._meta.pk
    assert key is not None
    model._default_manager.filter(pk=instance.pk).update(**{key.attname: F(key.attname)})


def claim(instance: models.Model, read: ReadVersion | None) -> None:
    """Start a conditional save of ``instance``: lock its row and refuse a stale form.

    Call first inside the edit's transaction, before setting the new values on
    ``instance`` (it is read again from the database). ``read`` is the edit form (or ``None`` for a
    script that means to overwrite whatever is stored, said explicitly).

    Raises
    ------
    Stale
        When a value the form showed changed since the form was read.
    """
    lock_row(instance)
    # The caller's copy may hold the form's values already (ModelForm validation sets them):
    # start from the stored row, so the history's "before" and unedited fields are true.
    instance.refresh_from_db()
    if read is None:
        return
    stale = read.changed_since_read()
    if stale is not None:
        raise Stale(*stale)


def _model_field(model: type[models.Model], name: str) -> Any:
    """The model's field ``name``, or None when the form's field is not one of the model's."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _display(field: forms.Field, value: Any, unit: str = "") -> str:
    """A value as the page shows it: choice labels, yes or no, a number in ``unit`` or a date
    as entered (:func:`~clusterweb.presentation.entered`)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(k): str(v) for k, v in choices if not isinstance(v, list | tuple)}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    return entered(value, unit)


class VersionedFormMixin:
    """An edit form that carries the version it was read from (put it before ``ModelForm``).

    The version is the signed set of values the form showed (its initial values from the
    stored row); :meth:`changed_since_read` builds the same form again from the stored row
    and compares. ``read_version`` is taken out of ``cleaned_data`` so that services only
    see the object's fields.
    """

    instance: models.Model
    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]
    data: Any
    _build_kwargs: dict[str, Any]

    def __new__(cls, *args: Any, **kwargs: Any) -> VersionedFormMixin:
        form = super().__new__(cls)
        # How to build this form again for the stored row: the arguments a subclass's
        # __init__ takes for itself (e.g. the choices of a lead's fields).
        form._build_kwargs = {k: v for k, v in kwargs.items() if k not in _REQUEST_KWARGS}
        return form

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_token = ""
        version = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            # Evaluated when the form is shown, after the subclass has added its fields.
            version.initial = self.stored_version
        self.fields[VERSION_FIELD] = version

    def stored_values(self) -> dict[str, Any]:
        """The values the form shows for the stored row (its initial values)."""
        return {
            name: _plain(self.get_initial_for_field(field, name))  # type: ignore[attr-defined]
            for name, field in self.fields.items()
            if name != VERSION_FIELD
        }

    def stored_version(self) -> str:
        """The version of the stored values, as the hidden field carries it."""
        return signing.dumps(self.stored_values(), salt=SALT, compress=True)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}  # type: ignore[misc]
        self.read_token = str(cleaned.pop(VERSION_FIELD, "") or "")
        return cleaned

    def _read_values(self) -> Mapping[str, Any] | None:
        try:
            values = signing.loads(self.read_token, salt=SALT)
        except signing.BadSignature:
            return None
        return values if isinstance(values, dict) else None

    def changed_since_read(self) -> tuple[list[Changed], str] | None:
        """What changed in the stored row since the form was read (``None``: nothing).

        Reads the row again (call it under the row's lock, as :func:`claim` does).
        """
        model = type(self.instance)
        stored_row = model._default_manager.get(pk=self.instance.pk)
        now = type(self)(instance=stored_row, **self._build_kwargs)
        stored = now.stored_values()
        read = self._read_values()
        if read is None:
            return [], now.stored_version()
        if dict(read) == stored:
            return None
        changes = []
        for name, field in now.fields.items():
            if name == VERSION_FIELD or read.get(name) == stored.get(name):
                continue
            # Your value: what you submitted, or (deleting, no values sent) what you saw.
            yours = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else read.get(name)
            unit = number_unit(field, _model_field(model, name))
            changes.append(
                Changed(
                    label=str(field.label or name),
                    yours=_display(field, yours, unit),
                    stored=_display(field, now.get_initial_for_field(field, name), unit),  # type: ignore[attr-defined]
                )
            )
        return changes, now.stored_version()

    def refuse_stale(self, stale: Stale) -> None:
        """Show why the save was refused and read the form again from the stored values
        (the user's entries stay; saving again replaces what they have now seen)."""
        for line in stale.messages():
            self.add_error(None, line)  # type: ignore[attr-defined]
        data = self.data.copy()
        data[VERSION_FIELD] = stale.version
        self.data = data


T = TypeVar("T")


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    save: Callable[[], T],
    done: str,
    then: Callable[[T], HttpResponse],
    *,
    row: models.Model | None = None,
    refused: tuple[type[Exception], ...] = (ValueError, ValidationError),
    show_refusal: Callable[[forms.BaseForm, Exception], None] | None = None,
) -> HttpResponse | None:
    """The POST of a form that creates or changes a row: ``save()`` once the form is valid,
    then the message ``done`` and the answer ``then(what save returned)`` (a redirect).

    None when the form is to be shown (again): not posted, not valid, refused by the service
    (an error of ``refused``, shown on the form by ``show_refusal``, by default as one error
    at the top of the form) or stale (``row`` is read again and the form
    shows what changed since it was read, see :meth:`VersionedFormMixin.refuse_stale`)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save()
    except refused as exc:
        if show_refusal is None:
            form.add_error(None, error_text(exc))
        else:
            show_refusal(form, exc)
    except Stale as exc:
        if row is not None:
            row.refresh_from_db()
        form.refuse_stale(exc)  # type: ignore[attr-defined]
    else:
        messages.success(request, done)
        return then(result)
    return None
