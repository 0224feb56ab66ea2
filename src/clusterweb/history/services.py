"""Record changes and revert them.

Any app records its changes with :func:`record_update`, :func:`record_create` and
:func:`record_delete`, or saves and records them in one step with :func:`save_new` and
:func:`save_changes`. An app may register a validator per model
(:func:`register_validator`): it runs inside the revert's transaction and raises
``django.core.exceptions.ValidationError`` to refuse a revert that would break its data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from clusterweb.history.constants import Action
from clusterweb.history.models import Change
from clusterweb.presentation import entered

Validator = Callable[[], None]
M = TypeVar("M", bound=models.Model)
_VALIDATORS: dict[str, list[Validator]] = {}


def register_validator(model: type[models.Model], validator: Validator) -> None:
    """Run ``validator`` after a revert touches an object of ``model`` (raise to refuse)."""
    _VALIDATORS.setdefault(model._meta.label_lower, []).append(validator)


def run_validators(model: type[models.Model]) -> None:
    """Run every validator registered for a model."""
    for validator in _VALIDATORS.get(model._meta.label_lower, []):
        validator()


def _user_fields(user: Any) -> dict[str, Any]:
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user": user, "username": user.get_username()}
    return {"user": None, "username": ""}


def _object_repr(obj: models.Model) -> str:
    """How the history names ``obj``: in the site's language (``LANGUAGE_CODE``), as the
    plan's own names are, whoever changed it (a name made of translated words, 'Talent
    target 2028', was kept in the editor's language), so the object filter finds it."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(obj)[:300]


def _record(user: Any, obj: models.Model, action: str, note: str, **values: Any) -> Change:
    """Keep one change of ``obj`` by ``user`` (``values``: what changed)."""
    return Change.objects.create(
        **_user_fields(user),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=_object_repr(obj),
        action=action,
        note=note,
        **values,
    )


def field_label(obj: models.Model, field: str) -> str:
    """The verbose name of a model field."""
    return str(obj._meta.get_field(field).verbose_name)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """All concrete field values of an object (foreign keys as ids), JSON-able."""
    data: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        data[f.attname] = f.value_from_object(obj)
    return data


def record_update(
    user: Any, obj: models.Model, field: str, old: Any, new: Any, note: str = ""
) -> Change | None:
    """Keep a changed field (nothing when the value did not change)."""
    if old == new:
        return None
    return _record(
        user,
        obj,
        Action.UPDATE,
        note,
        field=field,
        field_label=field_label(obj, field)[:200],
        old_value=old,
        new_value=new,
    )


def record_fields(
    user: Any, obj: models.Model, before: dict[str, Any], fields: Iterable[str], note: str = ""
) -> list[Change]:
    """Keep every field of ``fields`` whose value differs from ``before``."""
    changes = []
    for name in fields:
        change = record_update(user, obj, name, before.get(name), getattr(obj, name), note)
        if change is not None:
            changes.append(change)
    return changes


def record_create(user: Any, obj: models.Model, note: str = "") -> Change:
    """Keep the creation of an object (with all its values)."""
    return _record(user, obj, Action.CREATE, note, new_value=snapshot(obj))


def record_delete(user: Any, obj: models.Model, note: str = "") -> Change:
    """Keep the deletion of an object (call before deleting it)."""
    return _record(user, obj, Action.DELETE, note, old_value=snapshot(obj))


def save_new(user: Any, obj: M, check: Callable[[M], None] | None = None) -> M:
    """Validate a new object (``full_clean``, then ``check``), save it and keep its creation."""
    obj.full_clean()
    if check is not None:
        check(obj)
    obj.save()
    record_create(user, obj)
    return obj


def save_changes(
    user: Any,
    obj: M,
    values: Mapping[str, Any],
    recorded: Iterable[str],
    *,
    check: Callable[[M], None] | None = None,
    note: str = "",
) -> None:
    """Set ``values`` on an object, validate it (``full_clean``, then ``check``), save it and
    keep every field of ``recorded`` whose value changed."""
    recorded = tuple(recorded)
    before = {f: getattr(obj, f) for f in recorded}
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    if check is not None:
        check(obj)
    obj.save()
    record_fields(user, obj, before, recorded, note)


def _as_json(value: Any) -> Any:
    """A value as it is stored in the history (so stored and live values compare)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def revert(change: Change, user: Any) -> Change:
    """Undo one change; the undo is itself a change. Raises ValidationError when refused."""
    if change.is_reverted:
        raise ValidationError(_("This change has already been reverted."))
    model = change.content_type.model_class()
    if model is None:
        raise ValidationError(_("The changed object no longer exists."))
    note = _("Revert of change %(id)s") % {"id": change.pk}
    with transaction.atomic():
        if change.action == Action.UPDATE:
            obj = model._default_manager.select_for_update().filter(pk=change.object_id).first()
            if obj is None:
                raise ValidationError(_("The changed object no longer exists."))
            current = getattr(obj, change.field)
            if _as_json(current) != _as_json(change.new_value):
                raise ValidationError(
                    _(
                        "This field has been changed again since (now %(current)s); "
                        "revert the later change first."
                    )
                    % {"current": entered(current, change.unit)}
                )
            setattr(obj, change.field, change.old_value)
            obj.full_clean()
            obj.save(update_fields=[change.field])
            obj.refresh_from_db()
            undo = Change.objects.create(
                **_user_fields(user),
                content_type=change.content_type,
                object_id=change.object_id,
                object_repr=_object_repr(obj),
                action=Action.UPDATE,
                field=change.field,
                field_label=change.field_label,
                old_value=current,
                new_value=getattr(obj, change.field),
                reverts=change,
                note=note,
            )
        elif change.action == Action.CREATE:
            obj = model._default_manager.filter(pk=change.object_id).first()
            if obj is None:
                raise ValidationError(_("The changed object no longer exists."))
            undo = record_delete(user, obj, note)
            undo.reverts = change
            undo.save(update_fields=["reverts"])
            obj.delete()
        else:
            values = dict(change.old_value or {})
            if model._default_manager.filter(pk=change.object_id).exists():
                raise ValidationError(_("The object exists again; nothing to restore."))
            obj = model(**values)
            obj.full_clean(validate_unique=True)
            obj.save(force_insert=True)
            undo = record_create(user, obj, note)
            undo.reverts = change
            undo.save(update_fields=["reverts"])
        run_validators(model)
    return undo
