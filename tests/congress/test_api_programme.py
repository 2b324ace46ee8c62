import pytest

from helisa.congress.models import RegistrationStatus, SessionSpeaker
from helisa.core.models import ApiToken
from tests.congress.factories import RegistrationFactory
from tests.congress.programme_cast import SessionFactory, SpeakerFactory, category
from tests.factories import UserFactory

API = "/api/v1"


@pytest.fixture
def auth():
    def headers(user):
        _record, token = ApiToken.issue(user=user, name="tests")
        return {"Authorization": f"Bearer {token}"}

    return headers


def test_congress_and_its_sessions_are_public(client, open_congress):
    session = SessionFactory(congress=open_congress, language="pl")
    SessionFactory(congress=open_congress)
    SessionSpeaker.objects.create(session=session, speaker=SpeakerFactory(congress=open_congress))
    assert client.get(f"{API}/congresses").json()["count"] == 1
    detail = client.get(f"{API}/congresses/{open_congress.slug}").json()
    assert detail["days"] == ["2025-09-09", "2025-09-10"]
    assert detail["programme_ical_url"].endswith(f"/congresses/{open_congress.slug}/programme.ics")
    sessions = client.get(f"{API}/congresses/{open_congress.slug}/sessions?language=pl").json()
    assert [s["id"] for s in sessions["results"]] == [session.pk]
    assert len(sessions["results"][0]["speakers"]) == 1
    speakers = client.get(f"{API}/congresses/{open_congress.slug}/speakers").json()
    assert speakers["count"] == 1


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_query_count_does_not_grow(
    client, open_congress, count, django_assert_num_queries
):
    for _ in range(count):
        SessionFactory(congress=open_congress)
    with django_assert_num_queries(3):
        client.get(f"{API}/congresses/{open_congress.slug}/sessions")


def test_register_read_and_cancel_with_a_token(client, open_congress, auth):
    places = category(open_congress, capacity=1)
    waiting_user = UserFactory()
    user = UserFactory()
    url = f"{API}/congresses/{open_congress.slug}/registrations"
    body = {"category_id": places.pk, "name_on_badge": "Ewa Nowak", "language": "pl"}
    created = client.post(url, body, content_type="application/json", headers=auth(user))
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    assert "/agenda/" in created.json()["agenda_feed_url"]
    again = client.post(url, body, content_type="application/json", headers=auth(user))
    assert again.status_code == 409
    other = client.post(url, body, content_type="application/json", headers=auth(waiting_user))
    assert other.json()["status"] == "waiting"
    mine = client.get(f"{url}/me", headers=auth(user)).json()
    assert mine["name_on_badge"] == "Ewa Nowak"
    cancelled = client.delete(f"{url}/me", headers=auth(user))
    assert cancelled.json()["status"] == "cancelled"
    promoted = client.get(f"{url}/me", headers=auth(waiting_user)).json()
    assert promoted["status"] == "confirmed"


def test_registering_needs_a_token(client, open_congress):
    places = category(open_congress)
    answer = client.post(
        f"{API}/congresses/{open_congress.slug}/registrations",
        {"category_id": places.pk, "name_on_badge": "X"},
        content_type="application/json",
    )
    assert answer.status_code == 401


def test_organiser_checks_in_once(client, open_congress, organiser, auth):
    arrival = RegistrationFactory(congress=open_congress, status=RegistrationStatus.CONFIRMED)
    url = f"{API}/congresses/{open_congress.slug}/check-ins"
    body = {"code": str(arrival.badge_code)}
    first = client.post(url, body, content_type="application/json", headers=auth(organiser))
    second = client.post(url, body, content_type="application/json", headers=auth(organiser))
    assert first.json()["first_time"] is True and second.json()["first_time"] is False
    assert first.json()["checked_in_at"] == second.json()["checked_in_at"]


def test_an_outsider_cannot_check_anyone_in(client, open_congress, outsider, auth):
    arrival = RegistrationFactory(congress=open_congress)
    answer = client.post(
        f"{API}/congresses/{open_congress.slug}/check-ins",
        {"code": str(arrival.badge_code)},
        content_type="application/json",
        headers=auth(outsider),
    )
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "permission_denied"
    arrival.refresh_from_db()
    assert arrival.checked_in_at is None
