"""Core errors as the web shows them: in the active language, from their error code.

The core's errors carry a stable code and parameters (:mod:`clusterplan.errors`); their
words live in the core's catalogue. A view never shows ``str(exc)`` of a core error, nor
parses its English text: it shows :func:`error_text`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import get_language
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import ErrorDetails

from clusterplan.errors import ClusterplanError, Coded, describe, localise
from clusterplan.plan.load import field_path, plain_reason

logger = logging.getLogger(__name__)

UNCODED = (".detail", ".invalid")
"""Endings of the default codes that carry an English text (no code of their own yet)."""

__all__ = [
    "error_text",
    "form_error_lines",
    "reason_sentence",
    "reason_text",
    "schema_reason_text",
]


def error_text(exc: BaseException, labels: Mapping[str, str] | None = None) -> str:
    """An error in the active language: a core error through its code, a schema (pydantic)
    error field by field through the same codes, a Django ValidationError as its messages;
    others as they are. ``labels`` names a record's fields as its page does (a schema
    error of a stored record: "present firm: ..." rather than "via_organisation: ...")."""
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, PydanticValidationError):
        return "; ".join(_schema_problem(error, labels or {}) for error in exc.errors())
    if not _coded(exc):
        logger.info("an error without a code was shown: %s", exc, exc_info=exc)
    return describe(exc, get_language())


def _schema_problem(error: ErrorDetails, labels: Mapping[str, str]) -> str:
    """One schema error as ``field: reason`` in the active language (never pydantic's text),
    a field in ``labels`` by its label, also where the record's own rule names it."""
    loc = [p for p in error["loc"] if p != "[key]"]
    if loc and loc[0] in labels:
        loc[0] = labels[str(loc[0])]
    where = field_path(loc)
    reason = plain_reason(error)
    if reason.code == "value.field_problem" and reason.params.get("field") in labels:
        reason = Coded(reason.code, {**reason.params, "field": labels[reason.params["field"]]})
    text = reason_text(reason)
    return f"{where}: {text}" if where else text


def schema_reason_text(error: ErrorDetails | Mapping[str, Any]) -> str:
    """Why a schema (pydantic) error refused a value, in the active language: the core's
    coded reason for its type (:func:`clusterplan.plan.load.plain_reason`)."""
    return reason_text(plain_reason(cast("ErrorDetails", error)))


def _coded(exc: BaseException) -> bool:
    if isinstance(exc, ClusterplanError):
        return not exc.code.endswith(UNCODED)
    return bool(exc.args) and isinstance(exc.args[0], Coded)


def reason_text(reason: object) -> str:
    """A (possibly coded) reason of the core in the active language, as written to follow
    what it is about ("field: reason")."""
    return localise(reason, get_language())


def reason_sentence(reason: object) -> str:
    """A reason of the core standing on its own (a form field's error, a problem line): in
    the active language, starting with a capital."""
    return capfirst(reason_text(reason))


def form_error_lines(form: forms.BaseForm) -> list[str]:
    """A bound form's errors as lines that stand on their own (a page's messages, away from
    the form): a field's error after the field's label, unless it names the field already
    (the core's refusal of a value does), the form's own errors as they are. Never a field's
    id, which the reader does not know."""
    lines = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        for error in errors:
            text = str(error)
            lines.append(f"{label}: {text}" if label and not text.startswith(label) else text)
    return lines
