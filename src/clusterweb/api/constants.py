"""Tokens of the JSON API: their form and limits."""

TOKEN_PREFIX = "cpt"
"""Every token starts with ``cpt_`` so that a leaked one is recognisable (secret scanners)."""

TOKEN_ID_LENGTH = 8
"""Characters of the public part shown on the token page (identifies, never authenticates)."""

TOKEN_SECRET_BYTES = 32
"""256 random bits: a token cannot be guessed, so only its SHA-256 digest is stored."""

MAX_TOKENS_PER_USER = 20
"""Active tokens one user may hold: one per script or machine is plenty; a cap keeps a
looping script from filling the table."""

TOKEN_FAILURE_USERNAME = "(api token)"
"""The name a refused API token is recorded under in the login attempts: the address
lockout (``LOGIN_LOCKOUT_ADDRESS_FAILURES``) counts it like a failed password."""
