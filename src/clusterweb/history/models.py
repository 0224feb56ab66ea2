"""One row per changed field (or created/deleted object): who, when, what, old and new."""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterweb.fields import number_unit
from clusterweb.history.constants import Action


class Change(models.Model):
    """A change to one field of one object, or the creation or deletion of an object.

    For created and deleted objects ``new_value`` / ``old_value`` hold all field values, so
    that a revert can delete or re-create the object.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(_("user"), max_length=150, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(_("object id"), max_length=100)
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    field = models.CharField(_("field"), max_length=100, blank=True)
    field_label = models.CharField(_("field label"), max_length=200, blank=True)
    old_value = models.JSONField(_("old value"), null=True, blank=True, encoder=DjangoJSONEncoder)
    new_value = models.JSONField(_("new value"), null=True, blank=True, encoder=DjangoJSONEncoder)
    reverts = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reverted_by",
        verbose_name=_("reverts"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.object_repr}.{self.field}: {self.old_value!r} -> {self.new_value!r}"

    def _field(self) -> models.Field[Any, Any] | None:
        """The changed model field; None when the change has none or the model no longer
        has it."""
        model = self.content_type.model_class()
        if model is None or not self.field:
            return None
        try:
            field = model._meta.get_field(self.field)
        except FieldDoesNotExist:
            return None
        return field if isinstance(field, models.Field) else None

    @property
    def unit(self) -> str:
        """The unit of the number the changed field holds (:func:`number_unit`: a year's is
        written without separators); '' for any other field."""
        field = self._field()
        return "" if field is None else number_unit(field)

    @property
    def label(self) -> str:
        """The changed field's name in the page's language (its model field's verbose name);
        the name stored with the change when the model no longer has the field."""
        field = self._field()
        return self.field_label if field is None else str(field.verbose_name)

    def display(self, value: Any) -> Any:
        """A stored value of the changed field as a reader reads it: a value of a field with
        choices by its words in the page's language (the field's choices: the core's
        enumeration words, "Bezoek" for ``visit``); any other value as it is."""
        field = self._field()
        if isinstance(value, str) and field is not None and field.choices:
            return dict(field.flatchoices).get(value, value)
        return value

    @property
    def is_reverted(self) -> bool:
        """True when a later change reverted this one."""
        return self.reverted_by.exists()
