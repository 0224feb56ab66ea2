"""The JSON API on plans other than the bundled one (the schema tests use the bundled plan):
the plan, the scenario inputs, a scenario, an ensemble, finance and demand answer 200 with
that plan's figures; where the plan sets no goal, its own goal is null and the results
compare with its reference (the target of its last growth dimension), as the command line's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import TestCase

from clusterplan.app import inputs
from clusterplan.plan.load import load_plan
from clusterplan.plan.parts import goal_target
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.api.tests.helpers import call, token_for
from clusterweb.testing import PASSWORD

PLANS = Path(__file__).resolve().parents[4] / "tests" / "plans"


class _OtherPlanApi(TestCase):
    plan_name = ""

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_plan", str(PLANS / cls.plan_name), verbosity=0)
        cls.plan = load_plan(PLANS / cls.plan_name)
        cls.viewer = create_user("vera", PASSWORD, Role.VIEWER)

    def setUp(self) -> None:
        self.token = token_for(self.viewer)

    def get(self, url: str) -> Any:
        response = call(self.client, "get", url, self.token)
        self.assertEqual(response.status_code, 200, (url, response.content[:300]))
        return response.json()

    def post(self, url: str, body: Any) -> Any:
        response = call(self.client, "post", url, self.token, body)
        self.assertEqual(response.status_code, 200, (url, response.content[:300]))
        return response.json()

    def run_checks(self) -> None:
        plan = self.plan
        data = self.get("/api/plan")
        self.assertEqual(data["id"], plan.meta.id)
        self.assertEqual(data["horizon_end"], plan.meta.horizon_end)
        self.assertEqual([p["id"] for p in data["projects"]], [p.id for p in plan.finance.projects])
        goal = plan.employment.goal
        if goal is None:
            self.assertIsNone(data["goal"])
        else:
            self.assertEqual(data["goal"]["year"], goal.year)

        names = {i["name"] for i in self.get("/api/scenarios/inputs")}
        self.assertIn("dimension", names)
        self.assertNotIn("fab_closure_year", names)  # no facility at risk in these plans
        for pid in inputs.project_ids(plan):
            self.assertIn(f"realisation__{pid}", names)

        result = self.post("/api/scenarios", {"values": {"acquisition_jobs": 50}})
        self.assertEqual(result["pillars"], plan.pillar_ids)
        self.assertEqual(result["years"][0], plan.employment.base_year)
        self.assertAlmostEqual(result["total"][0], sum(plan.employment.base.values()), places=6)
        target = goal_target(plan)
        self.assertEqual(result["goal_year"], target.year)
        self.assertAlmostEqual(
            result["goal_jobs"], target.jobs_for(sum(plan.employment.base.values())), places=6
        )
        if result["ensemble"] is not None:
            self.assertIsNotNone(result["ensemble"]["p_goal"])

        for dimension in plan.employment.dimension_ids:
            ensemble = self.post("/api/ensembles", {"samples": 100, "dimension": dimension})
            self.assertEqual(ensemble["n"], 100)
            self.assertEqual(ensemble["goal_year"], target.year)
            self.assertIsNotNone(ensemble["p_goal"])

        finance = self.get("/api/finance")
        self.assertEqual(finance["plan"], plan.meta.id)
        text = str(finance)
        for source in plan.finance.source_ids:
            self.assertIn(source, text)

        response = call(self.client, "get", "/api/demand", self.token)
        self.assertEqual(response.status_code, 404)  # these plans have no space part
        self.assertIn("space.yaml", response.json()["detail"])
        response = call(self.client, "get", "/api/actuals", self.token)
        self.assertEqual(response.status_code, 404)  # nor a monitoring part
        self.assertIn("monitoring.yaml", response.json()["detail"])


class ThreePillarApiTests(_OtherPlanApi):
    plan_name = "three-pillars"

    def test_the_api_answers_with_this_plans_figures(self) -> None:
        self.run_checks()

    def test_a_cap_on_a_source_the_plan_has_not_names_the_bodys_key(self) -> None:
        """A cap on 'regional' (the bundled plan's source, not this plan's) is refused at
        ``caps.regional`` in the request's language, naming this plan's sources; the refusal
        had quoted the command line's argument ('regional=1.0')."""
        for lang, expected in (
            ("nl", "onbekende bron 'regional' in plafond 'caps.regional' (bekend: own, grants)"),
            ("en", "unknown source 'regional' in cap 'caps.regional' (known: own, grants)"),
        ):
            with self.subTest(lang=lang):
                response = call(
                    self.client,
                    "post",
                    "/api/finance/rephase",
                    self.token,
                    {"caps": {"regional": 1}},
                    HTTP_ACCEPT_LANGUAGE=lang,
                )
                self.assertEqual(response.status_code, 422)
                self.assertEqual(
                    response.json()["detail"],
                    [
                        {
                            "loc": ["body", "caps", "regional"],
                            "msg": expected,
                            "type": "phasing.cap_source",
                        }
                    ],
                )


class SevenPillarApiTests(_OtherPlanApi):
    plan_name = "seven-pillars"

    def test_the_api_answers_with_this_plans_figures(self) -> None:
        self.run_checks()
