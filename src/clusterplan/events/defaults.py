"""The defaults of the matching and the scheduler: YAML files beside these modules, each
setting a ``value`` with its rationale, grouped in sections (``weights``, ``limits``, ...)."""

from __future__ import annotations

from dataclasses import fields
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, get_type_hints

from clusterplan.io.yaml_io import read_yaml

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Settings = TypeVar("_Settings", bound="DataclassInstance")


def read_settings(kind: type[_Settings], path: Path | None, name: str) -> _Settings:
    """The settings ``kind`` (a dataclass of numbers) from ``path`` or else the packaged file
    ``name``: each field is the value of the setting of its name (in whichever section), as
    the field's type."""
    source = path or Path(str(files("clusterplan.events").joinpath(name)))
    values = {
        key: setting["value"]
        for settings in read_yaml(source).data.values()
        for key, setting in settings.items()
    }
    types = get_type_hints(kind)
    return kind(**{f.name: types[f.name](values[f.name]) for f in fields(kind)})
