"""Someone who does not take part in a meeting (or in the B2B at all) can neither see nor change
it, by page or by service."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from helisa.congress.models import MeetingMode, MeetingOutcome
from helisa.congress.services import b2b_meetings, b2b_requests
from tests.factories import UserFactory


@pytest.fixture
def meeting(people):
    a, b = people[:2]
    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    return request.meeting


@pytest.fixture(params=["participant elsewhere", "no participant"])
def stranger(request, people):
    # another B2B participant of the same congress, or a signed-in user with no B2B profile
    return (
        people[2].registration.user if request.param == "participant elsewhere" else UserFactory()
    )


def test_a_stranger_cannot_open_or_change_a_meeting_page(client, congress, meeting, stranger):
    client.force_login(stranger)
    url = reverse("congress:b2b_meeting", args=[congress.slug, meeting.pk])

    assert client.get(url).status_code == 403
    place = {"mode": MeetingMode.ONLINE, "video_link": "https://evil.example/call"}
    assert client.post(url, place).status_code == 403
    assert client.post(url, {"outcome": MeetingOutcome.NO_SHOW}).status_code == 403

    meeting.refresh_from_db()
    assert (meeting.mode, meeting.video_link, meeting.outcome) == (MeetingMode.TABLE, "", "")


def test_a_stranger_cannot_record_an_outcome_or_set_the_place(meeting, stranger):
    with pytest.raises(PermissionDenied):
        b2b_meetings.record_outcome(meeting=meeting, outcome=MeetingOutcome.HELD, by=stranger)
    with pytest.raises(PermissionDenied):
        b2b_meetings.set_meeting_place(
            meeting=meeting, mode=MeetingMode.ONLINE, video_link="https://x.example", by=stranger
        )
    meeting.refresh_from_db()
    assert (meeting.mode, meeting.outcome) == (MeetingMode.TABLE, "")


def test_someone_not_in_the_b2b_gets_no_calendar_or_pdf(client, congress, meeting):
    client.force_login(UserFactory())
    for name in ("congress:b2b_meetings_ics", "congress:b2b_meetings_pdf"):
        response = client.get(reverse(name, args=[congress.slug]))
        assert response.status_code == 403
        assert b"BEGIN:VEVENT" not in response.content and not response.content.startswith(b"%PDF")
