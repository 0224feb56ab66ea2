"""Load a plan directory into a validated :class:`Plan`.

A plan directory holds one YAML file per section (``meta.yaml``, ``finance.yaml``, ...).
Every problem is reported with the file, the line, the field path and the reason; all
problems of a directory are collected before :class:`PlanError` is raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from clusterplan.io.yaml_io import YamlDocument, YamlError, read_yaml
from clusterplan.plan.schema import Plan

SECTIONS: tuple[str, ...] = tuple(Plan.model_fields)
BUNDLED_PLAN_DIR = Path(__file__).resolve().parent.parent / "plans" / "lifeport-2026"

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong with a plan: where it is and why, in plain words."""

    file: str
    line: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(file)'}: {self.reason}"


class PlanError(Exception):
    """A plan that cannot be used; ``problems`` says everything that is wrong."""

    def __init__(self, problems: Sequence[PlanProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def field_path(loc: Iterable[str | int]) -> str:
    """Render a location as ``projects[2].costs_meur.2027``."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not (1900 <= part <= 2200):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _plain_reason(error: ErrorDetails) -> str:
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    shown = repr(given) if not isinstance(given, dict | list) else type(given).__name__
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (not part of the plan schema; check the spelling)"
    if kind in ("greater_than_equal", "greater_than") and ctx.get("ge", ctx.get("gt")) == 0:
        return f"must not be negative (got {shown})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))} (got {shown})"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number (got {shown})"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number (got {shown})"
    if kind in ("bool_parsing", "bool_type"):
        return f"must be true or false (got {shown})"
    if kind in ("string_type",):
        return f"must be text (got {shown})"
    if kind in ("list_type",):
        return f"must be a list (got {shown})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of fields (got {shown})"
    if kind == "literal_error" or kind == "enum":
        return f"must be one of {ctx.get('expected')} (got {shown})"
    if kind == "string_pattern_mismatch":
        return f"ids use lower-case letters, digits, '-' and '_' (got {shown})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']} (got {shown})"


def _problems_from_validation(
    exc: ValidationError, docs: dict[str, YamlDocument], plan_dir: Path
) -> list[PlanProblem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        section = str(loc[0]) if loc else ""
        inner = loc[1:]
        # pydantic marks a failing dict key with a trailing '[key]'.
        inner = tuple(p for p in inner if p != "[key]")
        doc = docs.get(section)
        file = str(doc.path) if doc else str(plan_dir / f"{section}.yaml")
        line = doc.line_of(inner) if doc else None
        problems.append(PlanProblem(file, line, field_path(inner), _plain_reason(error)))
    return problems


def read_plan_documents(plan_dir: Path) -> tuple[dict[str, YamlDocument], list[PlanProblem]]:
    """Read every section file of a plan directory (no validation yet)."""
    docs: dict[str, YamlDocument] = {}
    problems: list[PlanProblem] = []
    if not plan_dir.is_dir():
        raise PlanError([PlanProblem(str(plan_dir), None, "", "not a plan directory")])
    for section in SECTIONS:
        path = plan_dir / f"{section}.yaml"
        if not path.exists():
            if section == "assumptions":
                continue
            problems.append(PlanProblem(str(path), None, "", "file is missing"))
            continue
        try:
            docs[section] = read_yaml(path)
        except YamlError as exc:
            problems.append(PlanProblem(str(exc.path), exc.line, "", exc.reason))
    return docs, problems


def load_plan(plan_dir: Path | str | None = None) -> Plan:
    """Load and fully validate a plan directory (default: the bundled Lifeport plan)."""
    from clusterplan.plan.validate import cross_check

    path = Path(plan_dir) if plan_dir is not None else BUNDLED_PLAN_DIR
    docs, problems = read_plan_documents(path)
    if problems:
        raise PlanError(problems)
    raw: dict[str, Any] = {name: doc.data for name, doc in docs.items()}
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(_problems_from_validation(exc, docs, path)) from None
    problems = [
        PlanProblem(
            str(docs[section].path) if section in docs else str(path / f"{section}.yaml"),
            docs[section].line_of(loc) if section in docs else None,
            field_path(loc),
            reason,
        )
        for section, loc, reason in cross_check(plan)
    ]
    if problems:
        raise PlanError(problems)
    return plan


_CACHE: dict[Path, Plan] = {}


def bundled_plan() -> Plan:
    """The bundled Lifeport plan, loaded once per process."""
    if BUNDLED_PLAN_DIR not in _CACHE:
        _CACHE[BUNDLED_PLAN_DIR] = load_plan(BUNDLED_PLAN_DIR)
    return _CACHE[BUNDLED_PLAN_DIR]
