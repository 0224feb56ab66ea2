"""The core's message catalogue: every error code has Dutch and English text, the compiled
catalogues match their source, and a run speaks one language."""

from __future__ import annotations

import ast
import copy
import gettext
import importlib
import pkgutil
import re
from pathlib import Path
from typing import get_args

import pytest
import yaml
from typer.testing import CliRunner

import clusterplan
from clusterplan.cli import app
from clusterplan.ecosystem.importing import preview_import
from clusterplan.ecosystem.registry import registry_from_plan
from clusterplan.ecosystem.settings import ecosystem_settings
from clusterplan.errors import ClusterplanError, Coded, describe, localise
from clusterplan.i18n import language_from_env, language_scope, message
from clusterplan.io.sheets import Limit, Table, TableRow
from clusterplan.model.finance import FinanceInputError
from clusterplan.plan import bounds
from clusterplan.plan.load import load_plan

PACKAGE = Path(clusterplan.__file__).resolve().parent
LOCALE = PACKAGE / "locale"
LANGS = ("nl", "en")
PLACEHOLDER = re.compile(r"{(\w+)}")
SUBJECT_CODE = re.compile(r"actuals\.subject\.\w+")
TERMS = ("pillar", "segment", "market", "technology", "organisation")
"""The words ``Coded(f"term.{what}")`` is built from in the core."""


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line) for line in lines)


def read_po(lang: str) -> dict[str, str]:
    """msgid -> msgstr of one catalogue's source (header left out)."""
    entries: dict[str, str] = {}
    text = (LOCALE / lang / "LC_MESSAGES" / "clusterplan.po").read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        parts: dict[str, list[str]] = {}
        current = None
        for line in block.strip().splitlines():
            if line.startswith("#"):
                continue
            key, _, rest = line.partition(" ")
            if key in ("msgid", "msgstr"):
                current = key
                parts[key] = [rest]
            elif current and line.startswith('"'):
                parts[current].append(line)
        if "msgid" in parts and "msgstr" in parts:
            msgid = _unquote(parts["msgid"])
            if msgid:
                entries[msgid] = _unquote(parts["msgstr"])
    return entries


def codes_in_source() -> set[str]:
    """Every literal error code of the core: ``Coded("...")``, ``code="..."`` and each
    class's ``default_code``, plus the codes built from :data:`TERMS`, the bounds' units and
    the read limits."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0] if node.args else None
                if name == "Coded" and isinstance(first, ast.Constant):
                    found.add(str(first.value))
                for keyword in node.keywords:
                    value = keyword.value
                    if keyword.arg == "code" and isinstance(value, ast.Constant):
                        if isinstance(value.value, str):  # fail(..., code=1) is an exit code
                            found.add(value.value)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SUBJECT_CODE.fullmatch(node.value):  # Coded(what) of the actuals' subjects
                    found.add(node.value)
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                if any(getattr(t, "id", "") == "default_code" for t in node.targets):
                    found.add(str(node.value.value))
    found |= {f"term.{t}" for t in TERMS}
    found |= {f"limit.{limit}" for limit in get_args(Limit)}
    return found


def texts_in_source() -> set[str]:
    """Every literal output text of the core: ``_("...")`` and ``gettext("...")``."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "gettext"):
                if node.args and isinstance(node.args[0], ast.Constant):
                    found.add(str(node.args[0].value))
    return found


def test_every_output_text_has_a_dutch_translation() -> None:
    texts = texts_in_source()
    assert {
        "error",
        "Re-phasing: {message}",
        "--until must be a year (got {value})",
    } <= texts
    nl = read_po("nl")
    assert sorted(t for t in texts if not nl.get(t, "").strip()) == []


def test_the_walk_finds_the_codes_of_the_core() -> None:
    codes = codes_in_source()
    # One of each way a code is written, so an empty walk cannot pass the next test.
    assert {"plan.unknown_ref", "phasing.cap_twice", "growth.detail", "term.pillar"} <= codes
    assert len(codes) > 100


def _error_classes() -> set[str]:
    """The names of :class:`ClusterplanError` and every subclass of it in the core."""
    for module in pkgutil.walk_packages(clusterplan.__path__, "clusterplan."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = {"ClusterplanError"}, [ClusterplanError]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub.__name__)
            todo.append(sub)
    return found


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return isinstance(node, ast.JoinedStr)


PROGRAMMING_ERRORS = {
    # Raise sites whose English text no input can reach: they guard a caller's mistake, not
    # a plan, a file or an argument (module:function). A site added here needs its reason.
    "clusterplan.cache:PlanCache.__init__",  # the size is a constant of the code
    "clusterplan.cli.localised:help_with",  # help templates and their values are code
    "clusterplan.ecosystem.concentration:pillar_jobs",  # ecosystem_settings refuses the split
    "clusterplan.ecosystem.growth_link:acquisition_gap",  # the pipeline is on growth_years
    "clusterplan.ecosystem.importing:ImportPreview.commit",  # callers commit a valid preview
    "clusterplan.events.agenda:_utc",  # calendar items carry the site's time zone
    "clusterplan.model.changes:ProjectChange.__post_init__",  # bounds and assumptions first
    "clusterplan.model.demand:ensemble_jobs",  # --vary is checked; the engine keeps jobs
    "clusterplan.model.finance:CashNeeds._rows",  # the part is a literal of the caller
    "clusterplan.model.space:SpaceResult.cumulative_to",  # years come from the result
    "clusterplan.model.uncertainty:Ensemble.bands",  # callers ask only when jobs are kept
    "clusterplan.model.uncertainty:Ensemble.means",
    "clusterplan.model.uncertainty:percentiles_in_place",  # percentiles are constants
    "clusterplan.monitor.nowcast:log_likelihood",  # the nowcast keeps the jobs per pillar
    "clusterplan.monitor.nowcast:_weighted_bands",
    # The command line asks the demand use case for the model it then renders.
    "clusterplan.report.demand:space_ensemble_data",
    "clusterplan.report.demand:talent_ensemble_data",
    "clusterplan.report.demand:render_space",
    "clusterplan.report.demand:render_talent",
}
"""Where a ``raise SomeError("text")`` may stay English (see the test below)."""

NOT_A_MESSAGE = {"MissingPart", "refused"}
"""Errors (and makers of errors) whose first argument is an id or a field's path, not a
message: ``MissingPart(part, file)`` codes itself, ``refused(where, problem)`` takes the
coded problem as its second argument."""


def _text_raises(node: ast.AST, where: list[str], found: list[str]) -> None:
    """Add ``module:function:line`` of each raise under ``node`` whose error is made from a
    text; ``where`` is the module and the names of the classes and functions around it."""
    named = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    inside = [*where, node.name] if named else where
    if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
        call = node.exc
        name = getattr(call.func, "id", getattr(call.func, "attr", ""))
        coded = any(k.arg == "code" for k in call.keywords)
        if name not in NOT_A_MESSAGE and not coded and call.args and _is_text(call.args[0]):
            found.append(f"{where[0]}:{'.'.join(where[1:])}:{node.lineno}")
    for child in ast.iter_child_nodes(node):
        _text_raises(child, inside, found)


def _raises_with_text() -> list[str]:
    """``module:function:line`` of every raise in the core whose error is made from a text
    (a literal or an f-string as its first argument) instead of a code and its params."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        _text_raises(ast.parse(path.read_text(encoding="utf-8")), [module], found)
    return found


def test_the_walk_finds_the_core_errors_made_from_text() -> None:
    classes = _error_classes()
    assert {"GrowthError", "DemandDataError", "SchedulingError", "MissingPart"} <= classes
    # Every allowed site is still there, so the list cannot hide a site that moved or left.
    sites = {site.rsplit(":", 1)[0] for site in _raises_with_text()}
    assert sorted(PROGRAMMING_ERRORS - sites) == []


def test_no_core_error_is_raised_with_english_text() -> None:
    """An error raised with a text (``raise ValueError(f"...")``, ``raise GrowthError("...")``)
    shows that English text on a Dutch page or in a Dutch run: every raise site a plan, a
    file or an argument can reach gives a code and its parameters instead (a ``Coded``
    reason or ``code=``). Only the sites of :data:`PROGRAMMING_ERRORS` may keep a text."""
    uncoded = [s for s in _raises_with_text() if s.rsplit(":", 1)[0] not in PROGRAMMING_ERRORS]
    assert uncoded == [], f"{len(uncoded)} raise site(s) with an English text"


@pytest.mark.parametrize("lang", LANGS)
def test_every_error_code_has_a_text_in_each_language(lang: str) -> None:
    entries = read_po(lang)
    missing = sorted(c for c in codes_in_source() if not entries.get(c, "").strip())
    assert missing == [], f"add these codes to locale/{lang}/LC_MESSAGES/clusterplan.po"


def test_dutch_texts_use_only_placeholders_the_english_text_has() -> None:
    """A Dutch text may leave out a technical detail (a library's English message), never
    use a parameter the code does not give."""
    nl, en = read_po("nl"), read_po("en")
    assert set(nl) == set(en)
    differ = [
        m for m in nl if not set(PLACEHOLDER.findall(nl[m])) <= set(PLACEHOLDER.findall(en[m] or m))
    ]
    assert differ == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_matches_the_source(lang: str) -> None:
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "clusterplan.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [m for m, s in read_po(lang).items() if s and compiled.gettext(m) != s]
    assert stale == [], f"run msgfmt --check -o clusterplan.mo clusterplan.po in {folder}"


def test_a_choice_error_lists_the_choices_without_pydantics_english_or() -> None:
    from typing import Literal

    from pydantic import BaseModel, ValidationError

    from clusterplan.plan.load import plain_reason

    class Choice(BaseModel):
        x: Literal["a", "b", "c"]

    with pytest.raises(ValidationError) as refused:
        Choice.model_validate({"x": "z"})
    reason = plain_reason(refused.value.errors()[0])
    assert reason.text("nl") == "moet een van 'a', 'b', 'c' zijn (gegeven: 'z')"


def test_a_coded_reason_reads_as_english_and_renders_in_dutch() -> None:
    reason = Coded("value.negative", {"value": "-3.5"})
    assert reason == "must not be negative (got -3.5)"
    assert reason.text("nl") == "mag niet negatief zijn (gegeven: -3.5)"


def test_numbers_follow_the_language_and_years_keep_their_digits() -> None:
    params = {"coverage": 1234.5, "cost": 12000}
    assert "1234.5" in message("plan.coverage_above_cost", params, "en")
    assert "1234,5" in message("plan.coverage_above_cost", params, "nl")
    assert "12.000" in message("plan.coverage_above_cost", params, "nl")
    assert message("plan.year_outside_horizon", {"year": 2031}, "nl").startswith("jaar 2031 ")


def test_a_large_or_precise_figure_in_a_message_is_written_out_in_its_language() -> None:
    """Messages wrote floats with six significant digits ('1,23457e+06'), and a value
    refused by a bound was quoted in Python's notation on a Dutch line ('gegeven: 2.5')."""
    params = {"coverage": 1234567.5, "cost": 12000}
    assert "1.234.567,5" in message("plan.coverage_above_cost", params, "nl")
    assert "1,234,567.5" in message("plan.coverage_above_cost", params, "en")
    refused = bounds.SHARE.message("aandeel", 2.5)
    assert refused is not None
    assert refused.text("nl").endswith("(gegeven: 2,5)")
    assert refused.text("en").endswith("(got 2.5)")
    huge = bounds.MONEY_MEUR.message("kosten", 1e308)
    assert huge is not None and huge.text("nl").endswith("(gegeven: 1e+308)")


def test_an_error_keeps_its_code_and_english_text() -> None:
    error = FinanceInputError(code="phasing.cap_twice", params={"source": "regional"})
    assert isinstance(error, ClusterplanError) and isinstance(error, ValueError)
    assert str(error) == "cap for regional given twice"
    assert describe(error, "nl") == "plafond voor regional twee keer opgegeven"


def test_an_uncoded_error_keeps_its_text_in_every_language() -> None:
    error = FinanceInputError("something specific")
    assert error.code == "finance.detail"
    assert describe(error, "nl") == describe(error, "en") == "something specific"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CLUSTERPLAN_LANG": "nl", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"CLUSTERPLAN_LANG": "en", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_env(environ) == expected


def test_the_ecosystem_import_row_errors_are_fully_dutch() -> None:
    plan = load_plan()
    columns = ("name", "kind", "jobs", "in_region", "pillars", "size_band")
    rows = [
        ("Nieuw Bedrijf", "", "-4", "misschien", "nope", "huge"),
        ("Ander Bedrijf", "alien", "3.5", "ja", "", ""),
        ("Derde Bedrijf Zonder Soort", "", "", "", "", ""),
    ]
    table = Table(
        "orgs.csv",
        columns,
        tuple(TableRow(n, dict(zip(columns, r, strict=True))) for n, r in enumerate(rows, 2)),
    )
    settings = ecosystem_settings(plan)
    preview = preview_import(registry_from_plan(plan), table, plan.taxonomy, settings)
    assert len(preview.problems) >= 6
    english = re.compile(
        r"\b(must|unknown|known|got|row|column|negative|whole|number|needs|kind|new|yes)\b"
    )
    for problem in preview.problems:
        text = problem.text("nl")
        words = re.sub(r"\(bekend: [^)]*\)|'[^']*'", "", text)  # values and known ids are data
        assert english.search(words) is None, text
        assert text.startswith("orgs.csv, rij ")


DUTCH_WORDS = re.compile(
    r"\b(Herfasering|Banen|voor|na|totale|vertraging|plafond|jaar|Bron|Bronnen|Privaat|"
    r"Nationaal|Regionaal|noot|Publiek|Kosten|Totaal|fout|onbekend|onbekende|Kostenpost|"
    r"Dekking|nodig|zeker|tekort|verschil|geen|moet|niet)\b"
)
ENGLISH_WORDS = re.compile(
    r"\b(Re-phasing|Jobs|before|after|total|delay|cap|years|note|error|unknown|must|"
    r"rise|exceeded|not|no|known|Sources|Costs|Public|Total)\b"
)


def _run(*args: str) -> tuple[str, str, int]:
    result = CliRunner().invoke(app, list(args))
    return result.stdout, result.stderr, result.exit_code


def _init(path: str, *, pillars: str = "a", horizon: str = "2030-2038") -> list[str]:
    """The arguments of ``init PATH`` for a one-pillar plan named P."""
    return ["init", path, "--name", "P", "--pillars", pillars, "--horizon", horizon]


def test_an_english_run_of_phase_speaks_no_dutch() -> None:
    out, err, code = _run("--lang", "en", "phase", "--cap", "regional=5")
    assert code == 1
    assert "Re-phasing" in out and "must rise" in err
    assert DUTCH_WORDS.search(out) is None, DUTCH_WORDS.search(out)
    assert DUTCH_WORDS.search(err) is None


def test_a_dutch_run_of_phase_speaks_no_english() -> None:
    out, err, code = _run("--lang", "nl", "phase", "--cap", "regional=5")
    assert code == 1
    assert "Herfasering" in out and err.startswith("fout: ")
    assert ENGLISH_WORDS.search(out) is None, ENGLISH_WORDS.search(out)
    assert ENGLISH_WORDS.search(err) is None, ENGLISH_WORDS.search(err)


@pytest.mark.parametrize(
    ("lang", "figure", "foreign"), [("nl", "17,7", "17.7"), ("en", "17.7", "17,7")]
)
def test_phase_writes_its_figures_in_the_runs_language(
    lang: str, figure: str, foreign: str
) -> None:
    """The yearly need per source after re-phasing (private 2026 at a regional cap of 20)."""
    out, err, code = _run("--lang", lang, "phase", "--cap", "regional=20")
    assert code == 0, err
    private = next(
        line for line in out.splitlines() if line.split()[:1] in (["Privaat"], ["Private"])
    )
    assert private.split()[1] == figure
    assert foreign not in out


@pytest.mark.parametrize("lang", LANGS)
def test_finance_with_a_what_if_speaks_one_language(lang: str) -> None:
    out, err, code = _run("--lang", lang, "finance", "--shift", "acp=1")
    assert code == 0, err
    other = DUTCH_WORDS if lang == "en" else ENGLISH_WORDS
    assert other.search(out) is None, other.search(out)


@pytest.mark.parametrize(
    ("args", "english", "dutch"),
    [
        (["finance", "--shift", "nope=1"], "unknown project 'nope'", "onbekend project 'nope'"),
        (["finance", "--shift", "acp=99"], "must be between -10 and 10 years", "jaar liggen"),
        (["phase", "--cap", "regional=5", "--cap", "regional=6"], "given twice", "twee keer"),
        (["phase", "--window", "3:1"], "is empty", "is leeg"),
    ],
)
def test_errors_of_finance_and_phase_follow_the_language(
    args: list[str], english: str, dutch: str
) -> None:
    _, err_en, code_en = _run("--lang", "en", *args)
    _, err_nl, code_nl = _run("--lang", "nl", *args)
    assert code_en == code_nl == 2
    assert err_en.startswith("error: ") and english in err_en
    assert err_nl.startswith("fout: ") and dutch in err_nl
    assert ENGLISH_WORDS.search(err_nl.removeprefix("fout: ").split(" (bekend")[0]) is None


def test_a_run_leaves_the_language_as_it_found_it() -> None:
    with language_scope("en"):
        _run("--lang", "nl", "phase", "--window", "3:1")
        assert message("plan.fact_self") == "names the fact itself"


def test_an_unknown_language_is_refused_in_one_line() -> None:
    _, err, code = _run("--lang", "fr", "finance")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--lang" in err


@pytest.mark.parametrize(
    ("args", "english", "dutch"),
    [
        (["scenarios", "--set", "nope=1"], "unknown input 'nope'", "onbekende invoer 'nope'"),
        (["scenarios", "--delay", "x"], "needs PROJECT=VALUE", "vraagt PROJECT=WAARDE"),
        (["scenarios", "--set", "x"], "--set needs NAME=VALUE", "--set vraagt NAAM=WAARDE"),
        (["impact", "--scenario", "boom"], "--scenario must be one of", "--scenario moet een van"),
        (["ecosystem", "concentration", "--dimension", "boom"], "must be one of", "moet een van"),
        (_init("/nonexistent-dir/p"), "does not exist", "bestaat niet"),
        (_init("{tmp}/p", horizon="2030"), "must be START-END", "BEGIN-EIND"),
        (_init("{tmp}/p", pillars="a,a"), "appears twice", "twee keer"),
    ],
)
def test_command_line_arguments_are_refused_in_the_runs_language(
    args: list[str], english: str, dutch: str, tmp_path: Path
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    _, err_en, code_en = _run("--lang", "en", *args)
    _, err_nl, code_nl = _run("--lang", "nl", *args)
    assert code_en == code_nl == 2, (err_en, err_nl)
    assert err_en.startswith("error: ") and english in err_en, err_en
    assert err_nl.startswith("fout: ") and dutch in err_nl, err_nl
    words = re.sub(r"--[\w-]+|/\S+", "", err_nl)  # option names and paths are not words
    assert ENGLISH_WORDS.search(words) is None, ENGLISH_WORDS.search(words)


def test_a_missing_part_is_named_in_the_runs_language(tmp_path: Path) -> None:
    plan_dir = tmp_path / "p"
    _, err, code = _run("--lang", "nl", *_init(str(plan_dir)))
    assert code == 0, err
    _, err_nl, code = _run("--lang", "nl", "space", "--plan", str(plan_dir))
    assert code == 2
    assert (
        err_nl.strip()
        == "fout: het plan heeft geen onderdeel 'ruimte'; voeg het toe in space.yaml (zie docs/plan-data.md)"
    )
    _, err_en, _ = _run("--lang", "en", "space", "--plan", str(plan_dir))
    assert (
        err_en.strip()
        == "error: the plan has no part 'space'; add it in space.yaml (see docs/plan-data.md)"
    )


def test_a_dutch_overview_speaks_no_english() -> None:
    out, err, code = _run("--lang", "nl", "overview")
    assert code == 0, err
    assert "Het doel: 11.200 banen in 2034" in out and "Controle: " in out
    assert "de 5.600 banen van 2026" in out  # Dutch grouping
    prose = [
        line
        for line in out.splitlines()
        if line.startswith(
            ("Het doel", "Projecten", "Ruimte", "Talent", "Organisaties", "Controle")
        )
    ]
    assert len(prose) == 6
    for line in prose:
        quoted = re.sub(r"\[.*?\]|'[^']*'", "", line)  # the plan's own words and ids
        assert ENGLISH_WORDS.search(quoted) is None, line


@pytest.mark.parametrize("args", [["space"], ["space", "--calibration"]])
def test_a_dutch_space_run_speaks_no_english(args: list[str]) -> None:
    out, err, code = _run("--lang", "nl", *args)
    assert code == 0, err
    assert (
        "Ruimtekalibratie" if "--calibration" in args else "Eerste jaar met een ruimtetekort"
    ) in out
    for line in out.splitlines():
        words = re.sub(r"\([^)]*\d[^)]*\)", "", line)  # the space functions' ids per figure
        assert ENGLISH_WORDS.search(words) is None, line


def test_plan_problems_follow_the_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-plan")
    _, err_nl, code = _run("--lang", "nl", "check", missing)
    assert code == 1
    assert err_nl.splitlines() == ["1 fout(en):", f"fout: {missing}: (bestand): geen planmap"]
    _, err_en, _ = _run("--lang", "en", "check", missing)
    assert err_en.splitlines()[-1] == f"error: {missing}: (file): not a plan directory"


def test_a_plan_refused_by_its_schema_is_named_in_the_runs_language(tmp_path: Path) -> None:
    """A check the schema makes itself (two growth dimensions that build on each other)
    reads in the run's language, with the field it is about."""
    plan_dir = tmp_path / "p"
    _, err, code = _run(*_init(str(plan_dir)))
    assert code == 0, err
    path = plan_dir / "employment.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    (first,) = data["scenarios"].values()
    for key, other in (("b", "c"), ("c", "b")):
        data["scenarios"][key] = {**copy.deepcopy(first), "builds_on": other}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    _, err_nl, code = _run("--lang", "nl", "check", str(plan_dir))
    assert code == 1
    assert err_nl.splitlines()[-1].endswith(
        ": scenarios.b.builds_on: een kringverwijzing (b -> c -> b)"
    ), err_nl
    words = re.sub(r"/\S+|scenarios\.\S+", "", err_nl)  # the path and the field are not words
    assert ENGLISH_WORDS.search(words) is None, ENGLISH_WORDS.search(words)
    _, err_en, _ = _run("--lang", "en", "check", str(plan_dir))
    assert err_en.splitlines()[-1].endswith(": scenarios.b.builds_on: a circle (b -> c -> b)")


def test_a_refused_supply_file_is_named_in_the_runs_language(tmp_path: Path) -> None:
    """A file refused for many problems (here education supply) lists every one of them
    in the run's language (it had shown the first in English, in a Dutch run too)."""
    path = tmp_path / "supply.csv"
    path.write_text(
        "institution,programme,level,year,enrolled,graduates\n"
        "A,P,hbo,2023,100,-3\nB,Q,phd,2024,10,5\n",
        encoding="utf-8",
    )
    _, err_nl, code = _run("--lang", "nl", "talent", "--supply", str(path))
    assert code == 1
    assert err_nl.splitlines() == [
        f"fout: {path}, rij 2, kolom 'graduates': mag niet negatief zijn "
        "(tussen 0 en 1.000.000 personen/jaar) (gegeven: -3)",
        f"fout: {path}, rij 3, kolom 'level': moet een van mbo, hbo, wo, other zijn "
        "(gegeven: 'phd')",
    ], err_nl
    _, err_en, _ = _run("--lang", "en", "talent", "--supply", str(path))
    assert err_en.splitlines()[1] == (
        f"error: {path}, row 3, column 'level': must be one of mbo, hbo, wo, other (got 'phd')"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_range_of_calendar_years_names_no_unit(lang: str) -> None:
    """'between 1900 and 2200', not '... 2200 year' (a duration keeps its unit)."""
    from clusterplan.plan import bounds

    year = localise(bounds.YEAR.problem(1800), lang)
    assert year.rstrip().endswith("2200") or "2200 liggen" in year, year
    delay = localise(bounds.DELAY_YEARS.problem(-99), lang)
    assert localise(Coded("unit.years"), lang) in delay


SQUARE_METRES_AS_M2 = re.compile(r"(?<![{_\w.])m2(?![}_\w])")
"""Square metres written 'm2' where a person reads them ('Ruimte (m2)' beside 'm²')."""


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_square_metres_read_as_m2_nowhere(lang: str) -> None:
    written = [s for s in read_po(lang).values() if SQUARE_METRES_AS_M2.search(s)]
    assert written == []


def test_dutch_writes_millions_of_euros_one_way() -> None:
    """A Dutch page read 'Publiek (mln euro)' (the unit's Dutch label) beside 'Tabel 1.
    Projectkosten per jaar (M EUR)' (a title written by hand): one way, the unit's; the
    same for thousands ('duizend euro') and euros."""
    assert message("unit.meur", lang="nl") == "mln euro"
    assert [s for s in read_po("nl").values() if re.search(r"\bEUR\b", s)] == []
