"""A Polish participant reads the B2B emails and calendar in Polish, whatever language the other
side or the organiser uses."""

import pytest
from django.core import mail
from django.urls import reverse

from helisa.congress.models import Meeting, ScheduleRun
from helisa.congress.services import b2b_requests, b2b_scheduling
from tests.congress.factories import ParticipantFactory, RegistrationFactory

PREFIX = "[Helisa] "


@pytest.fixture
def ewa(congress, morning):
    registration = RegistrationFactory(congress=congress, name_on_badge="Ewa Nowak", language="pl")
    return ParticipantFactory(congress=congress, registration=registration)


@pytest.fixture
def john(congress, morning):
    registration = RegistrationFactory(congress=congress, name_on_badge="John Smith", language="en")
    return ParticipantFactory(congress=congress, registration=registration)


def _mail_to(participant):
    (message,) = [m for m in mail.outbox if m.to == [participant.registration.user.email]]
    return message


def _ask(requester, invitee, capture):
    with capture(execute=True):
        return b2b_requests.send_request(
            requester=requester, invitee=invitee, message="Hello", by=requester.registration.user
        )


def _answer(request, accept, capture):
    with capture(execute=True):
        b2b_requests.answer_request(
            request=request, accept=accept, by=request.invitee.registration.user
        )


def _publish(congress, organiser, capture):
    mail.outbox.clear()
    run = ScheduleRun.objects.create(congress=congress, time_limit=2)
    b2b_scheduling.run_schedule(run=run, workers=1)
    with capture(execute=True):
        b2b_scheduling.publish_run(run=run, by=organiser)


def test_a_request_received_is_in_polish(ewa, john, django_capture_on_commit_callbacks):
    _ask(john, ewa, django_capture_on_commit_callbacks)
    message = _mail_to(ewa)
    assert message.subject == f"{PREFIX}John Smith prosi o spotkanie z Tobą"
    assert (
        f"John Smith ({john.organisation}) chce umówić się z Tobą na spotkanie B2B." in message.body
    )
    assert "Przyjmij lub odrzuć prośbę na platformie Helisa:" in message.body
    assert "would like" not in message.body


def test_an_accepted_and_a_declined_request_are_in_polish(
    congress, ewa, john, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _answer(_ask(ewa, john, capture), True, capture)
    accepted = _mail_to(ewa)
    assert accepted.subject == f"{PREFIX}John Smith – prośba o spotkanie przyjęta"
    assert "Spotkanie pojawi się w Twoim harmonogramie, gdy organizatorzy go opublikują." in (
        accepted.body
    )
    mail.outbox.clear()
    other = ParticipantFactory(congress=congress)
    _answer(_ask(ewa, other, capture), False, capture)
    declined = _mail_to(ewa)
    assert declined.subject.endswith("– prośba o spotkanie odrzucona")
    assert "Możesz prosić innych uczestników o spotkanie." in declined.body


def test_the_schedule_published_then_changed_is_in_polish_and_english_for_the_english(
    congress, organiser, ewa, john, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _answer(_ask(ewa, john, capture), True, capture)
    _publish(congress, organiser, capture)
    published = _mail_to(ewa)
    assert published.subject == f"{PREFIX}Twoje spotkania B2B są zaplanowane"
    assert "Harmonogram spotkań B2B został opublikowany." in published.body
    assert reverse("congress:b2b_meetings", args=[congress.slug]) in published.body
    assert _mail_to(john).subject == f"{PREFIX}Your B2B meetings are scheduled"

    _answer(_ask(ewa, ParticipantFactory(congress=congress), capture), True, capture)
    _publish(congress, organiser, capture)
    changed = _mail_to(ewa)
    assert changed.subject == f"{PREFIX}Twoje spotkania B2B uległy zmianie"
    assert "Organizatorzy zmienili harmonogram spotkań B2B" in changed.body
    assert not [m for m in mail.outbox if m.to == [john.registration.user.email]]  # unchanged


def test_the_calendar_summary_is_in_polish(
    client, congress, organiser, ewa, john, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _answer(_ask(ewa, john, capture), True, capture)
    _publish(congress, organiser, capture)
    meeting = Meeting.objects.get()
    client.force_login(ewa.registration.user)
    ics = client.get(reverse("congress:b2b_meetings_ics", args=[congress.slug])).content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert f"SUMMARY:Spotkanie B2B: John Smith ({john.organisation})" in unfolded
    assert f"LOCATION:Stolik {meeting.table}\\, Warszawa" in unfolded
    assert f"X-WR-CALNAME:Spotkania B2B – Kongres {congress.slug}" in unfolded
    assert "B2B meeting:" not in unfolded
