from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "clusterweb.tasks"
    label = "tasks"
    verbose_name = _("Background tasks")

    def ready(self) -> None:
        # Each app registers its task kinds in its own ``background.py``, so the web
        # process and the worker know the same kinds.
        autodiscover_modules("background")
        from clusterweb.tasks import checks  # noqa: F401  (registers the system checks)
