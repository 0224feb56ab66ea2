"""Use case of the acquisition funnel: move a lead to another stage.

The web's board, the lead page and the API move leads through :func:`move`, which applies
the core's rule (:func:`clusterplan.ecosystem.funnel.move_lead`); the interfaces only store
the result and say what went wrong in the user's language, from the error's code.
"""

from __future__ import annotations

from datetime import date

from clusterplan.ecosystem.funnel import Lead, Stage, StageMove, StageUnchanged, move_lead


class FunnelError(ValueError):
    """A move the funnel refuses: ``code`` is ``unknown-stage`` or ``stage-unchanged``,
    ``params`` name the lead and the stage; the message is English."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def move(lead: Lead, to: str, on: date, by: str | None = None) -> tuple[Lead, StageMove]:
    """Move ``lead`` to the stage named ``to`` on ``on``; the moved lead and the history
    entry to keep. Raises :class:`FunnelError` for an unknown stage or no change."""
    try:
        stage = Stage(to)
    except ValueError:
        raise FunnelError(
            "unknown-stage", f"unknown stage {to!r}", lead=lead.id, stage=to
        ) from None
    try:
        return move_lead(lead, stage, on, by)
    except StageUnchanged as exc:
        raise FunnelError(exc.code, str(exc), **exc.params) from None
