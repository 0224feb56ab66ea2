"""Valid numbers only (issue 15, rows 6, 12, 13, 14).

Pages never answer 500 on stored data: the extreme VALID values (each declared range's
maximum, and zeros) are written straight into the database and every page is fetched as
every persona. Every GET parameter of every page is fuzzed (huge, negative, nan, inf,
non-numeric, very long): the answer is a page with a message, never a 500. Forms refuse
numbers outside the declared ranges with the field and the range in the message, read
numbers in the page's language, and an assumption can refer to a plan fact again.
"""

from __future__ import annotations

from typing import Any

from django.test import override_settings
from django.urls import reverse

from clusterplan.plan import bounds
from clusterweb.accounts.models import PartnerMembership
from clusterweb.acquisition.models import Lead
from clusterweb.acquisition.tests.test_funnel_pages import NEW_LEAD_FORM
from clusterweb.backcast.tests.test_backcast import TARGET_QUERY
from clusterweb.planning.models import Assumption, Commitment, Project, ProjectCost
from clusterweb.planning.services import current_plan
from clusterweb.planning.tests.form_data import assert_commitment_refused
from clusterweb.testing import PersonaTestCase
from clusterweb.tests.test_personas import PUBLIC, READ, WRITE

MORE_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("ecosystem:registry", {}),
    ("ecosystem:whitespots", {}),
    ("ecosystem:concentration", {}),
    ("ecosystem:showcase", {}),
    ("acquisition:board", {}),
    ("acquisition:list", {}),
    ("acquisition:pipeline", {}),
    ("acquisition:download", {"slug": "pipeline-jobs", "fmt": "csv"}),
    ("acquisition:detail", {"key": "extreme"}),
    ("acquisition:edit", {"key": "extreme"}),
    ("scenarios:download", {"slug": "trajectory", "fmt": "csv"}),
    ("finance:download", {"slug": "public-share", "fmt": "csv"}),
]
PAGES = PUBLIC + READ + WRITE + MORE_PAGES

BAD_VALUES = [
    "1e308",
    "-1e308",
    "9" * 400,
    "-" + "9" * 400,
    "1" * 5000,
    "-5",
    "-1",
    "0",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "abc",
    "1,5",
    "1.5",
    "1.2.3",
    "x" * 5000,
    "",
]

BACKCAST = {"target_total": "11200", "target_year": "2030", "shape": "linear", "dimension": "leap"}

# GET parameters of each page; "bind" is sent along so that the form is bound.
GET_PARAMETERS: list[tuple[str, dict[str, Any], dict[str, str], list[str]]] = [
    (
        "scenarios:index",
        {},
        {"dimension": "leap"},
        [
            "scenario",
            "market_growth_factor",
            "fab_closure_year",
            "acquisition_jobs",
            "realisation__acp",
            "delay__acp",
            "dimension",
        ],
    ),
    ("scenarios:index", {}, {}, ["scenario", "stress"]),
    (
        "scenarios:results",
        {},
        {"dimension": "leap"},
        ["market_growth_factor", "fab_closure_year", "acquisition_jobs", "delay__acp"],
    ),
    (
        "scenarios:download",
        {"slug": "trajectory", "fmt": "csv"},
        {"dimension": "leap"},
        ["scenario", "acquisition_jobs", "market_growth_factor"],
    ),
    ("scenarios:compare", {}, {}, ["first", "second"]),
    ("scenarios:sensitivity", {}, {}, ["run"]),
    ("backcast:index", {}, BACKCAST, ["target_total", "target_year", "shape", "dimension"]),
    (
        "backcast:download",
        {"slug": "milestones", "fmt": "csv"},
        BACKCAST,
        ["target_total", "target_year"],
    ),
    ("backcast:index", {}, {}, ["target_total"]),
    (
        "finance:whatif",
        {},
        {"project_1": "acp"},
        ["shift_1", "stretch_1", "scale_1", "project_1"],
    ),
    ("finance:download", {"slug": "public-share", "fmt": "csv"}, {"project_1": "acp"}, []),
    (
        "finance:rephase",
        {},
        {},
        ["cap_private", "cap_subsidies", "cap_national", "cap_regional"],
    ),
    ("demand:index", {}, {}, ["dimension"]),
    ("demand:talent", {}, {}, ["source"]),
    ("demand:talent_download", {"slug": "talent-gap", "fmt": "csv"}, {}, ["source"]),
    ("history:index", {}, {}, ["page", "user", "object"]),
    ("acquisition:list", {}, {}, ["owner", "stage", "source"]),
    ("acquisition:pipeline", {}, {}, ["target_total", "page"]),
    ("ecosystem:registry", {}, {}, ["q", "kind", "segment"]),
    ("ecosystem:whitespots", {}, {}, ["axis"]),
    ("ecosystem:concentration", {}, {}, ["leave", "from_year"]),
    ("ecosystem:showcase", {}, {}, ["q", "kind"]),
]


def _store_everywhere(amount: float, extreme: str = "high") -> None:
    """Every editable stored amount of the plan set to ``amount`` (coverage: a quarter of
    one year's cost per source, so that coverage never exceeds the cost), and a lead with
    every number at the ``extreme`` of its declared range."""
    pick = (lambda b: b.high) if extreme == "high" else (lambda b: b.low)
    Lead.objects.create(
        key="extreme",
        company="Extreme BV",
        source="anchor_tenant",
        stage="proposal",
        expected_jobs={pid: int(pick(bounds.JOBS)) for pid in current_plan().pillar_ids},
        landing_year=int(pick(bounds.YEAR)),
        area_m2=pick(bounds.AREA_M2),
        capex_meur=pick(bounds.MONEY_MEUR),
        probability=pick(bounds.SHARE),
    )
    ProjectCost.objects.update(amount_meur=amount)
    Project.objects.update(coverage_meur={s: amount / 4 for s in current_plan().finance.source_ids})
    Commitment.objects.create(
        line="acp",
        source="regional",
        amount_meur=amount / 4,
        year=2030,
        status="granted",
        evidence="letter",
    )


class StoredExtremesTests(PersonaTestCase):
    """Row 6: pages never 500 on stored data that the declared ranges allow."""

    def _fetch_every_page_as_every_persona(self) -> None:
        current_plan()  # the stored plan is valid: the values are inside the ranges
        users = [None, self.viewer, self.editor, self.admin, self.partner, self.outsider]
        for user in users:
            if user is None:
                self.client.logout()
            else:
                self.login(user)
            for name, kwargs in PAGES:
                with self.subTest(user=getattr(user, "username", "anonymous"), name=name):
                    response = self.client.get(reverse(name, kwargs=kwargs))
                    self.assertLess(response.status_code, 500)

    def test_every_page_answers_with_every_amount_at_its_maximum(self) -> None:
        _store_everywhere(bounds.MONEY_MEUR.high)
        Assumption.objects.filter(key="growth.fab.jobs").update(value=int(bounds.JOBS.high))
        self._fetch_every_page_as_every_persona()

    def _every_numeric_assumption_at(self, extreme: str) -> None:
        """Each numeric assumption at the end of its range: its own low/high within the
        declared range of its id or unit."""
        for item in Assumption.objects.all():
            value = item.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            bound = bounds.for_assumption(item.key, item.unit)
            low = bound.low if item.low is None else max(bound.low, item.low)
            high = bound.high if item.high is None else min(bound.high, item.high)
            chosen = high if extreme == "high" else low
            item.value = int(chosen) if isinstance(value, int) else chosen
            item.save(update_fields=["value"])

    def test_every_page_answers_with_every_assumption_at_its_maximum(self) -> None:
        self._every_numeric_assumption_at("high")
        self._fetch_every_page_as_every_persona()

    def test_every_page_answers_with_every_assumption_at_its_minimum(self) -> None:
        self._every_numeric_assumption_at("low")
        self._fetch_every_page_as_every_persona()

    def test_every_page_answers_with_every_amount_at_zero(self) -> None:
        _store_everywhere(0.0, "low")
        Assumption.objects.filter(key="growth.fab.jobs").update(value=0)
        self._fetch_every_page_as_every_persona()


class GetParameterFuzzTests(PersonaTestCase):
    """Row 12: every GET parameter of every page, with hostile values, never gives a 500."""

    def test_no_get_parameter_value_gives_a_500(self) -> None:
        PartnerMembership.objects.all()  # (personas loaded)
        self.login(self.editor)
        for name, kwargs, bind, parameters in GET_PARAMETERS:
            url = reverse(name, kwargs=kwargs)
            for parameter in parameters:
                for value in BAD_VALUES:
                    with self.subTest(name=name, parameter=parameter, value=value[:20]):
                        response = self.client.get(url, {**bind, parameter: value})
                        self.assertLess(response.status_code, 500)

    def test_a_huge_target_is_refused_with_the_range(self) -> None:
        self.login(self.viewer)
        response = self.client.get(
            reverse("backcast:index"), TARGET_QUERY | {"target_total": "1e308"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "5.000.000")

    def test_a_scenario_number_of_5000_digits_shows_the_default_page(self) -> None:
        self.login(self.viewer)
        response = self.client.get(reverse("scenarios:index"), {"scenario": "9" * 5000})
        self.assertLess(response.status_code, 500)


class CostFormTestCase(PersonaTestCase):
    """Posting one cost (ACP, 2027) through the project form, and reading it back."""

    def _post_cost(self, text: str, language: str = "nl") -> Any:
        # The form as the page shows it in that language (with the version it was read from).
        self.client.cookies.load({"django_language": language})
        url = reverse("planning:project_edit", kwargs={"key": "acp"})
        return self.client.post(url, self.edit_form(url, cost_2027=text))

    def _stored_cost(self) -> float | None:
        return ProjectCost.objects.get(project__key="acp", year=2027).amount_meur


class StoredRangeFormTests(CostFormTestCase):
    """Row 6: forms refuse values outside the declared ranges, naming field and range."""

    def test_it_refuses_huge_costs_with_the_field_and_the_range(self) -> None:
        self.login(self.editor)
        for text in ("1e308", "9" * 400, "100000,5", "inf", "nan"):
            with self.subTest(text=text[:20]):
                response = self._post_cost(text)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(self._stored_cost(), 30)
        response = self._post_cost("1e308")
        self.assertContains(response, "Kosten 2027 moet tussen 0 en 100.000 M EUR liggen.")

    def test_it_accepts_the_maximum(self) -> None:
        self.login(self.editor)
        response = self._post_cost("100.000")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self._stored_cost(), 100_000)

    def test_it_refuses_negative_fab_jobs(self) -> None:
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": "growth.fab.jobs"})
        before = Assumption.objects.get(key="growth.fab.jobs").value
        response = self.client.post(url, {"value": "-500", "fact": "", "rationale": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "mag niet negatief zijn (tussen 0 en 5.000.000 banen)")
        self.assertEqual(Assumption.objects.get(key="growth.fab.jobs").value, before)

    def test_numbers_inside_a_mapping_value_are_checked_too(self) -> None:
        self.login(self.editor)
        key = "growth.fab.knock-on"
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        before = Assumption.objects.get(key=key).value
        for text in ("Infinity", "NaN", "1e308", "-1e308"):
            with self.subTest(text=text):
                value = f'{{"design": {text}, "equipment": 0.05}}'
                response = self.client.post(url, {"value": value, "rationale": "x"})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(Assumption.objects.get(key=key).value, before)

    def test_a_commitment_above_the_maximum_is_refused(self) -> None:
        assert_commitment_refused(self, amount_meur="1e308")

    def test_a_lead_with_out_of_range_numbers_is_refused(self) -> None:
        self.login(self.editor)
        base = NEW_LEAD_FORM
        for name, value in (
            ("capex_meur", "1e308"),
            ("area_m2", "9" * 400),
            ("jobs_equipment", "-5"),
            ("jobs_equipment", "1e12"),
            ("landing_year", "99999"),
            ("probability", "nan"),
        ):
            with self.subTest(name=name, value=value[:20]):
                response = self.client.post(reverse("acquisition:add"), base | {name: value})
                self.assertEqual(response.status_code, 200)
                self.assertFalse(Lead.objects.exists())
        accepted = self.client.post(reverse("acquisition:add"), base | {"capex_meur": "12,5"})
        self.assertEqual(accepted.status_code, 302)
        self.assertEqual(Lead.objects.get().capex_meur, 12.5)


@override_settings(LANGUAGE_CODE="en")
class LocaleNumberTests(CostFormTestCase):
    """Row 13: numbers are read in the page's language; 1,5 is never stored as 15."""

    def test_english_pages_refuse_31_comma_5(self) -> None:
        # Django's localized FloatField read this as 315 (the comma dropped as a separator).
        self.login(self.editor)
        response = self._post_cost("31,5", "en")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "enter a number such as 1,234.5")
        self.assertEqual(self._stored_cost(), 30)

    def test_pages_read_the_decimal_mark_and_grouped_thousands_of_their_language(self) -> None:
        self.login(self.editor)
        for language, text, stored in (
            ("en", "31.5", 31.5),
            ("en", "1,234.5", 1234.5),
            ("nl", "31,5", 31.5),
            ("nl", "1.234,5", 1234.5),
        ):
            with self.subTest(language=language, text=text):
                self.assertEqual(self._post_cost(text, language).status_code, 302)
                self.assertEqual(self._stored_cost(), stored)

    def test_dutch_pages_refuse_badly_grouped_digits(self) -> None:
        self.login(self.editor)
        response = self._post_cost("1.23,5", "nl")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._stored_cost(), 30)


class FactReferenceTests(PersonaTestCase):
    """Row 14: an assumption that refers to a fact can be set back to it via the form."""

    def test_fact_reference_round_trip(self) -> None:
        self.login(self.editor)
        key = "growth.fab.jobs"
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        self.assertEqual(Assumption.objects.get(key=key).value, "fact:fab-staff")
        page = self.client.get(url)
        self.assertContains(page, 'value="fab-staff" selected')
        rationale = Assumption.objects.get(key=key).rationale
        response = self.client.post(
            url, self.edit_form(url, value="900", fact="", rationale=rationale)
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Assumption.objects.get(key=key).value, 900)
        page = self.client.get(url)
        self.assertContains(page, "fab-staff")
        response = self.client.post(
            url, self.edit_form(url, value="", fact="fab-staff", rationale=rationale)
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Assumption.objects.get(key=key).value, "fact:fab-staff")
        current_plan()
        self.assertEqual(self.client.get(reverse("scenarios:index")).status_code, 200)

    def test_neither_number_nor_fact_is_refused(self) -> None:
        self.login(self.editor)
        key = "growth.fab.jobs"
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        response = self.client.post(url, {"value": "", "fact": "", "rationale": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vul een getal in of kies een feit.")
        self.assertEqual(Assumption.objects.get(key=key).value, "fact:fab-staff")


class EnsembleLimitTests(PersonaTestCase):
    """Row 11 (web): the ensemble size is bounded by a setting, checked at start-up and
    again before allocating; a page over the limit shows no ensemble instead of a 500."""

    def test_the_start_up_check_refuses_a_trillion_samples(self) -> None:
        from clusterweb.scenarios.checks import ensemble_sizes

        with override_settings(CLUSTERWEB_ENSEMBLE_SAMPLES=10**12):
            errors = ensemble_sizes(None)
        self.assertEqual([e.id for e in errors], ["clusterweb.E101"])
        self.assertIn("CLUSTERWEB_ENSEMBLE_SAMPLES", errors[0].msg)
        self.assertEqual(ensemble_sizes(None), [])

    def test_the_start_up_check_holds_each_setting_to_its_declared_range(self) -> None:
        """The sizes the command line refuses (``--n`` below 100, ``--samples`` above
        20,000, a Sobol base that is no power of 2) are refused as settings too."""
        from clusterweb.scenarios.checks import ensemble_sizes

        for name, value, words in (
            ("CLUSTERWEB_ENSEMBLE_SAMPLES", 10, "between 100 and"),
            ("CLUSTERWEB_DISCOVERY_SAMPLES", 99, "between 100 and"),
            ("CLUSTERWEB_DEMAND_SAMPLES", 20_001, "between 1 and 20,000"),
            ("CLUSTERWEB_SOBOL_BASE", 100, "power of 2"),
        ):
            with self.subTest(name=name), override_settings(**{name: value}):
                errors = ensemble_sizes(None)
                self.assertEqual(len(errors), 1)
                self.assertIn(name, errors[0].msg)
                self.assertIn(words, errors[0].msg)

    def test_a_page_above_the_memory_limit_answers_without_the_ensemble(self) -> None:
        from clusterweb.scenarios import services

        services._RESULTS.clear()
        self.login(self.viewer)
        with override_settings(CLUSTERWEB_ENSEMBLE_MAX_BYTES=1024):
            response = self.client.get(reverse("scenarios:index"))
        services._RESULTS.clear()
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["result"].band)


class SavedScenarioTests(PersonaTestCase):
    """Row 6: a scenario saved before the ranges were declared (values out of range, NaN,
    a project that is gone) still opens, compares and downloads; the defaults apply."""

    def test_a_scenario_with_out_of_range_values_still_opens(self) -> None:
        from clusterweb.scenarios.models import Scenario

        values = {
            "acquisition_jobs": 1e308,
            "market_growth_factor": -3,
            "fab_closure_year": 10**30,
            "realisation__acp": float("nan"),
            "delay__gone": 2,
        }
        bad = Scenario.objects.create(name="old", values={}, created_by=self.editor)
        Scenario.objects.filter(pk=bad.pk).update(values=values | {"realisation__acp": None})
        good = Scenario.objects.create(name="good", values={}, created_by=self.editor)
        self.login(self.viewer)
        for name, kwargs, query in (
            ("scenarios:index", {}, {"scenario": bad.pk}),
            ("scenarios:download", {"slug": "trajectory", "fmt": "csv"}, {"scenario": bad.pk}),
            ("scenarios:compare", {}, {"first": bad.pk, "second": good.pk}),
        ):
            with self.subTest(name=name):
                response = self.client.get(reverse(name, kwargs=kwargs), query)
                self.assertEqual(response.status_code, 200)
