"""Read a re-phasing value table (jobs in the goal year per project and option) from JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.io.yaml_io import MAX_YAML_BYTES, YamlError, read_limited
from clusterplan.plan.bounds import JOBS


class ValueTableError(ClusterplanError, ValueError):
    """A value table file that cannot be read (message says why)."""

    default_code = "value_table.detail"


def read_value_table(path: Path) -> dict[str, dict[tuple[int, int], float]]:
    """Read ``{"project": {"SHIFT,STRETCH": jobs, ...}, ...}`` from a JSON file.

    Raises
    ------
    ValueTableError
        When the file is missing, not JSON, or not shaped as above, or a number of jobs is
        not a finite number within :data:`~clusterplan.plan.bounds.JOBS`.
    """
    try:
        raw = json.loads(read_limited(path, MAX_YAML_BYTES).decode("utf-8"))
    except YamlError as exc:
        raise ValueTableError(
            code="value_table.unreadable", params={"path": str(path), "reason": exc.reason}
        ) from None
    except UnicodeDecodeError:
        raise ValueTableError(
            code="value_table.unreadable",
            params={"path": str(path), "reason": Coded("file.not_utf8")},
        ) from None
    except json.JSONDecodeError as exc:
        raise ValueTableError(
            code="value_table.json_syntax",
            params={"path": str(path), "line": exc.lineno, "column": exc.colno},
        ) from None
    except ValueError as exc:
        raise ValueTableError(
            code="value_table.not_json", params={"path": str(path), "detail": str(exc)}
        ) from None
    if not isinstance(raw, dict):
        raise ValueTableError(code="value_table.not_object", params={"path": str(path)})
    table: dict[str, dict[tuple[int, int], float]] = {}
    for pid, options in raw.items():
        if not isinstance(options, dict):
            raise ValueTableError(
                code="value_table.not_mapping", params={"path": str(path), "id": pid}
            )
        table[str(pid)] = {}
        for key, jobs in options.items():
            shift, sep, stretch = str(key).partition(",")
            try:
                if not sep:
                    raise ValueError
                value = float(jobs)
            except (TypeError, ValueError):
                raise ValueTableError(
                    code="value_table.option",
                    params={"path": str(path), "id": pid, "key": repr(key)},
                ) from None
            problem = JOBS.problem(value)
            if problem is not None:  # nan or inf stopped the solver with a traceback
                shown = value if math.isfinite(value) else str(jobs)
                raise ValueTableError(
                    code="value_table.jobs",
                    params={
                        "path": str(path),
                        "id": pid,
                        "key": repr(key),
                        "problem": problem,
                        "value": shown,
                    },
                )
            table[str(pid)][(int(shift), int(stretch))] = value
    return table
