"""The API's reading of a JSON body: ninja's, except that a whole number of more digits
than Python reads is named where it is (it had been answered "not valid JSON")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class NumberTooLong(ValueError):
    """A request body is valid JSON, but with a whole number of more digits than Python
    reads (``sys.get_int_max_str_digits``), at ``paths`` (keys and indexes from the body)."""

    def __init__(self, paths: list[tuple[str | int, ...]]) -> None:
        super().__init__(paths)
        self.paths = paths


_TOO_LONG = object()
"""What a body's whole number of too many digits is read as, until its place is found."""


def _whole(text: str) -> Any:
    try:
        return int(text)
    except ValueError:  # too many digits to read (JSON has no such limit)
        return _TOO_LONG


def _too_long_at(data: Any) -> Iterator[tuple[str | int, ...]]:
    """Where in ``data`` (read by :class:`BodyParser`) a number of too many digits is."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if value is _TOO_LONG:
            yield path
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))


class BodyParser(Parser):
    """ninja's JSON body, except that a whole number too long to read is no "not JSON":
    :class:`NumberTooLong` names where it is (answered 422 at that field, ``_http_error``)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body, parse_int=_whole)
        if paths := list(_too_long_at(data)):
            raise NumberTooLong(paths)
        return data
