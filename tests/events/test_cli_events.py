"""``clusterplan events schedule``: files in, a valid schedule out, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from clusterplan.cli import app

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _schedule(requests: Path, slots: str, tables: str, *options: str, lang: str = "en") -> Result:
    """``clusterplan --lang LANG events schedule REQUESTS --slots SLOTS --tables TABLES
    [OPTIONS]``."""
    args = ["events", "schedule", str(requests), "--slots", slots, "--tables", tables]
    return runner.invoke(app, ["--lang", lang, *args, *options])


def test_it_schedules_a_request_file_as_json(tmp_path: Path) -> None:
    requests = _write(tmp_path / "r.csv", "a,b,priority\nA,B,1\nA,C,2\nB,C,1\nD,E,\n")
    availability = _write(tmp_path / "av.csv", "participant,slot\nA,0\nA,1\n")
    result = _schedule(requests, "3", "1", "--availability", str(availability), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"meetings", "placed", "requested", "bound", "seconds"}
    assert data["requested"] == 4 and data["placed"] == len(data["meetings"]) == 3
    assert data["bound"] == 3
    slots_of_a = [m["slot"] for m in data["meetings"] if "A" in (m["a"], m["b"])]
    assert all(s in (0, 1) for s in slots_of_a)
    used = [(m["slot"], m["table"]) for m in data["meetings"]]
    assert len(used) == len(set(used)) and all(t == 0 for _, t in used)


def test_a_bad_row_is_named_in_one_line(tmp_path: Path) -> None:
    requests = _write(tmp_path / "r.csv", "a,b,priority\nA,B,1\nA,C,high\n")
    result = _schedule(requests, "2", "1")
    assert result.exit_code == 1
    assert "r.csv, row 3, column 'priority'" in result.stderr
    assert "Traceback" not in result.output
    good = _write(tmp_path / "good.csv", "a,b\nA,B\n")
    availability = _write(tmp_path / "av.csv", "participant,slot\nA,1\nA,7\n")
    result = _schedule(good, "2", "1", "--availability", str(availability))
    assert result.exit_code == 1
    assert "av.csv, row 3, column 'slot': must be between 0 and 1" in result.stderr


def test_it_refuses_missing_columns_and_bad_options(tmp_path: Path) -> None:
    requests = _write(tmp_path / "r.csv", "from,to\nA,B\n")
    result = _schedule(requests, "2", "1")
    assert result.exit_code == 1 and "row 1, column 'a'" in result.stderr
    good = _write(tmp_path / "g.csv", "a,b\nA,B\n")
    result = _schedule(good, "0", "1")
    assert result.exit_code == 2 and "--slots" in result.stderr


def test_the_text_output_lists_every_meeting(tmp_path: Path) -> None:
    requests = _write(tmp_path / "r.csv", "a,b\nA,B\nC,D\n")
    result = _schedule(requests, "1", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("2 of 2 requested meetings placed")
    assert "A - B" in result.stdout and "C - D" in result.stdout


def test_every_problem_of_both_files_is_named_in_the_runs_language(tmp_path: Path) -> None:
    """The files are read like every import of the core: all or nothing, each problem on a
    line of its own (not the first only), in the shared words of a header and a cell."""
    requests = _write(tmp_path / "r.csv", "a,b,priority\nA,B,1\nA,C,2.5\n,D,0\nE,E,\nF,G,1\n")
    availability = _write(tmp_path / "av.csv", "participant,when\nA,1\n")
    english = _schedule(requests, "2", "1", "--availability", str(availability), lang="en")
    assert english.exit_code == 1
    assert english.stderr.splitlines() == [
        f"error: {requests}, row 3, column 'priority': must be a whole number (got '2.5')",
        f"error: {requests}, row 4, column 'a': empty (a value is required)",
        f"error: {requests}, row 4, column 'priority': must be between 1 and 100 (got 0)",
        f"error: {requests}, row 5, column 'b': 'E' cannot meet themselves",
        f"error: {availability}, row 1, column 'slot': required column is missing",
        f"error: {availability}, row 1, column 'when': unknown column (known: participant, slot)",
    ]
    dutch = _schedule(requests, "2", "1", "--availability", str(availability), lang="nl")
    assert dutch.exit_code == 1
    assert dutch.stderr.splitlines() == [
        f"fout: {requests}, rij 3, kolom 'priority': moet een geheel getal zijn (gegeven: '2.5')",
        f"fout: {requests}, rij 4, kolom 'a': leeg (een waarde is verplicht)",
        f"fout: {requests}, rij 4, kolom 'priority': moet tussen 1 en 100 liggen (gegeven: 0)",
        f"fout: {requests}, rij 5, kolom 'b': 'E' kan geen afspraak met zichzelf hebben",
        f"fout: {availability}, rij 1, kolom 'slot': verplichte kolom ontbreekt",
        f"fout: {availability}, rij 1, kolom 'when': onbekende kolom (bekend: participant, slot)",
    ]


def test_a_file_that_cannot_be_read_is_one_problem(tmp_path: Path) -> None:
    result = _schedule(tmp_path / "absent.csv", "2", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'absent.csv'}: cannot read file: the file does not exist"
    ]


def test_forced_pairs_are_placed_and_their_diagnosis_is_the_schedulers(tmp_path: Path) -> None:
    requests = _write(tmp_path / "r.csv", "a,b,priority,forced\nA,B,1,\nA,C,2,ja\n")
    result = _schedule(requests, "1", "1", "--json")
    assert result.exit_code == 0, result.output
    assert [(m["a"], m["b"]) for m in json.loads(result.stdout)["meetings"]] == [("A", "C")]
    availability = _write(tmp_path / "av.csv", "participant,slot\nA,0\nC,1\n")
    result = _schedule(requests, "2", "1", "--availability", str(availability))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: the forced meeting A – C fits no slot: the two have no available slot in "
        "common; change their availability or do not force the pair"
    ]
    crowded = _write(tmp_path / "c.csv", "a,b,forced\nA,B,yes\nA,C,yes\nB,C,\n")
    result = _schedule(crowded, "1", "1", lang="nl")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "fout: de verplichte gesprekken passen niet allemaal (te weinig tijdslots of tafels, "
        "of een maximum aan gesprekken): A – B, A – C; verplicht minder paren of voeg tafels toe"
    ]
    unclear = _write(tmp_path / "u.csv", "a,b,forced\nA,B,misschien\n")
    result = _schedule(unclear, "1", "1")
    assert result.stderr.splitlines() == [
        f"error: {unclear}, row 2, column 'forced': must be yes or no (ja/nee, true/false, "
        "1/0) (got 'misschien')"
    ]


def test_the_method_is_worded_in_the_language_of_the_run(tmp_path: Path) -> None:
    """The report names how the schedule was made in the run's words (it printed the
    core's English code in a Dutch line); the JSON keeps the code."""
    requests = _write(tmp_path / "r.csv", "a,b\nA,B\nA,C\n")
    for options, code, dutch in (
        ((), "cp-sat", "CP-SAT-solver"),
        (("--greedy",), "greedy", "gretige heuristiek"),
    ):
        shown = _schedule(requests, "2", "1", *options, lang="nl")
        assert shown.exit_code == 0, shown.output
        assert f"{dutch}, " in shown.stdout
        assert "greedy" not in shown.stdout
        data = json.loads(_schedule(requests, "2", "1", *options, "--json").stdout)
        assert data["method"] == code
