"""Roles. Each role is a Django group with this name; admins are also superusers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user may do. viewer < editor < admin; partner stands apart."""

    VIEWER = "viewer", _("Viewer (steering group)")
    EDITOR = "editor", _("Editor (programme office)")
    PARTNER = "partner", _("Partner (own organisation)")
    ADMIN = "admin", _("Administrator")


# Roles that include another: an editor may read, an admin may edit.
ROLE_INCLUDES: dict[str, set[str]] = {
    Role.VIEWER: {Role.VIEWER},
    Role.EDITOR: {Role.VIEWER, Role.EDITOR},
    Role.ADMIN: {Role.VIEWER, Role.EDITOR, Role.ADMIN},
    Role.PARTNER: {Role.PARTNER},
}
