"""Changes are shown through the field filters: values of hidden fields never leave."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from clusterweb.ecosystem.models import Organisation
from clusterweb.history import services
from clusterweb.history.access import HIDDEN_VALUE, visible_changes
from clusterweb.history.models import Change
from clusterweb.planning.models import Phase, Project
from clusterweb.testing import PersonaTestCase, granted_commitment


class VisibleChangesTests(PersonaTestCase):
    def setUp(self) -> None:
        self.org = Organisation.objects.create(
            key="marker-org",
            name="Marker Org",
            kind="supplier",
            jobs=4321,
            growth_plans="GP-1",
            source="test",
        )
        services.record_create(self.editor, self.org)
        before = {"jobs": 4321, "place": ""}
        self.org.jobs, self.org.place = 8765, "Somewhere"
        self.org.save()
        services.record_fields(self.editor, self.org, before, ["jobs", "place"])
        services.record_delete(self.editor, self.org)

    def _mine(self, user: object) -> list:  # type: ignore[type-arg]
        return visible_changes(user, Change.objects.filter(object_repr="Marker Org"))

    def test_a_viewer_sees_the_change_of_a_hidden_field_but_not_its_values(self) -> None:
        changes = {(c.action, c.field): c for c in self._mine(self.viewer)}
        jobs = changes[("update", "jobs")]
        self.assertTrue(jobs.hidden)
        self.assertEqual((jobs.old_value, jobs.new_value), (str(HIDDEN_VALUE),) * 2)
        place = changes[("update", "place")]
        self.assertEqual((place.old_value, place.new_value), ("", "Somewhere"))
        for key in (("create", ""), ("delete", "")):
            snapshot = changes[key].new_value or changes[key].old_value
            self.assertEqual(snapshot["name"], "Marker Org")
            self.assertNotIn("jobs", snapshot)
            self.assertNotIn("growth_plans", snapshot)
            self.assertNotIn("revenue_meur", snapshot)

    def test_editors_see_every_value(self) -> None:
        changes = {(c.action, c.field): c for c in self._mine(self.editor)}
        self.assertEqual(changes[("update", "jobs")].new_value, 8765)
        self.assertEqual(changes[("create", "")].new_value["growth_plans"], "GP-1")
        self.assertEqual(changes[("delete", "")].old_value["jobs"], 8765)

    def test_models_without_a_filter_are_shown_whole(self) -> None:
        project = Project.objects.order_by("pk").first()
        assert project is not None
        services.record_update(self.editor, project, "name_nl", "Oud", "Nieuw")
        change = Change.objects.filter(field="name_nl").first()
        assert change is not None
        (shown,) = visible_changes(self.viewer, [change])
        self.assertEqual((shown.old_value, shown.new_value), ("Oud", "Nieuw"))

    def test_a_fields_name_is_written_in_the_readers_language(self) -> None:
        with translation.override("nl"):
            services.record_update(self.editor, granted_commitment(), "year", 2027, 2031)
        change = Change.objects.get(field="year")
        self.assertEqual(change.field_label, "jaar")  # stored as the recording page wrote it
        for lang, name in (("en", "year"), ("nl", "jaar")):
            with self.subTest(lang=lang), translation.override(lang):
                (shown,) = visible_changes(self.editor, [change])
                self.assertEqual(shown.field_label, name)

    def test_an_objects_name_is_kept_in_the_sites_language_whoever_changed_it(self) -> None:
        """A name made of translated words (a talent target's) is kept in the site's
        language, so a Dutch page does not show the English of an editor who worked in
        English, and the object filter finds every change of it."""
        from clusterweb.demand.models import TalentTarget

        target = TalentTarget.objects.create(year=2030, mbo=1, reason="r")
        for lang in ("en", "nl"):
            with translation.override(lang):
                services.record_update(self.editor, target, "mbo", 1, 2)
        names = set(Change.objects.filter(field="mbo").values_list("object_repr", flat=True))
        self.assertEqual(names, {"Talentdoel 2030"})

    def test_a_reverted_change_is_shown_as_reverted(self) -> None:
        update = Change.objects.get(object_repr="Marker Org", field="place")
        services.revert(update, self.editor)
        shown = {c.pk: c for c in self._mine(self.viewer)}
        self.assertTrue(shown[update.pk].is_reverted)
        self.assertEqual(sum(c.is_reverted for c in shown.values()), 1)

    def test_a_year_is_written_as_entered_and_a_count_in_the_pages_notation(self) -> None:
        services.record_update(self.editor, granted_commitment(), "year", 2027, 2031)
        phase = Phase.objects.filter(project__key="acp").order_by("pk").first()
        assert phase is not None
        services.record_update(self.editor, phase, "start", 2026, 2029)
        self.login(self.editor)
        history = self.client.get(reverse("history:index")).content.decode()
        project = self.client.get(reverse("planning:project", args=["acp"])).content.decode()
        for page, year in ((history, "2031"), (history, "2029"), (project, "2029")):
            with self.subTest(year=year):
                self.assertIn(year, page)
                self.assertNotIn(f"{year[0]}.{year[1:]}", page)  # not 2.031
        self.assertIn("8.765", history)  # the organisation's jobs: a count, grouped
        # The commitment's name writes its amount in the page's notation, not Python's.
        self.assertIn("7,5 M EUR", history)
        self.assertNotIn("7.5 M EUR", history)


class ChoiceWordsTests(PersonaTestCase):
    def test_a_changed_choice_is_shown_by_its_words_and_filed_as_its_value(self) -> None:
        project = Project.objects.get(key="acp")
        before = {"status": project.status}
        project.status = "running"
        project.save()
        services.record_fields(self.editor, project, before, ["status"])
        field = Project._meta.get_field("status")
        self.login(self.viewer)
        page = self.client.get(reverse("history:index")).content.decode()
        with translation.override("nl"):
            old, new = (str(dict(field.flatchoices)[v]) for v in (before["status"], "running"))
        self.assertNotEqual((old, new), (before["status"], "running"))  # words, not ids
        self.assertIn(f'<td class="utrecht-table__cell">{old}\n</td>', page)
        self.assertIn(f'<td class="utrecht-table__cell">{new}\n</td>', page)
        (change,) = visible_changes(self.viewer, Change.objects.filter(field="status"))
        self.assertEqual((change.old_value, change.new_value), (before["status"], "running"))
