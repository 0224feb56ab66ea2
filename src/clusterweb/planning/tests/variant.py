"""A plan that is not the bundled one: the bundled plan's data under another identity,
other base jobs and goal, and one assumption no model needs swapped for another (for tests
that check that nothing of the bundled plan leaks into a served plan; ``clusterplan check``
takes it, so the platform does too)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from django.core.management import call_command
from django.test import TestCase

from clusterplan.plan.load import BUNDLED_PLAN_DIR

VARIANT_ID = "voorbeeld-2031"
VARIANT_TITLE = "Groeiplan Voorbeeldcluster Zuidoost"
VARIANT_CLUSTER = "Voorbeeldcluster"
VARIANT_REGION = "Zuidoost"
VARIANT_BASE = {
    "design": 1200,
    "equipment": 1800,
    "production": 2000,
    "packaging_test": 300,
    "applications": 700,
}
VARIANT_GOAL_YEAR = 2033
VARIANT_GOAL_FACTOR = 1.5
VARIANT_ONLY_ASSUMPTION = "voorbeeld.only-here"


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_bundled_plan_without(target: Path, *files: str) -> Path:
    """The bundled plan directory copied into ``target`` without ``files`` (an optional
    part's file, e.g. ``space.yaml``); returns ``target``."""
    shutil.copytree(BUNDLED_PLAN_DIR, target)
    for name in files:
        (target / name).unlink()
    return target


def load_bundled_plan_without(owner: type[TestCase], *files: str) -> Path:
    """Load the bundled plan without ``files`` as the platform's plan, for a test class
    (call it from ``setUpTestData``): its directory lasts as long as the class; returns it."""
    folder = Path(owner.enterClassContext(tempfile.TemporaryDirectory()))
    plan_dir = write_bundled_plan_without(folder / "plan", *files)
    call_command("load_plan", str(plan_dir), "--replace", verbosity=0)
    return plan_dir


def write_variant_plan(target: Path) -> tuple[Path, str]:
    """Write the variant plan into ``target``; return it and the id of the bundled
    assumption it lacks."""
    shutil.copytree(BUNDLED_PLAN_DIR, target)

    def meta(data: dict[str, object]) -> None:
        data.update(
            id=VARIANT_ID, title=VARIANT_TITLE, cluster=VARIANT_CLUSTER, region=VARIANT_REGION
        )

    def employment(data: dict[str, object]) -> None:
        data["base"] = dict(VARIANT_BASE)
        data["printed_base_total"] = sum(VARIANT_BASE.values())
        data["goal"] = {
            "year": VARIANT_GOAL_YEAR,
            "factor": VARIANT_GOAL_FACTOR,
            "source": "Voorbeeldplan, samenvatting",
        }

    removed: list[str] = []

    def assumptions(data: list[dict[str, object]]) -> None:
        removed.append(str(data[-1]["id"]))
        data[-1] = {**data[-1], "id": VARIANT_ONLY_ASSUMPTION}

    _edit(target / "meta.yaml", meta)
    _edit(target / "employment.yaml", employment)
    _edit(target / "assumptions" / "talent.yaml", assumptions)  # one no model needs
    return target, removed[0]
