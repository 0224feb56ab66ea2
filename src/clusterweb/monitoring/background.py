"""Background task kinds of the monitoring app (found by the tasks app's autodiscovery)."""

from clusterweb.monitoring import report_tasks  # noqa: F401  (registers monitoring.report)
