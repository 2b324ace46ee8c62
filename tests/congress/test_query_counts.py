"""Lists and documents that grow with their items read the database the same number of times
for one item as for three (an N+1 would show as more queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import ScheduleRun, ScheduleRunStatus
from helisa.congress.services import b2b_requests
from tests.congress.factories import ParticipantFactory, RegistrationFactory
from tests.congress.test_b2b_api import API, client_for


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(captured)


def _meet(a, b, slot=None, table=1):
    request = b2b_requests.send_request(
        requester=a, invitee=b, by=a.registration.user, notify=False
    )
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user, notify=False)
    meeting = request.meeting
    if slot is not None:
        meeting.slot_start, meeting.table, meeting.published = slot.starts_at, table, True
        meeting.save()
    return meeting


@pytest.fixture
def host(congress, people):
    return people[0]


def _same_with_three(client, congress, host, url, *, published=True, **params):
    slots = congress_slots(congress)
    _meet(host, ParticipantFactory(congress=congress), slots[0] if published else None)
    client.get(url, params)  # the first call may record the token's or session's first use
    one = _queries(client, url, **params)
    for index in range(2):
        other = ParticipantFactory(congress=congress)
        _meet(host, other, slots[index + 1] if published else None, table=2 + index)
    three = _queries(client, url, **params)
    assert one == three


PARTICIPANT_PAGES = [
    "congress:b2b_meetings",
    "congress:b2b_requests",
    "congress:b2b_meetings_ics",
    "congress:b2b_meetings_pdf",
]


@pytest.mark.parametrize("name", PARTICIPANT_PAGES)
def test_a_participants_meetings_requests_and_documents(client, congress, host, name):
    client.force_login(host.registration.user)
    _same_with_three(client, congress, host, reverse(name, args=[congress.slug]))


@pytest.mark.parametrize(
    "name", ["congress:b2b_table_plan", "congress:b2b_table_plan_pdf", "congress:b2b_statistics"]
)
def test_the_organisers_table_plan_and_statistics(client, congress, organiser, host, name):
    client.force_login(organiser)
    _same_with_three(client, congress, host, reverse(name, args=[congress.slug]))


@pytest.mark.parametrize("path", ["participants", "requests", "meetings"])
def test_the_b2b_api_lists(congress, host, path):
    api = client_for(host.registration.user)
    _same_with_three(api, congress, host, f"{API}/{congress.slug}/b2b/{path}")


def test_the_review_of_a_draft(client, congress, organiser, host):
    client.force_login(organiser)
    slots = congress_slots(congress)

    def run_with(meetings):
        run = ScheduleRun.objects.create(
            congress=congress,
            status=ScheduleRunStatus.DRAFT,
            time_limit=1,
            result={
                "assignments": [
                    {"meeting": str(m.pk), "slot": slots[i].id, "table": 1}
                    for i, m in enumerate(meetings)
                ],
                "unscheduled": [],
                "gaps": 0,
                "idle_slots": 0,
                "upper_bound_scheduled": len(meetings),
                "lower_bound_gaps": 0,
                "optimal": True,
                "seconds": 0.1,
                "moved": 0,
            },
        )
        return _queries(client, reverse("congress:b2b_run", args=[congress.slug, run.pk]))

    first = [_meet(host, ParticipantFactory(congress=congress))]
    one = run_with(first)
    ScheduleRun.objects.all().delete()
    more = first + [_meet(host, ParticipantFactory(congress=congress)) for _ in range(2)]
    assert run_with(more) == one


def test_badges_and_the_check_in_search(client, congress, organiser):
    congress.registration_open = True
    congress.save()
    client.force_login(organiser)
    RegistrationFactory(congress=congress, name_on_badge="Ewa Nowak")
    badges = reverse("congress:badges", args=[congress.slug])
    search = reverse("congress:checkin_search", args=[congress.slug])
    one = (_queries(client, badges), _queries(client, search, q="nowak"))
    for name in ("Jan Nowak", "Anna Nowakowska"):
        RegistrationFactory(congress=congress, name_on_badge=name)
    assert (_queries(client, badges), _queries(client, search, q="nowak")) == one
