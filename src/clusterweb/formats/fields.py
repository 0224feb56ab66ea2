"""Number fields that read the page's language strictly and check a declared range.

Django's localized ``FloatField`` drops every thousands separator, so on an English page
``1,5`` became 15. :func:`parse_number` accepts the decimal separator of the active
language and thousands separators only in whole groups of three (``1,234.5`` in English,
``1.234,5`` in Dutch); anything else (``1,5`` in English, ``1.5.0``) is refused, never
guessed. The range comes from :mod:`clusterplan.plan.bounds`, the same declarations the
plan schema and the command line use, and the message names the field and the range.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.plan.bounds import Bound
from clusterweb.presentation import page_language, shown

MAX_INPUT_LENGTH = 40
"""Longest number text read: 40 characters hold any value a bound allows, with grouping
and decimals; longer text (e.g. 5,000 digits) is refused before it is parsed."""

_SPACES = re.compile(r"[\s\u00a0\u202f]")


class NumberSyntaxError(ValueError):
    """The text is not a number in the active language's notation."""


def parse_number(text: str) -> float:
    """A number typed in the active language (``1.234,5`` nl, ``1,234.5`` en).

    Raises :class:`NumberSyntaxError` for text that is not a number, that groups digits
    other than by three, or that is longer than :data:`MAX_INPUT_LENGTH`.
    """
    raw = _SPACES.sub("", text)
    if not raw or len(raw) > MAX_INPUT_LENGTH:
        raise NumberSyntaxError(text)
    decimal = str(get_format("DECIMAL_SEPARATOR"))
    thousand = str(get_format("THOUSAND_SEPARATOR"))
    d, t = re.escape(decimal), re.escape(thousand)
    pattern = rf"[+-]?(?:\d+|\d{{1,3}}(?:{t}\d{{3}})+)(?:{d}\d+)?(?:[eE][+-]?\d{{1,3}})?"
    if not re.fullmatch(pattern, raw):
        raise NumberSyntaxError(text)
    value = float(raw.replace(thousand, "").replace(decimal, "."))
    if not math.isfinite(value):
        raise NumberSyntaxError(text)
    return value


def range_reason(
    bound: Bound, value: float | None = None, low: float | None = None, high: float | None = None
) -> str:
    """'must be between <low> and <high> <unit>' in the active language: the core's words for
    a value outside a :class:`Bound` (its catalogue's ``value.between`` and
    ``value.negative_between``), with the numbers written as the page writes them; ``low`` and
    ``high`` narrow the bound for one form."""
    narrowed = replace(
        bound, low=bound.low if low is None else low, high=bound.high if high is None else high
    )
    return narrowed.refusal(value).text(page_language())


class NumberField(forms.FloatField):
    """A number in the active language within a declared :class:`Bound`.

    ``bound`` gives the range (and whether only whole numbers are valid); ``low``/``high``
    narrow it further for one form (never widen it). Returns an ``int`` for whole-number
    bounds, otherwise a ``float``.
    """

    default_error_messages = {
        "invalid": gettext_lazy("Enter a number."),
    }

    def __init__(
        self,
        bound: Bound,
        *,
        low: float | None = None,
        high: float | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("localize", not bound.integer)
        self.bound = bound
        self.low = bound.low if low is None else max(bound.low, low)
        self.high = bound.high if high is None else min(bound.high, high)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, bool):  # JSON's true is not a number (an API's value)
            raise ValidationError(self._syntax_message(), code="invalid")
        if isinstance(value, int | float):
            number = float(value)
        else:
            try:
                number = parse_number(str(value))
            except NumberSyntaxError:
                raise ValidationError(self._syntax_message(), code="invalid") from None
        if not math.isfinite(number):
            raise ValidationError(self._syntax_message(), code="invalid")
        if self.bound.integer:
            if not number.is_integer():
                raise ValidationError(
                    _("%(field)s must be a whole number.") % {"field": self._label()},
                    code="integer",
                )
            return int(number)
        return number

    def prepare_value(self, value: Any) -> Any:
        """A whole number shown as one (a target of 1400.0 jobs had read "1.400,0")."""
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            return int(value)
        return super().prepare_value(value)

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)
        if value in self.empty_values:
            return
        if not self.low <= value <= self.high:
            raise ValidationError(self.range_message(value), code="range")

    def range_message(self, value: float | None = None) -> str:
        """'<label> must be between <low> and <high> <unit>.' in the active language
        (:func:`range_reason`)."""
        return f"{self._label()} {range_reason(self.bound, value, self.low, self.high)}."

    def _label(self) -> str:
        return str(self.label) if self.label else _("This value")

    def _syntax_message(self) -> str:
        example = shown(1234.5)
        return _(
            "%(field)s: enter a number such as %(example)s (%(decimal)s before the decimals, "
            "%(thousand)s between groups of three digits)."
        ) % {
            "field": self._label(),
            "example": example,
            "decimal": get_format("DECIMAL_SEPARATOR"),
            "thousand": get_format("THOUSAND_SEPARATOR"),
        }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = forms.Field.widget_attrs(self, widget)
        attrs.setdefault("inputmode", "numeric" if self.bound.integer else "decimal")
        if isinstance(widget, forms.NumberInput):
            attrs.setdefault("min", _plain(self.low))
            attrs.setdefault("max", _plain(self.high))
        return attrs


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))
