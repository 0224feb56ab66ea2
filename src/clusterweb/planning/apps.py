from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "clusterweb.planning"
    label = "planning"
    verbose_name = _("Plan data")

    def ready(self) -> None:
        from clusterweb.planning import services

        services.register_history_validators()
