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

__all__ = ["LANGUAGES", "has", "msg"]

PREFIX: Final = "report."
"""What a key is prefixed with to make its code in the catalogue."""


def msg(key: str, lang: str, **params: object) -> str:
    """The text of ``key`` in ``lang`` (``nl`` or ``en``) with its placeholders filled.

    Raises
    ------
    KeyError
        For a key the catalogue has no text for.
    """
    if not has(key):
        raise KeyError(key)
    text = gettext(PREFIX + key, lang)
    return text.format(**params) if params else text


def has(key: str) -> bool:
    """Whether the catalogue has a text for ``key`` (both languages hold the same keys)."""
    return has_message(PREFIX + key, "en")
