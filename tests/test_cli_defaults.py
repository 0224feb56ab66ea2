"""The command line's defaults are the core's declarations, not copies of them.

Each default of an option that the core declares (:mod:`clusterplan.plan.bounds` and the
models' enumerations) is checked against that declaration, so changing one without the
other fails here; the model functions behind the commands take the same defaults, and each
default lies within the range the core declares for its value.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
import typer
from typer._click.core import Command, Parameter
from typer.core import TyperGroup

from clusterplan.cli import app
from clusterplan.model import sensitivity
from clusterplan.plan import bounds


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
