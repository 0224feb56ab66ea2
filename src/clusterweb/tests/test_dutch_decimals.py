"""Dutch pages write decimals with a comma: every page of the bundled plan that the menu
leads to (and every page those link to) is fetched in Dutch, and its visible text holds
no number in English notation (``1.8``, ``0.25``).

A Dutch page writes thousands with a point (``1.400``), so a point followed by exactly
three digits is not counted; neither are version numbers, dotted ids and names
(``0.1.0``, ``growth.market-growth-factor``, ``EUPL-1.2``), the text of form fields and
scripts, nor the plan's own prose (rationales and sources, written as their authors
wrote them).
"""

from __future__ import annotations

import html as html_lib

from django.urls import reverse

from clusterplan.model.growth import stress_narratives
from clusterplan.plan.load import bundled_plan
from clusterweb.testing import PersonaTestCase
from clusterweb.tests.test_other_plans import HREF, NOT_FOLLOWED, START, english_decimals

MAX_PAGES = 400


class DutchDecimalTests(PersonaTestCase):
    def crawl(self) -> dict[str, str]:
        """As the admin, in Dutch: every page reachable from the menu pages (HTML only)."""
        self.login(self.admin)
        self.client.cookies.load({"django_language": "nl"})
        queue = [reverse(name) for name in START]
        # the scenario page's market part with each of the plan's stress narratives
        queue += [
            f"{reverse('scenarios:index')}?stress={key}"
            for key in stress_narratives(bundled_plan())
        ]
        seen: dict[str, str] = {}
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            if url in seen or "/download/" in url:
                continue
            response = self.client.get(url)
            kind = response.get("Content-Type", "")
            body = response.content.decode() if kind.startswith("text/html") else ""
            seen[url] = body
            for href in HREF.findall(body):
                href = html_lib.unescape(href)
                if not href.startswith(NOT_FOLLOWED) and href not in seen:
                    queue.append(href)
        return seen

    def test_no_dutch_page_writes_an_english_decimal(self) -> None:
        pages = self.crawl()
        self.assertIn(reverse("scenarios:index"), pages)
        self.assertIn(reverse("planning:assumptions"), pages)
        plan = bundled_plan()
        found = {url: hits for url, body in pages.items() if (hits := english_decimals(body, plan))}
        self.maxDiff = None
        self.assertEqual(found, {}, "pages that write English decimals")
