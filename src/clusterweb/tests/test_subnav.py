"""The sections' sub-navigations (``includes/subnav.html``) mark the page being shown."""

from __future__ import annotations

import re

from django.urls import reverse

from clusterweb.testing import ViewerTestCase

NAV = re.compile(r'<nav class="clusterplan-subnav".*?</nav>', re.DOTALL)
LINK = re.compile(r'<a class="utrecht-link" href="([^"]+)"( aria-current="page")?>')


class SubnavTests(ViewerTestCase):
    def test_only_the_link_to_the_page_shown_is_current(self) -> None:
        for name in ("acquisition:board", "acquisition:list", "acquisition:pipeline"):
            url = reverse(name)
            with self.subTest(page=name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                nav = NAV.search(response.content.decode())
                assert nav is not None
                links = LINK.findall(nav.group(0))
                self.assertGreater(len(links), 2)
                current = [href for href, mark in links if mark]
                self.assertEqual(current, [url])


MAIN_CURRENT = re.compile(r'clusterplan-nav__link--current" href="([^"]+)"')


class MainNavigationTests(ViewerTestCase):
    def test_a_section_is_current_on_its_pages_and_none_on_the_public_page(self) -> None:
        """The public page at the site's root belongs to the dashboard's app, and the main
        navigation marked 'Dashboard' as the page shown there."""
        for name, current in (
            ("dashboard:public", []),
            ("dashboard:index", [reverse("dashboard:index")]),
            ("planning:revisions", [reverse("planning:projects")]),
            ("ecosystem:showcase", [reverse("ecosystem:showcase")]),
            ("ecosystem:registry", [reverse("ecosystem:registry")]),
            ("acquisition:pipeline", [reverse("acquisition:board")]),
        ):
            with self.subTest(page=name):
                response = self.client.get(reverse(name))
                self.assertEqual(response.status_code, 200)
                self.assertEqual(MAIN_CURRENT.findall(response.content.decode()), current)
