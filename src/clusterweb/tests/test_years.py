"""Years are names, never quantities: no page prints a year as "2.040" (Django localises every
integer it renders, and ``USE_THOUSAND_SEPARATOR`` groups it; templates print years with
``|stringformat:"d"``).

Every page of the platform without URL arguments (walked from the URL resolver, so a new page
cannot be forgotten) is fetched as an admin in Dutch and in English; its text outside numeric
table cells, headline values and scripts must hold no grouped year of the plan's range.
"""

from __future__ import annotations

import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clusterweb.testing import PersonaTestCase

YEARS = range(1990, 2100)
"""Every year a plan of this platform names (base year, goal, horizons, landing years)."""

NOT_TEXT = re.compile(
    r"<script\b.*?</script>"
    r"|<td[^>]*numeric[^>]*>.*?</td>"
    r"|<span class=\"clusterplan-stat__number\">.*?</span>"
    r"|<input\b[^>]*>",
    re.S,
)
"""Places where a number is a quantity (2.050 jobs), not a year."""


def grouped(year: int, separator: str) -> str:
    return f"{year // 1000}{separator}{year % 1000:03d}"


GROUPED = re.compile(
    r"(?<![\d.,])(?:"
    + "|".join(re.escape(grouped(y, sep)) for y in YEARS for sep in ".,")
    + r")(?![\d]|[.,]\d)"
)


def page_names() -> list[str]:
    """Every URL name (with namespace) that takes no argument."""
    names: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, has_args: bool) -> None:
        for p in patterns:
            # An argument captured by an include's prefix counts too (``<int:pk>/`` + ``edit/``).
            args = has_args or bool(p.pattern.regex.groups)
            if isinstance(p, URLResolver):
                ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
                walk(p.url_patterns, ns, args)
            elif p.name and not args:
                names.append(prefix + p.name)

    walk(get_resolver().url_patterns, "", False)
    return names


class YearsAreNotGroupedTests(PersonaTestCase):
    def test_the_pattern_finds_a_grouped_year_and_not_a_plain_one(self) -> None:
        self.assertTrue(GROUPED.search("tot en met 2.040; het ruimtemodel"))
        self.assertTrue(GROUPED.search("Target for 2,034"))
        self.assertIsNone(GROUPED.search("tot en met 2040; 12.040 banen, 2.040,5 m2"))

    def test_no_page_prints_a_year_with_a_thousands_separator(self) -> None:
        self.login(self.admin)
        checked = 0
        for name in page_names():
            if name in ("accounts:logout", "set_language") or name.startswith("admin:"):
                continue
            for lang in ("nl", "en"):
                response = self.client.get(reverse(name), headers={"accept-language": lang})
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                checked += 1
                text = NOT_TEXT.sub(" ", response.content.decode())
                with self.subTest(page=name, lang=lang):
                    found = GROUPED.search(text)
                    self.assertIsNone(
                        found,
                        found and text[max(0, found.start() - 200) : found.end() + 60],
                    )
        # The walk reached the pages with years in their text (not vacuous).
        self.assertGreater(checked, 20)
