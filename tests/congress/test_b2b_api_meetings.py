"""Through the API, as on the meeting's page: its participants choose a table or a video call and
record whether it was held; nobody else may."""

import pytest
from django.test import Client

from helisa.congress.b2b_queries import congress_slots
from tests.congress.test_b2b_api import API, client_for
from tests.congress.test_b2b_api_actions import _error, _post
from tests.congress.test_query_counts import _meet


@pytest.fixture
def meeting(congress, people):
    return _meet(people[0], people[1], congress_slots(congress)[0], table=3)


def _url(congress, meeting, action):
    return f"{API}/{congress.slug}/b2b/meetings/{meeting.pk}/{action}"


def test_a_participant_moves_the_meeting_online_and_back_to_a_table(congress, people, meeting):
    api = client_for(people[1].registration.user)
    link = "https://meet.example.org/abc"
    online = _post(api, _url(congress, meeting, "place"), {"mode": "online", "video_link": link})
    assert online.status_code == 200
    assert (online.json()["mode"], online.json()["video_link"], online.json()["table"]) == (
        "online",
        link,
        None,
    )
    back = _post(api, _url(congress, meeting, "place"), {"mode": "table"})
    assert back.json()["mode"] == "table" and back.json()["video_link"] == ""


def test_online_without_a_link_or_with_a_bad_one_is_refused(congress, people, meeting):
    api = client_for(people[0].registration.user)
    without = _post(api, _url(congress, meeting, "place"), {"mode": "online"})
    assert [d["field"] for d in _error(without, 422, "validation_error")["details"]] == [
        "video_link"
    ]
    bad = _post(api, _url(congress, meeting, "place"), {"mode": "online", "video_link": "ftp:x"})
    assert _error(bad, 422, "validation_error")["details"][0]["field"] == "video_link"
    meeting.refresh_from_db()
    assert meeting.mode == "table" and meeting.table == 3


def test_a_participant_records_the_outcome(congress, people, meeting):
    api = client_for(people[0].registration.user)
    held = _post(api, _url(congress, meeting, "outcome"), {"outcome": "held"})
    assert held.status_code == 200 and held.json()["outcome"] == "held"
    unscheduled = _meet(people[0], people[2])
    never = _post(api, _url(congress, unscheduled, "outcome"), {"outcome": "no_show"})
    assert _error(never, 422, "validation_error")["details"][0]["field"] == "outcome"


def test_the_organiser_may_record_it_too(congress, organiser, meeting):
    answer = _post(
        client_for(organiser), _url(congress, meeting, "outcome"), {"outcome": "no_show"}
    )
    assert answer.json()["outcome"] == "no_show"


def test_strangers_and_other_participants_are_refused(congress, people, outsider, meeting):
    for user in (outsider, people[2].registration.user):
        api = client_for(user)
        place = _post(
            api,
            _url(congress, meeting, "place"),
            {"mode": "online", "video_link": "https://x.example"},
        )
        _error(place, 403, "permission_denied")
        _error(
            _post(api, _url(congress, meeting, "outcome"), {"outcome": "held"}),
            403,
            "permission_denied",
        )
    _error(
        _post(Client(), _url(congress, meeting, "outcome"), {"outcome": "held"}),
        401,
        "not_authenticated",
    )
    meeting.refresh_from_db()
    assert meeting.mode == "table" and meeting.outcome == ""
