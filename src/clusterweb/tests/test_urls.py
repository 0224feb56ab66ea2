"""The URL configuration: a prefix shared by several pages is stated once (``include``), and
each named route still leads back to itself; a fixed word stays ahead of the argument it fits."""

from __future__ import annotations

from typing import Any

from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter

SAMPLES: dict[type, Any] = {
    IntConverter: 7,
    SlugConverter: "sample-key",
    StringConverter: "sample",
    PathConverter: "sample",
}
"""A value for each kind of URL argument: it fits that kind and none of the fixed words."""

STANDS_IN = {"admin:login": "admin_login"}
"""Routes another one, listed before, answers on purpose (the app's login, with its lockout)."""

FIXED_WORDS = [
    # A fixed word that also fits the argument of a pattern listed after it.
    ("/acquisition/leads/new/", "acquisition:add", {}),
    ("/acquisition/leads/new/edit/", "acquisition:edit", {"key": "new"}),
    ("/startups/list/", "startups:list", {}),
    ("/startups/new/", "startups:add", {}),
    ("/startups/import/", "startups:import", {}),
    ("/startups/new/edit/", "startups:edit", {"key": "new"}),
    ("/events/new/", "events:add", {}),
    ("/monitoring/actuals/new/", "monitoring:add", {}),
    ("/plan/revisions/compare/", "planning:revision_diff", {}),
    ("/space-talent/talent/targets/adopt/", "demand:targets_adopt", {}),
    ("/space-talent/talent/targets/2040/edit/", "demand:target_edit", {"year": 2040}),
]


def named_routes() -> list[tuple[str, dict[str, Any]]]:
    """Every named route with a sample for each argument, including those an enclosing
    ``include`` captures (``<int:pk>/`` + ``edit/``); routes with a bare regex group aside."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(patterns: list[Any], namespace: str, kwargs: dict[str, Any]) -> None:
        for pattern in patterns:
            converters = pattern.pattern.converters
            if pattern.pattern.regex.groups > len(converters):
                continue
            args = kwargs | {key: SAMPLES[type(conv)] for key, conv in converters.items()}
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, args)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((namespace + pattern.name, args))

    walk(get_resolver().url_patterns, "", {})
    return found


class UrlTests(SimpleTestCase):
    def test_every_named_route_resolves_to_itself(self) -> None:
        routes = named_routes()
        self.assertGreater(len(routes), 100)
        for name, kwargs in routes:
            with self.subTest(name=name):
                match = resolve(reverse(name, kwargs=kwargs))
                expected = STANDS_IN.get(name, name)
                self.assertEqual((match.view_name, match.kwargs), (expected, kwargs))

    def test_a_fixed_word_wins_over_an_argument_it_fits(self) -> None:
        for path, name, kwargs in FIXED_WORDS:
            with self.subTest(path=path):
                match = resolve(path)
                self.assertEqual((match.view_name, match.kwargs), (name, kwargs))
