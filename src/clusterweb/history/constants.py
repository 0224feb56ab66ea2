from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What a change did to its object."""

    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
