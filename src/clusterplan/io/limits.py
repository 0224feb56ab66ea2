"""Bounds on the work one input may cause: an imported table (:class:`ReadLimits`) and the
names a new plan is started from (:class:`StartLimits`).

An imported table is checked before and while it is read.

A file is refused with one line naming the file (and row and column where there is one) and
the limit, before the work the limit protects: bytes before reading, the unpacked size of an
XLSX before openpyxl opens it, rows while streaming (reading stops at the first row over the
limit), cell lengths and the number of cells while reading, name lengths before matching.

Every limit of an import is an operational setting: a default here with its rationale,
changed with an environment variable (:meth:`ReadLimits.from_env`); see
``docs/ecosystem.md``. The limits of a new plan are not: they are the sizes the plan's
files and the platform keep (:data:`START_LIMITS`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Final

from clusterplan.errors import Coded

ENV_PREFIX = "CLUSTERPLAN_IMPORT_"


@dataclass(frozen=True)
class ReadLimits:
    """How large an imported table may be. Each field is read from
    ``CLUSTERPLAN_IMPORT_<FIELD>`` (upper case) by :meth:`from_env`."""

    max_bytes: int = 20 * 1024 * 1024
    """20 MiB on disk or uploaded: a 100,000-row registry is ~5 MB as CSV, ~3 MB as XLSX."""
    max_unpacked_bytes: int = 200 * 1024 * 1024
    """200 MiB unpacked XLSX (every zip member together, declared and actually inflated):
    100,000 full rows unpack to ~60 MB; openpyxl needs several times this in memory."""
    max_rows: int = 100_000
    """Data rows. The benchmarked bound (``python -m benchmarks web``: 100,000 rows commit in
    seconds); a region's registry holds hundreds to a few thousand organisations."""
    max_cell_chars: int = 32_767
    """Characters in one cell: Excel's own limit, so no real workbook exceeds it."""
    max_cells: int = 2_500_000
    """Cells read in all (rows x columns, empty ones included): 100,000 rows of the
    registry's 24 columns, with a margin."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReadLimits:
        """The defaults, each replaced by ``CLUSTERPLAN_IMPORT_<FIELD>`` when that is set.

        Raises
        ------
        ValueError
            When a variable is not a positive whole number (names the variable).
        """
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for f in fields(cls):
            name = ENV_PREFIX + f.name.upper()
            raw = env.get(name)
            if raw is None or not raw.strip():
                continue
            try:
                value = int(raw.strip().replace("_", ""))
            except ValueError:
                raise ValueError(Coded("limits.not_whole", {"name": name, "raw": raw})) from None
            if value <= 0:
                raise ValueError(Coded("limits.not_positive", {"name": name, "raw": raw}))
            values[f.name] = value
        return cls(**values)


@dataclass(frozen=True)
class StartLimits:
    """How large the names a plan is started from may be (``clusterplan init``: ``--name``
    and the lists ``--pillars``, ``--dimensions`` and ``--sources``), checked before any
    file is written. A name over a limit is a typing or pasting error, not a plan."""

    max_name_chars: int = 100
    """The plan's title and each name of a list, in characters: a plan's title and a
    pillar's name are a few words. The id made from a name (``'Über Chips'`` ->
    ``'uber-chips'``, which may be longer: ``'ß'`` -> ``'ss'``) is held to the length of an
    id in a plan (``clusterplan.plan.schema.ID_MAX``)."""
    max_names: int = 50
    """Names in one list: a cluster plan has a handful of pillars, dimensions and sources;
    the files a new plan starts with grow with pillars x dimensions x years."""


START_LIMITS: Final = StartLimits()
"""The limits of a new plan (one declaration: the command line and the core take these)."""
