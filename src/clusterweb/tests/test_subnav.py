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
