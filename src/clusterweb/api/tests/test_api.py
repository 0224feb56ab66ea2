"""The JSON API per endpoint and persona, its tokens, lockout, confidentiality and headers."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.conf import settings
from django.test import Client, override_settings
from django.urls import get_resolver, reverse

from clusterweb.accounts.models import LoginAttempt
from clusterweb.acquisition.constants import Stage
from clusterweb.acquisition.models import Lead, StageMove
from clusterweb.api.constants import MAX_TOKENS_PER_USER
from clusterweb.api.models import ApiToken
from clusterweb.api.tests.helpers import call, token_for
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.events.tests.helpers import EVENT_PK, make_event
from clusterweb.planning.services import current_plan
from clusterweb.scenarios import background
from clusterweb.scenarios import services as scenarios
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute
from clusterweb.testing import PersonaTestCase

PUBLIC, VIEWER, EDITOR, OWNER = "public", "viewer", "editor", "owner"
TASK_PK = 424242  # the viewer's background task (far above what the tests' tasks number)

# Every operation of the API: (URL name, kwargs, method, body, who may call it). The test
# ``test_every_operation_is_listed`` fails when an operation is added without a line here.
OPERATIONS: list[tuple[str, dict[str, Any], str, Any, str]] = [
    ("api:plan", {}, "get", None, VIEWER),
    ("api:scenario_inputs", {}, "get", None, VIEWER),
    ("api:scenario_narratives", {}, "get", None, VIEWER),
    ("api:scenario", {}, "post", {"values": {"acquisition_jobs": 100}}, VIEWER),
    ("api:ensemble", {}, "post", {"samples": 100, "dimension": "organic"}, VIEWER),
    ("api:task", {"pk": TASK_PK}, "get", None, OWNER),
    ("api:finance", {}, "get", None, VIEWER),
    ("api:rephase", {}, "post", {"caps": {"regional": 20}}, VIEWER),
    ("api:whatif", {}, "post", {"changes": [{"project": "acp", "shift": 1}]}, VIEWER),
    ("api:demand", {}, "get", None, VIEWER),
    ("api:leads", {}, "get", None, VIEWER),
    ("api:lead", {"key": "lead-a"}, "get", None, VIEWER),
    ("api:actuals", {}, "get", None, VIEWER),
    ("api:organisations", {}, "get", None, PUBLIC),
    ("api:organisation", {"key": "nxp"}, "get", None, PUBLIC),
    ("api:events", {}, "get", None, PUBLIC),
    ("api:event", {"pk": EVENT_PK}, "get", None, PUBLIC),
    # Writes last: their refusals are checked before the editor's call changes the data.
    ("api:lead_move", {"key": "lead-a"}, "post", None, EDITOR),
]
NOT_OPERATIONS = {"api:openapi-json", "api:openapi-view", "api:api-root"}


def _operation_names() -> set[str]:
    resolver = get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "api":
            names |= {f"api:{p.name}" for p in pattern.url_patterns if p.name}
    return names


def _lead() -> Lead:
    return Lead.objects.create(
        key="lead-a", company="Lead A", source="anchor_tenant", stage="proposal"
    )


class ApiTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        _lead()
        make_event()
        TaskRecord.objects.create(pk=TASK_PK, owner=cls.viewer, kind="scenarios.ensemble")
        cls.tokens = {
            user.username: token_for(user)
            for user in (cls.admin, cls.editor, cls.viewer, cls.partner, cls.outsider)
        }

    def token(self, user: Any) -> str:
        return self.tokens[user.username]

    def viewer_call(self, method: str, url: str, body: Any = None, **extra: Any) -> Any:
        """An API call with the viewer's token (see ``call``)."""
        return call(self.client, method, url, self.token(self.viewer), body, **extra)


class EveryOperationPerPersonaTests(ApiTestCase):
    def test_every_operation_is_listed(self) -> None:
        listed = {name for name, *_ in OPERATIONS}
        self.assertEqual(_operation_names() - NOT_OPERATIONS, listed)

    def _body(self, name: str, body: Any) -> Any:
        if name == "api:lead_move":
            stage = Lead.objects.get(key="lead-a").stage
            return {"stage": "visit", "on": date.today().isoformat(), "from_stage": stage}
        return body

    def test_each_persona_gets_what_its_role_allows(self) -> None:
        personas = [
            (None, "anonymous"),
            (self.outsider, "outsider"),
            (self.partner, "partner"),
            (self.viewer, "viewer"),
            (self.editor, "editor"),
            (self.admin, "admin"),
        ]
        allowed = {
            PUBLIC: {"anonymous", "outsider", "partner", "viewer", "editor", "admin"},
            VIEWER: {"viewer", "editor", "admin"},
            EDITOR: {"editor", "admin"},
            OWNER: {"viewer", "admin"},  # who started the task, and admins
        }
        for name, kwargs, method, body, who in OPERATIONS:
            url = reverse(name, kwargs=kwargs)
            for user, label in personas:
                if name == "api:lead_move" and label == "admin":
                    continue  # the editor moved it already; the admin is an editor too
                token = None if user is None else self.token(user)
                with self.subTest(operation=name, persona=label):
                    response = call(self.client, method, url, token, self._body(name, body))
                    if label in allowed[who]:
                        self.assertEqual(response.status_code, 200, response.content[:300])
                        json.loads(response.content)
                    elif who == OWNER and label == "editor":  # another's task is not found
                        self.assertEqual(response.status_code, 404, response.content[:300])
                    else:
                        expected = 401 if user is None else 403
                        self.assertEqual(response.status_code, expected, response.content[:300])
                        self.assertIn("detail", response.json())

    def test_a_call_that_may_not_be_made_is_refused_before_its_input_is_read(self) -> None:
        """An anonymous call with a wrong body, query or path is a 401 (with how to
        authenticate), one without the role a 403, as any such call: what is wrong with
        the input is told only to who may make the call (an anonymous call with a bad body
        had been answered 422)."""
        bad: dict[str, tuple[dict[str, Any], str, Any]] = {
            "api:scenario": ({}, "post", {"values": [], "colour": 1}),
            "api:ensemble": ({}, "post", {"samples": "veel"}),
            "api:rephase": ({}, "post", "{not json"),
            "api:whatif": ({}, "post", {"changes": 3}),
            "api:lead_move": ({"key": "lead-a"}, "post", {"on": "someday"}),
            "api:demand": ({}, "get", {"samples": "veel", "vary": "all"}),
            "api:task": ({"pk": 0}, "get", None),
        }
        for name, (kwargs, method, given) in bad.items():
            url = reverse(name, kwargs=kwargs)
            for user, expected in ((None, 401), (self.outsider, 403)):
                headers = {} if user is None else {"Authorization": f"Bearer {self.token(user)}"}
                with self.subTest(operation=name, status=expected):
                    if method == "get":
                        response = self.client.get(url, given or {}, headers=headers)
                    else:
                        text = given if isinstance(given, str) else json.dumps(given)
                        response = self.client.post(
                            url, text, content_type="application/json", headers=headers
                        )
                    self.assertEqual(response.status_code, expected, response.content[:300])
                    self.assertEqual(response.has_header("WWW-Authenticate"), user is None)
                    self.assertIsInstance(response.json()["detail"], str)
        # who may make it is told what is wrong
        viewer = call(self.client, "post", reverse("api:ensemble"), self.token(self.viewer), {})
        self.assertEqual(viewer.status_code, 422)

    def test_a_session_cookie_is_not_a_token(self) -> None:
        self.login(self.editor)
        self.assertEqual(self.client.get(reverse("api:plan")).status_code, 401)


class TokenTests(ApiTestCase):
    def test_the_token_page_needs_a_login(self) -> None:
        response = self.client.get(reverse("tokens:index"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_a_user_creates_a_token_sees_it_once_and_only_its_digest_is_stored(self) -> None:
        self.login(self.viewer)
        page = self.client.post(reverse("tokens:index"), {"name": "nightly export"})
        self.assertEqual(page.status_code, 200)
        secret = re.search(r'data-testid="new-token">([^<]+)<', page.content.decode())
        assert secret is not None
        token = secret.group(1)
        self.assertTrue(token.startswith("cpt_"))
        stored = ApiToken.objects.get(user=self.viewer, name="nightly export")
        self.assertNotIn(token, json.dumps(list(ApiToken.objects.values()), default=str))
        self.assertIn(stored.token_id, token)
        self.assertEqual(call(Client(), "get", reverse("api:plan"), token).status_code, 200)
        again = self.client.get(reverse("tokens:index"))
        self.assertContains(again, "nightly export")
        self.assertNotContains(again, token)

    def _revoke_as_viewer(self, owner: Any) -> ApiToken:
        """The viewer asks on the tokens page to revoke ``owner``'s token: the token after."""
        self.login(self.viewer)
        token = ApiToken.objects.get(user=owner)
        self.client.post(reverse("tokens:revoke"), {"token": token.pk})
        token.refresh_from_db()
        return token

    def test_a_revoked_token_no_longer_works(self) -> None:
        self.assertIsNotNone(self._revoke_as_viewer(self.viewer).revoked_at)
        response = call(Client(), "get", reverse("api:plan"), self.token(self.viewer))
        self.assertEqual(response.status_code, 401)
        self.assertIn("API-token", response.json()["detail"])  # Dutch by default

    def test_a_user_cannot_revoke_someone_elses_token(self) -> None:
        self.assertIsNone(self._revoke_as_viewer(self.editor).revoked_at)
        self.assertEqual(
            call(Client(), "get", reverse("api:plan"), self.token(self.editor)).status_code, 200
        )

    def test_creating_and_revoking_need_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.viewer)
        self.assertEqual(client.post(reverse("tokens:index"), {"name": "x"}).status_code, 403)
        token = ApiToken.objects.get(user=self.viewer)
        self.assertEqual(
            client.post(reverse("tokens:revoke"), {"token": token.pk}).status_code, 403
        )
        self.assertEqual(ApiToken.objects.filter(user=self.viewer).count(), 1)

    def test_a_user_holds_at_most_the_cap_of_active_tokens(self) -> None:
        self.login(self.outsider)
        for i in range(MAX_TOKENS_PER_USER - 1):
            self.client.post(reverse("tokens:index"), {"name": f"t{i}"})
        refused = self.client.post(reverse("tokens:index"), {"name": "one too many"})
        self.assertContains(refused, str(MAX_TOKENS_PER_USER))
        self.assertEqual(ApiToken.objects.filter(user=self.outsider).count(), MAX_TOKENS_PER_USER)

    def test_a_token_of_an_inactive_user_is_refused(self) -> None:
        self.viewer.is_active = False
        self.viewer.save()
        response = self.viewer_call("get", reverse("api:plan"))
        self.assertEqual(response.status_code, 401)

    def test_a_malformed_header_is_refused_not_anonymous(self) -> None:
        for header in ("Basic dmVyYTpwdw==", "Bearer", "Bearer cpt_", "Bearer " + "x" * 5000):
            with self.subTest(header=header[:20]):
                response = self.client.get(reverse("api:events"), headers={"Authorization": header})
                self.assertEqual(response.status_code, 401)
                # how to authenticate, as HTTP asks of a 401 (there was no such header)
                self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="api"')
        anonymous = self.client.get(reverse("api:plan"))
        self.assertEqual(anonymous.status_code, 401)
        self.assertEqual(anonymous["WWW-Authenticate"], 'Bearer realm="api"')


class LockoutTests(ApiTestCase):
    def test_refused_tokens_lock_the_address_out_even_for_a_valid_token(self) -> None:
        url = reverse("api:plan")
        limit = settings.LOGIN_LOCKOUT_ADDRESS_FAILURES
        for i in range(limit):
            response = call(self.client, "get", url, f"cpt_guess_{i}", REMOTE_ADDR="203.0.113.9")
            self.assertEqual(response.status_code, 401)
        self.assertEqual(LoginAttempt.objects.filter(ip_address="203.0.113.9").count(), limit)
        locked = self.viewer_call("get", url, REMOTE_ADDR="203.0.113.9")
        self.assertEqual(locked.status_code, 429)
        self.assertIn("detail", locked.json())
        self.assertEqual(locked["Retry-After"], str(settings.LOGIN_LOCKOUT_WINDOW_SECONDS))
        other = self.viewer_call("get", url, REMOTE_ADDR="203.0.113.10")
        self.assertEqual(other.status_code, 200)

    def test_failed_password_logins_count_for_the_api_too(self) -> None:
        limit = settings.LOGIN_LOCKOUT_ADDRESS_FAILURES
        LoginAttempt.objects.bulk_create(
            LoginAttempt(username=f"user{i}", ip_address="203.0.113.11") for i in range(limit)
        )
        response = self.viewer_call("get", reverse("api:plan"), REMOTE_ADDR="203.0.113.11")
        self.assertEqual(response.status_code, 429)


class HeadersAndDocsTests(ApiTestCase):
    def test_every_api_response_is_private(self) -> None:
        for name, kwargs, method, body, _who in OPERATIONS[:-1]:
            for token in (None, self.token(self.editor)):
                with self.subTest(name=name, token=bool(token)):
                    response = call(self.client, method, reverse(name, kwargs=kwargs), token, body)
                    self.assertIn("no-store", response["Cache-Control"])
                    self.assertIn("private", response["Cache-Control"])
        for url in (reverse("api:openapi-view"), reverse("api:openapi-json")):
            self.assertIn("no-store", self.client.get(url)["Cache-Control"])

    def test_the_docs_page_loads_its_scripts_from_our_static_files(self) -> None:
        page = self.client.get(reverse("api:openapi-view"))
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        scripts = re.findall(r"<script([^>]*)>", html)
        self.assertTrue(scripts)
        for attrs in scripts:
            src = re.search(r'src="([^"]+)"', attrs)
            if src is None:  # a data block, never executed (the CSP forbids inline scripts)
                self.assertIn('type="application/json"', attrs)
            else:
                self.assertTrue(src.group(1).startswith(settings.STATIC_URL), src.group(1))
        for href in re.findall(r'href="([^"]+)"', html):
            self.assertTrue(href.startswith(settings.STATIC_URL), href)
        self.assertNotIn("'unsafe-eval'", page["Content-Security-Policy"])
        self.assertIn("script-src 'self'", page["Content-Security-Policy"])
        for static in re.findall(r'(?:src|href)="([^"]+)"', html):
            self.assertEqual(self.client.get(static).status_code, 200, static)

    def test_the_schema_is_openapi_3_and_declares_the_bearer_token(self) -> None:
        schema = self.client.get(reverse("api:openapi-json")).json()
        self.assertTrue(schema["openapi"].startswith("3."))
        schemes = schema["components"]["securitySchemes"]
        self.assertEqual([s["scheme"] for s in schemes.values() if s["type"] == "http"], ["bearer"])


class OrganisationFieldsTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ensure_registry_loaded()
        Organisation.objects.filter(key="nxp").update(jobs=48613, growth_plans="MARKER-OWN")
        cls.other = Organisation.objects.exclude(key="nxp").filter(in_region=True).first()
        Organisation.objects.filter(pk=cls.other.pk).update(jobs=57291, growth_plans="MARKER-OTHER")

    def _bodies(self, user: Any) -> tuple[str, str, str]:
        token = None if user is None else self.token(user)
        listed = call(self.client, "get", reverse("api:organisations"), token)
        own = call(self.client, "get", reverse("api:organisation", kwargs={"key": "nxp"}), token)
        other = call(
            self.client, "get", reverse("api:organisation", kwargs={"key": self.other.key}), token
        )
        return listed.content.decode(), own.content.decode(), other.content.decode()

    def test_confidential_fields_only_for_editors_and_the_own_partner(self) -> None:
        sees = {
            "anonymous": (None, set()),
            "outsider": (self.outsider, set()),
            "viewer": (self.viewer, set()),
            "partner": (self.partner, {"MARKER-OWN", "48613"}),
            "editor": (self.editor, {"MARKER-OWN", "48613", "MARKER-OTHER", "57291"}),
        }
        every = {"MARKER-OWN", "48613", "MARKER-OTHER", "57291"}
        for label, (user, visible) in sees.items():
            with self.subTest(persona=label):
                text = "\n".join(self._bodies(user))
                for secret in every:
                    if secret in visible:
                        self.assertIn(secret, text)
                    else:
                        self.assertNotIn(secret, text)

    def test_the_public_sees_only_showcase_fields_and_which_are_hidden(self) -> None:
        body = call(self.client, "get", reverse("api:organisation", kwargs={"key": "nxp"})).json()
        self.assertNotIn("jobs", body["fields"])
        self.assertNotIn("in_region", body["fields"])
        self.assertIn("jobs", body["hidden"])
        viewer = self.viewer_call("get", reverse("api:organisation", kwargs={"key": "nxp"})).json()
        self.assertIn("in_region", viewer["fields"])
        self.assertEqual(sorted(viewer["hidden"]), ["growth_plans", "jobs", "revenue_meur"])

    def test_an_organisation_outside_the_showcase_is_not_found_for_the_public(self) -> None:
        Organisation.objects.filter(key=self.other.key).update(in_region=False)
        url = reverse("api:organisation", kwargs={"key": self.other.key})
        self.assertEqual(call(self.client, "get", url).status_code, 404)
        self.assertEqual(self.viewer_call("get", url).status_code, 200)
        names = [o["key"] for o in call(self.client, "get", reverse("api:organisations")).json()]
        self.assertNotIn(self.other.key, names)
        self.assertIn("nxp", names)

    def test_a_search_finds_what_the_registry_page_finds(self) -> None:
        """One search (``ecosystem.services.search``): the registry page searched names
        only, the API names and, for the showcase's organisations, their public texts."""
        from clusterweb.ecosystem.models import Organisation

        Organisation.objects.filter(key="nxp").update(description_public="Chips for cars")
        url = reverse("api:organisations")
        found = self.viewer_call("get", url, data={"q": "CARS"}).json()
        self.assertEqual([o["key"] for o in found], ["nxp"])
        self.login(self.viewer)
        page = self.client.get(reverse("ecosystem:registry"), {"q": "CARS"})
        self.assertEqual(page.context["keys"], ["nxp"])

    def test_a_search_takes_what_the_registry_page_takes(self) -> None:
        """Up to the registry form's length: a longer text had been cut to 200 characters
        without a word; it is refused, as the page refuses it."""
        from clusterweb.ecosystem.forms import SEARCH_MAX

        url = reverse("api:organisations")
        found = self.viewer_call("get", url, data={"q": "NXP"}).json()
        self.assertEqual([o["key"] for o in found], ["nxp"])
        self.assertEqual(self.viewer_call("get", url, data={"q": "x" * SEARCH_MAX}).json(), [])
        refused = self.viewer_call("get", url, data={"q": "x" * (SEARCH_MAX + 1)})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"][-1], "q")


class ScenarioTests(ApiTestCase):
    def test_a_scenario_is_the_web_pages_computation(self) -> None:
        values = {"acquisition_jobs": 250, "delay__acp": 2}
        body = self.viewer_call("post", reverse("api:scenario"), {"values": values}).json()
        plan = current_plan()
        expected = scenarios.compute(plan, {**scenarios.defaults(plan), **values})
        self.assertEqual(body["total"], [float(v) for v in expected.total])
        self.assertEqual(body["values"]["delay__acp"], 2)
        self.assertEqual(body["goal_jobs"], expected.goal_jobs)

    def test_an_input_outside_its_range_is_refused_in_the_users_language(self) -> None:
        url = reverse("api:scenario")
        token = self.token(self.viewer)
        dutch = call(self.client, "post", url, token, {"values": {"delay__acp": 11}})
        self.assertEqual(dutch.status_code, 422)
        problem = dutch.json()["detail"][0]
        self.assertEqual(problem["loc"], ["body", "values", "delay__acp"])
        self.assertIn("moet tussen", problem["msg"])
        english = call(
            self.client,
            "post",
            url,
            token,
            {"values": {"delay__acp": 11}},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertIn("must be between", english.json()["detail"][0]["msg"])

    def test_an_unknown_input_is_named(self) -> None:
        response = self.viewer_call(
            "post", reverse("api:scenario"), {"values": {"realisation__nowhere": 0.5}}
        )
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"][-1], "realisation__nowhere")

    def test_the_dimension_or_a_value_that_is_no_number_is_refused_by_the_form(self) -> None:
        """The scenario form judges each value, as on the page: ``dimension`` among the
        values is an unknown input (it is the body's own field), a value that is not a
        number is refused naming the input's label; the schema had refused both first
        ("moet een getal zijn", no label)."""
        url = reverse("api:scenario")
        response = self.viewer_call("post", url, {"values": {"dimension": "leap"}})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            response.json()["detail"],
            [
                {
                    "loc": ["body", "values", "dimension"],
                    "msg": "De groeidimensie is het eigen veld 'dimension' van de body, geen waarde.",
                    "type": "unknown",
                }
            ],
        )
        inputs = self.viewer_call("get", reverse("api:scenario_inputs")).json()
        label = next(i["label"] for i in inputs if i["name"] == "delay__acp")
        for value in ("leap", True, [2]):
            with self.subTest(value=value):
                response = self.viewer_call("post", url, {"values": {"delay__acp": value}})
                self.assertEqual(response.status_code, 422)
                [problem] = response.json()["detail"]
                self.assertEqual(problem["loc"], ["body", "values", "delay__acp"])
                self.assertTrue(problem["msg"].startswith(f"{label}: "), problem["msg"])

    def test_a_value_given_as_text_or_not_finite_is_refused_in_either_language(self) -> None:
        """A JSON client's value is a number whatever its language: "1.234" had been read
        by the form in the request's language (1234 in Dutch, 1.234 in English), and a
        refusal advised on separators. Each is refused naming the input's label; a number
        gives the same jobs in both languages."""
        url = reverse("api:scenario")
        inputs = self.viewer_call("get", reverse("api:scenario_inputs")).json()
        label = next(i["label"] for i in inputs if i["name"] == "acquisition_jobs")
        for lang in ("nl", "en"):
            for value in ("1.234", "1,234", " 3 ", float("nan"), float("inf")):
                with self.subTest(lang=lang, value=value):
                    response = self.viewer_call(
                        "post",
                        url,
                        {"values": {"acquisition_jobs": value}},
                        HTTP_ACCEPT_LANGUAGE=lang,
                    )
                    self.assertEqual(response.status_code, 422, response.content)
                    [problem] = response.json()["detail"]
                    self.assertEqual(problem["loc"], ["body", "values", "acquisition_jobs"])
                    if lang == "nl":
                        self.assertTrue(problem["msg"].startswith(f"{label}: moet een getal"))
        totals = [
            self.viewer_call(
                "post", url, {"values": {"acquisition_jobs": 1234}}, HTTP_ACCEPT_LANGUAGE=lang
            ).json()["total"]
            for lang in ("nl", "en")
        ]
        self.assertEqual(totals[0], totals[1])
        for body in ({"samples": "150"}, {"samples": 150.0}, {"samples": 150, "seed": True}):
            with self.subTest(body=body):  # an ensemble's size and seed: JSON integers
                response = self.viewer_call("post", reverse("api:ensemble"), body)
                self.assertEqual(response.status_code, 422, response.content)
        for change, at in (
            ({"project": "acp", "shift": "1"}, "shift"),
            ({"project": "acp", "shift": True}, "shift"),  # had been a shift of 1
            ({"project": "acp", "stretch": 1.5}, "stretch"),  # years: the schema said number
            ({"project": "", "shift": 1}, "project"),  # had been dropped without a word
        ):
            with self.subTest(change=change):
                body = {"changes": [change]}
                response = self.viewer_call("post", reverse("api:whatif"), body)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["detail"][0]["loc"], ["body", "changes", 0, at])
        for cap in ("5", float("nan")):
            with self.subTest(cap=cap):
                response = self.viewer_call(
                    "post", reverse("api:rephase"), {"caps": {"regional": cap}}
                )
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["detail"][0]["loc"], ["body", "caps", "regional"])

    def test_an_answers_values_go_back_as_they_came_and_a_long_name_is_cut(self) -> None:
        """The answer's values are a request's values (they had held the dimension, which
        a request refuses among them); an unknown name of 100,000 characters is quoted cut
        in the message, not echoed whole (a 200 KB answer)."""
        url = reverse("api:scenario")
        first = self.viewer_call("post", url, {"values": {"acquisition_jobs": 50}}).json()
        self.assertNotIn("dimension", first["values"])
        again = self.viewer_call("post", url, {"values": first["values"]})
        self.assertEqual(again.status_code, 200, again.content[:300])
        self.assertEqual(again.json()["total"], first["total"])
        long = "x" * 100_000
        for call_url, body in (
            (url, {"values": {long: 1}}),
            (reverse("api:rephase"), {"caps": {long: 1}}),
        ):
            with self.subTest(url=call_url):
                response = self.viewer_call("post", call_url, body)
                self.assertEqual(response.status_code, 422)
                [problem] = response.json()["detail"]
                self.assertLess(len(problem["msg"]), 1_000)
                self.assertIn("100.000", problem["msg"])  # its length, in Dutch

    def test_an_empty_dimension_and_a_too_long_narrative_are_refused_saying_why(self) -> None:
        """An empty dimension is not the default (it had been taken as the last one); a
        narrative name over its limit says the limit (it said only 'te lang')."""
        for url, body in (
            (reverse("api:scenario"), {"dimension": ""}),
            (reverse("api:ensemble"), {"samples": 100, "dimension": ""}),
        ):
            with self.subTest(url=url):
                response = self.viewer_call("post", url, body)
                self.assertEqual(response.status_code, 422, response.content)
                self.assertEqual(response.json()["detail"][0]["loc"], ["body", "dimension"])
        response = self.viewer_call("post", reverse("api:scenario"), {"stress": "x" * 101})
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(problem["loc"], ["body", "stress"])
        self.assertEqual(problem["msg"], "langer dan de toegestane 100 tekens")

    def test_the_inputs_name_their_range_and_default(self) -> None:
        inputs = self.viewer_call("get", reverse("api:scenario_inputs")).json()
        delay = next(i for i in inputs if i["name"] == "delay__acp")
        self.assertEqual((delay["low"], delay["default"]), (0, 0.0))
        self.assertGreater(delay["high"], 0)

    def test_the_inputs_are_the_command_lines(self) -> None:
        """One listing of the declared inputs (``Input.as_data``): the command line's JSON
        had no help text and no ``required``."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        cli = CliRunner().invoke(app, ["--lang", "nl", "inputs", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        body = self.viewer_call("get", reverse("api:scenario_inputs")).json()
        self.assertEqual(body, json.loads(cli.stdout))
        fab = next(i for i in body if i["name"] == "fab_closure_year")
        self.assertEqual(
            (fab["required"], fab["help"]), (False, "De bedreigde fab sluit in dit jaar.")
        )
        # the unit is a code beside its words in the user's language (it was English only)
        acp = next(i for i in body if i["name"] == "realisation__acp")
        self.assertEqual(
            (acp["unit"], acp["unit_label"]), ("share of plan", "aandeel van het plan")
        )

    def test_a_scenario_under_a_stress_narrative_is_the_command_lines(self) -> None:
        """The narratives the page offers, and a scenario under one: the jobs of
        ``clusterplan scenarios --stress``; the API took no narrative."""
        from typer.testing import CliRunner

        from clusterplan.app.scenarios import stress_choices
        from clusterplan.cli import app

        listed = self.viewer_call("get", reverse("api:scenario_narratives")).json()
        plan = current_plan()
        self.assertEqual(listed, [{"name": n, "label": w} for n, w in stress_choices(plan, "nl")])
        self.assertIn("automotive-slump", [n["name"] for n in listed])
        body = {"dimension": "leap", "stress": "automotive-slump"}
        stressed = self.viewer_call("post", reverse("api:scenario"), body).json()
        central = self.viewer_call("post", reverse("api:scenario"), {"dimension": "leap"})
        cli = CliRunner().invoke(app, ["scenarios", "--stress", "automotive-slump", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        expected = json.loads(cli.stdout)["scenarios"]["leap"]
        self.assertEqual(stressed["stress"], "automotive-slump")
        self.assertEqual(stressed["total"], expected["total"])
        self.assertEqual(stressed["jobs"], expected["jobs"])
        self.assertIsNone(central.json()["stress"])
        gone = [c - t for c, t in zip(central.json()["total"], stressed["total"], strict=True)]
        self.assertGreater(max(gone), 100)  # the slump costs jobs on the way
        self.assertIsNotNone(stressed["ensemble"])  # the band is under the narrative too

    def test_an_unknown_narrative_is_refused_in_the_cores_words_at_its_field(self) -> None:
        body = {"stress": "moonshot"}
        response = self.viewer_call("post", reverse("api:scenario"), body)
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(problem["loc"], ["body", "stress"])
        self.assertIn("'moonshot'", problem["msg"])
        self.assertIn("automotive-slump", problem["msg"])  # the plan's narratives

    def test_an_ensemble_names_its_seed_and_is_simulates_for_the_same_seed(self) -> None:
        """Samples, seed and dimension reproduce an ensemble on the command line; the answer
        had no seed, and the request took none."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        asked = {"samples": 150, "dimension": "organic", "seed": 7}
        body = self.viewer_call("post", reverse("api:ensemble"), asked).json()
        cli = CliRunner().invoke(
            app, ["simulate", "--n", "150", "--seed", "7", "--dimension", "organic", "--json"]
        )
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        simulated = json.loads(cli.stdout)
        self.assertEqual((body["n"], body["seed"], body["dimension"]), (150, 7, "organic"))
        self.assertEqual(body["p_goal"], simulated["p_goal"])
        medians = [simulated["total"][str(year)]["p50"] for year in body["years"]]
        self.assertEqual(body["p50"], medians)
        other = self.viewer_call("post", reverse("api:ensemble"), {**asked, "seed": 8}).json()
        self.assertNotEqual(other["p50"], body["p50"])
        default = self.viewer_call("post", reverse("api:ensemble"), {"samples": 150}).json()
        self.assertEqual(default["seed"], settings.CLUSTERWEB_SEED)

    @override_settings(
        CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD=1000, CLUSTERWEB_ENSEMBLE_MAX_SAMPLES=5000
    )
    def test_a_large_ensemble_is_a_background_task_and_a_too_large_one_is_refused(self) -> None:
        url = reverse("api:ensemble")
        token = self.token(self.viewer)
        started = call(self.client, "post", url, token, {"samples": 2000})
        self.assertEqual(started.status_code, 202)
        record = TaskRecord.objects.get(pk=started.json()["task"])
        self.assertEqual(record.owner, self.viewer)
        refused = call(self.client, "post", url, token, {"samples": 5001})
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(TaskRecord.objects.exclude(pk=TASK_PK).count(), 1)
        # the task for the token that started it (its page wants a login): status, then result
        status_url = started.json()["status_url"]
        waiting = call(self.client, "get", status_url, token).json()
        self.assertEqual((waiting["task"], waiting["status"]), (record.pk, "queued"))
        self.assertIsNone(waiting["result"])
        execute(record.pk)  # what the worker does
        done = call(self.client, "get", status_url, token).json()
        self.assertEqual((done["status"], done["percent"]), ("done", 100))
        direct = background.ensemble({"samples": 2000, **record.params})
        self.assertEqual(done["result"]["p50"], direct["p50"])
        self.assertEqual(done["result"]["n"], 2000)
        other = call(self.client, "get", status_url, self.token(self.editor))
        self.assertEqual(other.status_code, 404)

    def test_rephasing_needs_a_known_source(self) -> None:
        """An unknown source in the core's words, naming the plan's (as ``clusterplan phase
        --cap``) and the cap where the body gives it (not the command line's ``moon=3.0``);
        a refused amount at the body's key, not the form's field name."""
        response = self.viewer_call("post", reverse("api:rephase"), {"caps": {"moon": 3}})
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(problem["loc"], ["body", "caps", "moon"])
        known = ", ".join(current_plan().finance.source_ids)
        self.assertEqual(
            problem["msg"], f"onbekende bron 'moon' in plafond 'caps.moon' (bekend: {known})"
        )
        negative = self.viewer_call("post", reverse("api:rephase"), {"caps": {"regional": -5}})
        self.assertEqual(negative.status_code, 422)
        self.assertEqual(negative.json()["detail"][0]["loc"], ["body", "caps", "regional"])
        # a cap that is no number: the form names the cap, as the re-phasing page does
        self.login(self.viewer)
        page = self.client.get(reverse("finance:rephase"), {"cap_regional": "veel"})
        self.client.logout()
        [shown] = page.context["form"].errors["cap_regional"]
        for value in ("veel", True, [2]):
            with self.subTest(value=value):
                refused = self.viewer_call(
                    "post", reverse("api:rephase"), {"caps": {"regional": value}}
                )
                self.assertEqual(refused.status_code, 422)
                [problem] = refused.json()["detail"]
                self.assertEqual(problem["loc"], ["body", "caps", "regional"])
                self.assertEqual(problem["msg"].split(":")[0], shown.split(":")[0])


class LeadMoveTests(ApiTestCase):
    def _move(self, stage: str) -> Any:
        """The editor's call that moves lead-a today from the proposal stage to ``stage``."""
        url = reverse("api:lead_move", kwargs={"key": "lead-a"})
        body = {"stage": stage, "on": date.today().isoformat(), "from_stage": "proposal"}
        return call(self.client, "post", url, self.token(self.editor), body)

    def test_an_editor_moves_a_lead_and_a_stale_move_is_refused(self) -> None:
        moved = self._move("visit")
        self.assertEqual(moved.status_code, 200, moved.content)
        self.assertEqual(moved.json()["stage"], "visit")
        self.assertEqual(StageMove.objects.filter(lead__key="lead-a", stage="visit").count(), 1)
        stale = self._move("decision")
        self.assertEqual(stale.status_code, 409)
        self.assertEqual(Lead.objects.get(key="lead-a").stage, "visit")

    def test_a_move_is_dated_in_a_year_that_has_happened_as_the_move_form_says(self) -> None:
        """A move records when the lead entered the stage: a date in the year 9999 (it had
        been accepted) or next year is refused at ``body.on`` in the request's language,
        by the move form's rule (the page refuses alike); this year's are taken."""
        from clusterweb.acquisition.forms import MoveForm

        url = reverse("api:lead_move", kwargs={"key": "lead-a"})
        this_year = date.today().year
        for on, lang, expected in (
            ("9999-12-31", "nl", "Moet tussen 1900 en 2200 liggen"),
            ("9999-12-31", "en", "Must be between 1900 and 2200"),
            (f"{this_year + 1}-01-01", "nl", f"Mag niet na dit jaar ({this_year}) liggen"),
            (f"{this_year + 1}-01-01", "en", f"Must not be after this year ({this_year})"),
        ):
            with self.subTest(on=on, lang=lang):
                body = {"stage": "visit", "on": on, "from_stage": "proposal"}
                response = call(
                    self.client, "post", url, self.token(self.editor), body,
                    HTTP_ACCEPT_LANGUAGE=lang,
                )  # fmt: skip
                self.assertEqual(response.status_code, 422, response.content)
                [problem] = response.json()["detail"]
                self.assertEqual(problem["loc"], ["body", "on"])
                self.assertTrue(problem["msg"].startswith(expected), problem["msg"])
                page = MoveForm({"stage": "visit", "on": on, "from_stage": "proposal"})
                self.assertIn("on", page.errors)
        self.assertEqual(Lead.objects.get(key="lead-a").stage, "proposal")
        self.assertEqual(self._move("visit").status_code, 200)  # today

    def test_an_unknown_stage_is_refused_with_the_field(self) -> None:
        response = self._move("orbit")
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(problem["loc"], ["body", "stage"])
        # in the core's words, naming the stages (Django's named none)
        self.assertTrue(problem["msg"].startswith("Moet een van 'identified', "), problem["msg"])
        self.assertTrue(problem["msg"].endswith("zijn (gegeven: 'orbit')"), problem["msg"])

    def test_a_move_to_the_stage_it_is_in_carries_the_cores_code(self) -> None:
        response = self._move("proposal")
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(
            (problem["loc"], problem["type"]), (["body", "stage"], "funnel.stage_unchanged")
        )

    def test_what_was_read_is_a_stage_and_a_stale_move_says_which(self) -> None:
        """``from_stage`` is a stage (an unknown one had been a 409 'someone else changed
        it'); a stale move says the stage it is in and the one read, in words for a client
        (the page's spoke of a form and of reloading, and compared the stage moved to with
        the stored one: 'your value Contacted, stored value Contacted')."""
        url = reverse("api:lead_move", kwargs={"key": "lead-a"})
        today = date.today().isoformat()
        for read in ("nope", ""):
            with self.subTest(read=read):
                body = {"stage": "visit", "on": today, "from_stage": read}
                response = call(self.client, "post", url, self.token(self.editor), body)
                self.assertEqual(response.status_code, 422, response.content)
                [problem] = response.json()["detail"]
                self.assertEqual(problem["loc"], ["body", "from_stage"])
        body = {"stage": "visit", "on": today, "from_stage": "identified"}
        stale = call(self.client, "post", url, self.token(self.editor), body)
        self.assertEqual(stale.status_code, 409)
        stages = dict(Stage.choices)
        self.assertEqual(
            stale.json()["detail"],
            f"Iemand anders heeft deze lead verschoven nadat u hem las: hij staat in fase "
            f"{stages['proposal']}, u las {stages['identified']}. Er is niets opgeslagen; lees "
            "de lead opnieuw.",
        )
        self.assertEqual(Lead.objects.get(key="lead-a").stage, "proposal")

    def test_an_unknown_key_is_refused_without_naming_the_plan(self) -> None:
        url = reverse("api:lead_move", kwargs={"key": "lead-a"})
        body = {
            "stage": "visit",
            "on": date.today().isoformat(),
            "from_stage": "proposal",
            "colour": 1,
        }
        response = call(self.client, "post", url, self.token(self.editor), body)
        self.assertEqual(response.status_code, 422)
        [problem] = response.json()["detail"]
        self.assertEqual(problem["loc"], ["body", "colour"])
        self.assertNotIn("plan", problem["msg"])


class SchemaErrorTests(ApiTestCase):
    def test_schema_errors_name_the_field_in_the_users_language(self) -> None:
        url = reverse("api:ensemble")
        token = self.token(self.viewer)
        dutch = call(self.client, "post", url, token, {"samples": "veel", "colour": 1})
        self.assertEqual(dutch.status_code, 422)
        problems = {tuple(p["loc"]): p for p in dutch.json()["detail"]}
        self.assertEqual(problems[("body", "samples")]["msg"], "moet een geheel getal zijn")
        self.assertEqual(problems[("body", "samples")]["type"], "int_type")
        self.assertEqual(problems[("body", "colour")]["type"], "extra_forbidden")
        english = call(
            self.client,
            "get",
            reverse("api:demand"),
            token,
            data={"dimension": "sideways"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(english.status_code, 422)
        self.assertIn("must be one of", english.json()["detail"][0]["msg"])
        self.assertIn("leap", english.json()["detail"][0]["msg"])
        self.assertIn("(got 'sideways')", english.json()["detail"][0]["msg"])

    def test_an_unknown_query_parameter_is_refused_as_an_unknown_body_field(self) -> None:
        """Every operation refuses a query parameter it does not take, naming it (it had
        been ignored: ``?sample=5`` answered with the default size); the parameters it
        takes are those its schema declares."""
        from clusterweb.api import api as module

        declared: dict[tuple[str, str], frozenset[str]] = {}
        for path, operations in module.api.get_openapi_schema(path_prefix="/api/")["paths"].items():
            for method, operation in operations.items():
                with self.subTest(path=path, method=method):
                    view = getattr(module, operation["operationId"].rpartition("api_api_")[2])
                    self.assertEqual(
                        {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"},
                        module.query_names(view),
                    )
                    declared[(path, method)] = module.query_names(view)
        self.assertEqual(declared[("/api/demand", "get")], {"dimension", "samples", "seed", "vary"})
        self.assertEqual(declared[("/api/organisations", "get")], {"q"})
        move = {"stage": "visit", "on": date.today().isoformat(), "from_stage": "proposal"}
        for name, kwargs, method, body, _who in OPERATIONS:
            url = reverse(name, kwargs=kwargs) + "?sample=5"
            body = move if name == "api:lead_move" else body  # valid: only the query is not
            for lang, words in (("nl", "onbekend veld"), ("en", "unknown field")):
                with self.subTest(operation=name, lang=lang):
                    response = call(
                        self.client, method, url, self.token(self.admin), body,
                        HTTP_ACCEPT_LANGUAGE=lang,
                    )  # fmt: skip
                    self.assertEqual(response.status_code, 422, response.content[:300])
                    [problem] = response.json()["detail"]
                    self.assertEqual(problem["loc"], ["query", "sample"])
                    self.assertEqual(problem["type"], "extra_forbidden")
                    self.assertTrue(problem["msg"].startswith(words), problem["msg"])
        taken = call(self.client, "get", reverse("api:organisations") + "?q=", None)
        self.assertEqual(taken.status_code, 200)

    def test_an_unknown_choice_is_refused_in_the_cores_words_at_its_field(self) -> None:
        """A growth dimension the plan does not have: the words of the
        core's refusal of a choice (which name the choices), as GET /api/demand gives them,
        at the body's own field; not Django's "select a valid choice", which names none."""
        token = self.token(self.viewer)
        expected = "Moet een van 'organic', 'accelerated', 'leap' zijn (gegeven: 'bogus')"
        for name, kwargs, body, loc in (
            ("api:scenario", {}, {"dimension": "bogus"}, ["body", "dimension"]),
            ("api:ensemble", {}, {"samples": 100, "dimension": "bogus"}, ["body", "dimension"]),
        ):
            with self.subTest(name=name):
                response = call(self.client, "post", reverse(name, kwargs=kwargs), token, body)
                self.assertEqual(response.status_code, 422)
                [problem] = response.json()["detail"]
                self.assertEqual((problem["loc"], problem["msg"]), (loc, expected))

    def test_a_body_that_is_not_json_is_a_400_in_the_users_language(self) -> None:
        response = self.client.post(
            reverse("api:scenario"),
            data="{not json",
            content_type="application/json",
            headers={"Authorization": f"Bearer {self.token(self.viewer)}"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.json()["detail"], "De inhoud van het verzoek is geen geldige JSON."
        )

    def test_a_number_of_too_many_digits_is_valid_json_refused_at_its_field(self) -> None:
        """A whole number of 5,000 digits is valid JSON (it had been answered 'not valid
        JSON'): a number too big, named where the body gives it, in the request's
        language."""
        huge = "1" + "0" * 4999
        token = self.token(self.viewer)
        for name, text, loc in (
            ("api:ensemble", f'{{"samples": {huge}}}', ["body", "samples"]),
            ("api:scenario", f'{{"values": {{"x": -{huge}}}}}', ["body", "values", "x"]),
            (
                "api:whatif",
                f'{{"changes": [{{"project": "acp", "shift": {huge}}}]}}',
                ["body", "changes", 0, "shift"],
            ),
        ):
            for lang, expected in (
                ("nl", "een te groot getal (meer dan 4.300 cijfers)"),
                ("en", "a number too big (more than 4,300 digits)"),
            ):
                with self.subTest(name=name, lang=lang):
                    response = self.client.post(
                        reverse(name),
                        data=text,
                        content_type="application/json",
                        headers={"Authorization": f"Bearer {token}", "Accept-Language": lang},
                    )
                    self.assertEqual(response.status_code, 422, response.content[:300])
                    self.assertEqual(
                        response.json()["detail"],
                        [{"loc": loc, "msg": expected, "type": "int_parsing_size"}],
                    )

    def test_an_unknown_id_or_key_is_a_404_in_the_users_language(self) -> None:
        """A lead, an event or an organisation that does not exist: Django's reason was the
        English 'Not Found' whatever the language asked for."""
        token = self.token(self.viewer)
        for name, kwargs in (
            ("api:lead", {"key": "nobody"}),
            ("api:event", {"pk": 999999}),
            ("api:organisation", {"key": "nobody"}),
        ):
            for lang, expected in (
                ("nl", "Niets van deze soort heeft dit id of deze sleutel."),
                ("en", "Nothing of this kind has this id or key."),
            ):
                with self.subTest(name=name, lang=lang):
                    response = call(
                        self.client,
                        "get",
                        reverse(name, kwargs=kwargs),
                        token,
                        HTTP_ACCEPT_LANGUAGE=lang,
                    )
                    self.assertEqual(response.status_code, 404)
                    self.assertEqual(response.json(), {"detail": expected})

    def test_any_other_api_address_is_a_json_404(self) -> None:
        """``ApiRefusalMiddleware`` answers every address no route takes, in the user's
        language (a key with a slash too)."""
        for path in ("/api/nothing", "/api/organisations/a/b", "/api/events/-3"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404 if path != "/api/events/-3" else 422)
                self.assertTrue(response["Content-Type"].startswith("application/json"))
        for lang, expected in (
            ("nl", "Dit API-adres bestaat niet."),
            ("en", "There is no such API address."),
        ):
            with self.subTest(lang=lang):
                response = self.client.get("/api/nothing/at/all", HTTP_ACCEPT_LANGUAGE=lang)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"detail": expected})

    def test_the_token_page_without_its_slash_is_redirected_as_every_page(self) -> None:
        """No catch-all route under /api/ (the middleware answers the rest): Django's
        APPEND_SLASH finds the token page as it finds every other page."""
        response = self.client.get("/api/tokens")
        self.assertEqual((response.status_code, response["Location"]), (301, "/api/tokens/"))


class WhatIfTests(ApiTestCase):
    def test_a_what_if_is_the_cores_cash_needs_and_jobs_effect(self) -> None:
        from clusterplan.model.changes import ProjectChange
        from clusterplan.model.finance import cash_needs, funding_status
        from clusterplan.report.finance import finance_data

        body = self.viewer_call(
            "post", reverse("api:whatif"), {"changes": [{"project": "acp", "shift": 2}]}
        ).json()
        plan = current_plan()
        needs = cash_needs(plan, changes={"acp": ProjectChange(shift_years=2)})
        status = funding_status(plan, needs)
        expected = json.loads(json.dumps(finance_data(plan, needs, "nl", status)))
        self.assertEqual(body["by_source"], expected["by_source"])
        self.assertEqual(
            body["changes"], {"acp": {"shift_years": 2, "stretch_years": 0, "scale": 1.0}}
        )
        self.assertIn("jobs_effect", body)

    def test_an_organisation_line_is_changed_as_on_the_command_line(self) -> None:
        """The lines a what-if can change are the core's (every project and organisation
        line, ``whatif_lines``), in the API and the web form as in ``clusterplan finance``."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        body = self.viewer_call(
            "post",
            reverse("api:whatif"),
            {"changes": [{"project": "programme-organisation", "scale": 2}]},
        ).json()
        self.assertEqual(body["changes"]["programme-organisation"]["scale"], 2.0)
        cli = CliRunner().invoke(app, ["finance", "--scale", "programme-organisation=2", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        self.assertEqual(body["by_source"], json.loads(cli.stdout)["by_source"])

    def test_a_change_outside_its_range_or_an_unknown_project_names_its_row(self) -> None:
        response = self.viewer_call(
            "post",
            reverse("api:whatif"),
            {"changes": [{"project": "acp"}, {"project": "nowhere", "scale": 1e9}]},
        )
        self.assertEqual(response.status_code, 422)
        locs = {tuple(p["loc"]) for p in response.json()["detail"]}
        self.assertIn(("body", "changes", 1, "project"), locs)
        self.assertIn(("body", "changes", 1, "scale"), locs)

    def test_rephasing_without_a_cap_is_the_command_lines(self) -> None:
        """No cap is the plan's phasing and what it needs, as ``clusterplan phase`` prints
        it; the API had refused it with a rule of its own ("give at least one cap")."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        cli = CliRunner().invoke(app, ["--lang", "nl", "phase", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        for caps in ({}, {"regional": None}):
            response = self.viewer_call("post", reverse("api:rephase"), {"caps": caps})
            self.assertEqual(response.status_code, 200, response.content)
            self.assertEqual(response.json(), json.loads(cli.stdout))

    def test_finance_is_the_command_lines_json_and_no_change_is_no_change(self) -> None:
        """GET /finance is ``clusterplan finance --json`` (it had built its own, without
        ``changes``); a change that changes nothing is left out, as on the command line."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        cli = CliRunner().invoke(app, ["--lang", "nl", "finance", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        body = self.viewer_call("get", reverse("api:finance")).json()
        self.assertEqual(body, json.loads(cli.stdout))
        nothing = {"changes": [{"project": "acp", "shift": 0, "stretch": 0, "scale": 1}]}
        body = self.viewer_call("post", reverse("api:whatif"), nothing).json()
        self.assertEqual(body["changes"], {})
        self.assertNotIn("jobs_effect", body)

    def test_the_texts_of_finance_and_rephasing_are_the_requests_language(self) -> None:
        """The re-phasing message and notes in the words of the re-phasing page (projects by
        their names), an unknown named as the page's unknowns table names it, in the
        language the request asks for; they were English with ids whatever it asked."""
        from clusterplan.app import finance as app_finance
        from clusterplan.report.finance import phasing_message, phasing_notes, unknown_texts

        plan = current_plan()
        _problem, result = app_finance.rephase(plan, {"regional": 20.0})
        needs = app_finance.finance(plan).needs
        changes = {"changes": [{"project": "acp", "shift": 1}]}
        for lang, message, unknown in (
            (
                "nl",
                "elk plafond en elke volgorde wordt gehaald",
                "Tabel 1: Fysieke ruimte t.b.v. groei: kosten onbekend, jaar 2028",
            ),
            (
                "en",
                "every cap and precedence holds",
                "Tabel 1: Physical space for growth: cost unknown, year 2028",
            ),
        ):
            with self.subTest(lang=lang):
                body = self.viewer_call(
                    "post",
                    reverse("api:rephase"),
                    {"caps": {"regional": 20}},
                    HTTP_ACCEPT_LANGUAGE=lang,
                ).json()
                self.assertEqual(body["message"], message)
                self.assertEqual(body["message"], phasing_message(plan, result, lang))
                self.assertEqual(body["notes"], phasing_notes(plan, result, lang))
                self.assertTrue(body["notes"])
                texts = unknown_texts(plan, needs, lang)
                self.assertIn(unknown, texts)
                finance = self.viewer_call(
                    "get", reverse("api:finance"), HTTP_ACCEPT_LANGUAGE=lang
                ).json()
                self.assertEqual([u["text"] for u in finance["unknown"]], texts)
                whatif = self.viewer_call(
                    "post", reverse("api:whatif"), changes, HTTP_ACCEPT_LANGUAGE=lang
                ).json()
                self.assertIn(unknown, [u["text"] for u in whatif["unknown"]])

    def test_every_line_can_change_at_once_but_each_only_once(self) -> None:
        """As many changes as the plan has lines (the API had stopped at the web page's
        three rows); a line named twice is refused on the later change, one change more
        than there are lines on the list."""
        from clusterplan.app import finance as app_finance
        from clusterplan.model.changes import ProjectChange
        from clusterplan.model.finance import whatif_lines
        from clusterplan.report.finance import finance_data

        plan = current_plan()
        lines = [line.id for line in whatif_lines(plan)]
        self.assertGreater(len(lines), 3)
        every = [{"project": line, "shift": 1} for line in lines]
        body = self.viewer_call("post", reverse("api:whatif"), {"changes": every}).json()
        expected = app_finance.finance(plan, dict.fromkeys(lines, ProjectChange(shift_years=1)))
        data = json.loads(json.dumps(finance_data(plan, expected.needs, "nl", expected.status)))
        self.assertEqual(body["by_source"], data["by_source"])
        self.assertEqual(set(body["changes"]), set(lines))
        twice = [{"project": lines[0], "shift": 1}, {"project": lines[0], "scale": 2}]
        response = self.viewer_call("post", reverse("api:whatif"), {"changes": twice})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(
            [p["loc"] for p in response.json()["detail"]], [["body", "changes", 1, "project"]]
        )
        more = [*every, {"project": lines[0]}]
        response = self.viewer_call("post", reverse("api:whatif"), {"changes": more})
        self.assertEqual(response.status_code, 422)
        self.assertEqual([p["loc"] for p in response.json()["detail"]], [["body", "changes"]])


def _assert_rows(row: dict[str, float | None], values: Any, atol: float = 0.05) -> None:
    """A JSON row per year (rounded; null where unknown) holds the core's ``values``."""
    import numpy as np

    got = [np.nan if v is None else v for v in row.values()]
    np.testing.assert_allclose(got, values, atol=atol)


def _assert_bands(bands: dict[str, dict[str, float | None]], values: Any) -> None:
    """The JSON band (a row per percentile label) holds the core's ``[percentile, year]``."""
    from clusterplan.model.uncertainty import BAND_LABELS

    assert list(bands) == list(BAND_LABELS), list(bands)
    for label, row in zip(BAND_LABELS, values, strict=True):
        _assert_rows(bands[label], row)


class DemandEnsembleTests(ApiTestCase):
    """GET /api/demand: the ensemble's size and seed, within the declared range
    (``bounds.DEMAND_SAMPLES``, ``bounds.SEED``), and the bands of space and talent."""

    def _demand(self, **query: Any) -> Any:
        return self.viewer_call("get", reverse("api:demand"), data=query)

    def test_the_talent_balance_is_the_command_lines(self) -> None:
        """As ``clusterplan talent --json``: the same years (the command line had ended at
        the talent plan's goal year by its own default) and the supply's source (the API
        had none)."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        self.client.cookies.load({"django_language": "nl"})
        talent = self._demand(dimension="leap").json()["talent"]
        cli = CliRunner().invoke(app, ["--lang", "nl", "talent", "--scenario", "leap", "--json"])
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        self.assertEqual(talent, json.loads(cli.stdout))
        self.assertIn("supply_source", talent)

    def test_the_notes_and_what_an_ensemble_varies_are_the_requests_language(self) -> None:
        """The space and talent notes and what each ensemble varies (the words of the note
        under the bands' table) in the language the request asks for, as ``clusterplan
        space --json`` gives them in the run's; they were English whatever it asked."""
        from typer.testing import CliRunner

        from clusterplan.cli import app

        for lang, note, base, varies in (
            (
                "nl",
                "De banen van het basisjaar zijn gehuisvest; de vraag begint het jaar erna.",
                "{year} is het basisjaar",
                "groeiaannames (banenpaden) en uitstroom- en verloopcijfers",
            ),
            (
                "en",
                "The base year's jobs are housed; demand starts the year after.",
                "{year} is the base year",
                "growth assumptions (job paths) and retirement and turnover rates",
            ),
        ):
            with self.subTest(lang=lang):
                query = {"dimension": "leap", "samples": 20}
                url = reverse("api:demand")
                body = self.viewer_call("get", url, data=query, HTTP_ACCEPT_LANGUAGE=lang).json()
                self.assertIn(note, body["space"]["notes"])
                year = body["talent"]["years"][0] - 1
                self.assertTrue(body["talent"]["notes"][-1].startswith(base.format(year=year)))
                self.assertEqual(body["ensemble"]["talent"]["varies"], varies)
                args = ["--lang", lang, "space", "--scenario", "leap", "--samples", "20"]
                cli = CliRunner().invoke(app, [*args, "--json"])
                self.assertEqual(cli.exit_code, 0, cli.stderr)
                printed = json.loads(cli.stdout)
                self.assertEqual(body["space"]["notes"], printed["notes"])
                self.assertEqual(body["ensemble"]["space"]["varies"], printed["ensemble"]["varies"])

    def test_samples_and_seed_give_the_cores_ensemble_and_its_bands(self) -> None:
        from clusterplan.app import demand
        from clusterweb.demand.services import supply_data

        response = self._demand(dimension="leap", samples=150, seed=7)
        self.assertEqual(response.status_code, 200)
        ensemble = response.json()["ensemble"]
        space, talent = ensemble["space"], ensemble["talent"]
        for part in (space, talent):
            self.assertEqual((part["samples"], part["seed"], part["vary"]), (150, 7, "both"))
        plan = current_plan()
        core = demand.demand(plan, "leap", supply=supply_data(plan)[0], samples=150, seed=7)
        assert core.talent_bands is not None and core.space_bands is not None
        assert core.shortfall_probability is not None
        years = [str(y) for y in core.space.years]
        self.assertEqual(list(space["shortfall_probability"]), years)
        _assert_rows(space["shortfall_probability"], core.shortfall_probability, 1e-4)
        _assert_bands(space["cumulative_demand_m2"], core.space_bands.demand_so_far)
        _assert_bands(space["shortfall_m2"], core.space_bands.shortfall_so_far)
        self.assertEqual(list(talent["need"]), list(core.talent_bands.levels))
        for k, level in enumerate(core.talent_bands.levels):
            _assert_bands(talent["need"][level], core.talent_bands.need[:, k])
        other = self._demand(dimension="leap", samples=150, seed=8).json()["ensemble"]
        self.assertNotEqual(other["talent"]["need"], talent["need"])
        default = self._demand(dimension="leap").json()["ensemble"]["space"]
        self.assertEqual(
            (default["samples"], default["seed"]),
            (settings.CLUSTERWEB_DEMAND_SAMPLES, settings.CLUSTERWEB_SEED),
        )

    def test_samples_and_seed_outside_the_declared_range_are_refused_with_it(self) -> None:
        from clusterplan.plan import bounds

        low, high = int(bounds.DEMAND_SAMPLES.low), int(bounds.DEMAND_SAMPLES.high)
        for query, word in (
            ({"samples": low - 1}, str(low)),
            ({"samples": high + 1}, str(high)),
            ({"samples": "many"}, ""),
            ({"seed": -1}, "negatief"),
        ):
            with self.subTest(query=query):
                response = self._demand(**query)
                self.assertEqual(response.status_code, 422)
                problem = response.json()["detail"][0]
                self.assertEqual(problem["loc"], ["query", next(iter(query))])
                self.assertIn(word, problem["msg"])
        self.assertEqual(self._demand(samples=high).status_code, 200)

    def test_vary_gives_the_cores_ensemble_of_what_it_names(self) -> None:
        from clusterplan.app import demand
        from clusterweb.demand.services import supply_data

        plan = current_plan()
        needs = {}
        for vary in demand.VARY:
            with self.subTest(vary=vary):
                response = self._demand(dimension="leap", samples=120, seed=5, vary=vary)
                self.assertEqual(response.status_code, 200)
                ensemble = response.json()["ensemble"]
                self.assertEqual(ensemble["space"]["vary"], vary)
                core = demand.demand(
                    plan, "leap", supply=supply_data(plan)[0], samples=120, seed=5, vary=vary
                )
                assert core.talent_bands is not None and core.space_bands is not None
                _assert_bands(
                    ensemble["space"]["cumulative_demand_m2"], core.space_bands.demand_so_far
                )
                level = core.talent_bands.levels[0]
                band = ensemble["talent"]["need"][level]
                _assert_bands(band, core.talent_bands.need[:, 0])
                needs[vary] = tuple(band["p95"].values())
        # Each choice draws another ensemble: the three bands differ.
        self.assertEqual(len(set(needs.values())), len(demand.VARY))
        refused = self._demand(vary="everything")
        self.assertEqual(refused.status_code, 422)
        self.assertEqual(refused.json()["detail"][0]["loc"], ["query", "vary"])


class DemandWithoutSpaceTests(ApiTestCase):
    """GET /api/demand on a plan with a talent part but no space part: the talent part (and
    its ensemble) as the command line gives it, ``space`` null; neither part: 404."""

    @classmethod
    def setUpTestData(cls) -> None:
        from clusterweb.planning.tests.variant import load_bundled_plan_without

        super().setUpTestData()
        cls.plan_dir = load_bundled_plan_without(cls, "space.yaml")

    def _demand(self, **query: Any) -> Any:
        return self.viewer_call("get", reverse("api:demand"), data=query)

    def test_the_talent_part_is_the_command_lines_and_space_is_null(self) -> None:
        from typer.testing import CliRunner

        from clusterplan.cli import app

        self.assertIsNone(current_plan().space)
        self.client.cookies.load({"django_language": "nl"})
        response = self._demand(dimension="leap", samples=60, seed=2)
        self.assertEqual(response.status_code, 200, response.content[:300])
        data = response.json()
        self.assertIsNone(data["space"])
        args = ["--lang", "nl", "talent", "--scenario", "leap", "--plan", str(self.plan_dir)]
        cli = CliRunner().invoke(app, [*args, "--json"])
        self.assertEqual(cli.exit_code, 0, cli.output)
        self.assertEqual(data["talent"], json.loads(cli.stdout))
        self.assertIsNone(data["ensemble"]["space"])
        banded = CliRunner().invoke(app, [*args, "--samples", "60", "--seed", "2", "--json"])
        self.assertEqual(banded.exit_code, 0, banded.output)
        self.assertEqual(data["ensemble"]["talent"], json.loads(banded.stdout)["ensemble"])

    def test_a_plan_with_neither_part_is_refused_naming_the_part_to_add(self) -> None:
        from clusterweb.planning.services import load_plan_into_db

        load_plan_into_db(current_plan().model_copy(update={"talent": None}))
        self.client.cookies.load({"django_language": "nl"})
        response = self._demand()
        self.assertEqual(response.status_code, 404)
        self.assertEqual(
            response.json()["detail"],
            "Het plan heeft geen onderdeel 'ruimte'; voeg het toe in space.yaml "
            "(zie docs/plan-data.md).",
        )


class RefusedBeforeTheApiTests(ApiTestCase):
    def test_a_wrong_method_the_root_and_a_too_large_body_answer_in_json(self) -> None:
        """What Django refuses before the API sees the call answers as the API does: JSON
        in the user's language (an HTML page in English had answered, and a too-large body
        left a traceback in the log); the token page stays a page."""
        token = self.token(self.viewer)
        put = self.client.put(reverse("api:plan"), headers={"Authorization": f"Bearer {token}"})
        self.assertEqual((put.status_code, put["Allow"]), (405, "GET"))
        self.assertEqual(put.json()["detail"], "Dit adres neemt geen PUT aan; het neemt GET aan.")
        root = self.client.get("/api/")
        self.assertEqual(root.status_code, 404)
        self.assertEqual(root.json()["detail"], "Dit API-adres bestaat niet.")
        big = {"values": {"acquisition_jobs": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}}
        with self.assertNoLogs("django.security", "ERROR"):
            refused = self.viewer_call("post", reverse("api:scenario"), big)
        self.assertEqual(refused.status_code, 413)
        self.assertIn("te groot", refused.json()["detail"])
        self.login(self.viewer)
        page = self.client.get(reverse("tokens:index"))
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page["Content-Type"].startswith("text/html"))
