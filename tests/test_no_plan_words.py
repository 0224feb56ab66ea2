"""No plan in code: names, years, figure and table numbers of a plan come from the loaded
plan's data, never from code, templates, help texts or messages.

Checks every text file under ``src/`` except the bundled plan's own folder
(``src/clusterplan/plans/``), tests and migrations; the Django catalogue (``.po``) is
checked too, without its comment lines. On failure it prints ``file:line: word`` for
every hit.
"""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

PLAN_WORDS = re.compile(
    "|".join(
        [
            # names of the bundled plan's cluster, firms, places, studies and document
            r"(?<![a-z])(?:lifeport|nxp|asmpt|noviotech|nijmegen|arnhem|ntc|bci|ecorys"
            r"|winkelsteeg)(?![a-z])",
            r"(?<![a-z])Meerjarenplan",
            # its years
            r"(?<!\d)(?:2026|2034|2040)(?!\d)",
            # its numbered figures and tables
            r"(?<![a-z])(?:figuur|figure)s? 6(?!\d)",
            r"(?<![a-z])(?:tabel|table|tabellen)s? [12](?!\d)",
            # its facility
            r"8[- ]inch",
            # its growth dimension's id and name
            r"(?<![a-z])(?:leap|schaalsprong)(?![a-z])",
        ]
    ),
    re.IGNORECASE,
)

SKIP_DIRS = {"tests", "migrations", "__pycache__", "vendor", "node_modules"}
SKIP_SUFFIXES = {".mo", ".pyc", ".png", ".jpg", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".pdf"}
SKIP_FILES = {
    # The bundled plan's own data.
    SRC / "clusterplan" / "plans",
    # Test support: the persona test case loads the bundled plan and names its partner.
    SRC / "clusterweb" / "testing.py",
}


def _checked_files() -> list[Path]:
    out = []
    for path in sorted(SRC.rglob("*")):
        if not path.is_file() or path.suffix in SKIP_SUFFIXES:
            continue
        relative = path.relative_to(SRC)
        if SKIP_DIRS.intersection(relative.parts[:-1]):
            continue
        if any(part.endswith(".egg-info") for part in relative.parts[:-1]):
            continue  # written by the editable install from the README, not our code
        if any(path == skip or skip in path.parents for skip in SKIP_FILES):
            continue
        out.append(path)
    return out


def plan_word_hits() -> list[str]:
    """``file:line: word`` for every plan-specific word in the checked files."""
    hits = []
    for path in _checked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if path.suffix == ".po" and (line.startswith("#") or "-Date: " in line):
                continue  # comments and the catalogue's own dates
            for match in PLAN_WORDS.finditer(line):
                hits.append(f"{path.relative_to(SRC.parent)}:{number}: {match.group(0)}")
    return hits


def test_the_checks_find_what_they_look_for() -> None:
    for text in (
        "Lifeport Semicon",
        "in 2034",
        "Tabel 1",
        "Figure 6",
        "8-inch fab",
        "BCI/Ecorys",
        "demand_until_2040",
        "winkelsteeg_homes",
        "Tables 1 and 2",
    ):
        assert PLAN_WORDS.search(text), text
    for text in ("20260328", "Table 12", "Figure 60", "intc", "function", "the plan's table"):
        assert not PLAN_WORDS.search(text), text


def test_no_plan_specific_word_or_year_in_code_or_templates() -> None:
    hits = plan_word_hits()
    assert not hits, f"{len(hits)} plan-specific word(s) in code:\n" + "\n".join(hits)
