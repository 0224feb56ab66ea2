from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackcastConfig(AppConfig):
    name = "clusterweb.backcast"
    label = "backcast"
    verbose_name = _("Back-casting")
