"""The plans that ship with clusterplan, one folder each (package data)."""

BUNDLED = "lifeport-2026"
"""The folder of the plan that commands use when no ``--plan`` is given."""
