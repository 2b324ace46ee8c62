"""The API does what the B2B pages do: joining and withdrawing, taking a request back, the
organisers' meetings and locks, discarding a draft, the table plan. Strangers are refused each,
with the API's one error shape."""

import pytest
from django.test import Client

from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import Meeting, MeetingRequest, RegistrationStatus, ScheduleRun
from helisa.congress.services import b2b_requests
from tests.congress.factories import ParticipantFactory, RegistrationFactory
from tests.congress.test_b2b_api import API, client_for
from tests.congress.test_query_counts import _meet, _queries


def _error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


def _post(api, url, body=None):
    return api.post(url, body or {}, content_type="application/json")


@pytest.fixture
def b2b(congress):
    return f"{API}/{congress.slug}/b2b"


@pytest.fixture
def a(people):
    return people[0]


@pytest.fixture
def b(people):
    return people[1]


# Joining and withdrawing


def test_a_confirmed_registration_joins_then_withdraws_then_joins_again(congress, morning, b2b):
    registration = RegistrationFactory(congress=congress)
    api = client_for(registration.user)
    joined = _post(api, f"{b2b}/join")
    assert joined.status_code == 201 and joined.json()["withdrawn"] is False
    participant_id = joined.json()["id"]
    left = _post(api, f"{b2b}/withdraw")
    assert left.status_code == 200 and left.json()["withdrawn"] is True
    _error(api.get(f"{b2b}/me"), 404, "not_found")
    assert _post(api, f"{b2b}/join").json()["id"] == participant_id


def test_withdrawing_lets_my_pending_requests_lapse(b2b, a, b):
    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    _post(client_for(a.registration.user), f"{b2b}/withdraw")
    request.refresh_from_db()
    assert request.status == "cancelled"


def test_an_unconfirmed_registration_cannot_join(congress, morning, b2b):
    registration = RegistrationFactory(congress=congress, status=RegistrationStatus.WAITING)
    _error(_post(client_for(registration.user), f"{b2b}/join"), 409, "conflict")
    assert not congress.b2b_participants.exists()


def test_strangers_neither_join_nor_withdraw(b2b, outsider, a):
    api = client_for(outsider)
    _error(_post(api, f"{b2b}/join"), 404, "not_found")
    _error(_post(api, f"{b2b}/withdraw"), 404, "not_found")
    _error(_post(Client(), f"{b2b}/join"), 401, "not_authenticated")
    _error(_post(Client(), f"{b2b}/withdraw"), 401, "not_authenticated")
    a.refresh_from_db()
    assert a.withdrawn_at is None


# Taking a request back


def test_the_requester_takes_an_accepted_request_back_and_its_meeting_goes(b2b, a, b):
    meeting = _meet(a, b)
    response = _post(client_for(a.registration.user), f"{b2b}/requests/{meeting.request_id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    again = _post(client_for(a.registration.user), f"{b2b}/requests/{meeting.request_id}/cancel")
    _error(again, 409, "conflict")


def test_the_invitee_and_strangers_cannot_take_a_request_back(b2b, a, b, outsider):
    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    for user in (b.registration.user, outsider):
        _error(
            _post(client_for(user), f"{b2b}/requests/{request.pk}/cancel"), 403, "permission_denied"
        )
    _error(_post(Client(), f"{b2b}/requests/{request.pk}/cancel"), 401, "not_authenticated")
    request.refresh_from_db()
    assert request.status == "pending"


# The organisers' meetings and locks


def test_the_organiser_adds_a_meeting_locks_and_unlocks_it(congress, organiser, b2b, people):
    api = client_for(organiser)
    trio = [p.pk for p in people[:3]]
    added = _post(api, f"{b2b}/organise/meetings", {"participants": trio})
    assert added.status_code == 201
    body = added.json()
    assert sorted(p["id"] for p in body["participants"]) == sorted(trio)
    assert body["added_by_organiser"] and not body["locked"] and body["slot"] is None
    slot = congress_slots(congress)[1].id
    locked = _post(api, f"{b2b}/organise/meetings/{body['id']}/lock", {"slot": slot, "table": 2})
    assert locked.status_code == 200
    assert (locked.json()["slot"], locked.json()["table"], locked.json()["locked"]) == (
        slot,
        2,
        True,
    )
    unlocked = _post(api, f"{b2b}/organise/meetings/{body['id']}/unlock")
    assert unlocked.json()["locked"] is False
    listed = api.get(f"{b2b}/organise/meetings").json()
    assert [m["id"] for m in listed["results"]] == [body["id"]]


def test_adding_or_locking_wrongly_is_explained_field_by_field(congress, organiser, b2b, a, b):
    api = client_for(organiser)
    elsewhere = ParticipantFactory()
    error = _error(
        _post(api, f"{b2b}/organise/meetings", {"participants": [a.pk, elsewhere.pk]}),
        422,
        "validation_error",
    )
    assert [d["field"] for d in error["details"]] == ["participants"]
    online = _post(
        api, f"{b2b}/organise/meetings", {"participants": [a.pk, b.pk], "mode": "online"}
    )
    assert [d["field"] for d in _error(online, 422, "validation_error")["details"]] == [
        "video_link"
    ]
    meeting = _meet(a, b)
    slot = congress_slots(congress)[0].id
    wrong_table = _post(
        api, f"{b2b}/organise/meetings/{meeting.pk}/lock", {"slot": slot, "table": 99}
    )
    assert [d["field"] for d in _error(wrong_table, 422, "validation_error")["details"]] == [
        "table"
    ]
    wrong_slot = _post(
        api,
        f"{b2b}/organise/meetings/{meeting.pk}/lock",
        {"slot": "2030-01-01T00:00:00Z", "table": 1},
    )
    assert [d["field"] for d in _error(wrong_slot, 422, "validation_error")["details"]] == ["slot"]
    meeting.refresh_from_db()
    assert not meeting.locked and Meeting.objects.count() == 1


def test_strangers_and_participants_are_refused_the_organisers_meetings(
    congress, b2b, a, b, outsider
):
    meeting = _meet(a, b)
    slot = congress_slots(congress)[0].id
    for user in (outsider, a.registration.user):
        api = client_for(user)
        _error(api.get(f"{b2b}/organise/meetings"), 403, "permission_denied")
        added = _post(api, f"{b2b}/organise/meetings", {"participants": [a.pk, b.pk]})
        _error(added, 403, "permission_denied")
        lock = _post(api, f"{b2b}/organise/meetings/{meeting.pk}/lock", {"slot": slot, "table": 1})
        _error(lock, 403, "permission_denied")
        _error(_post(api, f"{b2b}/organise/meetings/{meeting.pk}/unlock"), 403, "permission_denied")
    _error(Client().get(f"{b2b}/organise/meetings"), 401, "not_authenticated")
    meeting.refresh_from_db()
    assert not meeting.locked and Meeting.objects.count() == 1


def test_unlocking_keeps_a_lock_others_set_when_a_stranger_asks(
    congress, organiser, b2b, a, b, outsider
):
    meeting = _meet(a, b)
    slot = congress_slots(congress)[0].id
    _post(
        client_for(organiser),
        f"{b2b}/organise/meetings/{meeting.pk}/lock",
        {"slot": slot, "table": 1},
    )
    _error(
        _post(client_for(outsider), f"{b2b}/organise/meetings/{meeting.pk}/unlock"),
        403,
        "permission_denied",
    )
    meeting.refresh_from_db()
    assert meeting.locked


# Discarding a draft


def test_the_organiser_discards_a_draft_but_not_a_published_schedule(congress, organiser, b2b):
    api = client_for(organiser)
    draft = ScheduleRun.objects.create(congress=congress, status="draft")
    response = _post(api, f"{b2b}/schedule-runs/{draft.pk}/discard")
    assert response.status_code == 200 and response.json()["status"] == "discarded"
    published = ScheduleRun.objects.create(congress=congress, status="published")
    _error(_post(api, f"{b2b}/schedule-runs/{published.pk}/discard"), 409, "conflict")
    published.refresh_from_db()
    assert published.status == "published"


def test_strangers_and_participants_cannot_discard_a_draft(congress, b2b, a, outsider):
    draft = ScheduleRun.objects.create(congress=congress, status="draft")
    for user in (outsider, a.registration.user):
        _error(
            _post(client_for(user), f"{b2b}/schedule-runs/{draft.pk}/discard"),
            403,
            "permission_denied",
        )
    draft.refresh_from_db()
    assert draft.status == "draft"


# The table plan


def test_the_table_plan_gives_every_slot_with_its_meetings_by_table(
    congress, organiser, b2b, people
):
    slots = congress_slots(congress)
    first = _meet(people[0], people[1], slots[0], table=2)
    second = _meet(people[2], people[3], slots[0], table=1)
    _meet(people[0], people[2])  # not scheduled: not in the plan
    plan = client_for(organiser).get(f"{b2b}/table-plan").json()
    assert [row["slot"] for row in plan] == [slot.id for slot in slots]
    assert plan[0]["label"] == "09:00–09:30"
    assert [(m["id"], m["table"]) for m in plan[0]["meetings"]] == [(second.pk, 1), (first.pk, 2)]
    names = {p["name"] for p in plan[0]["meetings"][1]["participants"]}
    assert names == {people[0].registration.name_on_badge, people[1].registration.name_on_badge}
    assert all(row["meetings"] == [] for row in plan[1:])


def test_strangers_and_participants_are_refused_the_table_plan(b2b, a, outsider):
    for user in (outsider, a.registration.user):
        _error(client_for(user).get(f"{b2b}/table-plan"), 403, "permission_denied")
    _error(Client().get(f"{b2b}/table-plan"), 401, "not_authenticated")


@pytest.mark.parametrize("path", ["table-plan", "organise/meetings"])
def test_the_plan_and_the_organisers_list_read_the_same_for_one_meeting_as_three(
    congress, organiser, b2b, a, path
):
    api = client_for(organiser)
    slots = congress_slots(congress)
    _meet(a, ParticipantFactory(congress=congress), slots[0], table=1)
    api.get(f"{b2b}/{path}")
    one = _queries(api, f"{b2b}/{path}")
    for index in range(2):
        _meet(a, ParticipantFactory(congress=congress), slots[index + 1], table=1)
    assert _queries(api, f"{b2b}/{path}") == one
    assert MeetingRequest.objects.count() == 3
