"""Bad input on the command line: one line per problem naming the file (and line, row or
field) and the reason in the run's language, never a traceback, an exit code that is not 0.

Each test here is a finding of a hand audit of the command line (``--lang nl`` and
``--lang en``) that the command line got wrong before.
"""

from __future__ import annotations

import errno
import shutil
import sys
from pathlib import Path
from typing import Literal

import pytest
from typer.testing import CliRunner

from clusterplan import cli
from clusterplan.cli import app
from clusterplan.io import sheets
from clusterplan.io.limits import START_LIMITS
from clusterplan.plan.bounds import YEAR
from clusterplan.plan.load import BUNDLED_PLAN_DIR
from clusterplan.plan.schema import ID_MAX
from tests.plan.editing import edit, line_of

LANGS = ("nl", "en")
ACTUALS = Path(__file__).parent / "monitor" / "data" / "actuals_fictional.csv"


def run(lang: str, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``clusterplan --lang LANG ARGS``."""
    result = CliRunner().invoke(app, ["--lang", lang, *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_a_key_given_twice_in_a_plan_file_is_refused_at_its_line(
    plan_copy: Path, lang: str
) -> None:
    path = plan_copy / "employment.yaml"
    first = line_of(path, "base_year:")
    edit(path, "base_year: ", "base_year: 2025\nbase_year: ")
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    assert f"{path}:{first + 1}:" in err
    assert "'base_year'" in err
    words = {"nl": "twee keer (eerst op regel", "en": "twice (first on line"}[lang]
    assert f"{words} {first})" in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_folder_in_place_of_a_plan_file_is_named(plan_copy: Path, lang: str) -> None:
    path = plan_copy / "employment.yaml"
    path.unlink()
    path.mkdir()
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    folder = {"nl": "geen gewoon bestand: een map", "en": "not a regular file: a directory"}[lang]
    assert f"{path}: " in err and folder in err
    assert "Is a directory" not in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_folder_as_the_value_table_is_named(tmp_path: Path, lang: str) -> None:
    code, _, err = run(lang, "phase", "--values", str(tmp_path))
    assert code == 2
    assert f"--values: {tmp_path}: " in err
    assert "Is a directory" not in err


@pytest.mark.parametrize(
    ("old", "new", "bad", "reason"),
    [
        (
            "  organic:\n    source:",
            "  organic:\n\tsource:",
            "\tsource:",
            {"nl": "een tab-teken: spring in met spaties", "en": "a tab character: indent with"},
        ),
        (
            "  organic:\n    source:",
            "  organic:\n    source: x\n   name_nl: y\n    source:",
            "   name_nl: y",
            {"nl": "de inspringing past niet", "en": "the indentation does not fit"},
        ),
    ],
    ids=["tab", "indentation"],
)
@pytest.mark.parametrize("lang", LANGS)
def test_a_yaml_syntax_error_is_told_in_the_run_language(
    plan_copy: Path, lang: str, old: str, new: str, bad: str, reason: dict[str, str]
) -> None:
    path = plan_copy / "employment.yaml"
    edit(path, old, new)
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    assert f"{path}:{line_of(path, bad)}:" in err
    assert reason[lang] in err
    for parser_words in ("while ", "scanning", "parsing", "expected", "token"):
        assert parser_words not in err


def _refuse_writing(*_: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("lang", LANGS)
def test_a_place_that_cannot_be_written_is_told_in_the_run_language(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheets, "write_atomic", _refuse_writing)
    out = tmp_path / "finance.csv"
    code, _, err = run(lang, "finance", "--out", str(out))
    assert code == 2
    reason = {"nl": "kan niet geschreven worden: geen toestemming", "en": "no permission"}[lang]
    assert str(out) in err and reason in err
    assert "Permission denied" not in err and not out.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_init_that_cannot_write_says_so_and_leaves_no_half_plan(
    tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheets, "write_atomic", _refuse_writing)
    plan = tmp_path / "new-plan"
    args = ("init", str(plan), "--name", "T", "--pillars", "a,b", "--horizon", "2026-2030")
    code, _, err = run(lang, *args)
    assert code == 2
    reason = {"nl": "kan niet geschreven worden: geen toestemming", "en": "no permission"}[lang]
    assert str(plan) in err and reason in err
    assert not plan.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_the_last_net_names_a_refusal_of_the_system_in_the_run_language(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused() -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory", "/gone/x.csv")

    monkeypatch.setattr(cli, "app", refused)
    monkeypatch.setattr(sys, "argv", ["clusterplan", "--lang", lang, "check"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    reason = {"nl": "bestand of map bestaat niet", "en": "no such file or folder"}[lang]
    assert f"/gone/x.csv: {reason}" in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_annex_that_cannot_be_written_leaves_no_pdf(tmp_path: Path, lang: str) -> None:
    pdf, annex = tmp_path / "r.pdf", tmp_path / "missing" / "r.xlsx"
    args = ["--actuals", str(ACTUALS), "--year", "2027", "--out", str(pdf), "--xlsx", str(annex)]
    code, _, err = run(lang, "report", *args)
    assert code == 2
    folder = {"nl": f"map {annex.parent} bestaat niet", "en": f"folder {annex.parent} does not"}
    assert str(annex) in err and folder[lang] in err
    assert not pdf.exists()
    assert err.count("\n") == 1  # refused before the report is computed


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "command",
    [["ecosystem", "whitespots"], ["ecosystem", "concentration"], ["pipeline", "{leads}"]],
    ids=["whitespots", "concentration", "pipeline"],
)
def test_a_store_that_does_not_exist_is_refused_where_it_is_read(
    tmp_path: Path, lang: str, command: list[str]
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("id,company,source,stage\na,Acme,anchor_tenant,decision\n", "utf-8")
    store = tmp_path / "registry.csv"  # a typo'd name: the plan's organisations were shown
    args = [arg.replace("{leads}", str(leads)) for arg in command]
    code, out, err = run(lang, *args, "--store", str(store))
    assert code == 2
    assert f"{store}: " + {"nl": "bestand bestaat niet", "en": "no such file"}[lang] in err
    assert out == ""


def test_an_import_may_start_a_new_store(tmp_path: Path) -> None:
    exported, store = tmp_path / "organisations.csv", tmp_path / "new-store.csv"
    assert run("en", "ecosystem", "export", str(exported))[0] == 0
    code, out, _ = run("en", "ecosystem", "import", str(exported), "--store", str(store))
    assert code == 0 and "preview only" in out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "command",
    [
        ["monitor", "--actuals", "{folder}"],
        ["talent", "--supply", "{folder}"],
        ["events", "schedule", "{folder}", "--slots", "2", "--tables", "1"],
    ],
    ids=["monitor", "talent", "events"],
)
def test_a_folder_given_as_a_table_is_named_a_folder(
    tmp_path: Path, lang: str, command: list[str]
) -> None:
    folder = tmp_path / "actuals"  # no suffix: it was refused as a file type ''
    folder.mkdir()
    code, _, err = run(lang, *[arg.replace("{folder}", str(folder)) for arg in command])
    assert code == 1
    assert f"{folder}: " in err
    assert {"nl": "het is een map", "en": "it is a folder"}[lang] in err
    assert "''" not in err


PYTHON_WORDS = ("byte", "codec", "zip", "Expecting", "char ")
"""Words of Python's own reasons (a codec's, zipfile's, json's) that a reader must not see."""


@pytest.mark.parametrize("lang", LANGS)
def test_a_latin1_csv_is_refused_without_python_words(tmp_path: Path, lang: str) -> None:
    actuals = tmp_path / "actuals.csv"
    actuals.write_bytes(
        "indicator,subject,year,value,source\njobs,design,2026,1,Régio\n".encode("latin-1")
    )
    code, _, err = run(lang, "monitor", "--actuals", str(actuals))
    assert code == 1
    words = {
        "nl": "geen UTF-8-tekst (sla het bestand op als CSV UTF-8)",
        "en": "not UTF-8 text (save the file as CSV UTF-8)",
    }
    assert f"{actuals}: {words[lang]}" in err
    assert not any(word in err for word in PYTHON_WORDS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_workbook_that_is_no_workbook_is_refused_without_python_words(
    tmp_path: Path, lang: str
) -> None:
    actuals = tmp_path / "actuals.xlsx"
    actuals.write_bytes(bytes(range(256)))
    code, _, err = run(lang, "monitor", "--actuals", str(actuals))
    assert code == 1
    words = {"nl": "geen leesbare XLSX-werkmap", "en": "not a readable XLSX workbook"}
    assert f"{actuals}: {words[lang]}" in err
    assert not any(word in err for word in PYTHON_WORDS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_latin1_plan_file_is_told_to_be_saved_as_utf8_not_as_csv(
    plan_copy: Path, lang: str
) -> None:
    path = plan_copy / "meta.yaml"
    path.write_bytes(path.read_text("utf-8").replace("\n", "\n# Régio\n", 1).encode("latin-1"))
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    words = {
        "nl": "geen UTF-8-tekst (sla het bestand op als UTF-8)",
        "en": "not UTF-8 text (save the file as UTF-8)",
    }
    assert str(path) in err and words[lang] in err
    assert "CSV" not in err and not any(word in err for word in PYTHON_WORDS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_value_table_that_is_no_json_names_the_line_and_column(tmp_path: Path, lang: str) -> None:
    table = tmp_path / "values.json"
    table.write_text('{"acp":\n  {"0,0": 1,}\n}\n', "utf-8")
    code, _, err = run(lang, "phase", "--values", str(table))
    assert code == 2
    words = {
        "nl": "geen leesbare JSON-waardentabel (fout op regel 2, kolom 13)",
        "en": "not a readable JSON value table (error at line 2, column 13)",
    }
    assert f"{table}: {words[lang]}" in err
    assert not any(word in err for word in PYTHON_WORDS)


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_required_plan_file_is_called_empty(plan_copy: Path, lang: str) -> None:
    path = plan_copy / "employment.yaml"
    path.write_text("# to be written\n", "utf-8")
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    words = {"nl": "het bestand is leeg", "en": "the file is empty"}[lang]
    assert str(path) in err and words in err
    assert "None" not in err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("jobs", ["NaN", "Infinity", "-5"])
def test_a_value_table_with_jobs_that_are_no_count_is_refused(
    tmp_path: Path, lang: str, jobs: str
) -> None:
    from clusterplan.model.phasing import option_keys, phaseable_projects, phasing_settings
    from clusterplan.plan.load import bundled_plan

    plan = bundled_plan()
    keys = [f"{shift},{stretch}" for shift, stretch in option_keys(phasing_settings(plan))]
    ids = phaseable_projects(plan)
    rows = {pid: {key: "100" for key in keys} for pid in ids}
    rows[ids[0]][keys[0]] = jobs  # NaN and Infinity stopped the solver with a traceback
    text = (
        "{"
        + ",".join(
            f'"{pid}": {{' + ",".join(f'"{k}": {v}' for k, v in row.items()) + "}"
            for pid, row in rows.items()
        )
        + "}"
    )
    table = tmp_path / "values.json"
    table.write_text(text, "utf-8")
    code, _, err = run(lang, "phase", "--values", str(table))
    assert code == 2
    assert f"{table}: {ids[0]}: " in err and f"'{keys[0]}'" in err
    assert {"nl": "het aantal banen", "en": "the jobs"}[lang] in err


@pytest.mark.parametrize("lang", LANGS)
def test_an_actual_beyond_any_count_is_refused_at_its_cell(tmp_path: Path, lang: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "subject", "year", "value", "source"])
    sheet.append(["jobs", "design", 2026, 1e308, "register"])  # was shown 'on track'
    actuals = tmp_path / "actuals.xlsx"
    book.save(actuals)
    code, out, err = run(lang, "monitor", "--actuals", str(actuals))
    assert code == 1 and out == ""
    where = {"nl": "rij 2, kolom 'value'", "en": "row 2, column 'value'"}[lang]
    assert f"{actuals}, {where}: " in err
    assert {"nl": "(gegeven: 1e+308)", "en": "(got 1e+308)"}[lang] in err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("command", "fmt", "name"),
    [
        ("finance", "xlsx", "out.csv"),
        ("finance", "csv", "out.xlsx"),
        ("tables", "json", "out.xlsx"),
    ],
)
def test_an_output_file_whose_name_says_another_format_is_refused(
    tmp_path: Path, lang: str, command: str, fmt: str, name: str
) -> None:
    out = tmp_path / name  # was written: CSV text in out.xlsx, --format xlsx ignored for .csv
    code, _, err = run(lang, command, "--format", fmt, "--out", str(out))
    assert code == 2
    assert f"--out {out} " in err and f"--format {fmt}" in err
    assert not out.exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("threshold", ["5", "nan", "0"])
def test_a_discovery_threshold_out_of_range_names_the_option(lang: str, threshold: str) -> None:
    code, _, err = run(lang, "discover", "--n", "1000", "--threshold", threshold)
    assert code == 2
    assert "--threshold" in err
    assert {"nl": f"(gegeven: {threshold})", "en": f"(got {threshold})"}[lang] in err


def test_a_list_where_fields_belong_is_called_a_list_in_the_run_language(plan_copy: Path) -> None:
    (plan_copy / "taxonomy.yaml").write_text("- design\n- equipment\n", "utf-8")
    code, _, err = run("nl", "check", str(plan_copy))
    assert code == 1
    assert "moet een verzameling velden zijn (gegeven: een lijst)" in err
    assert "(gegeven: list)" not in err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("window", ["0:11", "-11:0"])
def test_a_phasing_window_beyond_the_shift_range_is_refused(lang: str, window: str) -> None:
    # a window of a billion years ran the machine out of memory (killed, exit 137)
    code, _, err = run(lang, "phase", "--window", window)
    assert code == 2
    assert f"--window '{window}': " in err
    assert {"nl": "moet tussen -10 en 10 jaar liggen", "en": "must be between -10 and 10 years"}[
        lang
    ] in err


def _init(lang: str, folder: Path, **options: str) -> tuple[int, str]:
    """Exit code and stderr of ``init FOLDER`` with sound options, ``options`` replacing them."""
    given = {"name": "T", "pillars": "a,b", "horizon": "2026-2030", **options}
    args = [item for key, value in given.items() for item in (f"--{key}", value)]
    code, _, err = run(lang, "init", str(folder), *args)
    return code, err


_TOO_LONG = START_LIMITS.max_name_chars + 1
_TOO_MANY = START_LIMITS.max_names + 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("option", "value", "given", "limit"),
    [
        ("name", "n" * 100_000, 100_000, START_LIMITS.max_name_chars),
        ("pillars", "a," + "p" * _TOO_LONG, _TOO_LONG, START_LIMITS.max_name_chars),
        ("dimensions", "d" * _TOO_LONG, _TOO_LONG, START_LIMITS.max_name_chars),
        ("pillars", ",".join(f"p{i}" for i in range(5_000)), 5_000, START_LIMITS.max_names),
        ("sources", ",".join(f"s{i}" for i in range(_TOO_MANY)), _TOO_MANY, START_LIMITS.max_names),
    ],
)
def test_init_refuses_absurd_sizes_naming_option_given_and_limit(
    tmp_path: Path, lang: str, option: str, value: str, given: int, limit: int
) -> None:
    plan = tmp_path / "new-plan"
    code, err = _init(lang, plan, **{option: value})
    assert code == 2 and err.count("\n") == 1, err
    grouped = f"{given:,}".replace(",", "." if lang == "nl" else ",")
    words = {"nl": ("hoogstens", "toegestaan"), "en": ("at most", "allowed")}[lang]
    assert f"--{option}: " in err and grouped in err
    assert f"{words[0]} {limit} " in err and words[1] in err
    assert not plan.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_init_refuses_a_name_whose_id_is_too_long(tmp_path: Path, lang: str) -> None:
    name = "ß" * START_LIMITS.max_name_chars  # short enough, but its id is 'ss' each
    code, err = _init(lang, tmp_path / "new-plan", pillars=name)
    assert code == 2
    words = {"nl": "geeft een id van", "en": "gives an id of"}[lang]
    assert f"--pillars: '{name[:40]}" in err and words in err
    assert str(2 * START_LIMITS.max_name_chars) in err and f" {ID_MAX} " in err
    assert not (tmp_path / "new-plan").exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("horizon", "year"), [("1000-2030", 1000), ("2026-9999", 9999)])
def test_init_refuses_a_horizon_beyond_the_years_a_plan_keeps(
    tmp_path: Path, lang: str, horizon: str, year: int
) -> None:
    code, err = _init(lang, tmp_path / "new-plan", horizon=horizon)
    assert code == 2
    low, high = int(YEAR.low), int(YEAR.high)
    words = {"nl": f"tussen {low} en {high}", "en": f"between {low} and {high}"}[lang]
    assert "--horizon" in err and words in err and str(year) in err
    assert not (tmp_path / "new-plan").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_diff_lists_the_problems_of_each_broken_revision_under_its_path(
    tmp_path: Path, lang: str
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, old)
    shutil.copytree(BUNDLED_PLAN_DIR, new)
    edit(old / "employment.yaml", "base_year: ", "base_year: 2025\nbase_year: ")
    (new / "finance.yaml").unlink()
    (new / "finance.yaml").mkdir()
    code, out, err = run(lang, "diff", str(old), str(new))
    assert code == 1 and not out
    errors = {"nl": "1 fout(en):", "en": "1 error(s):"}[lang]
    lines = err.splitlines()
    old_at, new_at = lines.index(f"{old}: {errors}"), lines.index(f"{new}: {errors}")
    assert old_at < new_at
    assert str(old / "employment.yaml") in lines[old_at + 1]
    assert str(new / "finance.yaml") in lines[new_at + 1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "args",
    [
        ("space", "--until", "99999"),  # a year bound's refusal: '(got 99999)'
        ("scenarios", "--until", "99999"),  # a message's 'until'
        ("backcast", "--year", "99999"),  # a message's 'year'
        ("report", "--actuals", str(ACTUALS), "--year", "99999", "--out", "annual.pdf"),
    ],
)
def test_a_year_in_an_option_error_is_written_plainly(
    lang: str, args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(lang, *args)
    assert code != 0 and err.count("\n") == 1, err
    assert "99999" in err and "99,999" not in err and "99.999" not in err, err
    assert not (tmp_path / "annual.pdf").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_param_is_plain_a_count_grouped(lang: str) -> None:
    from clusterplan.i18n import Count, message

    years = {"year": 99999, "first": 20000.0, "last": 1}
    shown = message("plan.year_outside_horizon_range", years, lang)
    assert "99999" in shown and "20000" in shown
    grouped = {"nl": "12.345", "en": "12,345"}[lang]
    assert grouped in message("value.too_long", {"length": Count(12345), "limit": 12345}, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_below_a_file_is_refused_in_the_reading_words(tmp_path: Path, lang: str) -> None:
    below = tmp_path / "actuals.csv"
    below.write_text("not a folder\n", encoding="utf-8")
    table = below / "actuals.csv"  # the system refuses it as 'Not a directory'
    code, _, err = run(lang, "monitor", "--actuals", str(table))
    assert code == 1
    words = {"nl": "een deel van het pad is geen map", "en": "a part of the path is not a folder"}
    assert f"{table}: " in err and words[lang] in err
    assert "Not a directory" not in err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("operation", "words"),
    [
        ("read", {"nl": "geen leesrechten", "en": "no permission to read it"}),
        ("write", {"nl": "geen toestemming", "en": "no permission"}),
    ],
)
def test_the_system_refusal_is_worded_for_what_was_done(
    lang: str, operation: Literal["read", "write"], words: dict[str, str]
) -> None:
    from clusterplan.errors import localise
    from clusterplan.io.export import system_reason

    refusal = PermissionError(errno.EACCES, "Permission denied")
    assert localise(system_reason(refusal, operation), lang) == words[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_huge_value_is_cut_with_its_length_in_the_run_language(
    plan_copy: Path, lang: str
) -> None:
    path = plan_copy / "employment.yaml"
    huge = "9" * 30_000 + "x"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("base_year: 2026", f"base_year: '{huge}'", 1), encoding="utf-8")
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    length = {"nl": "(30.003 tekens)", "en": "(30,003 characters)"}[lang]
    assert length in err and len(err) < 2_000
    if lang == "nl":
        assert "characters" not in err


@pytest.mark.parametrize("lang", LANGS)
def test_a_plan_file_the_system_refuses_is_told_in_the_reading_words(
    plan_copy: Path, lang: str
) -> None:
    from clusterplan.io.yaml_io import YamlError, read_limited

    below = plan_copy / "meta.yaml" / "x.yaml"  # a path through a file: 'Not a directory'
    with pytest.raises(YamlError) as caught:
        read_limited(below, 1_000)
    words = {"nl": "een deel van het pad is geen map", "en": "a part of the path is not a folder"}
    assert words[lang] in caught.value.text(lang)
    assert "Not a directory" not in caught.value.text(lang)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("file", "written", "field"),
    [
        ("meta.yaml", "id: lifeport-2026", "meta.yaml:2: id"),
        ("meta.yaml", 'title: "Meerjarenplan Lifeport Semicon 2026-2034"', "meta.yaml:3: title"),
        ("finance.yaml", "  - id: acp", "finance.yaml:15: projects[0].id"),
    ],
)
def test_a_plan_text_longer_than_the_platform_keeps_is_refused_when_read(
    plan_copy: Path, lang: str, file: str, written: str, field: str
) -> None:
    """A hand-written plan with a 400-character id or title passed the check and failed
    where the platform stores a revision (a database error on PostgreSQL): refused when
    the plan is read, naming the field, its length and the limit."""
    from clusterplan.plan.schema import PLAN_TEXT_MAX

    path = plan_copy / file
    text = path.read_text(encoding="utf-8")
    assert written in text
    key, value = written.split(": ", 1)
    long = value.replace('"', "") + "x" * 400
    path.write_text(text.replace(written, f"{key}: {long}", 1), encoding="utf-8")
    code, _, err = run(lang, "check", str(plan_copy))
    assert code == 1
    limit = PLAN_TEXT_MAX["title" if field.endswith("title") else "id"]
    assert f"{field}: {len(long)} " in err and f" {limit} " in err
