"""`clusterplan space` and `clusterplan talent`, and the space calibration check."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.model.demand import scenario_space, space_calibration
from clusterplan.plan.schema import Plan

runner = CliRunner()


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_leap_scenario_to_2040_lands_within_25_percent_of_the_plans_96000_m2(
    plan: Plan,
) -> None:
    check = space_calibration(plan)
    assert check.plan_m2 == 96_000
    assert check.until == 2040
    assert check.scenario == "leap"
    assert check.comparable_m2 == pytest.approx(check.modelled_m2 + 6_000)
    assert abs(check.comparable_m2 / 96_000 - 1) <= 0.25, check


def test_space_json_has_the_fields_the_issue_asks_for() -> None:
    data = _json("space", "--scenario", "organic", "--until", "2040", "--json")
    years = [str(y) for y in range(2027, 2041)]
    assert data["years"] == list(range(2027, 2041))
    for key in ("demand_m2", "supply_m2", "shortfall_m2", "cumulative_demand_m2"):
        assert list(data[key]) == years, key
    assert data["supply_m2"]["2028"] == 8_000  # Entreekavel, assumed year 2028
    assert data["supply_m2"]["2030"] == 30_000  # Stationskavel, assumed year 2030
    running = 0.0
    for year in years:
        running += data["demand_m2"][year]
        assert data["cumulative_demand_m2"][year] == pytest.approx(running, abs=0.5)
    assert set(data["cumulative_to"]) == {"2034", "2040"}


def test_a_bigger_scenario_needs_at_least_as_much_space(plan: Plan) -> None:
    organic = scenario_space(plan, "organic", 2040).cumulative_to(2040).sum()
    leap = scenario_space(plan, "leap", 2040).cumulative_to(2040).sum()
    assert leap > organic > 0


def test_space_until_the_target_year_stops_there() -> None:
    data = _json("space", "--until", "2034", "--json")
    assert data["years"][-1] == 2034
    assert set(data["cumulative_to"]) == {"2034"}


def test_space_calibration_json_reports_the_figure_and_the_residual() -> None:
    data = _json("space", "--calibration", "--json")
    assert data["plan_m2"] == 96_000
    assert data["residual"] == pytest.approx(data["comparable_m2"] / 96_000 - 1, abs=1e-4)
    assert data["within_band"] is True


def test_talent_json_has_need_supply_and_gap_per_level_and_year() -> None:
    data = _json("talent", "--scenario", "accelerated", "--json")
    assert data["levels"] == ["mbo", "hbo", "wo", "other"]
    years = [str(y) for y in data["years"]]
    assert years[0] == "2027" and years[-1] == "2040"
    for key in ("need", "supply", "gap"):
        assert list(data[key]) == data["levels"]
        for level in data["levels"]:
            assert list(data[key][level]) == years
    assert all(v is None for v in data["supply"]["other"].values())  # no programme: unknown
    assert data["gap"]["mbo"]["2030"] == pytest.approx(
        data["need"]["mbo"]["2030"] - data["supply"]["mbo"]["2030"], abs=0.2
    )
    assert data["highlight"]["2026"] is None  # base year
    assert set(data["highlight"]) == {"2026", "2028", "2030", "2040"}


@pytest.mark.parametrize(
    "args",
    [
        ["space", "--scenario", "huge"],
        ["space", "--until", "2050"],
        ["space", "--until", "soon"],
        ["talent", "--scenario", "Leap"],
        ["talent", "--until", "2030"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ")


def test_space_ensemble_json_gives_probabilities_and_ordered_bands() -> None:
    data = _json("space", "--samples", "200", "--seed", "7", "--json")
    ensemble = data["ensemble"]
    assert ensemble["samples"] == 200
    years = [str(y) for y in data["years"]]
    assert list(ensemble["shortfall_probability"]) == years
    assert all(0 <= p <= 1 for p in ensemble["shortfall_probability"].values())
    cum = ensemble["cumulative_demand_m2"]
    for year in years:
        assert cum["p5"][year] <= cum["p50"][year] <= cum["p95"][year]


def test_space_with_samples_gives_the_bands_in_its_table_as_in_its_json() -> None:
    """The text table (the web's table model) has the ends of the bands and the probability
    beside the figures; they are the JSON ensemble's numbers."""
    args = ("space", "--scenario", "leap", "--samples", "300", "--seed", "5")
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    head = next(line for line in lines if line.startswith("Year"))
    for heading in ("So far: demand p5", "So far: demand p95", "So far: shortfall p95"):
        assert heading in head
    assert "Bands (p5-p95) and the probability of a shortfall: ensemble of 300 sampled" in (
        result.stdout
    )
    rows = {
        cells[0]: [float(c.replace(",", "")) for c in cells[1:]]
        for cells in (line.split() for line in lines)
        if cells and cells[0].isdigit() and len(cells) == 11
    }
    ensemble = _json(*args, "--json")["ensemble"]
    assert sorted(rows) == sorted(ensemble["shortfall_probability"])
    for year, row in rows.items():
        demand_low, demand_high, short_low, short_high, percent = (row[i] for i in (3, 4, 7, 8, 9))
        cum, short = ensemble["cumulative_demand_m2"], ensemble["shortfall_m2"]
        assert demand_low == pytest.approx(cum["p5"][year], abs=0.55)
        assert demand_high == pytest.approx(cum["p95"][year], abs=0.55)
        assert short_low == pytest.approx(short["p5"][year], abs=0.55)
        assert short_high == pytest.approx(short["p95"][year], abs=0.55)
        assert percent == pytest.approx(100 * ensemble["shortfall_probability"][year], abs=0.06)
        assert 0 <= short_low <= short_high and 0 < demand_low <= demand_high


def test_space_without_samples_has_no_band_columns() -> None:
    result = runner.invoke(app, ["--lang", "en", "space", "--until", "2034"])
    assert result.exit_code == 0, result.output
    assert " p5" not in result.stdout and "Bands" not in result.stdout


def test_talent_with_samples_shows_the_band_once_in_its_tables_as_in_its_json() -> None:
    """The band of the hires needed stands in the per-level tables (the web's table model)
    and a single note says where it comes from; no second summary of the same band."""
    args = ("talent", "--scenario", "leap", "--samples", "80", "--seed", "4")
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 0, result.output
    note = "Bands (p5-p95) of the hires needed: ensemble of 80 sampled"
    assert result.stdout.count(note) == 1
    assert result.stdout.count("p5-p95") == 1  # only in the note
    need = _json(*args, "--json")["ensemble"]["need"]
    # A table per level, in the JSON's order, a row per year: year, need, p5, p95, ...
    rows = [line.split() for line in result.stdout.splitlines() if line[:4].isdigit()]
    years = len(rows) // len(need)
    assert years and len(rows) == years * len(need)
    for k, bands in enumerate(need.values()):
        for row in rows[k * years : (k + 1) * years]:
            year = row[0].rstrip("*")
            low, high = (float(c.replace(",", "")) for c in row[2:4])
            assert low == pytest.approx(bands["p5"][year], abs=0.55)
            assert high == pytest.approx(bands["p95"][year], abs=0.55)


def test_space_ensemble_json_bands_the_yearly_demand_too() -> None:
    ensemble = _json("space", "--samples", "120", "--seed", "2", "--json")["ensemble"]
    yearly, so_far = ensemble["demand_m2"], ensemble["cumulative_demand_m2"]
    years = list(yearly["p50"])
    for year in years:
        assert yearly["p5"][year] <= yearly["p50"][year] <= yearly["p95"][year]
    # The first year's demand so far is its yearly demand.
    assert yearly["p50"][years[0]] == pytest.approx(so_far["p50"][years[0]], abs=0.05)
    assert yearly["p95"][years[-1]] < so_far["p5"][years[-1]]  # a year, not the sum


def test_the_same_seed_gives_the_same_ensemble() -> None:
    first = _json("talent", "--samples", "50", "--seed", "3", "--json")["ensemble"]
    second = _json("talent", "--samples", "50", "--seed", "3", "--json")["ensemble"]
    assert first == second
    assert first["need"]["mbo"]["p5"]["2030"] <= first["need"]["mbo"]["p95"]["2030"]


@pytest.mark.parametrize(
    "args",
    [["space", "--samples", "many"], ["talent", "--samples", "0"], ["space", "--seed", "-1"]],
)
def test_bad_ensemble_arguments_give_one_line_and_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_ensemble_varying_only_parameters_keeps_the_scenario_trajectory(plan: Plan) -> None:
    from clusterplan.model.demand import ensemble_jobs
    from clusterplan.model.growth import trajectory

    drawn = ensemble_jobs(plan, "organic", 2040, 10, 1, "parameters")
    np.testing.assert_array_equal(drawn.jobs, trajectory(plan, "organic", until=2040).jobs)
    assert drawn.parameter_streams is not None


def test_an_ensemble_varying_growth_samples_job_paths_with_default_parameters(
    plan: Plan,
) -> None:
    from clusterplan.model.demand import ensemble_jobs

    first = ensemble_jobs(plan, "leap", 2040, 64, 5, "growth")
    again = ensemble_jobs(plan, "leap", 2040, 64, 5, "growth")
    assert first.jobs.shape == (64, 5, 15)
    assert first.parameter_streams is None
    np.testing.assert_array_equal(first.jobs, again.jobs)
    assert first.jobs[:, :, -1].std(axis=0).max() > 0  # the paths differ


def test_bad_vary_gives_one_line_and_exit_2() -> None:
    result = runner.invoke(app, ["space", "--samples", "10", "--vary", "all"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == "error: --vary must be one of both, growth, parameters (got 'all')"
    )


def test_until_outside_the_demand_years_is_refused_with_the_range(plan: Plan) -> None:
    from clusterplan.app.demand import until_bound

    bound = until_bound(plan)
    early = str(int(bound.low) - 1)
    result = runner.invoke(app, ["--lang", "en", "space", "--until", early])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: --until must be between {int(bound.low)} and {int(bound.high)} (got {early})"
    )
