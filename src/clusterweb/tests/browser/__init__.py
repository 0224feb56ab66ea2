"""Browser tests: pytest-django's ``live_server`` driven by Playwright (sync API) in Debian's
Chromium, with axe-core (from npm) checking every page for WCAG 2.2 A/AA violations."""
