"""Form data that tests post: a valid form, for a test to change (``COMMITMENT_FORM | {...}``)."""

from __future__ import annotations

from django.urls import reverse

from clusterweb.planning.models import Commitment
from clusterweb.testing import PersonaTestCase

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


def assert_commitment_refused(test: PersonaTestCase, **changes: str) -> None:
    """The editor posts the new-commitment form with these values changed: the form is shown
    again (200, not the redirect of a save) and no commitment is stored."""
    test.login(test.editor)
    response = test.client.post(reverse("planning:commitment_add"), COMMITMENT_FORM | changes)
    test.assertEqual(response.status_code, 200)
    test.assertFalse(Commitment.objects.exists())
