"""Plan files are read safely: no alias bombs, no FIFOs or devices, no runaway sizes.

Each refusal is one problem naming the file and the reason; none of them may hang, grow
memory without bound or end in a traceback (issue 15, rows 10, 17 and 18).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.io.yaml_io import MAX_YAML_BYTES, YamlError, parse_yaml, read_yaml
from tests.plan.editing import problems

BILLION_LAUGHS = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)
)


def _only(plan_dir: Path) -> str:
    (problem,) = problems(plan_dir)
    return problem


def test_an_alias_bomb_is_refused_at_once(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8")
    started = time.perf_counter()
    problem = _only(plan_copy)
    assert time.perf_counter() - started < 2
    assert problem.startswith(f"{meta}:")
    assert "aliases (*name) are not allowed" in problem


def test_a_recursive_alias_is_refused_not_a_recursion_error(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "loop: &loop [*loop]\n", encoding="utf-8")
    assert "aliases (*name) are not allowed" in _only(plan_copy)


def test_the_bundled_plan_uses_no_aliases(plan_copy: Path) -> None:
    for path in sorted(plan_copy.rglob("*.yaml")):
        read_yaml(path, root=plan_copy)  # would raise on an alias


def test_deep_nesting_is_refused_with_the_line() -> None:
    text = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)) + "  " * 60 + "- x\n"
    with pytest.raises(YamlError, match="nested more than 32 levels deep"):
        parse_yaml(text, Path("deep.yaml"))
    with pytest.raises(YamlError, match="malformed YAML|nested more than"):
        parse_yaml("[" * 100_000 + "]" * 100_000, Path("flow.yaml"))


def test_a_fifo_is_refused_without_waiting_for_a_writer(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.unlink()
    os.mkfifo(meta)
    assert _only(plan_copy) == f"{meta}: (file): not a regular file: a FIFO (named pipe)"


def test_a_symlink_to_a_device_is_refused(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.unlink()
    meta.symlink_to("/dev/zero")
    assert _only(plan_copy) == (
        f"{meta}: (file): symlink to a file outside the plan folder (/dev/zero)"
    )
    with pytest.raises(YamlError, match="not a regular file: a device"):
        read_yaml(Path("/dev/zero"))


def test_a_linked_folder_outside_the_plan_is_refused(plan_copy: Path, tmp_path: Path) -> None:
    folder = plan_copy / "assumptions"
    outside = tmp_path / "elsewhere"
    folder.rename(outside)
    folder.symlink_to(outside)
    found = problems(plan_copy)
    assert found and all("symlink to a file outside the plan folder" in p for p in found)


def test_a_symlink_inside_the_plan_folder_is_read(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.rename(plan_copy / "meta-real.yaml")
    meta.symlink_to("meta-real.yaml")
    assert read_yaml(meta, root=plan_copy).data["id"]


def test_a_symlink_loop_is_named_a_loop_not_a_missing_file(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.unlink()
    meta.symlink_to(meta)
    problem = _only(plan_copy)
    assert problem == f"{meta}: (file): symlink loop (the link points back to itself)"


def test_a_dangling_symlink_names_its_target(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    meta.unlink()
    meta.symlink_to("gone.yaml")
    assert _only(plan_copy) == f"{meta}: (file): symlink to a missing file (gone.yaml)"


def test_a_file_above_the_size_limit_is_refused_before_reading(plan_copy: Path) -> None:
    meta = plan_copy / "meta.yaml"
    with meta.open("r+b") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)  # sparse: costs no disk
    problem = _only(plan_copy)
    assert problem.startswith(f"{meta}: (file): file too large (4,194,305 bytes; at most")


def _grow_organisations(plan_dir: Path, size: int) -> None:
    """Repeat the organisations (with new ids and names) until the file has ``size`` bytes."""
    path = plan_dir / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("- {id: ")]
    out, total, n = [text.rstrip("\n")], len(text), 0
    while total < size:
        for row in rows:
            n += 1
            line = row.replace("{id: ", f"{{id: copy{n}-", 1).replace("name: ", f"name: C{n} ", 1)
            out.append(line)
            total += len(line) + 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def test_a_two_megabyte_plan_checks_within_seconds(plan_copy: Path) -> None:
    # Before: parsed twice by the pure-Python YAML parser, 10-14 s of CPU for 2 MB; now
    # one libyaml parse, ~2.5 s. CPU time, not wall time: the machine is shared.
    _grow_organisations(plan_copy, 2_000_000)
    started = time.process_time()
    result = CliRunner().invoke(app, ["check", str(plan_copy)])
    elapsed = time.process_time() - started
    assert result.exit_code == 0, result.output
    assert elapsed < 6, f"check took {elapsed:.1f} s of CPU"


def test_check_fails_a_plan_the_models_would_refuse(plan_copy: Path) -> None:
    for path in (plan_copy / "assumptions").glob("*.yaml"):
        path.unlink()
    result = CliRunner().invoke(app, ["check", str(plan_copy)])
    assert result.exit_code == 1, result.output
    assert "valid" not in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert any(
        "the growth model cannot use this plan: the plan lacks assumption 'growth." in line
        for line in errors
    ), errors
    assert any("the space model" in line for line in errors)
    assert all(line.startswith(f"error: {plan_copy / 'assumptions'}: ") for line in errors)


def test_an_error_does_not_repeat_a_huge_value(plan_copy: Path) -> None:
    path = plan_copy / "employment.yaml"
    huge = "9" * 3_000_000 + "x"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("base_year: 2026", f"base_year: '{huge}'", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(plan_copy)])
    assert result.exit_code == 1
    (line,) = [e for e in result.stderr.splitlines() if e.startswith("error: ")]
    assert "base_year" in line and "3,000,003 characters" in line
    assert len(line) < 600


def test_the_command_line_turns_os_errors_into_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import clusterplan.cli as cli

    def refuse() -> None:
        raise PermissionError(13, "Permission denied", "/some/file.yaml")

    monkeypatch.setattr(cli, "app", refuse)
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    assert capsys.readouterr().err == "error: /some/file.yaml: no permission\n"


def test_a_fifo_plan_file_does_not_hang_the_real_command(plan_copy: Path) -> None:
    import subprocess
    import sys

    meta = plan_copy / "meta.yaml"
    meta.unlink()
    os.mkfifo(meta)
    done = subprocess.run(
        [sys.executable, "-m", "clusterplan.cli", "check", str(plan_copy)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "not a regular file: a FIFO (named pipe)" in done.stderr


def test_a_fifo_value_table_is_refused(tmp_path: Path) -> None:
    from clusterplan.io.value_table import ValueTableError, read_value_table

    fifo = tmp_path / "values.json"
    os.mkfifo(fifo)
    with pytest.raises(ValueTableError, match="not a regular file"):
        read_value_table(fifo)


def test_a_fifo_import_file_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "organisations.csv"
    os.mkfifo(fifo)
    for args in (["ecosystem", "import", str(fifo)], ["pipeline", str(fifo)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, result.output
        assert result.stderr == f"error: {fifo}: not a regular file: a FIFO (named pipe)\n"
