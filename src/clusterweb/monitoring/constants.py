"""Fixed names of the monitoring pages (the indicators and their rules are plan data:
``monitoring.yaml`` of the plan, read by the core's ``clusterplan.monitor``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

IMPORT_COLUMNS = ("indicator", "subject", "year", "value", "source")
"""Required columns of an actuals file (long format); ``received`` and ``organisation``
are optional."""

SUPPRESSED = "x"
"""How a figure withheld by the disclosure rule is shown (the statistics offices' sign)."""


class Status(models.TextChoices):
    """The statuses of the core's comparison (``clusterplan.monitor.compare``)."""

    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    OFF_TRACK = "off_track", _("off track")
    NO_DATA = "no_data", _("no data")
