"""PDF documents: rendered without a browser, fonts from our static files, no network."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import SimpleTestCase

from clusterweb.pdf import ResourceRefused, render_pdf, static_file

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


class PdfTests(SimpleTestCase):
    def test_it_renders_a_template_with_our_font(self) -> None:
        data = render_pdf("pdf/tests/sample.html", {"title": "Agenda Één", "name": "Firma ĳs"})
        assert data.startswith(b"%PDF-")
        if shutil.which("pdffonts"):
            fonts = subprocess.run(
                ["pdffonts", "-"], input=data, capture_output=True, check=True
            ).stdout.decode()
            assert "SourceSans3" in fonts.replace(" ", "").replace("-", "")

    @needs_poppler
    def test_the_text_can_be_read_back(self) -> None:
        data = render_pdf("pdf/tests/sample.html", {"title": "Agenda Één", "name": "Firma ĳs"})
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        assert "Agenda Één" in text and "Firma" in text

    def test_only_static_files_are_fetched(self) -> None:
        assert static_file("https://static.invalid/static/clusterweb/css/print.css").is_file()
        for url in (
            "http://127.0.0.1:8000/admin/",
            "file:///etc/passwd",
            "https://static.invalid/static/../../../../etc/passwd",
            "https://static.invalid/media/x.png",
        ):
            with pytest.raises(ResourceRefused):
                static_file(url)

    def test_a_foreign_image_in_a_document_is_not_loaded(self) -> None:
        with self.assertLogs("weasyprint", level="ERROR") as logs:
            data = render_pdf(
                "pdf/tests/sample.html",
                {"title": "t", "name": "n", "image_url": "http://127.0.0.1:9/tracker.png"},
            )
        assert data.startswith(b"%PDF-")
        assert any("127.0.0.1:9" in line for line in logs.output)


def test_print_css_is_in_the_static_files() -> None:
    here = Path(__file__).resolve().parents[1]
    assert (here / "static" / "clusterweb" / "css" / "print.css").is_file()
