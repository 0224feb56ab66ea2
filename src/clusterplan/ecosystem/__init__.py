"""The cluster's ecosystem: registry, name matching, imports, white spots, concentration, funnel.

Pure Python: no Django, no file I/O (tables come from :mod:`clusterplan.io.sheets`).
"""

from __future__ import annotations

from clusterplan.ecosystem.concentration import (
    ConcentrationReport,
    PillarConcentration,
    SinglePoint,
    concentration,
    departure_jobs,
    pillar_jobs,
)
from clusterplan.ecosystem.funnel import (
    Lead,
    LeadSource,
    Pipeline,
    SourceStats,
    Stage,
    StageMove,
    WeightedLead,
    acquisition_contribution,
    funnel_stats,
    move_lead,
    probability,
    weighted_pipeline,
)
from clusterplan.ecosystem.importing import ImportPreview, ImportProblem, RowOutcome, preview_import
from clusterplan.ecosystem.names import NameMatch, match_name, normalise_name
from clusterplan.ecosystem.registry import COLUMNS, Registry, registry_from_plan, registry_grid
from clusterplan.ecosystem.settings import EcosystemSettings, SettingsError, ecosystem_settings
from clusterplan.ecosystem.whitespots import WhiteSpotMatrix, white_spots, white_spots_data

__all__ = [
    "COLUMNS",
    "ConcentrationReport",
    "EcosystemSettings",
    "ImportPreview",
    "ImportProblem",
    "Lead",
    "LeadSource",
    "NameMatch",
    "PillarConcentration",
    "Pipeline",
    "Registry",
    "RowOutcome",
    "SettingsError",
    "SinglePoint",
    "SourceStats",
    "Stage",
    "StageMove",
    "WeightedLead",
    "WhiteSpotMatrix",
    "acquisition_contribution",
    "concentration",
    "departure_jobs",
    "ecosystem_settings",
    "funnel_stats",
    "match_name",
    "move_lead",
    "normalise_name",
    "pillar_jobs",
    "preview_import",
    "probability",
    "registry_from_plan",
    "registry_grid",
    "weighted_pipeline",
    "white_spots",
    "white_spots_data",
]
