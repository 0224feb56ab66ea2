"""Model fields of our own, and the unused key a new row gets."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils.deconstruct import deconstructible

from clusterplan.plan.bounds import BY_NAME, Bound
from clusterplan.plan.schema import id_from_name
from clusterweb.errors import reason_sentence
from clusterweb.formats.fields import range_reason


class OrderedJSONField(models.TextField):  # type: ignore[type-arg]
    """JSON kept as text, so objects keep their key order on every database.

    PostgreSQL's ``jsonb`` sorts object keys; a plan document read back from it would list
    pillars, projects and assumption mappings in another order than the plan file, and the
    Monte Carlo engine, which draws inputs in that order, would give other samples for the
    same seed than the command line. Queries into the JSON are not needed for these fields.
    """

    def __init__(
        self, *args: Any, encoder: type[json.JSONEncoder] = DjangoJSONEncoder, **kwargs: Any
    ) -> None:
        self.encoder = encoder
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.encoder is not DjangoJSONEncoder:
            kwargs["encoder"] = self.encoder
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return value  # a Python value already (a string value is a JSON string, not JSON text)

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.dumps(value, cls=self.encoder, ensure_ascii=False, allow_nan=False)

    def value_to_string(self, obj: models.Model) -> str:
        return str(self.get_prep_value(self.value_from_object(obj)))


def unused_key(model: type[models.Model], name: str, fallback: str) -> str:
    """An unused ``key`` of ``model`` made from a name: its slug (``fallback`` when the name
    has no letters or digits), with ``-2``, ``-3``, ... added when it is taken."""
    base = id_from_name(name) or fallback
    key, n = base, 2
    while model._default_manager.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def acting_user(verbose_name: str) -> Any:
    """The user who set, entered or imported a row: optional, emptied (the row kept) when the
    user is deleted, and without a reverse accessor on the user."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@deconstructible(path="clusterweb.fields.WithinBound")
class WithinBound:
    """A stored number's validator: the value lies in the core's declared :class:`Bound`
    (named, so a migration records the name and the range stays declared once), refused
    in the core's words and the page's notation, as a form's number field refuses it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.bound: Bound = BY_NAME[name]  # KeyError: a name the core does not declare

    def __call__(self, value: Any) -> None:
        problem = self.bound.problem(value)
        if problem is None:
            return
        if problem.code in ("value.between", "value.negative_between"):
            raise ValidationError(range_reason(self.bound, value), code="range")
        raise ValidationError(reason_sentence(problem), code=problem.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WithinBound) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)


def within(bound: Bound) -> list[WithinBound]:
    """The validators of a model field holding a number of ``bound``."""
    return [WithinBound(bound.name)]


def number_unit(*fields: Any) -> str:
    """The unit of the number a field holds, from the first of ``fields`` that declares a
    :class:`Bound` (a form's :class:`~clusterweb.formats.fields.NumberField`, or a model
    field by its :class:`WithinBound` validator); '' when none does. With it, the one
    formatter writes a year without separators."""
    for field in fields:
        bound = getattr(field, "bound", None)
        if bound is None:
            validators = getattr(field, "validators", ())
            bound = next((v.bound for v in validators if isinstance(v, WithinBound)), None)
        if isinstance(bound, Bound):
            return bound.unit
    return ""


def alphabetical(field: str = "name") -> list[Any]:
    """The order a person reads names in: by ``field`` whatever its case ('delta lab'
    between 'Cobalt' and 'EPSILON', not after every capitalised name; 'Alpha' before 'ALTO'),
    then as written, so that the order is the same on every database. The models that list
    names order by it (``Meta.ordering``); a query takes that order without saying it again."""
    return [Lower(field), field]
