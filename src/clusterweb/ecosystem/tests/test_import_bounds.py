"""The import page stays bounded and consistent (issue 15, rows 3, 4, 8 and 9): limits are
refused in Dutch with file, row and column; two new rows with one id never reach the
database; large imports are written in bulk in one short transaction, with history and
progress; a commit never overwrites a change made after its preview."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusterweb.ecosystem import services
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.history.models import Change
from clusterweb.testing import PersonaTestCase

REPO = Path(__file__).resolve().parents[4]


def _huge_cell_xlsx(chars: int) -> bytes:
    """A workbook whose second row holds one inline string of ``chars`` characters (packs
    to a few KB: the probe's 205 KB file held 200 MB)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>kind</t></is></c></row>'
        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"x" * chars}</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>supplier</t></is></c></row>'
        "</sheetData></worksheet>"
    ).encode()
    from openpyxl import Workbook

    book = Workbook()
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w") as dst:
        for member in src.infolist():
            content = sheet if member.filename == "xl/worksheets/sheet1.xml" else src.read(member)
            dst.writestr(member, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


class ImportLimitTests(PersonaTestCase):
    def setUp(self) -> None:
        self.login(self.editor)

    def _preview(self, data: bytes, name: str) -> str:
        """The import page after the editor asks for a preview of this file."""
        response = self.client.post(
            reverse("ecosystem:import"),
            {"action": "preview", "file": SimpleUploadedFile(name, data)},
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_huge_cell_is_refused_in_dutch_before_parsing(self) -> None:
        # Before: openpyxl read the cell and difflib matched it (~24 GB for 200 MB).
        data = _huge_cell_xlsx(3_000_000)
        with (
            mock.patch.dict(os.environ, {"CLUSTERPLAN_IMPORT_MAX_UNPACKED_BYTES": "2000000"}),
            mock.patch("openpyxl.load_workbook", side_effect=AssertionError("opened")),
        ):
            body = self._preview(data, "big.xlsx")
        self.assertIn("big.xlsx: de werkmap pakt uit tot minstens", body)
        self.assertIn("hoogstens 2.000.000 zijn toegestaan", body)

    def test_a_long_cell_names_row_and_column_in_dutch(self) -> None:
        body = self._preview(_huge_cell_xlsx(40_000), "long.xlsx")
        self.assertIn(
            "long.xlsx, rij 2, kolom &#x27;name&#x27;: de cel heeft 40.000 tekens; hoogstens 32.767",
            body,
        )

    def test_a_formula_without_a_value_is_refused_not_read_as_keep_the_stored_value(
        self,
    ) -> None:
        """A workbook written by a program holds formulas without values: the empty cell
        it read as kept the stored jobs of the organisation without a word."""
        from openpyxl import Workbook

        ensure_registry_loaded()
        known = Organisation.objects.order_by("pk").first()
        assert known is not None
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["name", "jobs"])
        sheet.append([known.name, "=1+1"])
        data = io.BytesIO()
        book.save(data)
        body = self._preview(data.getvalue(), "orgs.xlsx")
        self.assertIn(
            f"orgs.xlsx, werkblad &#x27;{sheet.title}&#x27;, rij 2, kolom &#x27;jobs&#x27;: "
            "een formule zonder berekende waarde",
            body,
        )
        self.assertNotIn('value="commit"', body)

    def test_a_long_name_is_a_row_problem_not_a_match(self) -> None:
        body = self._preview(("name,kind\n" + "N" * 5_000 + ",supplier\n").encode(), "orgs.csv")
        self.assertIn(
            "orgs.csv, rij 2, kolom &#x27;name&#x27;: 5.000 tekens lang; hoogstens 200", body
        )
        self.assertNotIn('value="commit"', body)

    def test_too_many_rows_stop_the_reading_with_the_row(self) -> None:
        text = "name,kind\n" + "".join(f"Org {i},supplier\n" for i in range(60))
        with mock.patch.dict(os.environ, {"CLUSTERPLAN_IMPORT_MAX_ROWS": "50"}):
            body = self._preview(text.encode(), "rows.csv")
        self.assertIn("rows.csv, rij 52: meer dan 50 gegevensrijen", body)

    def test_an_upload_over_the_byte_limit_is_refused_before_reading(self) -> None:
        with mock.patch.dict(os.environ, {"CLUSTERPLAN_IMPORT_MAX_BYTES": "1000"}):
            body = self._preview(b"name\n" + b"Nova\n" * 500, "orgs.csv")
        self.assertIn(
            "orgs.csv: het bestand is groter dan 1.000 bytes, het toegestane maximum", body
        )

    def test_a_column_longer_than_the_database_allows_is_a_problem(self) -> None:
        # Before: PostgreSQL refused the commit (HTTP 500); SQLite stored it.
        body = self._preview(
            ("name,kind,place\nNova,supplier," + "p" * 150 + "\n").encode(), "orgs.csv"
        )
        self.assertIn(
            "orgs.csv, rij 2, kolom &#x27;place&#x27;: 150 tekens lang; hoogstens 100", body
        )

    def test_an_id_made_from_a_long_name_longer_than_the_database_allows_is_a_problem(
        self,
    ) -> None:
        # Before: the core made a 150-character id from the name, the preview was valid
        # and PostgreSQL refused the commit.
        body = self._preview(("name,kind\n" + "Nova " * 30 + ",supplier\n").encode(), "o.csv")
        self.assertIn("o.csv, rij 2, kolom &#x27;id&#x27;: 149 tekens lang; hoogstens 100", body)
        self.assertNotIn('value="commit"', body)


class DuplicateIdTests(PersonaTestCase):
    def test_two_new_rows_with_one_id_are_a_problem_not_a_500(self) -> None:
        # Before: the preview was valid and the commit answered 500 (unique key).
        self.login(self.editor)
        ensure_registry_loaded()
        count = Organisation.objects.count()
        text = "id,name,kind\nnova,Nova Chips,supplier\nnova,Other Photonics,supplier\n"
        body = self.client.post(
            reverse("ecosystem:import"),
            {"action": "preview", "file": SimpleUploadedFile("dup.csv", text.encode())},
        ).content.decode()
        self.assertIn(
            "dup.csv, rij 3, kolom &#x27;id&#x27;: id &#x27;nova&#x27; is ook aan een nieuwe organisatie",
            body,
        )
        self.assertIn("in rij 2 gegeven", body)
        self.assertNotIn('value="commit"', body)
        result = services.commit_import(self.editor, "dup.csv", text.encode())
        self.assertFalse(result.valid)
        self.assertEqual(Organisation.objects.count(), count)


class BulkCommitTests(PersonaTestCase):
    ROWS = 3_000

    def _file(self) -> bytes:
        rows = "".join(f"Bulk Org {i:05d} Parts,supplier,{i % 90}\n" for i in range(self.ROWS))
        return ("name,kind,jobs\nBESI,,1900\n" + rows).encode()

    def test_a_large_import_is_written_in_bulk_with_history_and_progress(self) -> None:
        # Before: one INSERT per organisation and per history entry (and a scan of the
        # registry per row): a 100,000-row commit ran for more than 15 minutes.
        ensure_registry_loaded()
        before = Organisation.objects.count()
        seen: list[tuple[int, int]] = []
        with CaptureQueriesContext(connection) as queries:
            result = services.commit_import(
                self.editor, "bulk.csv", self._file(), lambda d, t: seen.append((d, t))
            )
        self.assertTrue(result.valid, result.problems[:3])
        self.assertEqual(Organisation.objects.count(), before + self.ROWS)
        # Batches (SQLite caps a statement at 999 parameters: ~40 organisations each).
        self.assertLess(len(queries), self.ROWS // 10, "one statement per batch, not per row")
        self.assertEqual(seen[0], (0, self.ROWS + 1))
        self.assertEqual(seen[-1], (self.ROWS + 1, self.ROWS + 1))
        made = Change.objects.filter(note="Import van bulk.csv", action="create")
        self.assertEqual(made.count(), self.ROWS)
        self.assertEqual(Organisation.objects.get(key="besi").jobs, 1900)
        change = Change.objects.get(object_repr="Besi", field="jobs")
        self.assertEqual((change.old_value, change.new_value), (None, 1900))

    def test_the_preview_page_summarises_a_large_file(self) -> None:
        # Before: every row was rendered (100,000 rows: 37 MB of HTML).
        self.login(self.editor)
        response = self.client.post(
            reverse("ecosystem:import"),
            {"action": "preview", "file": SimpleUploadedFile("bulk.csv", self._file())},
        )
        body = response.content.decode()
        self.assertIn("3.000 aan te maken, 1 bij te werken, 0 ongewijzigd", body)
        self.assertIn("200 van 3.001 rijen staan hier", body)
        self.assertLess(body.count('<tr class="utrecht-table__row">'), 205)
        self.assertIn('value="commit"', body)

    def test_a_change_after_the_preview_is_not_overwritten(self) -> None:
        ensure_registry_loaded()
        stale = services.registry()  # what the check reads ...
        Organisation.objects.filter(key="besi").update(place="Duiven-changed")  # ... then this
        with mock.patch.object(services, "registry", side_effect=[stale, services.registry()]):
            result = services.commit_import(self.editor, "one.csv", b"name,jobs\nBESI,1900\n")
        self.assertTrue(result.valid)
        besi = Organisation.objects.get(key="besi")
        self.assertEqual((besi.place, besi.jobs), ("Duiven-changed", 1900))

    def test_an_organisation_added_after_the_preview_is_matched_not_duplicated(self) -> None:
        ensure_registry_loaded()
        stale = services.registry()
        Organisation.objects.create(key="nova", name="Nova Chips", kind="supplier", source="t")
        with mock.patch.object(services, "registry", side_effect=[stale, services.registry()]):
            result = services.commit_import(
                self.editor, "one.csv", b"name,kind,jobs\nNova Chips,supplier,12\n"
            )
        self.assertTrue(result.valid)
        self.assertEqual(Organisation.objects.filter(name="Nova Chips").count(), 1)
        self.assertEqual(Organisation.objects.get(key="nova").jobs, 12)


def test_sqlite_readers_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    """With the served SQLite settings (WAL, IMMEDIATE, busy timeout) a reader answers while
    another connection holds an open write transaction (before: "database is locked")."""
    script = """
import os, threading, time, django
django.setup()
from django.db import connection, transaction
from clusterweb.ecosystem.models import Organisation
from django.core.management import call_command
call_command("migrate", "ecosystem", verbosity=0)
Organisation.objects.create(key="a", name="A", kind="supplier", source="t")
assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
holding = threading.Event(); done = threading.Event()
def writer():
    with transaction.atomic():
        Organisation.objects.create(key="b", name="B", kind="supplier", source="t")
        holding.set(); done.wait(10)
    connection.close()
t = threading.Thread(target=writer); t.start(); holding.wait(10)
began = time.perf_counter()
assert Organisation.objects.count() == 1  # the committed state, at once
print("read-ms", round((time.perf_counter() - began) * 1000))
print(connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
done.set(); t.join()
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clusterweb.conf.ci",
        "PYTHONPATH": str(REPO / "src"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CLUSTERWEB_VAR_DIR": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split()
    assert lines[-1] == "wal"
    assert int(lines[lines.index("read-ms") + 1]) < 1000
