"""A small, known registry and taxonomy for the ecosystem tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clusterplan.ecosystem import EcosystemSettings, Registry, ecosystem_settings
from clusterplan.plan.schema import Organisation, Plan, Taxonomy


def org(id_: str, **fields: object) -> Organisation:
    """An organisation with the given fields (kind supplier unless given)."""
    data: dict[str, object] = {"id": id_, "name": id_.title(), "kind": "supplier", "source": "test"}
    data.update(fields)
    return Organisation.model_validate(data)


@pytest.fixture(scope="session")
def settings(plan: Plan) -> EcosystemSettings:
    """The bundled defaults, with a thin-cell threshold of 1 and region-only counting."""
    return replace(ecosystem_settings(plan), thin_max_organisations=1, region_only=True)


@pytest.fixture(scope="session")
def taxonomy(plan: Plan) -> Taxonomy:
    """The bundled taxonomy (4 segments, 6 technologies, 8 markets, 5 pillars)."""
    return plan.taxonomy


@pytest.fixture
def small() -> Registry:
    """Four regional organisations and one outside the region, with known jobs."""
    return Registry(
        (
            org(
                "a",
                segments=["back_end"],
                technologies=["advanced_packaging"],
                markets=["automotive"],
                pillars=["equipment"],
                jobs=300,
            ),
            org(
                "b",
                segments=["back_end"],
                technologies=["advanced_packaging"],
                pillars=["equipment"],
                jobs=100,
            ),
            org(
                "c",
                segments=["front_end", "design"],
                technologies=["photonics"],
                pillars=["design", "production"],
                jobs=600,
            ),
            org("d", segments=["back_end"], technologies=["quantum"], pillars=["packaging_test"]),
            org(
                "far",
                segments=["system_integration"],
                technologies=["photonics"],
                pillars=["applications"],
                jobs=50,
                in_region=False,
            ),
        )
    )
