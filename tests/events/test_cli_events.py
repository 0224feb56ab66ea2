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


def _schedule(requests: Path, slots: str, tables: str, *options: str) -> Result:
    """``clusterplan events schedule REQUESTS --slots SLOTS --tables TABLES [OPTIONS]``."""
    args = ["events", "schedule", str(requests), "--slots", slots, "--tables", tables]
    return runner.invoke(app, [*args, *options])


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
    assert "av.csv, row 3, column 'slot': 7 is out of range (0-1)" in result.stderr


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
