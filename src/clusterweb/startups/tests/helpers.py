"""A sample start-up for tests."""

from __future__ import annotations

from clusterweb.startups.models import StartUp


def make_startup(
    key: str, founded: int = 2020, organisation: str = "", **fields: object
) -> StartUp:
    """A start-up named after its key: seed stage, incubation programme, the design pillar,
    unless ``fields`` say otherwise."""
    data: dict[str, object] = {
        "key": key,
        "name": key.replace("-", " ").title(),
        "organisation": organisation,
        "stage": "seed",
        "programme": "incubation",
        "founded": founded,
        "pillar": "design",
    }
    data.update(fields)
    return StartUp.objects.create(**data)
