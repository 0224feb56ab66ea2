"""Load a plan directory into a validated :class:`Plan`.

A plan directory holds one YAML file per section (``meta.yaml``, ``finance.yaml``, ...).
Every problem is reported with the file, the line, the field path and the reason; all
problems of a directory are collected before :class:`PlanError` is raised.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from clusterplan.errors import ClusterplanError, Coded, ProblemsError, localise
from clusterplan.i18n import Count
from clusterplan.io.yaml_io import YamlDocument, YamlError, read_yaml, shorten, shorten_message
from clusterplan.plan.bounds import YEAR
from clusterplan.plan.schema import Plan
from clusterplan.plans import BUNDLED

SECTIONS: tuple[str, ...] = tuple(Plan.model_fields)

OPTIONAL_SECTIONS: frozenset[str] = frozenset(
    name for name, info in Plan.model_fields.items() if not info.is_required()
)
"""Sections a plan may leave out (their file may be absent or empty): space, talent,
governance, facts, organisations, monitoring (see :mod:`clusterplan.plan.parts`)."""
BUNDLED_PLAN_DIR = Path(__file__).resolve().parent.parent / "plans" / BUNDLED

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class PlanProblem:
    """One thing wrong with a plan: where it is and why, in plain words."""

    file: str
    line: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str | None = None) -> str:
        """The problem in ``lang`` (default: this run's language): where, field, reason."""
        from clusterplan.i18n import gettext

        where = f"{self.file}:{self.line}" if self.line else self.file
        field = self.field or gettext("(file)", lang)
        return f"{where}: {field}: {localise(self.reason, lang)}"


class PlanError(ProblemsError[PlanProblem]):
    """A plan that cannot be used; ``problems`` says everything that is wrong."""

    default_code = "plan.invalid"


def field_path(loc: Iterable[str | int]) -> str:
    """Render a location as ``projects[2].costs_meur.2027``."""
    out = ""
    for part in loc:
        if isinstance(part, int) and YEAR.problem(part) is not None:  # a year is a key
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _bound(value: Any) -> str:
    """A schema bound as written in the schema (100000, 0.5), not regrouped."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def plain_reason(error: ErrorDetails) -> Coded:
    """A pydantic error as a coded reason in plain words (the interfaces translate it),
    with the value it was given when the error still holds it (an API strips it)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Coded("value.missing")
    if kind == "extra_forbidden":
        return Coded("value.unknown_field")
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, ClusterplanError):
            return cause.coded
        if isinstance(cause, BaseException) and cause.args and isinstance(cause.args[0], Coded):
            return cause.args[0]
        detail = str(cause or error.get("msg", ""))
        return Coded("value.invalid", {"detail": shorten_message(detail)})
    if kind == "string_too_long" and isinstance(error.get("input"), str):
        length = {"length": Count(len(error["input"])), "limit": Count(ctx["max_length"])}
        return Coded("value.too_long", length)  # the length says more than a cut text
    if kind == "string_too_long" and "max_length" in ctx:  # an API strips the input
        return Coded("value.too_long_limit", {"limit": Count(ctx["max_length"])})
    reason = _bare_reason(kind, ctx, error.get("msg", ""))
    if "input" not in error:
        return reason
    given = error["input"]
    if isinstance(given, dict | list):  # in words, not Python's type name ('list')
        kind = "value.given_list" if isinstance(given, list) else "value.given_mapping"
        return Coded("value.problem_got", {"problem": reason, "value": Coded(kind)})
    shown = shorten(given)
    return Coded("value.problem_got", {"problem": reason, "value": shown})


def _bare_reason(kind: str, ctx: Mapping[str, Any], text: str) -> Coded:
    """Why a value of this pydantic error type is refused, without the value."""
    low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
    if kind in ("greater_than_equal", "greater_than"):
        if low == 0:
            return Coded("value.not_negative")
        return Coded("value.at_least", {"low": _bound(low)})
    if kind in ("less_than_equal", "less_than"):
        return Coded("value.at_most", {"high": _bound(high)})
    if kind == "int_parsing_size":  # more digits than a whole number is read with
        return Coded("value.too_many_digits", {"limit": Count(sys.get_int_max_str_digits())})
    named = {
        ("int_parsing", "int_type", "int_from_float"): "value.not_whole",
        ("float_parsing", "float_type", "finite_number"): "value.not_number",
        ("bool_parsing", "bool_type"): "value.boolean",
        ("string_type",): "value.text",
        ("list_type",): "value.list",
        ("dict_type", "model_type", "model_attributes_type"): "value.mapping",
        ("string_pattern_mismatch",): "value.id_chars",
        ("string_too_long",): "value.too_long_text",
    }
    for kinds, code in named.items():
        if kind in kinds:
            return Coded(code)
    if kind.startswith(("date_parsing", "date_type", "date_from_datetime")):
        return Coded("value.date")
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected"))
        # pydantic joins the choices in English ("'a', 'b' or 'c'"): list them without it
        choices = ", ".join(re.findall(r"'[^']*'", expected)) or expected
        return Coded("value.one_of", {"choices": choices})
    return Coded("value.invalid", {"detail": text})


def _locate(
    section: str, inner: Loc, docs: dict[str, YamlDocument], merged: _ListParts
) -> tuple[YamlDocument | None, Loc]:
    """The document and the location inside it of a section-level location."""
    if (
        section == "assumptions"
        and inner
        and isinstance(inner[0], int)
        and inner[0] < len(merged.origin)
    ):
        doc, local = merged.origin[inner[0]]
        return doc, (local, *inner[1:])
    return docs.get(section), inner


def _problems_from_validation(
    exc: ValidationError, docs: dict[str, YamlDocument], merged: _ListParts, plan_dir: Path
) -> list[PlanProblem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        section = str(loc[0]) if loc else ""
        # pydantic marks a failing dict key with a trailing '[key]'.
        inner = tuple(p for p in loc[1:] if p != "[key]")
        doc, inner = _locate(section, inner, docs, merged)
        file = str(doc.path) if doc else str(plan_dir / f"{section}.yaml")
        line = doc.line_of(inner) if doc else None
        if doc is not None and doc.data is None and not inner:  # no value to name
            problems.append(PlanProblem(file, None, "", Coded("plan.file_empty")))
            continue
        problems.append(PlanProblem(file, line, field_path(inner), plain_reason(error)))
    return problems


def _merge_lists(docs: list[YamlDocument], problems: list[PlanProblem]) -> _ListParts | None:
    """Concatenate list documents (``assumptions.yaml`` plus ``assumptions/*.yaml``)."""
    parts = _ListParts()
    for doc in docs:
        if doc.data is None:
            continue
        if not isinstance(doc.data, list):
            problems.append(PlanProblem(str(doc.path), 1, "", Coded("plan.not_a_list")))
            continue
        for local in range(len(doc.data)):
            parts.items.append(doc.data[local])
            parts.origin.append((doc, local))
    return parts


@dataclass
class _ListParts:
    items: list[Any] = field(default_factory=list)
    origin: list[tuple[YamlDocument, int]] = field(default_factory=list)


def read_plan_documents(
    plan_dir: Path,
) -> tuple[dict[str, YamlDocument], list[PlanProblem], _ListParts]:
    """Read every section file of a plan directory (no validation yet).

    Assumptions may be split over ``assumptions.yaml`` and ``assumptions/*.yaml``.
    """
    docs: dict[str, YamlDocument] = {}
    problems: list[PlanProblem] = []
    if not plan_dir.is_dir():
        raise PlanError([PlanProblem(str(plan_dir), None, "", Coded("plan.not_a_directory"))])
    assumption_docs: list[YamlDocument] = []
    for section in SECTIONS:
        path = plan_dir / f"{section}.yaml"
        # lexists: a dangling link or a link loop is read (and reported as such), not "missing".
        paths = [path] if os.path.lexists(path) else []
        if section == "assumptions":
            paths += sorted((plan_dir / "assumptions").glob("*.yaml"))
        elif not paths:
            if section not in OPTIONAL_SECTIONS:
                problems.append(PlanProblem(str(path), None, "", Coded("plan.file_missing")))
            continue
        for one in paths:
            try:
                doc = read_yaml(one, root=plan_dir)
            except YamlError as exc:
                problems.append(PlanProblem(str(exc.path), exc.line, "", exc.reason))
                continue
            if section == "assumptions":
                assumption_docs.append(doc)
            else:
                docs[section] = doc
    merged = _merge_lists(assumption_docs, problems) or _ListParts()
    return docs, problems, merged


def load_plan(plan_dir: Path | str | None = None) -> Plan:
    """Load and fully validate a plan directory (default: the bundled plan)."""
    from clusterplan.plan.validate import cross_check

    path = Path(plan_dir) if plan_dir is not None else BUNDLED_PLAN_DIR
    docs, problems, merged = read_plan_documents(path)
    if problems:
        raise PlanError(problems)
    # An empty file of an optional part (e.g. a facts.yaml with only comments) is as
    # good as no file: the part is absent.
    raw: dict[str, Any] = {
        name: doc.data
        for name, doc in docs.items()
        if not (doc.data is None and name in OPTIONAL_SECTIONS)
    }
    raw["assumptions"] = merged.items
    try:
        plan = Plan.model_validate(raw)
    except ValidationError as exc:
        raise PlanError(_problems_from_validation(exc, docs, merged, path)) from None
    problems = []
    for section, section_loc, reason in cross_check(plan):
        doc, loc = _locate(section, section_loc, docs, merged)
        file = str(doc.path) if doc else str(path / f"{section}.yaml")
        line = doc.line_of(loc) if doc else None
        shown = reason if isinstance(reason, Coded) else shorten_message(reason)
        problems.append(PlanProblem(file, line, field_path(loc), shown))
    if problems:
        raise PlanError(problems)
    return plan


_CACHE: dict[Path, Plan] = {}


def bundled_plan() -> Plan:
    """The bundled plan, loaded once per process."""
    if BUNDLED_PLAN_DIR not in _CACHE:
        _CACHE[BUNDLED_PLAN_DIR] = load_plan(BUNDLED_PLAN_DIR)
    return _CACHE[BUNDLED_PLAN_DIR]
