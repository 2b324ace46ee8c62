"""The API gives participants what their B2B pages do: their published schedule as PDF and iCal in
their language, and answers to the follow-ups of their own meetings. Strangers are refused each,
with the API's one error shape; the list costs the same however many follow-ups there are."""

from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import FollowUp
from tests.congress.test_b2b_api import API, client_for
from tests.congress.test_b2b_api_actions import _error
from tests.congress.test_query_counts import _meet, _queries, _same_with_three


@pytest.fixture
def b2b(congress):
    return f"{API}/{congress.slug}/b2b"


@pytest.fixture
def schedule(congress, morning, people):
    """a meets b (published, table 1) and c (published, table 2); the meeting with d is a draft."""
    a, b, c, d = people
    slots = congress_slots(congress)
    return [_meet(a, b, slots[0]), _meet(a, c, slots[1], table=2), _meet(a, d)]


# The schedule as PDF and iCal


def test_my_calendar_holds_my_published_meetings(b2b, people, schedule):
    a = people[0]
    response = client_for(a.registration.user).get(f"{b2b}/meetings.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == 2
    zone_name = schedule[0].congress.time_zone
    local = schedule[0].slot_start.astimezone(ZoneInfo(zone_name))
    assert f"DTSTART;TZID={zone_name}:{local:%Y%m%dT%H%M%S}" in body
    assert "SUMMARY:B2B meeting: " in body and people[1].registration.name_on_badge in body
    assert people[3].registration.name_on_badge not in body


def test_my_calendar_and_pdf_are_in_my_language(b2b, people, schedule):
    a = people[0]
    a.registration.language = "pl"
    a.registration.save()
    api = client_for(a.registration.user)
    body = api.get(f"{b2b}/meetings.ics").content.decode()
    assert "SUMMARY:Spotkanie B2B: " in body and "SUMMARY:B2B meeting" not in body
    pdf = api.get(f"{b2b}/meetings.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_strangers_get_no_schedule(b2b, outsider, schedule):
    for path in ("meetings.pdf", "meetings.ics"):
        _error(client_for(outsider).get(f"{b2b}/{path}"), 404, "not_found")
        _error(Client().get(f"{b2b}/{path}"), 401, "not_authenticated")


@pytest.mark.parametrize("path", ["meetings.pdf", "meetings.ics"])
def test_my_schedule_costs_the_same_with_1_and_3_meetings(b2b, congress, morning, people, path):
    host = people[0]
    _same_with_three(client_for(host.registration.user), congress, host, f"{b2b}/{path}")


# Follow-ups


@pytest.fixture
def asked(people, schedule):
    """Both sides of the first meeting were asked what came of it."""
    return [
        FollowUp.objects.create(meeting=schedule[0], participant=p, asked_at=schedule[0].slot_start)
        for p in people[:2]
    ]


def _put(api, url, body):
    return api.put(url, body, content_type="application/json")


def test_i_see_my_follow_ups_and_answer_with_the_agreements_type(b2b, people, schedule, asked):
    api = client_for(people[1].registration.user)
    mine = api.get(f"{b2b}/follow-ups").json()
    assert mine["count"] == 1 and mine["results"][0]["meeting"] == schedule[0].pk
    assert mine["results"][0]["answered_at"] is None
    answer = {"agreement_reached": True, "agreement_type": "technical"}
    response = _put(api, f"{b2b}/follow-ups/{asked[1].pk}", answer)
    assert response.status_code == 200, response.content
    assert response.json()["negotiation_started"] is True  # an agreement was negotiated
    asked[1].refresh_from_db()
    assert asked[1].agreement_type == "technical" and asked[1].answered_at is not None


def test_a_negotiation_without_agreement_is_recorded(b2b, people, asked):
    api = client_for(people[0].registration.user)
    answer = {"negotiation_started": True, "agreement_type": "research"}
    body = _put(api, f"{b2b}/follow-ups/{asked[0].pk}", answer).json()
    assert body["negotiation_started"] and not body["agreement_reached"]
    assert body["agreement_type"] == ""


def test_an_agreement_needs_its_type(b2b, people, asked):
    api = client_for(people[0].registration.user)
    response = _put(api, f"{b2b}/follow-ups/{asked[0].pk}", {"agreement_reached": True})
    error = _error(response, 422, "validation_error")
    assert error["details"][0]["field"] == "agreement_type"
    unknown = _put(api, f"{b2b}/follow-ups/{asked[0].pk}", {"agreement_type": "friendship"})
    _error(unknown, 422, "validation_error")
    asked[0].refresh_from_db()
    assert asked[0].answered_at is None


def test_nobody_answers_anothers_follow_up(b2b, people, outsider, organiser, asked):
    answer = {"agreement_reached": True, "agreement_type": "commercial"}
    url = f"{b2b}/follow-ups/{asked[0].pk}"
    for user in (people[1].registration.user, outsider, organiser):
        _error(_put(client_for(user), url, answer), 403, "permission_denied")
    _error(_put(Client(), url, answer), 401, "not_authenticated")
    _error(client_for(outsider).get(f"{b2b}/follow-ups"), 404, "not_found")
    asked[0].refresh_from_db()
    assert asked[0].answered_at is None and not asked[0].agreement_reached


def test_my_follow_ups_cost_the_same_for_1_and_3(b2b, congress, people, schedule):
    a = people[0]
    api, url = client_for(a.registration.user), f"{b2b}/follow-ups"
    for meeting in schedule[:1]:
        FollowUp.objects.create(meeting=meeting, participant=a)
    api.get(url)
    one = _queries(api, url)
    for meeting in schedule[1:]:
        FollowUp.objects.create(meeting=meeting, participant=a)
    assert api.get(url).json()["count"] == 3
    assert _queries(api, url) == one
