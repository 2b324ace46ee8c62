import pytest
from django.test import Client

from helisa.congress.models import Meeting, MeetingRequest, ScheduleRun
from helisa.congress.schedule_check import check
from helisa.congress.scheduling import Schedule
from helisa.congress.services.b2b_scheduling import build_instance
from helisa.core.models import ApiToken

API = "/api/v1/congresses"


def client_for(user):
    _record, token = ApiToken.issue(user=user, name="tests")
    return Client(headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def a(people):
    return people[0]


@pytest.fixture
def b(people):
    return people[1]


def test_my_profile_is_read_and_changed(congress, a):
    api = client_for(a.registration.user)
    mine = api.get(f"{API}/{congress.slug}/b2b/me").json()
    assert mine["id"] == a.pk and mine["organisation"] == str(a.organisation)
    response = api.put(
        f"{API}/{congress.slug}/b2b/me",
        {"offer": {"en": "Sensors", "pl": "Czujniki"}, "max_meetings": 4},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["offers"] == {"en": "Sensors", "pl": "Czujniki"}
    a.refresh_from_db()
    assert a.max_meetings == 4


def test_participants_are_paged_without_contact_details(congress, people):
    body = Client().get(f"{API}/{congress.slug}/b2b/participants?limit=2").json()
    assert body["count"] == 4 and len(body["results"]) == 2
    assert "email" not in str(body)


def test_a_request_is_sent_accepted_and_becomes_my_meeting(congress, a, b):
    response = client_for(a.registration.user).post(
        f"{API}/{congress.slug}/b2b/requests",
        {"invitee": b.pk, "message": "Hello"},
        content_type="application/json",
    )
    assert response.status_code == 201
    request_id = response.json()["id"]
    as_b = client_for(b.registration.user)
    answer = as_b.post(
        f"{API}/{congress.slug}/b2b/requests/{request_id}/answer",
        {"accept": True},
        content_type="application/json",
    )
    assert answer.json()["status"] == "accepted"
    meetings = as_b.get(f"{API}/{congress.slug}/b2b/meetings").json()
    assert meetings[0]["participants"] == sorted([a.pk, b.pk]) or set(
        meetings[0]["participants"]
    ) == {a.pk, b.pk}
    assert meetings[0]["slot"] is None


def test_a_second_request_to_the_same_person_is_a_conflict(congress, a, b):
    api = client_for(a.registration.user)
    url = f"{API}/{congress.slug}/b2b/requests"
    api.post(url, {"invitee": b.pk}, content_type="application/json")
    again = api.post(url, {"invitee": b.pk}, content_type="application/json")
    assert again.status_code == 409
    assert MeetingRequest.objects.count() == 1


def test_the_requester_cannot_answer_their_own_request(congress, a, b):
    api = client_for(a.registration.user)
    request_id = api.post(
        f"{API}/{congress.slug}/b2b/requests", {"invitee": b.pk}, content_type="application/json"
    ).json()["id"]
    response = api.post(
        f"{API}/{congress.slug}/b2b/requests/{request_id}/answer",
        {"accept": True},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_the_organiser_runs_reads_and_publishes_a_schedule(
    congress, organiser, a, b, django_capture_on_commit_callbacks
):
    from helisa.congress.services import b2b_requests

    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    api = client_for(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(
            f"{API}/{congress.slug}/b2b/schedule-runs",
            {"time_limit": 2},
            content_type="application/json",
        )
    assert created.status_code == 201
    run = api.get(f"{API}/{congress.slug}/b2b/schedule-runs/{created.json()['id']}").json()
    assert run["status"] == "draft" and run["progress"] == 100
    assert check(build_instance(congress=congress), Schedule.from_dict(run["result"])) == []
    published = api.post(f"{API}/{congress.slug}/b2b/schedule-runs/{run['id']}/publish")
    assert published.json()["status"] == "published"
    slot = client_for(a.registration.user).get(f"{API}/{congress.slug}/b2b/meetings").json()
    assert slot[0]["slot"] == run["result"]["assignments"][0]["slot"]


def test_outsiders_are_refused_every_organiser_endpoint(congress, outsider, people):
    run = ScheduleRun.objects.create(congress=congress, status="draft")
    api = client_for(outsider)
    start = api.post(
        f"{API}/{congress.slug}/b2b/schedule-runs",
        {"time_limit": 1},
        content_type="application/json",
    )
    assert start.status_code == 403
    assert api.get(f"{API}/{congress.slug}/b2b/schedule-runs/{run.pk}").status_code == 403
    assert api.post(f"{API}/{congress.slug}/b2b/schedule-runs/{run.pk}/publish").status_code == 403
    run.refresh_from_db()
    assert run.status == "draft" and ScheduleRun.objects.count() == 1


def test_someone_not_taking_part_has_no_profile(congress, outsider, people):
    assert client_for(outsider).get(f"{API}/{congress.slug}/b2b/me").status_code == 404
    assert Client().get(f"{API}/{congress.slug}/b2b/me").status_code == 401
