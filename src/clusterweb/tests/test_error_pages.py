"""The platform's own error pages: in the visitor's language (``lang`` set to it), with the
platform's look and a way on, where Django's defaults were English text on a bare page
("Not Found", "403 Forbidden", "Server Error (500)") that claimed ``lang="en"``."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clusterweb.testing import PersonaTestCase


class ErrorPageTests(PersonaTestCase):
    def test_an_unknown_address_is_a_dutch_page_with_the_way_on(self) -> None:
        self.login(self.viewer)
        page = self.client.get("/geen-pagina-hier/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 404)
        self.assertContains(page, '<html lang="nl"', status_code=404)
        self.assertContains(
            page, '<h1 class="utrecht-heading-1">Pagina niet gevonden</h1>', status_code=404
        )
        self.assertContains(page, "Naar de startpagina", status_code=404)
        self.assertContains(page, 'class="utrecht-nav-bar', status_code=404)  # the navigation
        self.assertNotContains(page, "Not Found", status_code=404)

    def test_the_english_page_is_english(self) -> None:
        # the request leaves its language active: restore the site's for the tests after it
        with translation.override(settings.LANGUAGE_CODE):
            page = self.client.get("/no-page-here/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, '<html lang="en"', status_code=404)
        self.assertContains(page, "Page not found", status_code=404)
        self.assertContains(page, "Log in", status_code=404)  # not signed in: the way in

    def test_a_role_without_access_is_told_so_in_dutch(self) -> None:
        self.login(self.viewer)
        url = reverse("planning:project_edit", kwargs={"key": "acp"})
        page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 403)
        self.assertContains(page, "Geen toegang", status_code=403)
        self.assertContains(page, "Uw rol geeft geen toegang", status_code=403)
        self.assertNotContains(page, "Forbidden", status_code=403)

    def test_a_form_without_its_csrf_token_is_refused_in_dutch(self) -> None:
        client = Client(enforce_csrf_checks=True)
        page = client.post(reverse("accounts:login"), {}, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 403)
        text = page.content.decode()
        self.assertIn('<html lang="nl"', text)
        self.assertIn("Het formulier is verlopen", text)
        self.assertNotIn("CSRF verification failed", text)

    def test_the_server_error_page_renders_without_a_request_in_the_active_language(self) -> None:
        """Django renders 500.html with no context and no request (no context processors):
        it must stand on its own."""
        for lang, words in (("nl", "Er ging iets mis"), ("en", "Something went wrong")):
            with self.subTest(lang=lang), translation.override(lang):
                page = render_to_string("500.html")
                self.assertIn(f'<html lang="{lang}"', page)
                self.assertIn(words, page)
                self.assertIn("clusterweb/css/clusterweb.css", page)
