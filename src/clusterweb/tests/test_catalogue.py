"""The Dutch catalogue is complete, compiled, and holds every literal the templates translate."""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import skipUnless

from django.conf import settings
from django.test import SimpleTestCase

PACKAGE = Path(__file__).resolve().parent.parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# A literal the templates translate: ``{% translate "..." %}``, or ``_("...")`` as a tag's argument.
TRANSLATE_TAG = re.compile(r"""(?:{%\s*translate\s+|\b_\()(["'])(.+?)\1""")


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def read_po() -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy), singular entries without a context only (a context's
    entries are checked by :func:`read_po_with_context`)."""
    entries: dict[str, tuple[str, bool]] = {}
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        current: str | None = None
        parts: dict[str, list[str]] = {}
        for line in lines:
            if line.startswith("#"):
                continue
            key, _, rest = line.partition(" ")
            if key in ("msgid", "msgstr", "msgid_plural", "msgctxt") or key.startswith("msgstr["):
                current = key
                parts[current] = [rest]
            elif current and line.startswith('"'):
                parts[current].append(line)
        if "msgid" in parts and "msgstr" in parts and "msgid_plural" not in parts:
            msgid = _unquote(parts["msgid"])
            if msgid and "msgctxt" not in parts:
                entries[msgid] = (_unquote(parts["msgstr"]), fuzzy)
            elif msgid:
                CONTEXT_ENTRIES[_unquote(parts["msgctxt"]), msgid] = _unquote(parts["msgstr"])
    return entries


CONTEXT_ENTRIES: dict[tuple[str, str], str] = {}
"""(msgctxt, msgid) -> msgstr, filled by :func:`read_po`."""


class CatalogueTests(SimpleTestCase):
    def test_every_message_has_a_dutch_translation(self) -> None:
        missing = [m for m, (s, fuzzy) in read_po().items() if not s or fuzzy]
        self.assertEqual(missing, [])

    def test_square_metres_read_as_m2_nowhere(self) -> None:
        """'Ruimte (m2)' stood on a lead's page beside 'm²' everywhere else."""
        written = [
            text
            for msgid, (msgstr, _fuzzy) in read_po().items()
            for text in (msgid, msgstr)
            if re.search(r"\bm2\b", text)
        ]
        self.assertEqual(written, [])

    def test_dutch_writes_millions_of_euros_as_the_core_does(self) -> None:
        """'Kosten (M EUR)' on a form beside 'Publiek (mln euro)' in the core's tables."""
        written = [s for s, _fuzzy in read_po().values() if re.search(r"\bEUR\b", s)]
        self.assertEqual(written, [])

    def test_the_compiled_catalogue_matches_the_source(self) -> None:
        with MO.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        stale = [m for m, (s, _) in read_po().items() if compiled.gettext(m) != s]
        stale += [
            f"{ctx}|{m}"
            for (ctx, m), s in CONTEXT_ENTRIES.items()
            if compiled.pgettext(ctx, m) != s
        ]
        self.assertEqual(stale, [], "run msgfmt -o django.mo django.po")

    def test_every_translated_template_literal_is_in_the_catalogue(self) -> None:
        known = read_po()
        missing = set()
        for template in PACKAGE.rglob("templates/**/*.html"):
            for _quote, text in TRANSLATE_TAG.findall(template.read_text(encoding="utf-8")):
                if text not in known:
                    missing.add(f"{template.name}: {text}")
        self.assertEqual(sorted(missing), [], "run makemessages -l nl and translate")


def _entries(po: Path) -> set[tuple[str | None, str]]:
    """Every (msgctxt, msgid) of a catalogue, plural entries by their singular."""
    found: set[tuple[str | None, str]] = set()
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#")]
        parts: dict[str, list[str]] = {}
        current = ""
        for line in lines:
            key, _, rest = line.partition(" ")
            if key in ("msgid", "msgctxt", "msgid_plural") or key.startswith("msgstr"):
                current = key
                parts[current] = [rest]
            elif current and line.startswith('"'):
                parts[current].append(line)
        msgid = _unquote(parts.get("msgid", ['""']))
        if msgid:
            context = _unquote(parts["msgctxt"]) if "msgctxt" in parts else None
            found.add((context, msgid))
    return found


@skipUnless(shutil.which("xgettext"), "needs GNU gettext (make install brings it)")
class ExtractedCatalogueTests(SimpleTestCase):
    """The catalogue holds exactly what the web translates, as Django's own extraction
    (``makemessages``) finds it in the code and the templates: a string missing from it is
    English on a Dutch page (a ``blocktranslate`` the literal check above cannot see), and
    a string the web no longer uses is a second wording waiting to come back."""

    def test_the_catalogue_is_what_the_web_translates(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "clusterweb"
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            subprocess.run(
                [sys.executable, "-m", "django", "makemessages", "-l", "nl", "--no-obsolete"],
                cwd=copy,
                env={
                    **os.environ,
                    "PYTHONPATH": str(PACKAGE.parent),
                    "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
                },
                check=True,
                capture_output=True,
            )
            extracted = _entries(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po")
        kept = _entries(PO)
        # extraction worked (the web's own words: fewer as the core's catalogue takes more)
        self.assertGreater(len(extracted), 800)
        self.assertEqual(sorted(extracted - kept, key=str), [], "translate these")
        self.assertEqual(sorted(kept - extracted, key=str), [], "no code uses these")


class TranslationAliasTests(SimpleTestCase):
    """Extraction finds ``_``, ``gettext``, ``gettext_lazy`` and their kin by name: a
    translation function imported under another name (``gettext_lazy as _lazy``) hides its
    strings from the catalogue, and the page shows them in English (the import page's
    heading did)."""

    def test_translation_functions_are_imported_under_names_extraction_knows(self) -> None:
        known = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "pgettext_lazy"}
        hidden = []
        for path in sorted(PACKAGE.rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                    for alias in node.names:
                        if alias.asname is not None and alias.asname not in known:
                            hidden.append(f"{path.relative_to(PACKAGE)}: {alias.asname}")
        self.assertEqual(hidden, [])
