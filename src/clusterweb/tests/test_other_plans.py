"""The platform serves another plan: every page of the test plans, as every persona.

The two test plans of ``tests/plans`` differ from the bundled plan in every dimension
(``three-pillars``: 3 pillars, one growth dimension, 2030-2040, two funding sources, no
optional part, no goal; ``seven-pillars``: 7 pillars, four dimensions, unknown cells, a
goal). Each is stored the way ``clusterplan serve --plan DIR`` stores it (the
``load_plan`` command on an empty database). An admin then follows every link of the
site from its menu pages (detail pages and downloads included); every other persona
opens the same addresses. No page answers 500; readers get 200, outsiders and partners
403, anonymous visitors the login page (except the public pages); every page shows that
plan's figures and no word of the bundled plan (the word list of
``tests/test_no_plan_words.py``; a word the test plan itself contains may show).
"""

from __future__ import annotations

import copy
import html as html_lib
import importlib.util
import json
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, ClassVar
from unittest import mock
from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import resolve, reverse
from django.utils.formats import number_format
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan.app import inputs
from clusterplan.app.scenarios import goal_line, reference_note
from clusterplan.cli import app as cli
from clusterplan.model.growth import has_facility
from clusterplan.plan.load import bundled_plan, load_plan
from clusterplan.plan.parts import goal_target
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import format_number
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.testing import PASSWORD
from clusterweb.tests import test_personas

ROOT = Path(__file__).resolve().parents[3]
PLANS = ROOT / "tests" / "plans"


def _plan_words() -> re.Pattern[str]:
    """The bundled plan's words, from the core test that keeps them out of the code."""
    path = ROOT / "tests" / "test_no_plan_words.py"
    spec = importlib.util.spec_from_file_location("_no_plan_words", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    words: re.Pattern[str] = module.PLAN_WORDS
    return words


PLAN_WORDS = _plan_words()
# The names of the bundled plan's growth dimensions that build on another (pages are Dutch):
# a page of another plan that names one took it from code. (Its first dimension's name,
# organic growth, is also the model's general word for market-driven growth.)
BUNDLED_DIMENSIONS = {
    name.lower()
    for d in bundled_plan().employment.scenarios.values()
    if d.builds_on
    for name in (d.name_nl, d.name_en or d.name_nl)
}

# The pages in the menu: the crawl starts here and follows every link.
START = [
    "dashboard:public",
    "dashboard:index",
    "planning:projects",
    "planning:assumptions",
    "planning:revisions",
    "history:index",
    "finance:index",
    "finance:whatif",
    "finance:rephase",
    "scenarios:index",
    "scenarios:results",
    "scenarios:compare",
    "scenarios:sensitivity",
    "backcast:index",
    "impact:index",
    "demand:index",
    "demand:talent",
    "ecosystem:registry",
    "ecosystem:whitespots",
    "ecosystem:concentration",
    "ecosystem:showcase",
    "acquisition:board",
    "acquisition:list",
    "acquisition:pipeline",
    "events:index",
    "startups:portfolio",
    "startups:list",
    "monitoring:index",
    "monitoring:actuals",
    "tokens:index",
    "tasks:index",
]
# Not pages of the plan (the admin site, logging out, switching language, files, the API).
NOT_FOLLOWED = ("/admin", "/accounts/", "/i18n/", "/static/", "/jsi18n", "/api/")
MAX_PAGES = 600
HREF = re.compile(r'href="(/[^"#]*)"')
TAG = re.compile(r"<[^>]+>")
# Random per-request values (CSRF tokens, nonces) may contain a year-like run of digits.
RANDOM = re.compile(
    r'"X-CSRFToken": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"'
    r'|name="read_version" value="[^"]*"'  # a signed token: any letters, e.g. '...:bci...'
)
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
# Public pages: the persona tests' and the ecosystem showcase (ecosystem/tests/test_access.py).
PUBLIC = {name for name, _ in test_personas.PUBLIC} | {"ecosystem:showcase"}
READ = {name for name, _ in test_personas.READ}
WRITE = {name for name, _ in test_personas.WRITE}


# Pages that show or use the goal: the plan's, or its reference when it sets none.
GOAL_PAGES = (
    "dashboard:index",
    "scenarios:index",
    "scenarios:sensitivity",
    "backcast:index",
    "acquisition:pipeline",
    "finance:rephase",
)
REFERENCE_START = {"nl": "Het plan stelt geen doel:", "en": "The plan sets no goal:"}


def _cli_json(*args: str) -> Any:
    """A command's JSON output (the reference line goes to stderr)."""
    result = CliRunner().invoke(cli, ["--lang", "nl", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@contextmanager
def _empty_leads() -> Iterator[str]:
    """A leads file without leads (the platform's funnel is empty in these tests)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "leads.csv"
        path.write_text("id,company,source,stage,landing_year\n", encoding="utf-8")
        yield str(path)


# Numbers in English notation on a Dutch page (see english_decimals). A Dutch page writes
# thousands with a point (1.400): a point before exactly three digits is not counted.
# A number (after a space or bracket) with a point and one, two or four to six decimals,
# or a leading zero before the point (a Dutch page never writes '0.' for thousands); no
# dotted id, version or name.
ENGLISH_DECIMAL = re.compile(r"(?<![^\s(])(?:0\.\d+|\d+\.(?:\d{1,2}|\d{4,6}))(?!\w|\.\w)")
FORM_FIELD = re.compile(r"<input\b.*?>|<textarea\b.*?</textarea>|<select\b.*?</select>", re.S)


def _words(text: str) -> str:
    return " ".join(text.split())


def _plan_prose(value: Any) -> set[str]:
    """Every text of the plan that is a phrase (has a space): its authors' words."""
    if isinstance(value, str):
        return {_words(value)} if " " in value.strip() else set()
    if isinstance(value, Mapping):
        return set().union(*(_plan_prose(v) for v in value.values()))
    if isinstance(value, list | tuple):
        return set().union(*(_plan_prose(v) for v in value))
    return set()


# Each plan's prose, longest first, by the plan object's id. The entry holds the plan:
# a plan freed while its id is a key would let another plan, allocated at the same
# address, find the first plan's prose (a test's setUpTestData plan is a copy per test).
_PROSE: dict[int, tuple[Plan, list[str]]] = {}


def english_decimals(html: str, plan: Plan) -> list[str]:
    """The numbers in English notation in a Dutch page's visible text, each with the text
    before it; the plan's own prose, scripts and form fields left out."""
    text = _words(html_lib.unescape(TAG.sub(" ", SCRIPT.sub(" ", FORM_FIELD.sub(" ", html)))))
    if id(plan) not in _PROSE:
        prose = sorted(_plan_prose(plan.model_dump()), key=len, reverse=True)
        _PROSE[id(plan)] = (plan, prose)
    for phrase in _PROSE[id(plan)][1]:
        text = text.replace(phrase, " ")
    return [text[max(0, m.start() - 60) : m.end()] for m in ENGLISH_DECIMAL.finditer(text)]


def crawl(client: Any) -> dict[str, tuple[int, str, str]]:
    """With ``client`` (logged in): every address reachable from the menu pages, with its
    status, content type and body (text types only); at most :data:`MAX_PAGES`."""
    queue = [reverse(name) for name in START]
    seen: dict[str, tuple[int, str, str]] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        kind = response.get("Content-Type", "")
        body = response.content.decode() if kind.startswith("text/") else ""
        seen[url] = (response.status_code, kind, body)
        for href in HREF.findall(body) if kind.startswith("text/html") else ():
            href = html_lib.unescape(href)
            if not href.startswith(NOT_FOLLOWED) and href not in seen:
                queue.append(href)
    return seen


def _visible_text(html: str) -> str:
    return html_lib.unescape(TAG.sub(" ", SCRIPT.sub(" ", html)))


def _dutch(number: float) -> str:
    return str(number_format(number, decimal_pos=0, use_l10n=True, force_grouping=True))


class OtherPlanPages(TestCase):
    """Every page of one test plan (subclasses name the plan; this class is not collected)."""

    __test__ = False

    plan_dir: ClassVar[Path]
    plan: ClassVar[Plan]
    own_words: ClassVar[set[str]]
    crawled: ClassVar[dict[str, tuple[int, str, str]]]

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_plan", str(cls.plan_dir), verbosity=0)  # as serve --plan does
        cls.plan = load_plan(cls.plan_dir)
        text = "\n".join(p.read_text(encoding="utf-8") for p in cls.plan_dir.rglob("*.yaml"))
        cls.own_words = {m.group(0).lower() for m in PLAN_WORDS.finditer(text)}
        cls.own_words.add(str(date.today().year))  # pages date what happens today
        cls.admin = create_user("alice", PASSWORD, Role.ADMIN)
        cls.editor = create_user("erik", PASSWORD, Role.EDITOR)
        cls.viewer = create_user("vera", PASSWORD, Role.VIEWER)
        cls.partner = create_user("piet", PASSWORD, Role.PARTNER)
        cls.outsider = create_user("olga", PASSWORD)

    # ----------------------------------------------------------------- helpers

    def crawl(self) -> dict[str, tuple[int, str, str]]:
        """As the admin: every address reachable from the menu pages, with its status,
        content type and body (text types only)."""
        self.client.force_login(self.admin)
        seen = crawl(self.client)
        self.assertLess(len(seen), MAX_PAGES, "the crawl did not end")
        self.client.logout()
        return seen

    def assert_shows_only_this_plan(self, url: str, kind: str, body: str) -> None:
        found = {m.group(0) for m in PLAN_WORDS.finditer(RANDOM.sub("", body))}
        leaked = sorted(w for w in found if w.lower() not in self.own_words)
        self.assertEqual(leaked, [], f"{url} shows the bundled plan's words")
        if kind.startswith("text/html"):
            text = _visible_text(body)
            self.assertNotRegex(text, r"\bNone\b", f"{url} shows 'None'")
            self.assertEqual(english_decimals(body, self.plan), [], f"{url}: English decimals")
            own = {d.name_nl.lower() for d in self.plan.employment.scenarios.values()}
            for name in BUNDLED_DIMENSIONS - own:
                self.assertNotRegex(
                    text.lower(), rf"\b{re.escape(name)}\b", f"{url} names a bundled dimension"
                )

    def page(self, name: str, **kwargs: Any) -> str:
        url = reverse(name, kwargs=kwargs or None)
        self.client.force_login(self.viewer)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return _visible_text(response.content.decode())

    # ----------------------------------------------------------------- tests

    def test_the_admin_reaches_every_page_and_each_shows_only_this_plan(self) -> None:
        crawled = self.crawl()
        names = {resolve(urlsplit(u).path).view_name for u in crawled}
        for project in self.plan.finance.projects:  # detail pages are found too
            self.assertIn(reverse("planning:project", kwargs={"key": project.id}), crawled)
        self.assertIn("dashboard:download", names)
        self.assertIn("finance:download", names)
        self.assertIn("scenarios:download", names)
        for url, (status, kind, body) in crawled.items():
            with self.subTest(url=url):
                self.assertEqual(status, 200)
                if body:
                    self.assert_shows_only_this_plan(url, kind, body)

    def test_every_persona_gets_its_status_and_no_page_fails(self) -> None:
        urls = list(self.crawl())
        for user, expected in (
            (self.editor, {200}),
            (self.viewer, {200, 403}),
            (self.partner, {200, 403}),
            (self.outsider, {200, 403}),
            (None, {200, 302}),
        ):
            self.client.logout()
            if user is not None:
                self.client.force_login(user)
            for url in urls:
                name = resolve(urlsplit(url).path).view_name
                response = self.client.get(url)
                who = "anonymous" if user is None else user.username
                with self.subTest(user=who, url=url):
                    self.assertIn(response.status_code, expected)
                    if user is self.viewer and name in READ:
                        self.assertEqual(response.status_code, 200)
                    if user is self.viewer and name in WRITE:
                        self.assertEqual(response.status_code, 403)
                    if user in (self.partner, self.outsider) and name in READ | WRITE:
                        self.assertEqual(response.status_code, 403)
                    if user is None and name in PUBLIC:
                        self.assertEqual(response.status_code, 200)
                    if user is None and name not in PUBLIC:
                        self.assertEqual(response.status_code, 302)
                        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_the_white_spots_say_what_the_command_line_says_of_this_plan(self) -> None:
        """A plan without the taxonomy a matrix needs: the page says which part is
        missing, in the command line's line (it showed an empty matrix without a word)."""
        for axis in ("technologies", "markets"):
            with self.subTest(axis=axis):
                cmd = ["--lang", "nl", "ecosystem", "whitespots", "--by", axis]
                result = CliRunner().invoke(cli, [*cmd, "--plan", str(self.plan_dir)])
                self.client.force_login(self.viewer)
                page = self.client.get(reverse("ecosystem:whitespots"), {"axis": axis})
                text = _visible_text(page.content.decode())
                if result.exit_code == 0:
                    self.assertNotIn("heeft geen onderdeel", text)
                    continue
                refusal = result.output.strip().removeprefix("fout: ")
                self.assertIn("heeft geen onderdeel", refusal)
                self.assertIn(refusal, text.lower())  # as a sentence on the page

    def test_the_concentration_page_says_why_an_empty_register_has_nothing_to_show(
        self,
    ) -> None:
        """A plan without organisations and an empty register: the page says so and how to
        fill it, in the command line's line, instead of tables of '?' and a departure form
        without an organisation to choose (it had shown them without a word)."""
        cmd = ["--lang", "nl", "ecosystem", "concentration", "--plan", str(self.plan_dir)]
        result = CliRunner().invoke(cli, cmd)
        self.assertEqual(result.exit_code, 0, result.output)
        self.client.force_login(self.editor)
        body = self.client.get(reverse("ecosystem:concentration")).content.decode()
        text = _visible_text(body)
        if self.plan.organisations:
            self.assertIn('name="leave"', body)
            self.assertNotIn("organisations.yaml", result.output)
            return
        line = result.output.strip()
        self.assertIn("organisations.yaml", line)  # where to name them
        self.assertIn(f"{line[:1].upper()}{line[1:]}.", text)
        self.assertNotIn("<table", body)
        self.assertNotIn('name="leave"', body)
        self.assertIn(reverse("ecosystem:import"), body)

    def test_pages_to_add_figures_say_the_plan_has_no_monitoring_part(self) -> None:
        """A plan without a monitoring part: the pages to add and import figures give the dashboard's line (the part, the file to add it to) instead of a form with
        an empty indicator list that could never be saved."""
        from clusterplan.plan import parts

        self.client.force_login(self.editor)
        for name in ("monitoring:add", "monitoring:import"):
            with self.subTest(page=name):
                body = self.client.get(reverse(name)).content.decode()
                if parts.has(self.plan, "monitoring"):
                    self.assertIn("<form", body)
                    continue
                self.assertIn(parts.PARTS["monitoring"].where, _visible_text(body))
                self.assertNotIn('name="indicator"', body)
                self.assertNotIn('type="file"', body)

    def test_the_partners_figures_page_says_the_plan_has_no_monitoring_part(self) -> None:
        """A partner of a plan without a monitoring part reads the other monitoring pages'
        line (the part, the file to add it to) on its figures page, not a form of only an
        organisation and a year that has no figure to submit."""
        from clusterplan.plan import parts
        from clusterweb.accounts.models import PartnerMembership
        from clusterweb.ecosystem.models import Organisation

        Organisation.objects.create(key="own", name="Own", kind="company")
        PartnerMembership.objects.create(user=self.partner, organisation_id="own")
        self.client.force_login(self.partner)
        body = self.client.get(reverse("monitoring:submit")).content.decode()
        if parts.has(self.plan, "monitoring"):
            self.assertIn('name="year"', body)
            return
        self.assertIn(parts.PARTS["monitoring"].where, _visible_text(body))
        self.assertNotIn('name="year"', body)
        self.assertNotIn('name="organisation"', body)

    def test_a_new_lead_offers_no_choice_of_a_part_the_plan_has_not(self) -> None:
        """The lead form leaves out 'fills segment/technology/market' for a plan that
        names none of these (they had offered a select of only '—')."""
        from clusterplan.plan import parts

        self.client.force_login(self.editor)
        body = self.client.get(reverse("acquisition:add")).content.decode()
        self.assertIn('name="company"', body)
        for field, part in (
            ("fills_segment", "segments"),
            ("fills_technology", "technologies"),
            ("fills_market", "markets"),
        ):
            with self.subTest(field=field):
                shown = f'name="{field}"' in body
                self.assertEqual(shown, parts.has(self.plan, part))

    def test_a_new_lead_says_how_to_add_firms_while_the_register_is_empty(self) -> None:
        """While the register holds no organisation the present firm's select (only '—')
        says there is none yet and how to add them: the import page's link and the plan's
        organisations file (it had said nothing)."""
        from clusterplan.plan import parts
        from clusterweb.ecosystem.models import Organisation
        from clusterweb.ecosystem.services import ensure_registry_loaded

        ensure_registry_loaded()
        self.client.force_login(self.editor)
        body = self.client.get(reverse("acquisition:add")).content.decode()
        field = body.split('name="via_organisation"')[1].split("</fieldset>")[0]
        help_text = body.split('id="id_via_organisation_helptext"')[1].split("</div>")[0]
        if Organisation.objects.exists():
            self.assertNotIn(reverse("ecosystem:import"), help_text)
            self.assertRegex(field, r'<option value="[^"]+"')
            return
        self.assertIn("nog geen organisatie", help_text)
        self.assertIn(f'href="{reverse("ecosystem:import")}"', help_text)
        self.assertIn(parts.PARTS["organisations"].where, help_text)

    def test_the_dashboard_shows_this_plans_base_year_total_and_pillars(self) -> None:
        emp = self.plan.employment
        text = self.page("dashboard:index")
        self.assertIn(_dutch(sum(emp.base.values())), text)
        self.assertIn(str(emp.base_year), text)
        for pillar in self.plan.taxonomy.pillars:
            self.assertIn(pillar.name_nl, text)
        for dimension in emp.scenarios.values():
            self.assertIn(dimension.name_nl, text)
        # the goal in the command line's overview line, or, when the plan sets none, the
        # command line's line saying so and what is compared instead, once (the lead had
        # said "Het plan stelt geen doel (...). Geen doel in het plan: ...")
        if emp.goal is None:
            raw = self.client.get(reverse("dashboard:index")).content.decode()
            lead = raw.split("utrecht-paragraph--lead", 1)[1].split("</p>", 1)[0]
            self.assertIn(escape(reference_note(self.plan, "nl") or ""), lead)
            self.assertEqual(lead.count("geen doel"), 1, lead)
        else:
            self.assertIn(escape(goal_line(self.plan, "nl")), text)
            goal = round(emp.goal.factor * sum(emp.base.values()))
            self.assertIn(_dutch(goal), text)

    def test_every_goal_page_uses_the_command_lines_goal_and_says_which(self) -> None:
        """The goal is the command line's (the plan's, or its reference when it sets none),
        and a page that compares with the reference says so in the command line's line."""
        for lang in ("nl", "en"):
            note = reference_note(self.plan, lang)
            self.assertEqual(note is None, self.plan.employment.goal is not None)
            self.client.cookies.load({"django_language": lang})
            for name in GOAL_PAGES:
                with self.subTest(lang=lang, page=name):
                    text = self.page(name)
                    if note is None:
                        self.assertNotIn(REFERENCE_START[lang], text)
                    else:
                        self.assertIn(note, text)
        self.client.cookies.load({"django_language": "nl"})
        target = goal_target(self.plan)
        base = sum(self.plan.employment.base.values())
        self.assertIn(format_number(target.jobs_for(base), "nl", 0), self.page("scenarios:index"))

    @override_settings(CLUSTERWEB_ENSEMBLE_SAMPLES=200, CLUSTERWEB_SEED=3)
    def test_the_goal_figures_equal_the_command_lines(self) -> None:
        """P(goal) of the scenario page, the back-cast target and gap, and the pipeline's
        gap equal those of ``simulate``, ``backcast`` and ``pipeline`` on the same plan."""
        plan = ["--plan", str(self.plan_dir)]
        self.client.force_login(self.viewer)
        self.client.cookies.load({"django_language": "nl"})
        simulated = _cli_json("simulate", "--n", "200", "--seed", "3", *plan)
        html = self.client.get(reverse("scenarios:index")).content.decode()
        probability = re.search(
            r'id="scenario-probability".*?clusterplan-stat__number">([^<]+)<', html, re.S
        )
        assert probability is not None
        shown = float(probability.group(1).replace(".", "").replace(",", "."))
        self.assertEqual(shown, round(100 * simulated["p_goal"], 1))
        backcast = _cli_json("backcast", *plan)
        text = self.page("backcast:index")
        self.assertIn(format_number(backcast["target_total"], "nl", 0), text)
        self.assertIn(str(backcast["target_year"]), text)
        # the target card's default is the plan's goal only when it sets one
        says_goal = "standaard: het doel van het plan" in text
        self.assertEqual(says_goal, self.plan.employment.goal is not None)
        empty = Path(self.enterContext(_empty_leads()))
        gap = _cli_json("pipeline", str(empty), *plan)["acquisition_gap"]
        rows = " ".join(self.page("acquisition:pipeline").split())
        self.assertIn(format_number(gap["goal_jobs"], "nl", 0), rows)
        for year, cells in gap["by_year"].items():
            row = " ".join(
                format_number(cells[k], "nl", 0) for k in ("gap", "pipeline", "remaining")
            )
            self.assertIn(f"{year} {row}", rows)

    def test_the_scenario_page_offers_narratives_and_markets_only_when_the_plan_has_them(
        self,
    ) -> None:
        """A plan without stress narratives is offered none (the page had a select of only
        'none'), and without application markets the page does not say growth follows
        them."""
        from clusterplan.app.scenarios import stress_choices
        from clusterplan.model.growth import growth_assumptions

        text = self.page("scenarios:index")
        self.assertEqual(
            "Stressverhaal voor de markten" in text, bool(stress_choices(self.plan, "nl"))
        )
        self.assertEqual(
            "volgt de toepassingsmarkten" in text, bool(growth_assumptions(self.plan).markets)
        )

    def test_the_finance_page_shows_no_table_twice(self) -> None:
        """Without organisation cost lines the projects' cash needs are the agenda's (the
        page had shown the same table twice), and the public row of one public source
        repeated that source's row."""
        from clusterplan.model.finance import cash_needs, whatif_lines
        from clusterplan.report.tables import cash_needs_table

        text = self.page("finance:index")
        projects_only = len(whatif_lines(self.plan)) == len(self.plan.finance.projects)
        self.assertEqual("Kasbehoefte van de projecten" in text, not projects_only)
        table = cash_needs_table(self.plan, cash_needs(self.plan), "nl")
        public = [r for r in table.rows if r.key == "public"]
        self.assertEqual(len(public), int(len(cash_needs(self.plan).public_sources) > 1))

    def test_the_public_page_names_this_plan(self) -> None:
        self.client.logout()
        text = _visible_text(self.client.get(reverse("dashboard:public")).content.decode())
        self.assertIn(self.plan.meta.cluster, text)
        self.assertIn(_dutch(sum(self.plan.employment.base.values())), text)

    def test_the_assumptions_page_says_why_in_the_pages_language(self) -> None:
        """Each assumption's rationale in the page's language: a Dutch page shows the Dutch
        (the test plans give it; without it the page falls back to the English)."""
        for lang in ("nl", "en"):
            self.client.cookies.load({"django_language": lang})
            text = " ".join(self.page("planning:assumptions").split())
            for assumption in self.plan.assumptions:
                said = assumption.rationale_nl if lang == "nl" else assumption.rationale
                with self.subTest(lang=lang, assumption=assumption.id):
                    self.assertTrue(said)
                    self.assertIn(said or "", text)

    def test_the_finance_page_shows_this_plans_sources_and_projects(self) -> None:
        text = self.page("finance:index")
        for source in self.plan.finance.sources:
            self.assertIn(source.name_nl, text)
        for project in self.plan.finance.projects:
            self.assertIn(project.name_nl, text)

    def test_the_scenario_page_offers_only_this_plans_inputs(self) -> None:
        self.client.force_login(self.viewer)
        html = self.client.get(reverse("scenarios:index")).content.decode()
        offered = set(re.findall(r'name="([a-z_]+(?:__[a-z0-9-]+)?)"', html))
        declared = {i.name for i in inputs.scenario_inputs(self.plan)}
        self.assertLessEqual(declared - {inputs.DIMENSION}, offered)
        self.assertFalse(has_facility(self.plan))
        self.assertNotIn("fab_closure_year", offered)  # no facility at risk: no closure
        text = _visible_text(html)
        for pillar in self.plan.taxonomy.pillars:
            self.assertIn(pillar.name_nl, text)
        self.assertIn(str(self.plan.employment.target_year), text)

    def test_the_space_page_says_in_one_line_that_the_plan_has_no_space_part(self) -> None:
        text = self.page("demand:index")
        self.assertIn("space.yaml", text)
        self.assertIn("talent.yaml", text)


class ThreePillarPlanPages(OtherPlanPages):
    __test__ = True
    plan_dir = PLANS / "three-pillars"


class SevenPillarPlanPages(OtherPlanPages):
    __test__ = True
    plan_dir = PLANS / "seven-pillars"


class FacilityInputTests(TestCase):
    def test_the_closure_input_is_offered_only_for_a_plan_with_a_facility_at_risk(self) -> None:
        self.assertTrue(has_facility(bundled_plan()))
        self.assertIn("fab_closure_year", inputs.defaults(bundled_plan()))
        for name in ("three-pillars", "seven-pillars"):
            plan = load_plan(PLANS / name)
            with self.subTest(plan=name):
                self.assertNotIn("fab_closure_year", inputs.defaults(plan))
                with self.assertRaises(inputs.InputError):
                    inputs.check(plan, {"fab_closure_year": plan.employment.base_year + 2})


class EnglishDecimalsTests(SimpleTestCase):
    def test_a_plans_prose_is_left_out_after_another_plans_copy_was_freed(self) -> None:
        """A test's setUpTestData plan is a copy per test: a copy freed after its crawl
        leaves its address (its id) free for the next copy, which may be of the other plan."""
        three, seven = load_plan(PLANS / "three-pillars"), load_plan(PLANS / "seven-pillars")
        own = _plan_prose(seven.model_dump()) - _plan_prose(three.model_dump())
        phrase = next(p for p in sorted(own) if ENGLISH_DECIMAL.search(p))
        page = f"<p>{html_lib.escape(phrase)}</p>"
        with mock.patch.dict(_PROSE, clear=True):
            for _ in range(10):
                english_decimals(page, copy.deepcopy(three))
                self.assertEqual(english_decimals(page, copy.deepcopy(seven)), [], phrase)
