"""Model fields of our own."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


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
