from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from helisa.congress.b2b_statistics import statistics
from helisa.congress.models import FollowUp, Meeting
from helisa.congress.services import b2b_follow_ups, b2b_meetings, b2b_requests
from helisa.congress.services.b2b_scheduling import apply_schedule, run_schedule
from tests.congress.factories import ParticipantFactory


def meet(a, b):
    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    return request.meeting


@pytest.fixture
def published(congress, people):
    from helisa.congress.models import ScheduleRun

    a, b, c, d = people
    meetings = [meet(a, b), meet(a, c), meet(c, d)]
    run = run_schedule(run=ScheduleRun.objects.create(congress=congress, time_limit=2), workers=1)
    apply_schedule(run=run, notify=False)
    return list(Meeting.objects.filter(pk__in=[m.pk for m in meetings]).order_by("pk"))


def test_the_calendar_holds_each_published_meeting_in_the_congress_local_time(
    client, congress, people, published
):
    a = people[0]
    client.force_login(a.registration.user)
    body = client.get(reverse("congress:b2b_meetings_ics", args=[congress.slug])).content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert body.count("BEGIN:VEVENT") == 2
    first = Meeting.objects.filter(participants=a).order_by("slot_start").first()
    zone = ZoneInfo(congress.time_zone)
    local = first.slot_start.astimezone(zone)
    assert f"DTSTART;TZID={congress.time_zone}:{local:%Y%m%dT%H%M%S}" in body
    assert "BEGIN:VTIMEZONE" in body and f"TZID:{congress.time_zone}" in body
    assert people[1].registration.name_on_badge in body


def test_the_calendar_and_pdf_are_in_the_participants_language(client, congress, people, published):
    a = people[0]
    a.registration.language = "pl"
    a.registration.save()
    client.force_login(a.registration.user)
    ics = client.get(reverse("congress:b2b_meetings_ics", args=[congress.slug])).content.decode()
    assert "SUMMARY:Spotkanie B2B: " in ics and "SUMMARY:B2B meeting" not in ics
    pdf = client.get(reverse("congress:b2b_meetings_pdf", args=[congress.slug]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_table_plan_shows_every_published_meeting(client, congress, organiser, published):
    client.force_login(organiser)
    page = client.get(reverse("congress:b2b_table_plan", args=[congress.slug])).content.decode()
    for meeting in published:
        for p in meeting.participants.all():
            assert p.registration.name_on_badge in page
    pdf = client.get(reverse("congress:b2b_table_plan_pdf", args=[congress.slug]))
    assert pdf.content.startswith(b"%PDF")


def test_follow_ups_are_asked_once_of_both_sides_and_counted(
    client, congress, organiser, people, published
):
    a, b = people[0], people[1]
    held = published[0]
    b2b_meetings.record_outcome(meeting=held, outcome="held", by=a.registration.user)
    b2b_meetings.record_outcome(meeting=published[2], outcome="no_show", by=organiser)
    later = timezone.now().replace(year=congress.ends_on.year) + timedelta(days=400)
    assert b2b_follow_ups.send_follow_ups(now=later) == 4  # two meetings, two sides each
    assert b2b_follow_ups.send_follow_ups(now=later) == 0
    assert len(mail.outbox) == 4
    follow_up = FollowUp.objects.get(meeting=held, participant=b)
    client.force_login(b.registration.user)
    client.post(
        reverse("congress:b2b_follow_up", args=[congress.slug, follow_up.pk]),
        {"negotiation_started": "on", "agreement_reached": "on", "agreement_type": "technical"},
    )
    figures = statistics(congress)
    assert figures["requests"] == 3 and figures["accepted"] == 3
    assert figures["scheduled"] == 3 and figures["held"] == 1 and figures["no_show"] == 1
    assert figures["agreements"] == 1
    assert ("technical", "Technical", 1) in [
        (v, str(label), n) for v, label, n in figures["agreements_by_type"]
    ]
    client.force_login(organiser)
    page = client.get(reverse("congress:b2b_statistics", args=[congress.slug]))
    assert "<svg" in page.content.decode() and "<meter" in page.content.decode()
    xlsx = client.get(reverse("congress:b2b_statistics", args=[congress.slug]) + "?format=xlsx")
    assert b"".join(xlsx.streaming_content).startswith(b"PK")


def test_outsiders_do_not_answer_others_follow_ups(client, congress, outsider, people, published):
    follow_up = FollowUp.objects.create(meeting=published[0], participant=people[0])
    client.force_login(outsider)
    url = reverse("congress:b2b_follow_up", args=[congress.slug, follow_up.pk])
    assert client.post(url, {"agreement_reached": "on"}).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_participant_list_costs_the_same_for_1_and_3(
    client, congress, morning, django_assert_num_queries, count
):
    for _ in range(count):
        ParticipantFactory(congress=congress)
    url = reverse("congress:b2b_participants", args=[congress.slug])
    client.get(url)
    with django_assert_num_queries(5):  # the organisations' cooperation profiles: one query
        client.get(url)


@pytest.mark.parametrize("count", [1, 3])
def test_the_organisers_meeting_list_costs_the_same_for_1_and_3(
    client, congress, organiser, people, django_assert_num_queries, count
):
    for i in range(count):
        b2b_meetings.add_meeting(congress=congress, participants=people[i : i + 2], by=organiser)
    client.force_login(organiser)
    url = reverse("congress:b2b_organise_meetings", args=[congress.slug])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
