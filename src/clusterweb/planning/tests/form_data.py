"""Form data that tests post: a valid form, for a test to change (``COMMITMENT_FORM | {...}``)."""

from __future__ import annotations

# The new-commitment form's data for a valid commitment to a project line.
COMMITMENT_FORM = {
    "line": "acp",
    "source": "regional",
    "amount_meur": "5",
    "year": "2027",
    "status": "applied",
    "instrument": "",
    "evidence": "letter",
    "note": "",
}
