"""Form data that tests post: a valid form, with the changes a test makes to it."""

from __future__ import annotations


def commitment_post(**changes: str) -> dict[str, str]:
    """The new-commitment form's data for a valid commitment to a project line."""
    return {
        "line": "acp",
        "source": "regional",
        "amount_meur": "5",
        "year": "2027",
        "status": "applied",
        "instrument": "",
        "evidence": "letter",
        "note": "",
    } | changes
