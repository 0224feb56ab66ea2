"""Optimistic locking (issue 15, row 5): no edit form overwrites a change it did not see.

Every edit view of the platform is listed in ``EDIT_VIEWS``; the enumeration tests prove that
the list is complete (every URL named ``*edit`` and every model form that edits a stored row)
and that each form carries the version it was read from. Then, for every edit view, two
editors open the same form and both save: the second is refused with what changed, and the
stored value stays the first editor's.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple
from unittest import skipUnless

from django import forms
from django.db import connection
from django.http import HttpResponse
from django.test import Client, TransactionTestCase
from django.urls import get_resolver, reverse

import clusterweb
from clusterplan.plan.load import bundled_plan
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.acquisition.models import Lead
from clusterweb.demand.models import TalentTarget
from clusterweb.events.models import Event, Participant
from clusterweb.events.tests.helpers import EVENT_PK, NXP_PK, SELF_TOKEN, make_event
from clusterweb.history.models import Change
from clusterweb.locking import VERSION_FIELD, Stale, VersionedFormMixin
from clusterweb.monitoring.models import Actual
from clusterweb.planning import services as planning
from clusterweb.planning.forms import PhaseForm
from clusterweb.planning.models import Assumption, Commitment, Phase, Project, ProjectCost
from clusterweb.startups.models import StartUp
from clusterweb.testing import PASSWORD, PersonaTestCase, form_values, granted_commitment

REFUSED = "Er is niets opgeslagen"


@dataclass(frozen=True)
class EditView:
    """An edit page, a field the two editors both change, and how to read it back."""

    name: str
    kwargs: Callable[[], dict[str, Any]]
    field: str
    first: str
    second: str
    stored: Callable[[], Any]
    # What ``stored`` reads after the first editor's save, where that is not ``first`` as typed.
    first_stored: Any = None

    def stored_after_first(self) -> Any:
        return self.first if self.first_stored is None else self.first_stored


class OpenForm(NamedTuple):
    """An editor's browser with an edit form open: its URL and what its Save button sends."""

    client: Client
    url: str
    data: dict[str, Any]

    def save(self, data: dict[str, Any] | None = None) -> HttpResponse:
        """Press Save (with ``data`` instead, where given)."""
        response: HttpResponse = self.client.post(self.url, self.data if data is None else data)
        return response


def _assumption_key() -> str:
    return str(Assumption.objects.order_by("position").values_list("key", flat=True)[0])


def _project_with_case(key: str) -> dict[str, Any]:
    """A project that has a business case (stored directly), as URL arguments."""
    Project.objects.filter(key=key, business_case__isnull=True).update(
        business_case={"jobs": {"2030": {"structural": 100, "temporary": 0}}, "sources": ["x"]}
    )
    return {"key": key}


def _actual_pk() -> int:
    return int(Actual.objects.values_list("pk", flat=True).get(indicator="revenue", year=2027))


def _commitment_pk() -> int:
    return int(Commitment.objects.values_list("pk", flat=True).get(evidence="Besluit GS"))


EDIT_VIEWS = [
    EditView(
        "planning:project_edit",
        lambda: {"key": "acp"},
        "cost_2027",
        "41",
        "42",
        lambda: ProjectCost.objects.get(project__key="acp", year=2027).amount_meur,
        41.0,
    ),
    EditView(
        "planning:business_case_edit",
        lambda: _project_with_case("acp"),
        "sources",
        "Business case v1",
        "Business case v2",
        lambda: (Project.objects.get(key="acp").business_case or {}).get("sources"),
        ["Business case v1"],
    ),
    EditView(
        "planning:phase_edit",
        lambda: {"key": "colabfab", "phase": "fase-1"},
        "name_nl",
        "Fase een",
        "Eerste fase",
        lambda: Phase.objects.get(project__key="colabfab", key="fase-1").name_nl,
    ),
    EditView(
        "planning:assumption_edit",
        lambda: {"key": _assumption_key()},
        "rationale",
        "Reden van de eerste redacteur",
        "Reden van de tweede redacteur",
        lambda: Assumption.objects.get(key=_assumption_key()).rationale,
    ),
    EditView(
        "planning:commitment_edit",
        lambda: {"pk": _commitment_pk()},
        "note",
        "Eerste notitie",
        "Tweede notitie",
        lambda: Commitment.objects.get(pk=_commitment_pk()).note,
    ),
    EditView(
        "acquisition:edit",
        lambda: {"key": "acme"},
        "owner",
        "Anna",
        "Bram",
        lambda: Lead.objects.get(key="acme").owner,
    ),
    EditView(
        "startups:edit",
        lambda: {"key": "quanta-lab"},
        "name",
        "Quanta Lab BV",
        "Quanta Laboratorium",
        lambda: StartUp.objects.get(key="quanta-lab").name,
    ),
    EditView(
        "events:edit",
        lambda: {"pk": EVENT_PK},
        "venue",
        "Zaal Noord",
        "Zaal Zuid",
        lambda: Event.objects.get(pk=EVENT_PK).venue,
    ),
    EditView(
        "events:participant_edit",
        lambda: {"pk": EVENT_PK, "pid": NXP_PK},
        "needs",
        "lasers",
        "optics",
        lambda: Participant.objects.get(pk=NXP_PK).needs,
        ["lasers"],
    ),
    EditView(
        "events:me_edit",
        lambda: {"token": SELF_TOKEN},
        "offers",
        "lenses",
        "mirrors",
        lambda: Participant.objects.get(token=SELF_TOKEN).offers,
        ["lenses"],
    ),
    EditView(
        "events:own_edit",
        lambda: {"pid": NXP_PK},
        "max_meetings",
        "3",
        "4",
        lambda: Participant.objects.get(pk=NXP_PK).max_meetings,
        3,
    ),
    EditView(
        "monitoring:edit",
        lambda: {"pk": _actual_pk()},
        "source",
        "Jaarverslag eerste redacteur",
        "Jaarverslag tweede redacteur",
        lambda: Actual.objects.get(pk=_actual_pk()).source,
    ),
    EditView(
        "demand:target_edit",
        lambda: {"year": 2028},
        "reason",
        "Reden van de eerste redacteur",
        "Reden van de tweede redacteur",
        lambda: TalentTarget.objects.get(year=2028).reason,
    ),
]
# Model forms that only create rows: there is no stored version to be stale against.
CREATE_ONLY = {
    "SaveScenarioForm": "a scenario is saved as a new row and never edited",
    "NewActualForm": "adds a new figure; corrections go through ActualForm",
}


def _model_forms() -> set[type[forms.ModelForm]]:
    """Every model form of the platform (each app's ``forms`` module imported)."""
    for info in pkgutil.walk_packages(clusterweb.__path__, "clusterweb."):
        if info.name.endswith(".forms"):
            importlib.import_module(info.name)
    found: set[type[forms.ModelForm]] = set()
    todo = list(forms.ModelForm.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("clusterweb.") and cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return found


class LockingTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.second_editor = create_user("eva", PASSWORD, Role.EDITOR)
        granted_commitment()
        Lead.objects.create(
            key="acme",
            company="Acme Packaging",
            source="anchor_tenant",
            stage="proposal",
            expected_jobs={"packaging_test": 200},
        )
        StartUp.objects.create(
            key="quanta-lab",
            name="Quanta Lab",
            stage="seed",
            programme="incubation",
            founded=2022,
        )
        TalentTarget.objects.create(year=2028, mbo=300, reason="Eerste voorstel")

        make_event()

        Actual.objects.create(indicator="revenue", year=2027, value=1234.5, source="jaarverslag")

    def two_editors(self) -> tuple[Client, Client]:
        first, second = Client(), Client()
        first.force_login(self.editor)
        second.force_login(self.second_editor)
        return first, second

    def both_open(self, view: EditView) -> tuple[OpenForm, OpenForm]:
        """Two editors open the view's form and each types their value into its field;
        neither has saved yet."""
        url = reverse(view.name, kwargs=view.kwargs())
        first, second = self.two_editors()
        return (
            OpenForm(first, url, self.edit_form(url, first, **{view.field: view.first})),
            OpenForm(second, url, self.edit_form(url, second, **{view.field: view.second})),
        )


class EnumerationTests(LockingTestCase):
    def test_every_url_named_edit_is_listed(self) -> None:
        names = set()
        for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
            for name in resolver.reverse_dict:
                if isinstance(name, str) and name.endswith("edit"):
                    names.add(f"{namespace}:{name}")
        self.assertEqual(names, {view.name for view in EDIT_VIEWS})

    def test_every_model_form_is_versioned_or_only_creates(self) -> None:
        unversioned = {
            cls.__name__
            for cls in _model_forms()
            if not issubclass(cls, VersionedFormMixin) and cls.__name__ not in CREATE_ONLY
        }
        self.assertEqual(unversioned, set())

    def test_every_versioned_form_is_behind_a_listed_edit_view_and_carries_its_version(
        self,
    ) -> None:
        self.login(self.editor)
        shown = set()
        for view in EDIT_VIEWS:
            with self.subTest(view=view.name):
                response = self.client.get(reverse(view.name, kwargs=view.kwargs()))
                form = response.context["form"]
                self.assertIsInstance(form, VersionedFormMixin)
                shown.add(type(form))
                self.assertTrue(form_values(response.content.decode()).get(VERSION_FIELD))
        editing = {
            cls
            for cls in _model_forms()
            if issubclass(cls, VersionedFormMixin) and not cls.__name__.startswith("New")
        }
        self.assertEqual(editing - shown, set())


class StaleSaveTests(LockingTestCase):
    def test_the_second_of_two_editors_is_refused_and_the_first_value_stays(self) -> None:
        for view in EDIT_VIEWS:
            with self.subTest(view=view.name):
                first, second = self.both_open(view)
                self.assertEqual(first.save().status_code, 302)
                changes = Change.objects.count()
                refused = second.save()
                self.assertEqual(refused.status_code, 200)
                self.assertContains(refused, REFUSED)
                self.assertContains(refused, view.first)  # the stored value, in the message
                self.assertContains(refused, view.second)  # the second editor's value is kept
                self.assertEqual(view.stored(), view.stored_after_first())
                self.assertEqual(Change.objects.count(), changes)

    def test_saving_again_after_seeing_the_changes_replaces_them(self) -> None:
        for view in EDIT_VIEWS:
            with self.subTest(view=view.name):
                first, second = self.both_open(view)
                first.save()
                refused = second.save()
                again = form_values(refused.content.decode())
                self.assertEqual(again[view.field], view.second)
                self.assertEqual(second.save(again).status_code, 302)
                self.assertNotEqual(view.stored(), view.stored_after_first())

    def test_a_save_without_a_version_is_refused(self) -> None:
        self.login(self.editor)
        for view in EDIT_VIEWS:
            with self.subTest(view=view.name):
                url = reverse(view.name, kwargs=view.kwargs())
                before = view.stored()
                data = self.edit_form(url, **{view.field: view.second})
                del data[VERSION_FIELD]
                response = self.client.post(url, data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, REFUSED)
                self.assertEqual(view.stored(), before)

    def test_the_message_names_the_field_and_both_values_in_english_too(self) -> None:
        url = reverse("planning:project_edit", kwargs={"key": "acp"})
        first, second = self.two_editors()
        second.cookies["django_language"] = "en"
        first_form = self.edit_form(url, first, cost_2027="41", name_en="ACP first")
        second_form = self.edit_form(url, second, cost_2027="42.5")
        self.assertEqual(first.post(url, first_form).status_code, 302)
        refused = second.post(url, second_form)
        self.assertContains(refused, "Nothing was saved")
        self.assertContains(refused, "Cost 2027: your value 42.5, stored value 41")
        self.assertContains(refused, "stored value ACP first")
        self.assertEqual(ProjectCost.objects.get(project__key="acp", year=2027).amount_meur, 41)

    def test_a_year_in_the_message_is_written_without_a_thousands_separator(self) -> None:
        url = reverse("planning:commitment_edit", kwargs={"pk": _commitment_pk()})
        first, second = self.two_editors()
        first_form = self.edit_form(url, first, year="2031")
        second_form = self.edit_form(url, second, year="2032")
        self.assertEqual(first.post(url, first_form).status_code, 302)
        refused = second.post(url, second_form)
        self.assertContains(refused, REFUSED)
        self.assertContains(refused, "2031")
        self.assertContains(refused, "2032")
        self.assertNotContains(refused, "2.031")
        self.assertNotContains(refused, "2.032")

    def test_a_change_the_form_does_not_show_does_not_conflict(self) -> None:
        url = reverse("acquisition:edit", kwargs={"key": "acme"})
        first, second = self.two_editors()
        form = self.edit_form(url, second, owner="Bram")
        board = self.edit_form(reverse("acquisition:board"), first, stage="decision")
        first.post(reverse("acquisition:move", kwargs={"key": "acme"}), board)
        self.assertEqual(second.post(url, form).status_code, 302)
        lead = Lead.objects.get(key="acme")
        self.assertEqual((lead.stage, lead.owner), ("decision", "Bram"))

    def test_a_reverted_change_makes_an_open_form_stale(self) -> None:
        url = reverse("planning:project_edit", kwargs={"key": "acp"})
        first, second = self.two_editors()
        first.post(url, self.edit_form(url, first, cost_2027="41"))
        form = self.edit_form(url, second, name_nl="ACP (tweede)")
        from clusterweb.history.services import revert

        revert(Change.objects.get(field="amount_meur"), self.admin)
        refused = second.post(url, form)
        self.assertContains(refused, REFUSED)
        self.assertNotEqual(Project.objects.get(key="acp").name_nl, "ACP (tweede)")


class InlineMoveTests(LockingTestCase):
    def test_two_editors_move_the_same_lead_and_the_second_is_refused(self) -> None:
        board = reverse("acquisition:board")
        move = reverse("acquisition:move", kwargs={"key": "acme"})
        first, second = self.two_editors()
        first_form = self.edit_form(board, first, stage="decision")
        second_form = self.edit_form(board, second, stage="lost")
        self.assertEqual(first_form["from_stage"], "proposal")
        first.post(move, first_form)
        refused = second.post(move, second_form, follow=True)
        self.assertContains(refused, REFUSED)
        self.assertEqual(Lead.objects.get(key="acme").stage, "decision")
        self.assertEqual(Lead.objects.get(key="acme").moves.count(), 1)

    def test_the_detail_pages_move_form_carries_the_stage_it_showed(self) -> None:
        self.login(self.editor)
        detail = reverse("acquisition:detail", kwargs={"key": "acme"})
        data = self.edit_form(detail, stage="visit")
        self.assertEqual(data["from_stage"], "proposal")
        self.client.post(reverse("acquisition:move", kwargs={"key": "acme"}), data)
        self.assertEqual(Lead.objects.get(key="acme").stage, "visit")


@skipUnless(connection.vendor == "postgresql", "needs concurrent connections (PostgreSQL)")
class ConcurrentSaveTests(TransactionTestCase):
    """Two saves at the same moment: the row lock makes the second wait and then refuse."""

    def test_two_simultaneous_saves_of_one_read_keep_exactly_one(self) -> None:
        planning.load_plan_into_db(bundled_plan())
        user = create_user("erik", PASSWORD, Role.EDITOR)
        read = PhaseForm(instance=Phase.objects.get(project__key="colabfab", key="fase-1"))
        version = read.stored_version()
        start = threading.Barrier(2)
        outcome: dict[str, str] = {}

        def save(name: str) -> None:
            try:
                phase = Phase.objects.get(project__key="colabfab", key="fase-1")
                data = {"name_nl": name, "start": phase.start, "end": phase.end}
                form = PhaseForm(data={**data, VERSION_FIELD: version}, instance=phase)
                assert form.is_valid(), form.errors
                start.wait()
                planning.update_phase(phase, user, form.cleaned_data, read=form)
                outcome[name] = "saved"
            except Stale:
                outcome[name] = "refused"
            finally:
                connection.close()

        threads = [threading.Thread(target=save, args=(n,)) for n in ("Fase A", "Fase B")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(sorted(outcome.values()), ["refused", "saved"])
        saved = next(name for name, result in outcome.items() if result == "saved")
        self.assertEqual(Phase.objects.get(project__key="colabfab", key="fase-1").name_nl, saved)


class StaleDeleteTests(LockingTestCase):
    def test_deleting_a_commitment_someone_changed_meanwhile_is_refused(self) -> None:
        pk = _commitment_pk()
        url = reverse("planning:commitment_edit", kwargs={"pk": pk})
        first, second = self.two_editors()
        first_form = self.edit_form(url, first, note="Eerste notitie")
        page = second.get(url).content.decode()
        version = page.split('name="read_version" value="')[-1].split('"')[0]
        first.post(url, first_form)
        delete = reverse("planning:commitment_delete", kwargs={"pk": pk})
        refused = second.post(delete, {VERSION_FIELD: version}, follow=True)
        self.assertContains(refused, REFUSED)
        self.assertContains(refused, "Eerste notitie")
        self.assertTrue(Commitment.objects.filter(pk=pk).exists())
        current = second.get(url).content.decode()
        fresh = current.split('name="read_version" value="')[-1].split('"')[0]
        self.assertEqual(second.post(delete, {VERSION_FIELD: fresh}).status_code, 302)
        self.assertFalse(Commitment.objects.filter(pk=pk).exists())


class HistoryBeforeTests(LockingTestCase):
    def test_a_form_edit_records_the_stored_value_before_it_in_the_history(self) -> None:
        # The save path reads the row again under its lock, so the history's "before" is
        # the stored value, not the form's (which validation has already put on the object).
        self.login(self.editor)
        url = reverse("planning:phase_edit", kwargs={"key": "colabfab", "phase": "fase-1"})
        before = Phase.objects.get(project__key="colabfab", key="fase-1").name_nl
        self.client.post(url, self.edit_form(url, name_nl="Fase een"))
        change = Change.objects.get(field="name_nl")
        self.assertEqual((change.old_value, change.new_value), (before, "Fase een"))
