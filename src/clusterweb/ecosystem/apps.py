from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosystemConfig(AppConfig):
    name = "clusterweb.ecosystem"
    label = "ecosystem"
    verbose_name = _("Ecosystem")

    def ready(self) -> None:
        """The history shows organisations' changes through the registry's field filter."""
        from clusterweb.ecosystem.access import stored_field_filter
        from clusterweb.ecosystem.models import Organisation
        from clusterweb.history.access import register_field_filter

        register_field_filter(Organisation, stored_field_filter)
