from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScenariosConfig(AppConfig):
    name = "clusterweb.scenarios"
    label = "scenarios"
    verbose_name = _("Scenarios")

    def ready(self) -> None:
        from clusterweb.scenarios import checks  # noqa: F401  (registers the start-up checks)
