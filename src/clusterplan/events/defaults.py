"""The defaults of the matching and the scheduler: YAML files beside these modules, each
setting a ``value`` with its rationale, grouped in sections (``weights``, ``limits``, ...)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from clusterplan.io.yaml_io import read_yaml


def default_values(path: Path | None, name: str) -> dict[str, dict[str, Any]]:
    """Per section, each setting's value, from ``path`` or else the packaged file ``name``."""
    source = path or Path(str(files("clusterplan.events").joinpath(name)))
    data = read_yaml(source).data
    return {
        section: {key: setting["value"] for key, setting in settings.items()}
        for section, settings in data.items()
    }
