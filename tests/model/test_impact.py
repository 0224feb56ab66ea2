"""The impact model: every formula against a hand-computed case."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.model.growth import growth_assumptions
from clusterplan.model.impact import (
    TRACE_ASSUMPTIONS,
    ImpactError,
    impact,
    impact_assumptions,
    leverage,
    net_additional,
    per_job,
    production_value,
    spillover_jobs,
)
from clusterplan.plan.schema import Plan
from clusterplan.report.impact import unknown_coverage_note
from clusterplan.report.tables import cost_line_names

PILLARS = ["design", "equipment", "production", "packaging_test", "applications"]


def with_values(plan: Plan, **values: Any) -> Plan:
    """A copy of the plan with assumption values replaced (keys: ids with '_' for '.')."""
    wanted = {k.replace("__", "."): v for k, v in values.items()}
    out = []
    for a in plan.assumptions:
        out.append(a.model_copy(update={"value": wanted.pop(a.id)}) if a.id in wanted else a)
    assert not wanted, f"no such assumption(s): {wanted}"
    return plan.model_copy(update={"assumptions": out})


def uniform(plan: Plan, **extra: Any) -> Plan:
    """Every pillar alike: 0.1 M EUR per FTE, half value added, multipliers 1.5 and 2.0."""
    return with_values(
        plan,
        **{
            "impact__revenue-per-fte": dict.fromkeys(PILLARS, 0.1),
            "impact__value-added-share": dict.fromkeys(PILLARS, 0.5),
            "impact__type1-multiplier": dict.fromkeys(PILLARS, 1.5),
            "impact__type2-multiplier": dict.fromkeys(PILLARS, 2.0),
            "impact__additionality": 0.7,
            "impact__displacement": 0.25,
            **extra,
        },
    )


# ----------------------------------------------------------------------------- formulas


def test_spillover_jobs_per_pillar() -> None:
    direct = np.array([[100.0, 200.0], [10.0, 20.0]])
    indirect, induced = spillover_jobs(direct, np.array([1.5, 1.2]), np.array([1.8, 1.7]))
    assert indirect == pytest.approx(np.array([[50.0, 100.0], [2.0, 4.0]]))
    assert induced == pytest.approx(np.array([[30.0, 60.0], [5.0, 10.0]]))
    # direct + indirect + induced = direct x Type II multiplier
    assert (direct + indirect + induced) == pytest.approx(np.array([[180, 360], [17, 34]]))


def test_production_value_grows_with_productivity() -> None:
    jobs = np.array([[100.0, 110.0], [50.0, 50.0]])
    pv = production_value(jobs, np.array([0.2, 0.4]), np.array([1.0, 1.1]))
    assert pv == pytest.approx(np.array([[20.0, 24.2], [20.0, 22.0]]))


def test_money_per_job_and_leverage_and_net_additional() -> None:
    assert per_job(30.0, 200.0) == pytest.approx(0.15)
    assert per_job(30.0, 0.0) is None
    assert leverage(150.0, 100.0) == pytest.approx(1.5)
    assert leverage(150.0, 0.0) is None
    assert net_additional(1000.0, 0.7, 0.25) == pytest.approx(525.0)


# ----------------------------------------------------------------------------- on the plan


def test_leap_direct_indirect_induced_by_hand(plan: Plan) -> None:
    result = impact(uniform(plan), "leap")
    f = result.figures()
    assert f["direct_jobs"] == pytest.approx(13600)  # Figure 6, leap row
    assert f["indirect_jobs"] == pytest.approx(13600 * 0.5)
    assert f["induced_jobs"] == pytest.approx(13600 * 0.5)
    assert f["total_jobs"] == pytest.approx(27200)


def test_multipliers_apply_per_pillar(plan: Plan) -> None:
    m1 = {"design": 1.0, "equipment": 2.0, "production": 1.0, "packaging_test": 1.0,
          "applications": 1.0}  # fmt: skip
    result = impact(uniform(plan, **{"impact__type1-multiplier": m1}), "leap")
    f = result.figures()
    # only equipment (3,950 in the leap row) has indirect jobs
    assert f["indirect_jobs"] == pytest.approx(3950)
    # induced = direct x (2.0 - m1): equipment 0, the other pillars 1 per direct job
    assert f["induced_jobs"] == pytest.approx(13600 - 3950)


def test_production_value_and_value_added_by_hand(plan: Plan) -> None:
    p = uniform(plan)
    g = growth_assumptions(p, productivity_growth=0.05)
    f = impact(p, "leap", growth=g).figures()
    assert f["production_value_meur"] == pytest.approx(13600 * 0.1 * 1.05**8)
    assert f["value_added_meur"] == pytest.approx(13600 * 0.1 * 1.05**8 * 0.5)
    base = impact(p, "leap", growth=g)
    assert base.production_value_meur[:, 0].sum() == pytest.approx(5600 * 0.1)


def test_accelerated_money_per_job_and_leverage_by_hand(plan: Plan) -> None:
    # accelerated: ACP and CoLabFab (growth split), the lines outside the split (space,
    # fab continuation) and Table 2. Public = subsidies + national + regional (plan data).
    f = impact(uniform(plan), "accelerated").figures()
    public = (50 + 35 + 15) + (25 + 12.5 + 12.5) + (10 + 15) + 12.7
    private = 50 + 50 + 5.7
    assert f["public_meur"] == pytest.approx(public)
    assert f["private_meur"] == pytest.approx(private)
    assert f["funded_direct_jobs"] == pytest.approx(250 + 150)
    assert f["public_meur_per_direct_job"] == pytest.approx(public / 400)
    assert f["funded_total_jobs"] == pytest.approx(800)
    assert f["public_meur_per_total_job"] == pytest.approx(public / 800)
    assert f["leverage"] == pytest.approx(private / public)
    assert f["net_additional_jobs"] == pytest.approx(800 * 0.7 * 0.75)


def test_which_sources_are_public_is_plan_data(plan: Plan) -> None:
    p = uniform(plan, **{"finance__public-sources": ["national"]})
    f = impact(p, "accelerated").figures()
    assert f["public_meur"] == pytest.approx(35 + 12.5 + 10)
    assert f["private_meur"] == pytest.approx(
        (50 + 50 + 15) + (50 + 25 + 12.5) + 15 + (5.7 + 12.7)
    )  # ACP, CoLabFab, space (regional; private and subsidies unknown), Table 2


def test_unknown_coverage_makes_money_a_lower_bound(plan: Plan) -> None:
    result = impact(uniform(plan), "leap")
    assert not result.money.complete
    assert "fab-300mm:private" in result.money.unknown_sources
    views = {v.id: v for v in result.projects}
    assert not views["fab-300mm"].complete
    acp = views["acp"]
    assert acp.complete
    assert acp.public_meur == pytest.approx(100) and acp.private_meur == pytest.approx(50)
    assert acp.direct_jobs == pytest.approx(250)
    assert acp.public_meur_per_direct_job == pytest.approx(0.4)
    assert acp.leverage == pytest.approx(0.5)


def test_source_view_credits_jobs_by_coverage_share(plan: Plan) -> None:
    result = impact(uniform(plan), "accelerated")
    regional = {v.id: v for v in result.sources}["regional"]
    # ACP 250 jobs x 15/150 + CoLabFab 150 jobs x 12.5/100; space and Table 2 add no jobs
    assert regional.direct_jobs == pytest.approx(25 + 18.75)
    assert regional.public_meur == pytest.approx(15 + 12.5 + 15 + 12.7)
    credited = sum(v.direct_jobs for v in result.sources)
    assert credited == pytest.approx(400)  # every funded job is credited once


def test_organic_has_no_funded_jobs(plan: Plan) -> None:
    f = impact(plan, "organic").figures()
    assert f["funded_direct_jobs"] == 0
    assert f["public_meur_per_direct_job"] is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"impact__type2-multiplier": dict.fromkeys(PILLARS, 1.2)}, "below the Type I"),
        ({"impact__value-added-share": dict.fromkeys(PILLARS, 1.5)}, "outside 0..1"),
        ({"impact__displacement": 2}, "Displacement"),  # by its label, not its id
        ({"impact__revenue-per-fte": {"design": 0.1}}, "no value for pillar(s) equipment"),
        ({"impact__revenue-per-fte": {**dict.fromkeys(PILLARS, 0.1), "x": 1}}, "unknown pillar"),
        ({"impact__additionality": "high"}, "is not a number"),
    ],
)
def test_bad_assumptions_name_the_assumption(
    plan: Plan, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ImpactError, match=message.replace("(", r"\(").replace(")", r"\)")):
        impact_assumptions(uniform(plan, **changes))


def test_missing_assumption_is_named(plan: Plan) -> None:
    p = plan.model_copy(
        update={"assumptions": [a for a in plan.assumptions if a.id != "impact.displacement"]}
    )
    with pytest.raises(ImpactError, match="lacks assumption 'impact.displacement'"):
        impact_assumptions(p)


def test_every_headline_figure_has_a_trace(plan: Plan) -> None:
    result = impact(plan, "leap")
    assert set(result.figures()) <= set(result.traces)
    for trace in result.traces.values():
        assert trace.kind in ("plan", "assumption", "computed") and trace.words
        assert trace.source if trace.kind == "plan" else not trace.source


def test_a_plan_figure_without_a_section_says_so_in_its_trace(plan: Plan) -> None:
    """A plan that names no section for its jobs and its tables: the trace says the plan
    names none (it began with a bare separator, '; de jaren daartussen ...')."""
    from clusterplan.report.impact import headline_table

    employment = plan.employment.model_copy(
        update={
            "source": None,
            "scenarios": {
                k: v.model_copy(update={"source": None})
                for k, v in plan.employment.scenarios.items()
            },
        }
    )
    finance = plan.finance.model_copy(
        update={"projects_printed_totals": None, "organisation_printed_totals": None}
    )
    bare = plan.model_copy(update={"employment": employment, "finance": finance})
    table = headline_table(bare, impact(bare, "leap"), "nl")
    traces = {row.key: row.cells[4].shown("nl") for row in table.rows}
    for key in ("direct_jobs", "public_meur", "private_meur"):
        assert traces[key].startswith("het plan (dat er geen paragraaf bij noemt)"), traces[key]


# ----------------------------------------------------------------------------- CLI


def test_cli_json_has_the_required_keys() -> None:
    result = CliRunner().invoke(app, ["impact", "--scenario", "accelerated", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("direct_jobs", "indirect_jobs", "induced_jobs", "total_jobs", "public_meur",
                "private_meur", "public_meur_per_direct_job", "leverage"):  # fmt: skip
        assert key in data
    assert data["year"] == 2034 and data["dimension"] == "accelerated"
    assert data["direct_jobs"] == pytest.approx(9150)
    assert data["total_jobs"] == pytest.approx(
        data["direct_jobs"] + data["indirect_jobs"] + data["induced_jobs"]
    )
    assert data["leverage"] == pytest.approx(data["private_meur"] / data["public_meur"])
    leverage = data["traces"]["leverage"]
    assert leverage["kind"] == "computed" and leverage["words"] == "impact.trace.leverage"
    assert leverage["text"] == "private money / public money"  # the words, not only the key
    indirect = data["traces"]["indirect_jobs"]["text"]  # an assumption by its label
    from clusterplan.plan.load import bundled_plan

    assert bundled_plan().assumption("impact.type1-multiplier").label_en in indirect
    assert "impact.type1-multiplier" not in indirect


def test_cli_json_per_source_has_money_and_credited_jobs() -> None:
    result = CliRunner().invoke(app, ["impact", "--scenario", "accelerated", "--json"])
    sources = {s["id"]: s for s in json.loads(result.stdout)["sources"]}
    assert sources["private"]["public"] is False and sources["regional"]["public"] is True
    regional = sources["regional"]
    assert regional["meur"] == pytest.approx(15 + 12.5 + 15 + 12.7)
    assert regional["meur_per_direct_job"] == pytest.approx(regional["meur"] / (25 + 18.75))
    assert "leverage" not in regional


def test_cli_text_opens_with_the_reports_intro_in_the_runs_language() -> None:
    """The heading had been English words in any run ("Impact, Schaalsprong, 2034")."""
    from clusterplan.plan.load import bundled_plan
    from clusterplan.report.messages import msg

    name = bundled_plan().employment.scenarios["leap"].name_nl
    out = CliRunner().invoke(app, ["--lang", "nl", "impact"]).stdout
    assert out.splitlines()[0] == msg("impact.intro", "nl", dimension=name, year=2034)


def test_cli_table_and_bad_scenario() -> None:
    ok = CliRunner().invoke(app, ["impact"])
    assert ok.exit_code == 0 and "Leverage" in ok.stdout and "lower bound" in ok.stdout
    bad = CliRunner().invoke(app, ["impact", "--scenario", "boom"])
    assert (
        bad.exit_code == 2
        and "--scenario must be one of" in bad.stderr
        and "(got 'boom')" in bad.stderr
    )


TITLES = {
    "nl": (
        "Directe, indirecte en geïnduceerde banen per jaar",
        "Per pijler in {year}",
        "Benoemde aannames achter de cijfers",
    ),
    "en": (
        "Direct, indirect and induced jobs per year",
        "Per pillar in {year}",
        "Named assumptions behind the figures",
    ),
}


def _section(stdout: str, title: str) -> list[str]:
    """The body lines of the printed table titled ``title``: after its title, underline,
    heading and rule, up to the first blank line."""
    lines = stdout.splitlines()
    start = lines.index(title)
    assert lines[start + 1] == "=" * len(title)
    body = []
    for line in lines[start + 4 :]:
        if not line.strip():
            break
        body.append(line)
    return body


def _whole(text: str, lang: str) -> int:
    """A whole figure as printed in ``lang`` (thousands by '.' in Dutch, ',' in English)."""
    return int(text.replace("." if lang == "nl" else ",", ""))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cli_prints_jobs_per_year_per_pillar_and_the_assumptions(plan: Plan, lang: str) -> None:
    """``clusterplan impact`` prints the jobs per year and the figures per pillar of the
    model's result (summed and rounded here, not read from the command), and the named
    assumptions with their rationale, all in the run's language."""
    run = CliRunner().invoke(app, ["--lang", lang, "impact"])
    assert run.exit_code == 0, run.stderr
    result = impact(plan, None)
    jobs_title, pillars_title, assumptions_title = TITLES[lang]

    direct = result.direct.sum(axis=0)
    indirect = result.indirect.sum(axis=0)
    induced = result.induced.sum(axis=0)
    rows = [line.split() for line in _section(run.stdout, jobs_title)]
    assert [int(r[0]) for r in rows] == result.years
    for i, row in enumerate(rows):
        expected = [direct[i], indirect[i], induced[i], direct[i] + indirect[i] + induced[i]]
        assert [_whole(v, lang) for v in row[1:]] == [round(float(v)) for v in expected]

    t = result.years.index(result.target_year)
    name_of = {
        p.id: p.name_en if lang == "en" and p.name_en else p.name_nl for p in plan.taxonomy.pillars
    }
    names = [name_of[pillar] for pillar in result.pillars]
    body = _section(run.stdout, pillars_title.format(year=result.target_year))
    assert len(body) == len(result.pillars)
    for k, (name, line) in enumerate(zip(names, body, strict=True)):
        assert line.startswith(name + " ")
        figures = [_whole(v, lang) for v in line[len(name) :].split()]
        expected = [
            result.direct[k, t],
            result.indirect[k, t],
            result.induced[k, t],
            result.production_value_meur[k, t],
            result.value_added_meur[k, t],
        ]
        assert figures == [round(float(v)) for v in expected]

    listed = _section(run.stdout, assumptions_title)
    used = {i for ids in TRACE_ASSUMPTIONS.values() for i in ids}
    assert {line.split()[0] for line in listed} == used
    for line in listed:
        a = plan.assumption(line.split()[0])
        rationale = a.rationale_nl if lang == "nl" else a.rationale
        assert rationale and rationale in line


def test_the_lower_bound_note_names_each_unknown_line_once_in_either_language(plan: Plan) -> None:
    result = impact(uniform(plan), "leap")
    lines = {pair.partition(":")[0] for pair in result.money.unknown_sources}
    for lang, word in (("en", "lower bounds"), ("nl", "ondergrenzen")):
        note = unknown_coverage_note(plan, result, lang)
        assert note is not None and word in note
        for line in lines:
            assert note.count(cost_line_names(plan, lang)[line]) == 1
    complete = impact(uniform(plan), "accelerated")
    assert complete.money.complete == (unknown_coverage_note(plan, complete, "en") is None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_quotient_by_zero_is_unknown_and_says_why(plan: Plan, lang: str) -> None:
    """Funded projects that add no direct jobs leave money per job unknown, with the reason
    (a division by zero) in its trace; the funders' tables say it in a note ('-' had stood
    there without one)."""
    from clusterplan.report.impact import headline_table, projects_table
    from clusterplan.report.messages import msg

    result = impact(plan, plan.employment.dimension_ids[0])
    assert result.figures()["funded_direct_jobs"] == 0
    row = next(
        r for r in headline_table(plan, result, lang).rows if r.key == "public_meur_per_direct_job"
    )
    assert row.cells[1].unknown
    divisor = msg("impact.figure.funded_direct_jobs", lang)
    reason = msg("impact.unknown.divided_by_zero", lang, divisor=divisor[0].lower() + divisor[1:])
    assert row.cells[4].shown(lang).endswith(f"; {reason}")
    assert projects_table(plan, result, lang).notes == (msg("impact.funder.divided_by_zero", lang),)
