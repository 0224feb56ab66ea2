"""The finance use cases: the command line, the web and the API run the same sequence."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from clusterplan.app import finance
from clusterplan.cli import app
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import cash_needs
from clusterplan.plan.schema import Plan
from clusterplan.report.finance import phasing_data


def test_a_what_if_gives_the_cores_needs_and_a_jobs_effect(plan: Plan) -> None:
    changes = {"acp": ProjectChange(shift_years=2)}
    outcome = finance.finance(plan, changes)
    expected = cash_needs(plan, changes=changes)
    assert outcome.needs.year_totals().tolist() == expected.year_totals().tolist()
    assert outcome.effect is not None
    assert finance.finance(plan).effect is None
    data = outcome.as_data(plan, "en")
    assert data["changes"] == {"acp": {"shift_years": 2, "stretch_years": 0, "scale": 1.0}}
    cli = CliRunner().invoke(app, ["finance", "--json", "--shift", "acp=2"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout) == json.loads(json.dumps(data))


def test_the_command_line_re_phases_with_the_use_case(plan: Plan) -> None:
    problem, result = finance.rephase(plan, {"regional": 20.0}, window=(0, 2))
    shifts = {o.shift_years for opts in problem.options for o in opts}
    assert shifts and shifts <= {0, 1, 2}
    cli = CliRunner().invoke(app, ["phase", "--cap", "regional=20", "--window", "0:2", "--json"])
    assert cli.exit_code in (0, 1), cli.output
    assert json.loads(cli.stdout) == json.loads(
        json.dumps(phasing_data(plan, problem, result, "en"))
    )


def test_a_change_that_changes_nothing_is_no_change_everywhere(plan: Plan) -> None:
    """The web form had dropped such a change and the command line kept it, with a jobs
    effect of zero: the use case leaves it out for both (and the API)."""
    outcome = finance.finance(plan, {"acp": ProjectChange(), "robotics": ProjectChange(2)})
    assert list(outcome.changes) == ["robotics"]
    assert finance.finance(plan, {"acp": ProjectChange()}).effect is None
    result = CliRunner().invoke(app, ["finance", "--shift", "acp=0", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["changes"] == {}
    assert "jobs_effect" not in data
