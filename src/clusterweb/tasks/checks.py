"""System checks: request-time work stays below the background threshold."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register()
def ensemble_in_request(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The scenario and dashboard pages compute their ensemble in the request: warn when it
    is larger than what the platform otherwise sends to a background task."""
    samples = settings.CLUSTERWEB_ENSEMBLE_SAMPLES
    threshold = settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD
    if samples > threshold:
        return [
            Warning(
                f"CLUSTERWEB_ENSEMBLE_SAMPLES ({samples}) is above "
                f"CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD ({threshold}): every scenario and "
                "dashboard request computes an ensemble larger than the platform runs in a "
                "request elsewhere.",
                hint="Lower CLUSTERWEB_ENSEMBLE_SAMPLES; larger ensembles run as a "
                "background task from the sensitivity page.",
                id="clusterweb.tasks.W001",
            )
        ]
    return []
