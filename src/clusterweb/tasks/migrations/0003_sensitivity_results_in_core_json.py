"""A stored sensitivity result takes the core's JSON forms.

The result of a finished ``scenarios.sensitivity`` task held the Sobol indices and the PRIM
boxes as the fields of the core's dataclasses (``names``, ``first``, ... lists; ``limits`` as
``[lower, upper]`` pairs; ``trajectory``). It now holds what
``clusterplan.model.sensitivity.sobol_json`` and ``discovery_json`` write (the command
line's ``--json``): the input names in order and the indices by name (``S1``, ``S1_conf``,
``ST``, ``ST_conf``), limits as ``{"lower", "upper"}``, ``peeling_trajectory`` and the
inputs in order. Both directions keep every figure; the forms are frozen here, like every
migration.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

KIND = "scenarios.sensitivity"
INDEX_KEYS = {"first": "S1", "first_conf": "S1_conf", "total": "ST", "total_conf": "ST_conf"}
"""Former list field -> the index's key in the core's JSON form."""


def _form(result: dict[str, Any]) -> str | None:
    """``former`` or ``core`` by the Sobol indices of jobs; None for another result."""
    jobs = result.get("sobol", {}).get("jobs", {})
    if "indices" in jobs:
        return "core"
    return "former" if "first" in jobs else None


def _indices_to_core(d: dict[str, Any]) -> dict[str, Any]:
    rows = {
        name: {key: None if d[field] is None else d[field][i] for field, key in INDEX_KEYS.items()}
        for i, name in enumerate(d["names"])
    }
    return {"output": d["output"], "variance": d["variance"], "names": d["names"], "indices": rows}


def _indices_to_former(d: dict[str, Any]) -> dict[str, Any]:
    rows, names = d["indices"], d["names"]
    out: dict[str, Any] = {"output": d["output"], "names": names}
    for field, key in INDEX_KEYS.items():
        values = [rows[name][key] for name in names]
        out[field] = None if all(v is None for v in values) else values
    out["variance"] = d["variance"]
    return out


def _ranges_to_core(ranges: dict[str, Any]) -> dict[str, Any]:
    return {k: {"lower": lo, "upper": hi} for k, (lo, hi) in ranges.items()}


def _ranges_to_former(ranges: dict[str, Any]) -> dict[str, Any]:
    return {k: [r["lower"], r["upper"]] for k, r in ranges.items()}


def _to_core(result: dict[str, Any]) -> dict[str, Any]:
    sobol, discovery = result["sobol"], result["discovery"]
    rest = {k: v for k, v in discovery.items() if k not in ("boxes", "trajectory", "input_ranges")}
    return {
        **result,
        "sobol": {
            **sobol,
            "jobs": _indices_to_core(sobol["jobs"]),
            "goal_reached": _indices_to_core(sobol["goal_reached"]),
        },
        "discovery": {
            **rest,
            "boxes": [
                {
                    "coverage": b["coverage"],
                    "density": b["density"],
                    "mass": b["mass"],
                    "limits": _ranges_to_core(b["limits"]),
                }
                for b in discovery["boxes"]
            ],
            "peeling_trajectory": discovery["trajectory"],
            "inputs": list(discovery["input_ranges"]),
            "input_ranges": _ranges_to_core(discovery["input_ranges"]),
        },
    }


def _to_former(result: dict[str, Any]) -> dict[str, Any]:
    sobol, discovery = result["sobol"], result["discovery"]
    rest = {
        k: v
        for k, v in discovery.items()
        if k not in ("boxes", "peeling_trajectory", "inputs", "input_ranges")
    }
    return {
        **result,
        "sobol": {
            **sobol,
            "jobs": _indices_to_former(sobol["jobs"]),
            "goal_reached": _indices_to_former(sobol["goal_reached"]),
        },
        "discovery": {
            **rest,
            "boxes": [
                {
                    "limits": _ranges_to_former(b["limits"]),
                    "coverage": b["coverage"],
                    "density": b["density"],
                    "mass": b["mass"],
                }
                for b in discovery["boxes"]
            ],
            "trajectory": discovery["peeling_trajectory"],
            "input_ranges": _ranges_to_former(discovery["input_ranges"]),
        },
    }


def forwards(apps: Any, schema_editor: Any) -> None:
    TaskRecord = apps.get_model("tasks", "TaskRecord")
    for record in TaskRecord.objects.filter(kind=KIND, result__isnull=False):
        if _form(record.result) == "former":
            record.result = _to_core(record.result)
            record.save(update_fields=["result"])


def backwards(apps: Any, schema_editor: Any) -> None:
    TaskRecord = apps.get_model("tasks", "TaskRecord")
    for record in TaskRecord.objects.filter(kind=KIND, result__isnull=False):
        if _form(record.result) == "core":
            record.result = _to_former(record.result)
            record.save(update_fields=["result"])


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0002_task_reasons"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
