from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "clusterweb.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        """The history shows a partner's figures only to who may see that organisation's
        confidential figures."""
        from clusterweb.history.access import register_field_filter
        from clusterweb.monitoring.access import stored_field_filter
        from clusterweb.monitoring.models import Actual

        register_field_filter(Actual, stored_field_filter)
