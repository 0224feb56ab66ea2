"""Errors with a stable code: the core says what went wrong, the interfaces say it in words.

Every error a user may see carries a ``code`` (``"value.negative"``, ``"plan.file_missing"``)
and the ``params`` that fill its message. The words live in one gettext catalogue per
language (``clusterplan/locale/{nl,en}/LC_MESSAGES/clusterplan.po``); the command line and
the web render them with :func:`clusterplan.i18n.message` in the reader's language, so a
Dutch page never shows an English reason and no interface parses an English sentence.

``str(error)`` stays the English message (logs, tracebacks and older callers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

__all__ = ["ClusterplanError", "Coded", "ProblemsError", "describe", "localise"]


class Coded(str):
    """A reason with a code: reads as its English text, renders in any language.

    It is a ``str`` (the English message) so every place that keeps or joins reasons as
    text keeps working; an interface that knows its reader's language calls
    :meth:`text` (or :func:`localise`) instead of using the string.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, params: Mapping[str, Any] | None = None) -> Coded:
        from clusterplan.i18n import message

        values = dict(params or {})
        self = super().__new__(cls, message(code, values, "en"))
        self.code = code
        self.params = values
        return self

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the language of this run)."""
        from clusterplan.i18n import message

        return message(self.code, self.params, lang)

    def __repr__(self) -> str:
        return f"Coded({self.code!r}, {self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Coded, (self.code, self.params))


class ClusterplanError(Exception):
    """The base of the core's errors: a stable ``code`` and the ``params`` of its message.

    Raise it (or a subclass) either with a code and parameters::

        raise FinanceInputError(code="finance.unknown_project", params={"id": key})

    or, where no code is declared yet, with an English text; that text then fills the
    class's ``default_code`` (whose message is the text itself, so it stays English in
    every language until the site gets a code of its own).
    """

    default_code: ClassVar[str] = "error.detail"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.code: str = code or self.default_code
        self.params: dict[str, Any] = dict(params or {})
        if detail is not None:
            self.params.setdefault("detail", detail)
        super().__init__(detail if detail is not None and code is None else self.text("en"))

    @property
    def coded(self) -> Coded:
        """The code and parameters as one reason (e.g. to keep in a list of problems)."""
        return Coded(self.code, self.params)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the language of this run)."""
        from clusterplan.i18n import message

        return message(self.code, self.params, lang)


class Located(Protocol):
    """A problem that says where and why in any language (a plan's or a file's problem)."""

    def text(self, lang: str | None = None) -> str: ...


P = TypeVar("P", bound=Located)


class ProblemsError(ClusterplanError, Generic[P]):
    """An input refused as a whole for every one of its ``problems`` (nothing of it is
    used). Its text lists them in the reader's language, one a line; ``str()`` in English."""

    def __init__(self, problems: Sequence[P]) -> None:
        self.problems: list[P] = list(problems)
        super().__init__("\n".join(p.text("en") for p in self.problems))

    def text(self, lang: str | None = None) -> str:
        """Every problem in ``lang`` (default: this run's language), one a line."""
        return "\n".join(p.text(lang) for p in self.problems)


def localise(reason: object, lang: str | None = None) -> str:
    """A reason in ``lang`` when it is :class:`Coded`, else its text as it is."""
    if isinstance(reason, Coded):
        return reason.text(lang)
    return str(reason)


def describe(exc: BaseException, lang: str | None = None) -> str:
    """What to show a reader for ``exc``: its coded message, or its text for other errors."""
    if isinstance(exc, ClusterplanError):
        return exc.text(lang)
    if exc.args and isinstance(exc.args[0], Coded):
        return exc.args[0].text(lang)
    return str(exc)
