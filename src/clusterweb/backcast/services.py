"""Services of the backcast page (the core model is wired in when it is installed)."""

from __future__ import annotations

import importlib
from types import ModuleType

CORE_MODULE = "clusterplan.model.growth"


def core_module() -> ModuleType | None:
    """The core model this page needs, or None when it is not installed."""
    try:
        return importlib.import_module(CORE_MODULE)
    except ImportError:
        return None
