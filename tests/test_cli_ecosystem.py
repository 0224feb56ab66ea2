"""The ecosystem and pipeline commands: output, all-or-nothing commits, bad arguments."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.schema import Plan
from clusterplan.report.tables import dimension_name

IMPORT = "name,kind,jobs\nBESI,,1900\nNova Chips,supplier,12\n"


def _run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(app, list(args))


def test_whitespots_json_has_every_cell_and_the_judgements() -> None:
    result = _run("ecosystem", "whitespots", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["cells"]) == 4 * 6
    cell = next(
        c
        for c in data["cells"]
        if (c["segment"], c["technology"]) == ("back_end", "advanced_packaging")
    )
    # CITC-TNO, Besi, ASMPT-ALSI, ITEC, Boschman are in the region with both.
    assert sorted(cell["members"]) == ["asmpt-alsi", "besi", "boschman", "citc-tno", "itec"]
    assert "packaging-knowledge-moved-to-asia" in cell["judgements"]


def test_whitespots_by_market() -> None:
    data = json.loads(_run("ecosystem", "whitespots", "--by", "markets", "--json").stdout)
    assert data["axis"] == "markets" and len(data["columns"]) == 8


def test_import_previews_without_writing(tmp_path: Path) -> None:
    file = tmp_path / "in.csv"
    file.write_text(IMPORT, encoding="utf-8")
    store = tmp_path / "registry.csv"
    result = _run("ecosystem", "import", str(file), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "row 2: update besi" in result.stdout
    assert "row 3: create nova-chips" in result.stdout
    assert not store.exists()


def test_import_speaks_the_language_of_the_run(tmp_path: Path) -> None:
    file = tmp_path / "in.csv"
    file.write_text(IMPORT, encoding="utf-8")
    store = tmp_path / "registry.csv"
    result = _run("--lang", "nl", "ecosystem", "import", str(file), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert "rij 2: bijwerken besi" in result.stdout
    assert "rij 3: nieuw nova-chips" in result.stdout
    assert "1 aan te maken, 1 bij te werken, 0 ongewijzigd" in result.stdout
    for english in ("row ", "to create", "unchanged", "preview only", "matched"):
        assert english not in result.stdout


def test_the_pipeline_names_sources_and_stages_in_the_language_of_the_run(
    tmp_path: Path,
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "id,company,source,stage,landing_year\na,Acme,trade_mission,decision,2030\n", "utf-8"
    )
    for lang, source, stage in (
        ("nl", "Handelsmissie", "Besluit"),
        ("en", "Trade mission", "Decision"),
    ):
        result = _run("--lang", lang, "pipeline", str(leads))
        assert result.exit_code == 0, result.output
        row = next(line for line in result.stdout.splitlines() if line.startswith("Acme "))
        assert re.match(rf"Acme +{source} +{stage} ", row), row  # the leads table's row
        assert "trade_mission" not in result.stdout


def test_import_commit_writes_the_store_and_reads_it_back(tmp_path: Path) -> None:
    file = tmp_path / "in.csv"
    file.write_text(IMPORT, encoding="utf-8")
    store = tmp_path / "registry.xlsx"
    assert _run("ecosystem", "import", str(file), "--store", str(store), "--commit").exit_code == 0
    again = _run("ecosystem", "import", str(file), "--store", str(store), "--json")
    data = json.loads(again.stdout)
    assert (data["create"], data["update"], data["unchanged"]) == (0, 0, 2)


def test_invalid_import_writes_nothing_and_keeps_the_store(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(IMPORT, encoding="utf-8")
    store = tmp_path / "registry.csv"
    _run("ecosystem", "import", str(good), "--store", str(store), "--commit")
    before = store.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,jobs\nBesi,5\nTrymax,-3\n", encoding="utf-8")
    result = _run("ecosystem", "import", str(bad), "--store", str(store), "--commit")
    assert result.exit_code == 1
    assert f"error: {bad}, row 3, column 'jobs': must not be negative" in result.stderr
    assert store.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("name,kind,place\nNova,supplier," + "p" * 150 + "\n", "column 'place': 150 characters"),
        ("name,kind\n" + "Nova " * 30 + ",supplier\n", "column 'id': 149 characters"),
    ],
)
def test_an_import_refuses_text_longer_than_the_registry_holds(
    tmp_path: Path, text: str, line: str
) -> None:
    """The limits are the core's (``ORGANISATION_TEXT_MAX``), as the platform applies them;
    the command line had taken a 150-character place and a 149-character id."""
    file = tmp_path / "orgs.csv"
    file.write_text(text, encoding="utf-8")
    result = _run("ecosystem", "import", str(file))
    assert result.exit_code == 1
    assert f"row 2, {line} long; at most 100 are allowed" in result.stderr


def test_bad_arguments_exit_2_with_one_line() -> None:
    for args in (
        ("ecosystem", "import", "in.txt"),
        ("ecosystem", "import", "in.csv", "--commit"),
        ("ecosystem", "concentration", "--leave", "nxp"),
        ("ecosystem", "concentration", "--leave", "nobody", "--from", "2028"),
        ("ecosystem", "concentration", "--leave", "nxp", "--from", "1999"),
        ("pipeline", "leads.csv", "--as-of", "yesterday"),
    ):
        result = _run(*args)
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_concentration_with_a_departure(tmp_path: Path) -> None:
    file = tmp_path / "in.csv"
    file.write_text("name,jobs\nNXP,1200\n", encoding="utf-8")
    store = tmp_path / "r.csv"
    _run("ecosystem", "import", str(file), "--store", str(store), "--commit")
    result = _run(
        "ecosystem",
        "concentration",
        "--store",
        str(store),
        "--leave",
        "nxp",
        "--from",
        "2030",
        "--json",
    )
    data = json.loads(result.stdout)
    before, after = data["departure"]["total_before"], data["departure"]["total_after"]
    years = data["departure"]["years"]
    assert before[years.index(2029)] == after[years.index(2029)]
    assert before[years.index(2030)] - after[years.index(2030)] == 1200
    design = next(p for p in data["pillars"] if p["pillar"] == "design")
    assert design["largest"] == "nxp" and design["largest_jobs"] == 600


def test_concentration_prints_the_core_tables_with_the_registrys_names(
    tmp_path: Path, plan: Plan
) -> None:
    file = tmp_path / "in.csv"
    file.write_text("name,jobs\nNXP,1200\n", encoding="utf-8")
    store = tmp_path / "r.csv"
    _run("ecosystem", "import", str(file), "--store", str(store), "--commit")
    args = ("ecosystem", "concentration", "--store", str(store), "--leave", "nxp")
    result = _run(*args, "--from", "2030")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    last = plan.employment.last_dimension
    for title in (
        "Largest organisation per pillar",
        "Single points of failure: carried by one organisation",
        f"Jobs with and without the organisation ({dimension_name(plan, last, 'en')})",
    ):
        assert title in lines
    # The largest of design is named as the registry names it, with its 600 jobs.
    assert re.search(r"^Design +\d+ +\d+ +NXP +600 +100\.0\b", result.stdout, re.M)
    assert re.search(r"^Market +Automotive +NXP$", result.stdout, re.M)
    assert re.search(r"^2030 +[\d,]+ +[\d,]+ +-1,200$", result.stdout, re.M)
    assert re.search(r"^2029 +([\d,]+) +\1 +0$", result.stdout, re.M)


def test_pipeline_json(tmp_path: Path) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text(
        "id,company,source,stage,jobs_equipment,landing_year,area_m2\n"
        "a,Acme,anchor_tenant,decision,100,2028,2000\n",
        encoding="utf-8",
    )
    history = tmp_path / "h.csv"
    history.write_text(
        "lead,stage,date\na,proposal,2026-01-01\na,decision,2026-03-02\n", encoding="utf-8"
    )
    result = _run(
        "pipeline", str(leads), "--history", str(history), "--as-of", "2026-06-01", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    eq = data["pillars"].index("equipment")
    assert data["acquisition_jobs"][eq][data["years"].index(2034)] == 70.0  # 0.7 x 100
    assert data["area_m2_by_landing_year"][data["years"].index(2028)] == 1400.0
    gap = data["acquisition_gap"]
    assert gap["covered_jobs"] == 70.0
    # the headline figures are the row of the year of the largest gap; the pipeline covers
    # the gap, never more than it
    row = gap["by_year"][str(gap["year"])]
    assert (gap["gap_jobs"], gap["covered_jobs"]) == (row["gap"], row["covered"])
    assert gap["gap_jobs"] == max(r["gap"] for r in gap["by_year"].values())
    assert all(r["covered"] == min(r["gap"], r["pipeline"]) for r in gap["by_year"].values())
    assert data["stats"][0]["days_in_stage"]["proposal"]["mean"] == 60


def test_pipeline_reports_bad_rows(tmp_path: Path) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("company,source,stage\nAcme,cold_call,visit\n", encoding="utf-8")
    result = _run("pipeline", str(leads))
    assert result.exit_code == 1
    assert "row 2, column 'source'" in result.stderr


def test_two_new_rows_with_one_id_commit_nothing(tmp_path: Path) -> None:
    # Before: the CLI committed and silently kept only one of the two rows.
    file = tmp_path / "dup.csv"
    file.write_text("id,name,kind\nnova,Nova Chips,supplier\nnova,Other,supplier\n", "utf-8")
    store = tmp_path / "registry.csv"
    result = _run("ecosystem", "import", str(file), "--store", str(store), "--commit")
    assert result.exit_code == 1
    assert f"error: {file}, row 3, column 'id': id 'nova' is also given" in result.stderr
    assert "row 2" in result.stderr and not store.exists()


def test_an_import_over_a_limit_is_one_line(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    file = tmp_path / "many.csv"
    file.write_text("name,kind\n" + "".join(f"Org {i},supplier\n" for i in range(30)), "utf-8")
    monkeypatch.setenv("CLUSTERPLAN_IMPORT_MAX_ROWS", "20")
    result = _run("ecosystem", "import", str(file))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {file}, row 22: more than 20 data rows; at most 20 are allowed"
    )
    monkeypatch.setenv("CLUSTERPLAN_IMPORT_MAX_ROWS", "many")
    bad = _run("ecosystem", "import", str(file))
    assert bad.exit_code == 2 and "CLUSTERPLAN_IMPORT_MAX_ROWS must be a whole number" in bad.stderr
