"""Every import form refuses a file that is not a table by the core's rule and in its words
(:func:`clusterplan.io.sheets.suffix_problem`), as ``clusterplan`` refuses such a file; the
forms had their own rule and sentence ("Upload a .csv or .xlsx file")."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase
from django.utils import translation

from clusterweb.ecosystem.forms import ImportForm as OrganisationImport
from clusterweb.monitoring.forms import ImportForm as ActualsImport
from clusterweb.startups.forms import ImportForm as StartupImport


class UploadFormTests(SimpleTestCase):
    def test_a_file_of_another_type_is_refused_in_the_cores_words(self) -> None:
        for form_class, data in (
            (OrganisationImport, {}),
            (ActualsImport, {}),
            (StartupImport, {"kind": "startups"}),
        ):
            for lang, expected in (
                ("nl", "leden.txt: bestandstype niet ondersteund: '.txt' (gebruik .csv of .xlsx)"),
                ("en", "leden.txt: unsupported file type '.txt' (use .csv or .xlsx)"),
            ):
                with (
                    self.subTest(form=form_class.__module__, lang=lang),
                    translation.override(lang),
                ):
                    upload = SimpleUploadedFile("leden.txt", b"name\nx\n")
                    form = form_class(data, {"file": upload})
                    self.assertFalse(form.is_valid())
                    self.assertEqual(form.errors["file"], [expected])

    def test_a_table_passes_the_type_check(self) -> None:
        for name in ("leden.csv", "LEDEN.XLSX"):
            with self.subTest(name=name):
                form = OrganisationImport({}, {"file": SimpleUploadedFile(name, b"name\nx\n")})
                form.is_valid()
                self.assertNotIn("file", form.errors)
