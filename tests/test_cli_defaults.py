"""The command line's defaults are the core's declarations, not copies of them.

Each default of an option that the core declares (:mod:`clusterplan.plan.bounds` and the
models' enumerations) is checked against that declaration, so changing one without the
other fails here; the model functions behind the commands take the same defaults, and each
default lies within the range the core declares for its value.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest
import typer
from typer._click.core import Command, Parameter
from typer.core import TyperGroup
from typer.testing import CliRunner

from clusterplan.app import demand as app_demand
from clusterplan.cli import app
from clusterplan.cli.localised import help_with, localised_help
from clusterplan.ecosystem.whitespots import Axis, white_spots
from clusterplan.events.tables import (
    AVAILABILITY_COLUMNS,
    REQUEST_COLUMNS,
    REQUIRED_REQUEST_COLUMNS,
)
from clusterplan.i18n import LANGUAGES, language_scope
from clusterplan.model import backcast, demand, sensitivity, talent_plan
from clusterplan.model.backcast import SHAPES
from clusterplan.model.demand import VARY
from clusterplan.model.talent_plan import BACKCAST, path_sources
from clusterplan.model.talent_supply import SUPPLY_COLUMNS
from clusterplan.monitor.actuals import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from clusterplan.plan import bounds
from clusterplan.plan.bounds import REALISATION
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan


def option(path: list[str], name: str) -> Parameter:
    """The option ``name`` (``--n``) of the command at ``path`` (``["discover"]``)."""
    command: Command = typer.main.get_command(app)
    for step in path:
        assert isinstance(command, TyperGroup), path
        found = command.commands.get(step)
        assert found is not None, path
        command = found
    for param in command.params:
        if name in getattr(param, "opts", ()):
            return param
    raise AssertionError(f"{' '.join(path)} has no option {name}")


CORE_DEFAULTS: list[tuple[list[str], str, Any]] = [
    (["simulate"], "--n", bounds.DEFAULT_SAMPLES),
    (["simulate"], "--seed", bounds.DEFAULT_SEED),
    (["sensitivity"], "--n-base", bounds.DEFAULT_SOBOL_BASE),
    (["sensitivity"], "--seed", bounds.DEFAULT_SEED),
    (["discover"], "--n", bounds.DEFAULT_DISCOVERY_SAMPLES),
    (["discover"], "--seed", bounds.DEFAULT_SEED),
    (["discover"], "--threshold", bounds.DEFAULT_DISCOVERY_THRESHOLD),
    (["space"], "--vary", VARY[0]),
    (["talent"], "--vary", VARY[0]),
    (["talent"], "--source", BACKCAST),
    (["backcast"], "--shape", SHAPES[0]),
]
"""(command, option, the core's declaration of its default)."""


@pytest.mark.parametrize(
    ("path", "name", "declared"),
    CORE_DEFAULTS,
    ids=[f"{' '.join(path)} {name}" for path, name, _ in CORE_DEFAULTS],
)
def test_an_options_default_is_the_cores_declaration(
    path: list[str], name: str, declared: Any
) -> None:
    assert option(path, name).default == declared


MODEL_DEFAULTS: list[tuple[Callable[..., Any], str, Any]] = [
    (sensitivity.sobol_indices, "n_base", bounds.DEFAULT_SOBOL_BASE),
    (sensitivity.sobol_indices, "rng", bounds.DEFAULT_SEED),
    (sensitivity.discover, "n", bounds.DEFAULT_DISCOVERY_SAMPLES),
    (sensitivity.discover, "rng", bounds.DEFAULT_SEED),
    (sensitivity.discover, "threshold", bounds.DEFAULT_DISCOVERY_THRESHOLD),
    (backcast.backcast, "shape", SHAPES[0]),
    (demand.scenario_demand_ensemble, "vary", VARY[0]),
    (app_demand.demand, "vary", VARY[0]),
    (app_demand.demand, "seed", bounds.DEFAULT_SEED),
    (app_demand.talent_programme, "seed", bounds.DEFAULT_SEED),
    (app_demand.talent_programme, "source", BACKCAST),
    (talent_plan.job_path, "source", BACKCAST),
    (talent_plan.talent_plan, "source", BACKCAST),
]
"""(model function, parameter, the core's declaration of its default)."""


@pytest.mark.parametrize(
    ("function", "name", "declared"),
    MODEL_DEFAULTS,
    ids=[f"{f.__name__} {name}" for f, name, _ in MODEL_DEFAULTS],
)
def test_a_model_functions_default_is_the_cores_declaration(
    function: Callable[..., Any], name: str, declared: Any
) -> None:
    assert inspect.signature(function).parameters[name].default == declared


def test_each_default_lies_in_its_declared_range() -> None:
    assert bounds.SAMPLES.problem(bounds.DEFAULT_SAMPLES) is None
    assert bounds.SEED.problem(bounds.DEFAULT_SEED) is None
    assert sensitivity.base_sample_problem(bounds.DEFAULT_SOBOL_BASE) is None
    assert bounds.SAMPLES.problem(bounds.DEFAULT_DISCOVERY_SAMPLES) is None
    assert 0 < bounds.DEFAULT_DISCOVERY_THRESHOLD <= 1


def test_the_default_job_path_is_the_first_the_core_offers() -> None:
    assert path_sources(load_plan(BUNDLED_PLAN_DIR))[0] == option(["talent"], "--source").default


OPTIONAL = "".join(f"[,{c}]" for c in REQUEST_COLUMNS if c not in REQUIRED_REQUEST_COLUMNS)
"""The optional columns of a requests file as its header is written (``[,priority]...``)."""

CORE_VALUES_IN_HELP: list[tuple[list[str], str, str]] = [
    (["space"], "--vary", ", ".join(VARY)),
    (["talent"], "--vary", ", ".join(VARY)),
    (["talent"], "--source", BACKCAST),
    (["backcast"], "--shape", ", ".join(SHAPES)),
    ([], "--lang", ", ".join(LANGUAGES)),
    (["report"], "--lang", ", ".join(LANGUAGES)),
    (["scenarios"], "--realisation", f"{REALISATION.low:g}-{REALISATION.high:g}"),
    (["ecosystem", "whitespots"], "--by", ", ".join(axis.value for axis in Axis)),
    (["monitor"], "--actuals", f"{','.join(REQUIRED_COLUMNS)} [,{','.join(OPTIONAL_COLUMNS)}]"),
    (["talent"], "--supply", ", ".join(SUPPLY_COLUMNS)),
    (["events", "schedule"], "requests_file", ",".join(REQUIRED_REQUEST_COLUMNS) + OPTIONAL),
    (["events", "schedule"], "--availability", ",".join(AVAILABILITY_COLUMNS)),
]
"""(command, option, the core's values as its help shows them)."""


@pytest.mark.parametrize(
    ("path", "name", "shown"),
    CORE_VALUES_IN_HELP,
    ids=[f"{' '.join(path)} {name}" for path, name, _ in CORE_VALUES_IN_HELP],
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_options_help_shows_the_cores_values(
    path: list[str], name: str, shown: str, lang: str
) -> None:
    """The help is a template the core's values fill when it is shown (in either language),
    not values written by hand in the help and again in each translation."""
    help_template = str(option(path, name).help)
    assert shown not in re.sub(r"{\w+}", "", help_template), help_template
    with language_scope(lang):
        assert shown in localised_help(help_template)
    result = CliRunner().invoke(app, ["--lang", lang, *path, "--help"])
    assert result.exit_code == 0, result.stderr
    assert shown in " ".join(result.stdout.split())


def test_the_white_spot_axis_defaults_as_the_core_does() -> None:
    default = inspect.signature(white_spots).parameters["axis"].default
    assert option(["ecosystem", "whitespots"], "--by").default == default


def test_a_help_template_is_filled_with_one_set_of_values() -> None:
    template = "Test only: {choices}."
    assert help_with(template, choices=("a", "b")) == template
    assert help_with(template, choices=("a", "b")) == template
    with pytest.raises(ValueError, match="other values"):
        help_with(template, choices=("a", "c"))
