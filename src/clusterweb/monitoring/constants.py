"""Fixed names of the monitoring pages (the indicators and their rules are plan data:
``monitoring.yaml`` of the plan, read by the core's ``clusterplan.monitor``)."""

from clusterweb.choices import text_choices

Status = text_choices("Status", "monitor.status")
"""The statuses of the core's comparison (``clusterplan.monitor.indicators.STATUSES``)."""
