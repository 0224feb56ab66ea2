"""Every text of the annual progress report, in Dutch and English: the core's catalogue.

The texts stand in the core's gettext catalogue (:mod:`clusterplan.i18n`,
``clusterplan/locale/{nl,en}/LC_MESSAGES/clusterplan.po``, the block ``# annual report``)
as codes: msgid ``report.<key>``, msgstr the text in that language. Keys are stable ids;
texts with ``{name}`` placeholders are filled by :func:`msg`. Names, years and the goal
never appear there: they come from the plan.
"""

from __future__ import annotations

from typing import Final

from clusterplan.i18n import LANGUAGES, gettext, has_message

__all__ = ["LANGUAGES", "has", "msg", "name_of"]

PREFIX: Final = "report."
"""What a key is prefixed with to make its code in the catalogue."""

NO_WORDS: Final = frozenset({"unit.ratio"})
"""Keys whose text is empty in both languages (a ratio has no unit to name): a gettext
catalogue cannot hold an empty text, so they are declared here."""


def msg(key: str, lang: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (``nl`` or ``en``) with its placeholders filled.

    Raises
    ------
    KeyError
        For a key the catalogue has no text for.
    """
    if key in NO_WORDS:
        return ""
    if not has(key):
        raise KeyError(key)
    text = gettext(PREFIX + key, lang)
    return text.format(**params) if params else text


def name_of(kind: str, key: str, lang: str) -> str:
    """The words for ``key`` of a kind (``unit``) in ``lang``,
    or ``key`` itself when the catalogue has none."""
    code = f"{kind}.{key}"
    return msg(code, lang) if has(code) else key


def has(key: str) -> bool:
    """Whether the catalogue has a text for ``key`` (both languages hold the same keys)."""
    return key in NO_WORDS or has_message(PREFIX + key, "en")
