"""Numeric options of the command line are checked against the declared ranges (issue 15,
rows 11 and 17): one line on stderr, exit 2, before any work or allocation."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.errors import Coded, localise
from clusterplan.i18n import format_value
from clusterplan.model.growth import GrowthError
from clusterplan.model.sensitivity import base_sample_problem, sobol_indices
from clusterplan.model.uncertainty import simulate
from clusterplan.plan import bounds
from clusterplan.plan.load import bundled_plan


def _end(bound: bounds.Bound, number: float) -> str:
    """An end of a declared range as an English message writes it (grouped by thousands)."""
    return format_value(bound.figure(number), "en")


def _refused(args: list[str], *words: str) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.output
    return lines[0]


def test_simulate_refuses_a_trillion_samples_before_loading_anything() -> None:
    _refused(["simulate", "--n", "1000000000000"], "--n", "between 100 and 10,000,000 samples")


@pytest.mark.parametrize("command", ["simulate", "discover"])
def test_the_ensemble_commands_have_the_declared_lower_bound(command: str) -> None:
    too_few = str(int(bounds.SAMPLES.low) - 1)
    _refused([command, "--n", too_few], "--n", f"between {bounds.SAMPLES.low:g} and")


@pytest.mark.parametrize("command", ["discover", "sensitivity"])
def test_other_ensemble_commands_have_their_declared_upper_bound(command: str) -> None:
    option = "--n-base" if command == "sensitivity" else "--n"
    value = str(2**40) if command == "sensitivity" else "1000000000000"
    bound = bounds.SOBOL_BASE if command == "sensitivity" else bounds.SAMPLES
    words = f"between {_end(bound, bound.low)} and {_end(bound, bound.high)} samples"
    _refused([command, option, value], option, words)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_sobol_base_is_a_power_of_two_in_the_cli_and_the_core(lang: str) -> None:
    """One rule (``sensitivity.base_sample_problem``), so the command line and the core
    refuse the same base sample in the same words."""
    result = CliRunner().invoke(app, ["--lang", lang, "sensitivity", "--n-base", "1000"])
    assert result.exit_code == 2, result.output
    reason = localise(Coded("value.power_of_two"), lang)
    assert "--n-base" in result.stderr and reason in result.stderr and "1000" in result.stderr
    with pytest.raises(GrowthError) as raised:
        sobol_indices(bundled_plan(), 1000)
    assert reason in raised.value.text(lang)
    assert base_sample_problem(1024) is None and base_sample_problem(1) is not None


def test_the_ensemble_memory_is_estimated_before_allocating() -> None:
    with pytest.raises(GrowthError, match="MiB, above the limit"):
        simulate(bundled_plan(), 100_000, 1, keep_jobs=True, max_bytes=1024**2)


def test_memory_estimate_counts_pillars_years_and_inputs() -> None:
    assert bounds.ensemble_bytes(10, 5, 9, 3, True, True) == 4 * 10 * (9 + 45 + 3)
    assert bounds.ensemble_problem(10, 5, 9) is None
    assert "at most" in (bounds.ensemble_problem(bounds.MAX_SAMPLES + 1, 5, 9) or "")


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--shift", "acp=99999999999", ("--shift acp", "between -10 and 10 years")),
        ("--scale", "acp=nan", ("--scale acp", "finite")),
        ("--scale", "acp=inf", ("--scale acp", "finite")),
        ("--scale", "acp=-inf", ("--scale acp", "finite")),
        ("--scale", "acp=1e308", ("--scale acp", "between 0 and 10")),
        ("--stretch", "acp=1000", ("--stretch acp", "between 0 and 10 years")),
        ("--shift", "acp=" + "9" * 5000, ("--shift acp",)),
    ],
)
def test_finance_what_if_options_outside_their_range_exit_2(
    option: str, value: str, words: tuple[str, ...]
) -> None:
    line = _refused(["finance", option, value], *words)
    assert len(line) < 200


@pytest.mark.parametrize(
    "args",
    [
        ["simulate", "--n", "100", "--goal-jobs", "nan"],
        ["simulate", "--n", "100", "--goal-jobs", "1e308"],
        ["backcast", "--target-total", "inf"],
        ["backcast", "--pillar-target", "design=nan"],
        ["scenarios", "--market-factor", "nan"],
        ["scenarios", "--delay", "acp=inf"],
    ],
)
def test_growth_options_refuse_nan_inf_and_huge_values(args: list[str]) -> None:
    _refused(args)


def test_a_valid_scale_still_runs() -> None:
    result = CliRunner().invoke(app, ["finance", "--scale", "acp=2", "--json"])
    assert result.exit_code == 0, result.output


def test_every_bound_is_finite_with_a_rationale() -> None:
    declared = [b for b in vars(bounds).values() if isinstance(b, bounds.Bound)]
    assert len(declared) >= 10
    for bound in declared:
        assert math.isfinite(bound.low) and math.isfinite(bound.high) and bound.low < bound.high
        assert len(bound.rationale) > 20
        assert bound.problem(math.nan) is not None
        assert bound.problem(math.inf) is not None
        assert bound.problem(bound.high) is None and bound.problem(bound.low) is None


ACTUALS = Path(__file__).parent / "monitor" / "data" / "actuals_fictional.csv"


@pytest.mark.parametrize(
    "command",
    [["simulate"], ["nowcast", "--actuals", str(ACTUALS)], ["space", "--samples", "10"]],
)
@pytest.mark.parametrize("seed", ["-1", str(2**63)])
def test_every_seed_option_has_the_one_declared_range(command: list[str], seed: str) -> None:
    """``--seed`` of the growth, monitoring and demand commands: one bound (bounds.SEED),
    where each command had its own check and words (and the demand commands an upper end
    the others lacked)."""
    low, high = (_end(bounds.SEED, b) for b in (bounds.SEED.low, bounds.SEED.high))
    _refused([*command, "--seed", seed], "--seed", f"between {low} and {high}")


@pytest.mark.parametrize(
    ("command", "option", "bound"),
    [
        (["nowcast", "--actuals", str(ACTUALS)], "--n", bounds.NOWCAST_SAMPLES),
        (["space"], "--samples", bounds.DEMAND_SAMPLES),
        (["talent"], "--samples", bounds.DEMAND_SAMPLES),
    ],
)
def test_each_ensemble_size_option_names_its_declared_range(
    command: list[str], option: str, bound: bounds.Bound
) -> None:
    words = f"between {_end(bound, bound.low)} and {_end(bound, bound.high)} samples"
    for value in (str(int(bound.low) - 1), str(int(bound.high) + 1)):
        _refused([*command, option, value], option, words)


def test_a_refused_input_is_written_in_the_runs_notation() -> None:
    """The range and the value given are figures of the run's language (the range as the
    web's forms write it): '0,1' and '12.345,5' in Dutch, not '0.1' and '12345.5'."""
    result = CliRunner().invoke(
        app, ["--lang", "nl", "scenarios", "--set", "market_growth_factor=12345.5"]
    )
    assert result.exit_code == 2
    assert "moet tussen 0,1 en 10 factor liggen (gegeven: 12.345,5)" in result.stderr
    result = CliRunner().invoke(app, ["--lang", "nl", "scenarios", "--realisation", "acp=2.5"])
    assert "(gegeven: 2,5)" in result.stderr
