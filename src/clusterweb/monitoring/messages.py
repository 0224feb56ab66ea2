"""The core's reasons for refusing a row of actuals, in the user's language.

The core (``clusterplan.monitor.actuals``, ``clusterplan.io.sheets``) gives each reason a
code and parameters (:class:`clusterplan.errors.Coded`); the words are in the core's
catalogue, so this module only renders them in the active language and never parses an
English sentence. ``tests/test_messages.py`` makes the core produce every reason and fails
when one is not translated.
"""

from __future__ import annotations

from clusterweb.errors import reason_text


def translate_reason(reason: object) -> str:
    """The core's reason in the current language (a text without a code is kept as it is)."""
    return reason_text(reason)
