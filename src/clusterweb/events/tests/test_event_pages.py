"""The events pages against every persona, registration with consent, the private link,
requests and answers, scheduling, the table plan, check-in, deletion and outcomes."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path

from django.urls import get_resolver, reverse
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.events.agenda import slot_times
from clusterplan.events.schedule import new_event_slots, pair_of
from clusterplan.io.sheets import grid_to_csv
from clusterweb.acquisition.models import Lead
from clusterweb.acquisition.services import pipeline_context
from clusterweb.events import services
from clusterweb.events.constants import Outcome, PairKind, RequestStatus
from clusterweb.events.models import Event, Meeting, MeetingRequest, PairRule, Participant
from clusterweb.events.tests.helpers import (
    ALL,
    BY_TOKEN_POST_ONLY,
    EVENT_PK,
    MEETING_PK,
    NEWAYS_PK,
    NXP_PK,
    OWN_POST_ONLY,
    PUBLIC,
    READ,
    REQUEST_PK,
    SELF_EMAIL,
    SELF_NAME,
    SELF_PK,
    SELF_TOKEN,
    WRITE,
    WRITE_POST_ONLY,
    make_event,
)
from clusterweb.presentation import MISSING
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute, task_url
from clusterweb.testing import PersonaTestCase

PAGES_BY_TOKEN = [("events:me", {"token": SELF_TOKEN}), ("events:me_delete", {"token": SELF_TOKEN})]


class AccessTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()

    def test_every_url_of_the_app_is_listed(self) -> None:
        resolver = get_resolver().namespace_dict["events"][1]
        names = {f"events:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        self.assertEqual(names - {name for name, _ in ALL}, set())

    def test_anonymous_is_sent_to_login_for_organiser_and_own_pages(self) -> None:
        self.assert_sent_to_login(READ + WRITE + [("events:own", {"pid": NXP_PK})])

    def test_outsider_gets_403_everywhere_but_public_pages(self) -> None:
        self.assert_get_status((self.outsider,), READ + WRITE, 403)
        self.assert_get_status((self.outsider,), [("events:own", {"pid": NXP_PK})], 403)

    def test_viewer_reads_but_cannot_organise(self) -> None:
        self.assert_get_status((self.viewer,), READ, 200)
        self.assert_get_status((self.viewer,), WRITE, 403)
        self.login(self.viewer)
        for name, kwargs in WRITE + WRITE_POST_ONLY:
            with self.subTest(name=name):
                self.assertEqual(
                    self.client.post(reverse(name, kwargs=kwargs), {}).status_code, 403
                )
        self.assertTrue(Participant.objects.filter(pk=NEWAYS_PK).exists())

    def test_editor_and_admin_open_every_page(self) -> None:
        self.assert_get_status((self.editor, self.admin), READ + WRITE, 200)

    def test_partner_opens_only_its_own_organisations_participant(self) -> None:
        self.login(self.partner)  # partner of NXP
        self.assertEqual(
            self.client.get(reverse("events:own", kwargs={"pid": NXP_PK})).status_code, 200
        )
        for pid in (SELF_PK, NEWAYS_PK):
            with self.subTest(pid=pid):
                url = reverse("events:own", kwargs={"pid": pid})
                self.assertEqual(self.client.get(url).status_code, 403)
        self.assert_get_status(
            (self.partner,), [r for r in READ if r[0] != "events:index"] + WRITE, 403
        )
        index = self.client.get(reverse("events:index"))
        self.assertContains(index, reverse("events:own", kwargs={"pid": NXP_PK}))

    def test_public_pages_are_open_only_for_published_events(self) -> None:
        for name, kwargs in PUBLIC:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, kwargs=kwargs)).status_code, 200)
        Event.objects.filter(pk=EVENT_PK).update(published=False)
        for name, kwargs in PUBLIC:
            with self.subTest(name=name, published=False):
                self.assertEqual(self.client.get(reverse(name, kwargs=kwargs)).status_code, 404)

    def test_a_wrong_token_finds_nothing(self) -> None:
        for token in (SELF_TOKEN[:-1], SELF_TOKEN + "x", "registry-token-nxpX"):
            with self.subTest(token=token):
                url = reverse("events:me", kwargs={"token": token})
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("events:me", kwargs={"token": SELF_TOKEN})).status_code, 200
        )

    def test_post_only_views_refuse_get(self) -> None:
        self.login(self.editor)
        for name, kwargs in WRITE_POST_ONLY + BY_TOKEN_POST_ONLY + OWN_POST_ONLY:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, kwargs=kwargs)).status_code, 405)


class RegistrationTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()
        self.url = reverse("events:register", kwargs={"pk": EVENT_PK})

    def _data(self, **changes: object) -> dict[str, object]:
        data: dict[str, object] = {
            "person_name": "Joost Vlam",
            "organisation_name": "Lumen Fab",
            "email": "joost@lumen.example",
            "offers": "cleanroom design, RF design",
            "needs": "wafer testing",
            "markets": ["automotive"],
            "availability": ["1", "2"],
            "max_meetings": "3",
            "consent": "on",
        }
        data.update(changes)
        return data

    def test_the_form_shows_the_privacy_statement_and_asks_consent(self) -> None:
        page = self.client.get(self.url)
        self.assertContains(page, "Privacyverklaring")
        self.assertContains(page, 'name="consent"')

    def test_outside_registration_the_pages_say_when_it_opens_or_since_when_it_closed(
        self,
    ) -> None:
        now = timezone.now()
        public = reverse("events:public", kwargs={"pk": EVENT_PK})
        cases = {
            "opens": (now + timedelta(days=3), now + timedelta(days=9), "Aanmelden opent op"),
            "closed": (now - timedelta(days=9), now - timedelta(days=3), "Aanmelden is gesloten"),
        }
        for case, (opens, closes, words) in cases.items():
            with self.subTest(case):
                Event.objects.filter(pk=EVENT_PK).update(
                    registration_opens=opens, registration_closes=closes
                )
                with translation.override("nl"):
                    when = formats.date_format(timezone.localtime(opens), "DATETIME_FORMAT")
                    until = formats.date_format(timezone.localtime(closes), "DATETIME_FORMAT")
                for page in (self.client.get(public), self.client.get(self.url)):
                    self.assertContains(page, words, status_code=page.status_code)
                    self.assertContains(page, until, status_code=page.status_code)
                    if case == "opens":
                        self.assertContains(page, when, status_code=page.status_code)

    def test_while_registration_is_open_the_pages_say_until_when(self) -> None:
        event = Event.objects.get(pk=EVENT_PK)
        self.assertTrue(services.registration_open(event))
        with translation.override("nl"):
            until = formats.date_format(
                timezone.localtime(event.registration_closes), "DATETIME_FORMAT"
            )
        for url in (reverse("events:public", kwargs={"pk": EVENT_PK}), self.url):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertContains(page, f"Aanmelden kan tot {until}.")
                self.assertNotContains(page, 'id="registration-not-open"')

    def test_a_visitor_registers_and_lands_on_the_private_page(self) -> None:
        response = self.client.post(self.url, self._data())
        participant = Participant.objects.get(organisation_name="Lumen Fab")
        self.assertRedirects(response, reverse("events:me", kwargs={"token": participant.token}))
        self.assertGreaterEqual(len(participant.token), 40)
        self.assertIsNotNone(participant.consent_at)
        self.assertEqual(participant.offers, ["cleanroom design", "RF design"])
        self.assertEqual(participant.availability, [1, 2])
        self.assertEqual(participant.max_meetings, 3)
        page = self.client.get(response["Location"])
        self.assertContains(page, "zoekt wafer testing; NXP biedt wafer testing")

    def test_without_consent_nobody_is_registered(self) -> None:
        data = self._data()
        del data["consent"]
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Zonder uw toestemming")
        self.assertFalse(Participant.objects.filter(organisation_name="Lumen Fab").exists())

    def test_outside_the_window_the_form_is_closed(self) -> None:
        now = timezone.now()
        Event.objects.filter(pk=EVENT_PK).update(registration_closes=now - timedelta(hours=1))
        self.assertEqual(self.client.get(self.url).status_code, 410)
        self.assertEqual(self.client.post(self.url, self._data()).status_code, 410)
        self.assertFalse(Participant.objects.filter(organisation_name="Lumen Fab").exists())

    def test_deletion_from_the_private_link_removes_data_requests_and_meetings(self) -> None:
        url = reverse("events:me_delete", kwargs={"token": SELF_TOKEN})
        self.assertContains(self.client.get(url), "Mijn gegevens verwijderen")
        self.client.post(url)
        self.assertFalse(Participant.objects.filter(pk=SELF_PK).exists())
        self.assertFalse(MeetingRequest.objects.filter(pk=REQUEST_PK).exists())
        self.assertFalse(Meeting.objects.filter(pk=MEETING_PK).exists())
        self.assertFalse(Participant.objects.filter(email=SELF_EMAIL).exists())
        self.assertEqual(
            self.client.get(reverse("events:me", kwargs={"token": SELF_TOKEN})).status_code, 404
        )

    def test_the_organiser_deletes_a_participant(self) -> None:
        self.login(self.editor)
        self.client.post(
            reverse("events:participant_delete", kwargs={"pk": EVENT_PK, "pid": SELF_PK})
        )
        self.assertFalse(Participant.objects.filter(pk=SELF_PK).exists())
        self.assertFalse(Meeting.objects.filter(pk=MEETING_PK).exists())


class VisibilityTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()

    def test_other_participants_and_the_public_never_see_name_or_email(self) -> None:
        self.login(self.partner)
        pages = [
            self.client.get(reverse("events:own", kwargs={"pid": NXP_PK})),
        ]
        self.client.logout()
        pages += [self.client.get(reverse(n, kwargs=k)) for n, k in PUBLIC]
        self.login(self.viewer)
        pages += [self.client.get(reverse(n, kwargs=k)) for n, k in READ]
        for page in pages:
            with self.subTest(url=page.wsgi_request.path):
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, SELF_EMAIL)
                self.assertNotContains(page, SELF_NAME)

    def test_the_organiser_sees_the_contact(self) -> None:
        self.login(self.editor)
        self.assertContains(
            self.client.get(reverse("events:detail", kwargs={"pk": EVENT_PK})), SELF_EMAIL
        )

    def test_the_overview_writes_dates_one_way_and_a_missing_contact_as_a_dash(self) -> None:
        """Registration opens and closes in words, as the event's date ('10 maart 2027'),
        not '10-03-2027'; a participant without contact has '—' as one without offers."""
        self.login(self.editor)
        page = self.client.get(reverse("events:detail", kwargs={"pk": EVENT_PK}))
        event = page.context["event"]
        with translation.override("nl"):
            opens = formats.date_format(timezone.localtime(event.registration_opens), "j F Y")
            held = formats.date_format(event.date, "j F Y")
        self.assertContains(page, opens)
        self.assertContains(page, held)
        html = page.content.decode()
        nxp = html[html.index(">NXP</a>") : html.index("</tr>", html.index(">NXP</a>"))]
        self.assertIn(f'<td class="utrecht-table__cell">{MISSING}</td>\n', nxp)  # contact

    def test_the_overview_and_the_public_page_say_when_the_meetings_end(self) -> None:
        """'9 × 20 minuten' left the reader to work out the end: the times of the first
        slot's start and the last slot's end stand beside it (the core's slot times)."""
        event = Event.objects.get(pk=EVENT_PK)
        start = timezone.make_aware(datetime.combine(event.date, event.start_time))
        last = slot_times(start, event.slot_minutes, event.slots)[-1][1]
        self.assertNotEqual(last.time(), event.start_time)
        span = f"({event.start_time:%H:%M}–{last:%H:%M})"
        self.login(self.editor)
        for url in (
            reverse("events:detail", kwargs={"pk": EVENT_PK}),
            reverse("events:public", kwargs={"pk": EVENT_PK}),
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), span)

    def test_a_participant_sees_only_their_own_requests_and_agenda(self) -> None:
        nxp, neways = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=NEWAYS_PK)
        services.request_meeting(neways, nxp)
        own_page = self.client.get(reverse("events:me", kwargs={"token": SELF_TOKEN}))
        self.assertContains(own_page, "NXP")
        self.assertNotContains(own_page, "Neways:")  # NXP's request from Neways is not Vexa's
        self.login(self.partner)
        nxp_page = self.client.get(reverse("events:own", kwargs={"pid": NXP_PK}))
        self.assertContains(nxp_page, "Neways:")
        # Answering a request addressed to someone else is refused.
        answer = reverse("events:me_answer", kwargs={"token": SELF_TOKEN})
        other = MeetingRequest.objects.get(sender=neways)
        self.client.post(answer, {"request": other.pk, "answer": "accept"})
        self.assertEqual(MeetingRequest.objects.get(pk=other.pk).status, RequestStatus.REQUESTED)


class FlowTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()
        Meeting.objects.all().delete()
        MeetingRequest.objects.all().delete()

    def test_request_accept_schedule_and_agenda(self) -> None:
        # Vexa (by private link) asks NXP; NXP's partner accepts.
        self.client.post(
            reverse("events:me_request", kwargs={"token": SELF_TOKEN}), {"receiver": NXP_PK}
        )
        item = MeetingRequest.objects.get(sender_id=SELF_PK, receiver_id=NXP_PK)
        self.assertEqual(item.status, RequestStatus.REQUESTED)
        self.login(self.partner)
        self.client.post(
            reverse("events:own_answer", kwargs={"pid": NXP_PK}),
            {"request": item.pk, "answer": "accept"},
        )
        self.assertEqual(MeetingRequest.objects.get(pk=item.pk).status, RequestStatus.ACCEPTED)
        # The organiser schedules.
        self.login(self.editor)
        started = self.client.post(reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        record = TaskRecord.objects.get(kind="events.schedule")
        self.assertRedirects(started, task_url(record), fetch_redirect_response=False)
        self.assertFalse(Meeting.objects.exists())  # nothing until the worker runs it
        schedule_page = self.client.get(reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        self.assertContains(schedule_page, "Het inplannen loopt")
        execute(record.pk)  # what the worker does
        meeting = Meeting.objects.get(event_id=EVENT_PK)
        self.assertEqual({meeting.a_id, meeting.b_id}, {NXP_PK, SELF_PK})
        report = Event.objects.get(pk=EVENT_PK).schedule_report
        self.assertEqual((report["placed"], report["requested"], report["bound"]), (1, 1, 1))
        Event.objects.filter(pk=EVENT_PK).update(
            schedule_report=report | {"seconds": 0.374, "gap_percent": 12.345}
        )
        shown = self.client.get(reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        self.assertContains(
            shown, "<dd>CP-SAT-solver (optimaal), 0,4 s</dd>"
        )  # as the command line
        self.assertContains(shown, "<dd>12,3 %</dd>")
        plan = self.client.get(reverse("events:tables", kwargs={"pk": EVENT_PK}))
        self.assertContains(plan, "NXP – Vexa Optics")
        # Both see the meeting in their agenda.
        self.client.logout()
        own = self.client.get(reverse("events:me", kwargs={"token": SELF_TOKEN}))
        self.assertContains(own, '<td class="utrecht-table__cell">NXP</td>', html=False)
        self.login(self.partner)
        nxp = self.client.get(reverse("events:own", kwargs={"pid": NXP_PK}))
        self.assertContains(nxp, '<td class="utrecht-table__cell">Vexa Optics</td>', html=False)

    def test_asking_each_other_makes_a_mutual_accepted_request(self) -> None:
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        services.request_meeting(vexa, nxp)
        services.request_meeting(nxp, vexa)
        self.assertEqual(
            set(MeetingRequest.objects.values_list("status", "mutual")),
            {(RequestStatus.ACCEPTED, True)},
        )

    def test_a_pair_is_mutual_by_the_cores_rule_until_one_side_declines(self) -> None:
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        services.request_meeting(vexa, nxp)
        services.request_meeting(nxp, vexa)
        (pair,) = services.build_instance(self.event).pairs()
        self.assertTrue(pair.mutual)  # asked both ways
        asked_by_vexa = MeetingRequest.objects.get(sender=vexa)
        services.answer_request(nxp, asked_by_vexa.pk, accept=False)
        self.assertEqual(
            set(MeetingRequest.objects.values_list("sender_id", "status", "mutual")),
            {(SELF_PK, RequestStatus.DECLINED, False), (NXP_PK, RequestStatus.ACCEPTED, False)},
        )
        (pair,) = services.build_instance(self.event).pairs()
        self.assertFalse(pair.mutual)  # NXP's own request stands, asked one way

    def test_an_event_without_meetings_says_so_instead_of_an_empty_table_plan(self) -> None:
        self.login(self.editor)
        url = reverse("events:tables", kwargs={"pk": EVENT_PK})
        Meeting.objects.filter(event=self.event).delete()
        page = self.client.get(url)
        self.assertContains(page, 'id="nothing-scheduled"')
        self.assertContains(page, reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        self.assertNotContains(page, "<table")
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        Meeting.objects.create(event=self.event, a=nxp, b=vexa, slot=0, table=0)
        page = self.client.get(url)
        self.assertNotContains(page, 'id="nothing-scheduled"')
        self.assertContains(page, "NXP – Vexa Optics")

    def _vexa_meets_nxp(self) -> tuple[Participant, Participant]:
        """Vexa asks NXP for a meeting and NXP accepts; (NXP, Vexa)."""
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        services.request_meeting(vexa, nxp)
        services.answer_request(nxp, MeetingRequest.objects.get().pk, accept=True)
        return nxp, vexa

    def test_forced_pairs_are_scheduled_and_forbidden_pairs_never(self) -> None:
        _nxp, vexa = self._vexa_meets_nxp()
        self.login(self.editor)
        url = reverse("events:pairs", kwargs={"pk": EVENT_PK})
        self.client.post(url, {"a": NXP_PK, "b": SELF_PK, "kind": PairKind.FORBIDDEN})
        self.client.post(url, {"a": NEWAYS_PK, "b": SELF_PK, "kind": PairKind.FORCED})
        self.assertEqual(PairRule.objects.count(), 2)
        services.run_schedule(self.event)
        pairs = {frozenset((m.a_id, m.b_id)) for m in Meeting.objects.all()}
        self.assertEqual(pairs, {frozenset((NEWAYS_PK, SELF_PK))})
        suggested = [s.participant.pk for s in services.suggestions_for(vexa)]
        self.assertNotIn(NXP_PK, suggested)

    def test_the_pair_form_offers_two_participants(self) -> None:
        """The form's two choices start on two participants, not both on the first (a
        pair of one with itself, which saving refuses)."""
        self.login(self.editor)
        page = self.client.get(reverse("events:pairs", kwargs={"pk": EVENT_PK}))
        form = page.context["form"]
        # a select without a value shows its first option
        shown = [form[name].value() or form.fields[name].choices[0][0] for name in ("a", "b")]
        self.assertNotEqual(shown[0], shown[1])

    def test_a_forced_pair_asked_one_way_stays_one_way(self) -> None:
        """A forced pair that one side asked for is that one request, whichever way it was
        asked; the forced rule had added the pair in its sorted direction as well, which
        the core then counted as mutual (weighted as if both had asked) when the request
        ran the other way."""
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        PairRule.objects.create(event=self.event, a=vexa, b=nxp, kind=PairKind.FORCED)
        for sender, receiver in ((vexa, nxp), (nxp, vexa)):  # both ways the ids can sort
            with self.subTest(sender=sender.core_id):
                MeetingRequest.objects.all().delete()
                services.request_meeting(sender, receiver)
                services.answer_request(receiver, MeetingRequest.objects.get().pk, accept=True)
                [merged] = services.build_instance(self.event).pairs()
                self.assertEqual(merged.pair, pair_of(nxp.core_id, vexa.core_id))
                self.assertFalse(merged.mutual)
        services.request_meeting(vexa, nxp)  # now both asked: mutual
        [merged] = services.build_instance(self.event).pairs()
        self.assertTrue(merged.mutual)

    def test_rescheduling_keeps_a_meeting_with_its_check_in_and_outcome(self) -> None:
        _nxp, vexa = self._vexa_meets_nxp()
        neways = Participant.objects.get(pk=NEWAYS_PK)
        services.run_schedule(self.event)
        first = Meeting.objects.get()
        Meeting.objects.filter(pk=first.pk).update(slot=2, table=1, checked_in_a=True)
        services.request_meeting(neways, vexa)
        services.answer_request(vexa, MeetingRequest.objects.get(sender=neways).pk, accept=True)
        report = services.run_schedule(self.event)
        kept = Meeting.objects.get(pk=first.pk)
        self.assertEqual((kept.slot, kept.table, kept.checked_in_a), (2, 1, True))
        self.assertEqual((report["placed"], report["kept"]), (2, 1))

    def test_an_event_stored_beyond_its_declared_size_is_refused_in_words(self) -> None:
        """An event stored before its sizes had a declared range (48 slots were allowed,
        tables had no limit): scheduling it names the range instead of failing."""
        self._vexa_meets_nxp()
        Event.objects.filter(pk=EVENT_PK).update(table_labels=[f"T{i}" for i in range(1001)])
        with self.assertRaises(services.EventError) as raised:
            services.run_schedule(Event.objects.get(pk=EVENT_PK))
        self.assertIn("tussen 1 en 1.000 tafels", str(raised.exception))

    def test_a_schedule_task_that_is_refused_says_why_in_the_readers_language(self) -> None:
        """The worker writes the core's refusal in each language; each reader reads it in
        the page's language (the worker's own language is not the reader's)."""
        self._vexa_meets_nxp()
        Event.objects.filter(pk=EVENT_PK).update(table_labels=[f"T{i}" for i in range(1001)])
        self.login(self.editor)
        self.client.post(reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        record = TaskRecord.objects.get(kind="events.schedule")
        with translation.override("nl"):
            execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, "failed")
        for lang, words in (
            ("en", "between 1 and 1,000 tables"),
            ("nl", "tussen 1 en 1.000 tafels"),
        ):
            with self.subTest(lang=lang):
                self.client.post(reverse("set_language"), {"language": lang, "next": "/"})
                page = self.client.get(task_url(record))
                self.assertContains(page, words)

    def test_availability_and_maximum_meetings_are_respected(self) -> None:
        nxp, vexa = Participant.objects.get(pk=NXP_PK), Participant.objects.get(pk=SELF_PK)
        neways = Participant.objects.get(pk=NEWAYS_PK)
        Participant.objects.filter(pk=SELF_PK).update(availability=[3], max_meetings=1)
        for sender in (nxp, neways):
            services.request_meeting(sender, vexa)
        for item in MeetingRequest.objects.all():
            services.answer_request(vexa, item.pk, accept=True)
        services.run_schedule(self.event)
        meetings = list(Meeting.objects.all())
        self.assertEqual(len(meetings), 1)
        self.assertEqual(meetings[0].slot, 3)

    def test_availability_outside_the_events_slots_is_refused_in_the_cores_words(self) -> None:
        """Availability stored before the event lost slots: the core refuses it, as a file
        with such a slot is refused on the command line. It had been dropped, and a
        participant left with no slot met nobody, without a word."""
        vexa = Participant.objects.get(pk=SELF_PK)
        last = self.event.slots - 1
        Participant.objects.filter(pk=SELF_PK).update(availability=[last + 1])
        with self.assertRaises(services.EventError) as caught:
            services.run_schedule(self.event)
        # by the slots' times, as the page offers them (09:00 on, four of 30 minutes), not
        # by the core's numbers from 0
        self.assertEqual(
            (self.event.start_time.isoformat(), self.event.slot_minutes), ("09:00:00", 30)
        )
        self.assertEqual(
            str(caught.exception),
            f"De beschikbaarheid van '{vexa.organisation_name}' noemt tijdvak 11:00–11:30, "
            "buiten 09:00–11:00",
        )
        self.assertFalse(Meeting.objects.exists())


class DayAndAfterTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()
        self.login(self.editor)

    def test_check_in_marks_one_side(self) -> None:
        url = reverse("events:meetings", kwargs={"pk": EVENT_PK})
        self.assertContains(self.client.get(url), "Vexa Optics")
        self.client.post(url, {"meeting": MEETING_PK, "participant": SELF_PK, "present": "1"})
        meeting = Meeting.objects.get(pk=MEETING_PK)
        self.assertEqual((meeting.checked_in_a, meeting.checked_in_b), (False, True))

    def test_a_lead_outcome_creates_a_lead_from_the_event_in_the_weighted_pipeline(self) -> None:
        before = pipeline_context()["tables"]
        url = reverse("events:outcome", kwargs={"pk": EVENT_PK, "mid": MEETING_PK})
        prefix = f"m{MEETING_PK}"
        self.client.post(url, {f"{prefix}-outcome": Outcome.LEAD, f"{prefix}-company": SELF_PK})
        meeting = Meeting.objects.get(pk=MEETING_PK)
        self.assertEqual(meeting.outcome, Outcome.LEAD)
        lead = Lead.objects.get(company="Vexa Optics")
        self.assertEqual(
            (lead.source, lead.stage, lead.event_id), ("event", "identified", EVENT_PK)
        )
        self.assertEqual(meeting.lead_id, lead.pk)
        after = pipeline_context()["tables"]
        companies = [row[0].text for row in after["pipeline-leads"]["rows"]]
        self.assertIn("Vexa Optics", companies)
        self.assertNotIn("Vexa Optics", [row[0].text for row in before["pipeline-leads"]["rows"]])
        detail = self.client.get(reverse("acquisition:detail", kwargs={"key": lead.key}))
        self.assertContains(detail, reverse("events:detail", kwargs={"pk": EVENT_PK}))
        # Saving the outcome again makes no second lead.
        self.client.post(url, {f"{prefix}-outcome": Outcome.LEAD, f"{prefix}-company": SELF_PK})
        self.assertEqual(Lead.objects.filter(company="Vexa Optics").count(), 1)

    def test_a_lead_needs_its_company(self) -> None:
        url = reverse("events:outcome", kwargs={"pk": EVENT_PK, "mid": MEETING_PK})
        self.client.post(url, {f"m{MEETING_PK}-outcome": Outcome.LEAD})
        self.assertFalse(Lead.objects.exists())
        self.assertEqual(Meeting.objects.get(pk=MEETING_PK).outcome, Outcome.NONE)

    def test_the_organiser_creates_and_edits_an_event(self) -> None:
        now = timezone.localtime()
        data = {
            "name": "Najaarsmatch",
            "date": (now + timedelta(days=60)).date().isoformat(),
            "venue": "Hal 3",
            "description": "",
            "registration_opens": now.strftime("%Y-%m-%dT%H:%M"),
            "registration_closes": (now + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "start_time": "13:00",
            "slot_minutes": "20",
            "slots": "6",
            "tables": "A\nB\n\nC",
            "published": "on",
        }
        response = self.client.post(reverse("events:add"), data)
        event = Event.objects.get(name="Najaarsmatch")
        self.assertRedirects(response, reverse("events:detail", kwargs={"pk": event.pk}))
        self.assertEqual(event.table_labels, ["A", "B", "C"])
        url = reverse("events:edit", kwargs={"pk": event.pk})
        self.client.post(url, self.edit_form(url, venue="Hal 4"))
        self.assertEqual(Event.objects.get(pk=event.pk).venue, "Hal 4")

    def test_a_new_event_starts_with_the_default_slots_and_an_edited_one_with_its_own(
        self,
    ) -> None:
        defaults = new_event_slots()
        form = self.client.get(reverse("events:add")).context["form"]
        self.assertEqual(form["slot_minutes"].value(), defaults.slot_minutes)
        self.assertEqual(form["slots"].value(), defaults.slots)
        event = Event.objects.get(pk=EVENT_PK)
        event.slot_minutes, event.slots = defaults.slot_minutes + 5, defaults.slots + 1
        event.save()
        url = reverse("events:edit", kwargs={"pk": EVENT_PK})
        form = self.client.get(url).context["form"]
        self.assertEqual(form["slot_minutes"].value(), defaults.slot_minutes + 5)
        self.assertEqual(form["slots"].value(), defaults.slots + 1)

    def test_registration_must_close_after_it_opens(self) -> None:
        url = reverse("events:edit", kwargs={"pk": EVENT_PK})
        data = self.edit_form(url)
        data["registration_closes"] = data["registration_opens"]
        response = self.client.post(url, data)
        self.assertContains(response, "Aanmelden moet sluiten nadat het opent")

    def test_the_organiser_adds_a_registry_organisation_with_its_public_profile(self) -> None:
        url = reverse("events:participant_add", kwargs={"pk": EVENT_PK})
        self.client.post(url, {"organisation": "besi"})
        besi = Participant.objects.get(event_id=EVENT_PK, organisation_key="besi")
        self.assertEqual(besi.organisation_name, "Besi")
        self.assertEqual(besi.technologies, ["advanced_packaging"])
        self.assertEqual(besi.email, "")


class AgendaFileTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()

    def test_the_ics_file_opens_in_an_independent_parser(self) -> None:
        import icalendar

        response = self.client.get(reverse("events:me_ics", kwargs={"token": SELF_TOKEN}))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/calendar"))
        calendar = icalendar.Calendar.from_ical(response.content)
        events = list(calendar.walk("VEVENT"))
        self.assertEqual(len(events), 1)
        start = events[0].decoded("DTSTART")
        end = events[0].decoded("DTEND")
        local = timezone.localtime(start)
        self.assertEqual((local.hour, local.minute), (9, 0))
        self.assertEqual(end - start, timedelta(minutes=30))
        self.assertIn("NXP", str(events[0]["SUMMARY"]))
        self.assertIn("Tafel 1", str(events[0]["LOCATION"]))
        self.assertIn("private", response["Cache-Control"])

    def test_the_pdf_agenda_is_a_pdf_with_the_meeting(self) -> None:
        self.login(self.partner)
        response = self.client.get(reverse("events:own_pdf", kwargs={"pid": NXP_PK}))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        other = reverse("events:own_pdf", kwargs={"pid": NEWAYS_PK})
        self.assertEqual(self.client.get(other).status_code, 403)
        other_ics = reverse("events:own_ics", kwargs={"pid": SELF_PK})
        self.assertEqual(self.client.get(other_ics).status_code, 403)


class ParticipantEditTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()
        self.login(self.editor)

    def test_the_organiser_sets_availability_maximum_and_tags(self) -> None:
        url = reverse("events:participant_edit", kwargs={"pk": EVENT_PK, "pid": NXP_PK})
        data = self.edit_form(url, needs="lasers, optics\nlasers", max_meetings="2")
        data["availability"] = ["0", "3"]
        # form_values keeps one value per name; a browser sends every ticked box.
        data["segments"] = ["design", "front_end"]
        self.assertEqual(self.client.post(url, data).status_code, 302)
        nxp = Participant.objects.get(pk=NXP_PK)
        self.assertEqual(nxp.needs, ["lasers", "optics"])
        self.assertEqual(nxp.offers, ["wafer testing", "RF design"])  # shown and kept
        self.assertEqual((nxp.availability, nxp.max_meetings), ([0, 3], 2))
        self.assertEqual(nxp.segments, ["design", "front_end"])


class ForcedProblemTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()
        Meeting.objects.all().delete()
        self.login(self.editor)

    def test_a_forced_pair_without_a_common_slot_is_named_in_dutch(self) -> None:
        Participant.objects.filter(pk=NXP_PK).update(availability=[0])
        Participant.objects.filter(pk=NEWAYS_PK).update(availability=[1])
        services.set_pair_rule(
            self.event,
            Participant.objects.get(pk=NXP_PK),
            Participant.objects.get(pk=NEWAYS_PK),
            PairKind.FORCED,
        )
        url = reverse("events:schedule", kwargs={"pk": EVENT_PK})
        self.client.post(url)
        record = TaskRecord.objects.get(kind="events.schedule")
        execute(record.pk)
        page = self.client.get(task_url(record))
        self.assertContains(page, "Het verplichte gesprek NXP – Neways past in geen tijdslot")
        self.assertFalse(Meeting.objects.exists())
        self.assertContains(self.client.get(url), "Het laatste inplannen is mislukt")

    def _force(self, *pairs: tuple[int, int]) -> None:
        for a, b in pairs:
            services.set_pair_rule(
                self.event,
                Participant.objects.get(pk=a),
                Participant.objects.get(pk=b),
                PairKind.FORCED,
            )

    def _page_says(self) -> str:
        """The failed schedule task's page, as text."""
        self.client.post(reverse("events:schedule", kwargs={"pk": EVENT_PK}))
        record = TaskRecord.objects.filter(kind="events.schedule").latest("pk")
        execute(record.pk)
        return unescape(self.client.get(task_url(record)).content.decode())

    def _command_line_says(self, folder: Path) -> str:
        """The one error line of ``clusterplan events schedule`` (Dutch) for the event's
        instance, written as its files with every participant by its organisation name."""
        instance = services.build_instance(self.event)
        self.assertEqual((instance.max_meetings, instance.forbidden), ({}, frozenset()))
        names = {p.core_id: p.organisation_name for p in self.event.participants.all()}
        requests = [["a", "b", "priority", "forced"]] + [
            [names[r.a], names[r.b], r.priority, "ja" if r.pair in instance.forced else ""]
            for r in instance.requests
        ]
        available = [["participant", "slot"]] + [
            [names[who], slot] for who, slots in instance.availability.items() for slot in slots
        ]
        for name, grid in (("requests.csv", requests), ("availability.csv", available)):
            (folder / name).write_text(grid_to_csv(grid), encoding="utf-8")
        args = ["--lang", "nl", "events", "schedule", str(folder / "requests.csv")]
        args += ["--availability", str(folder / "availability.csv")]
        args += ["--slots", str(instance.slots), "--tables", str(instance.tables)]
        result = CliRunner().invoke(app, args)
        self.assertEqual(result.exit_code, 1, result.output)
        (line,) = result.stderr.splitlines()
        self.assertTrue(line.startswith("fout: "), line)
        return line.removeprefix("fout: ")

    def test_the_page_and_the_command_line_give_the_same_diagnosis(self) -> None:
        """The diagnosis is the core's: the page shows it by the organisations' names, the
        command line by the ids its files give (here the same names), in the same words."""
        cases = {
            "no common slot": ({NXP_PK: [0], NEWAYS_PK: [1]}, [(NXP_PK, NEWAYS_PK)]),
            "too many for one slot": (
                {NXP_PK: [0]},
                [(NXP_PK, NEWAYS_PK), (NXP_PK, SELF_PK)],
            ),
        }
        expected = {
            "no common slot": "Het verplichte gesprek NXP – Neways past in geen tijdslot: "
            "de twee hebben geen gemeenschappelijk beschikbaar tijdslot",
            "too many for one slot": "De verplichte gesprekken passen niet allemaal (te weinig "
            "tijdslots of tafels, of een maximum aan gesprekken): NXP – Neways, NXP – Vexa "
            "Optics; verplicht minder paren of voeg tafels toe",
        }
        for case, (availability, pairs) in cases.items():
            with self.subTest(case=case), tempfile.TemporaryDirectory() as folder:
                PairRule.objects.all().delete()
                Participant.objects.update(availability=[])
                for pk, slots in availability.items():
                    Participant.objects.filter(pk=pk).update(availability=slots)
                self._force(*pairs)
                cli = self._command_line_says(Path(folder))
                self.assertIn(capfirst(cli), self._page_says())
                self.assertTrue(capfirst(cli).startswith(expected[case]), cli)


class OwnProfileTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()

    def test_a_participant_changes_their_own_profile_by_the_private_link(self) -> None:
        url = reverse("events:me_edit", kwargs={"token": SELF_TOKEN})
        data = self.edit_form(url, needs="wafer testing\nRF design", max_meetings="2")
        response = self.client.post(url, data)
        self.assertRedirects(response, reverse("events:me", kwargs={"token": SELF_TOKEN}))
        vexa = Participant.objects.get(pk=SELF_PK)
        self.assertEqual((vexa.needs, vexa.max_meetings), (["wafer testing", "RF design"], 2))
        wrong = reverse("events:me_edit", kwargs={"token": SELF_TOKEN + "x"})
        self.assertEqual(self.client.get(wrong).status_code, 404)

    def test_only_the_organisations_partner_changes_a_registry_participant(self) -> None:
        own = reverse("events:own_edit", kwargs={"pid": NXP_PK})
        self.assertEqual(self.client.get(own).status_code, 302)  # to the login page
        self.login(self.outsider)
        self.assertEqual(self.client.get(own).status_code, 403)
        self.assertEqual(self.client.post(own, {"organisation_name": "X"}).status_code, 403)
        self.login(self.partner)
        other = reverse("events:own_edit", kwargs={"pid": NEWAYS_PK})
        self.assertEqual(self.client.post(other, {"organisation_name": "X"}).status_code, 403)
        self.assertEqual(Participant.objects.get(pk=NEWAYS_PK).organisation_name, "Neways")
        data = self.edit_form(own, offers="wafer testing")
        self.assertEqual(self.client.post(own, data).status_code, 302)
        self.assertEqual(Participant.objects.get(pk=NXP_PK).offers, ["wafer testing"])


class MalformedPostTests(PersonaTestCase):
    def setUp(self) -> None:
        self.event = make_event()

    def test_posted_ids_that_are_not_numbers_are_refused_without_an_error_page(self) -> None:
        posts = [
            (reverse("events:me_request", kwargs={"token": SELF_TOKEN}), {"receiver": "x"}),
            (
                reverse("events:me_answer", kwargs={"token": SELF_TOKEN}),
                {"request": "1e3", "answer": "accept"},
            ),
        ]
        for url, data in posts:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data).status_code, 302)
        self.login(self.editor)
        url = reverse("events:meetings", kwargs={"pk": EVENT_PK})
        response = self.client.post(url, {"meeting": "abc", "participant": "1", "present": "1"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(MeetingRequest.objects.count(), 1)


class RegistryCopyTests(PersonaTestCase):
    def test_only_public_registry_fields_are_copied_into_a_participant(self) -> None:
        from clusterweb.ecosystem.constants import PUBLIC_FIELDS

        self.assertLessEqual(set(services.PROFILE_FROM_REGISTRY.values()), set(PUBLIC_FIELDS))
