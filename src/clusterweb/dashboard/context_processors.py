"""The identity of the plan the site serves, for the branding of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from clusterweb.planning.models import PlanDocument

_CACHE: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}


def site_plan(request: HttpRequest) -> dict[str, Any]:
    """``site_plan``: the stored plan's title, cluster, region, horizon and publication
    (``{}`` when the database holds no plan yet; pages then name no plan)."""
    from django.db import connection

    stamp = PlanDocument.objects.order_by("-pk").values_list("pk", "loaded_at").first()
    if stamp is None:
        return {"site_plan": {}}
    key = (connection.settings_dict.get("NAME"), stamp)
    cached = _CACHE.get("meta")
    if cached is None or cached[0] != key:
        data = PlanDocument.objects.filter(pk=stamp[0]).values_list("data", flat=True).first()
        meta = dict((data or {}).get("meta") or {})
        cached = (key, meta)
        _CACHE["meta"] = cached
    return {"site_plan": cached[1]}
