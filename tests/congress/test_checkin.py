import pytest
from django.urls import reverse

from helisa.congress.models import RegistrationStatus
from helisa.congress.services.checkin import check_in
from tests.congress.factories import RegistrationFactory


@pytest.fixture
def arrival(open_congress):
    return RegistrationFactory(congress=open_congress, name_on_badge="Ewa Nowak")


def test_an_arrival_is_recorded_once(arrival, organiser):
    assert check_in(registration=arrival, by=organiser) is True
    first_time = arrival.checked_in_at
    assert check_in(registration=arrival, by=organiser) is False
    arrival.refresh_from_db()
    assert arrival.checked_in_at == first_time and arrival.checked_in_by == organiser


def test_second_scan_says_when_the_person_arrived(client, arrival, organiser):
    client.force_login(organiser)
    url = reverse("congress:checkin_record", args=[arrival.congress.slug])
    first = client.post(url, {"code": arrival.badge_code}, headers={"HX-Request": "true"})
    assert "arrival recorded" in first.content.decode()
    second = client.post(url, {"code": arrival.badge_code}, headers={"HX-Request": "true"})
    assert "already checked in at" in second.content.decode()


def test_waiting_list_cannot_check_in(client, arrival, organiser):
    arrival.status = RegistrationStatus.WAITING
    arrival.save()
    client.force_login(organiser)
    url = reverse("congress:checkin_record", args=[arrival.congress.slug])
    answer = client.post(url, {"code": arrival.badge_code}, headers={"HX-Request": "true"})
    assert "not confirmed" in answer.content.decode()
    arrival.refresh_from_db()
    assert arrival.checked_in_at is None


def test_staff_find_people_by_name_and_see_live_counts(client, arrival, organiser):
    check_in(registration=arrival, by=organiser)
    RegistrationFactory(congress=arrival.congress, name_on_badge="Jan Kowalski")
    client.force_login(organiser)
    slug = arrival.congress.slug
    found = client.get(reverse("congress:checkin_search", args=[slug]), {"q": "nowak"})
    assert "Ewa Nowak" in found.content.decode() and "Jan Kowalski" not in found.content.decode()
    counts = client.get(reverse("congress:checkin_counts", args=[slug])).content.decode()
    assert '<span class="stat">1</span> / 2' in counts
    page = client.get(reverse("congress:checkin", args=[slug])).content.decode()
    assert 'hx-trigger="every 5s"' in page and "congress/checkin.js" in page


def test_badge_pdf_holds_the_code(client, arrival, organiser):
    client.force_login(organiser)
    one = client.get(reverse("congress:badge", args=[arrival.congress.slug, arrival.pk]))
    assert one.content.startswith(b"%PDF") and str(arrival.badge_code).encode() in one.content
    every = client.get(reverse("congress:badges", args=[arrival.congress.slug]))
    assert every.content.startswith(b"%PDF") and str(arrival.badge_code).encode() in every.content


def test_participant_downloads_own_badge(client, arrival):
    client.force_login(arrival.user)
    badge = client.get(reverse("congress:my_badge", args=[arrival.congress.slug]))
    assert badge.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "name, args, method",
    [
        ("checkin", [], "get"),
        ("checkin_record", [], "post"),
        ("checkin_search", [], "get"),
        ("checkin_counts", [], "get"),
        ("badges", [], "get"),
    ],
)
def test_outsiders_are_refused_the_desk_and_badges(client, arrival, outsider, name, args, method):
    client.force_login(outsider)
    url = reverse(f"congress:{name}", args=[arrival.congress.slug, *args])
    answer = getattr(client, method)(url, {"code": arrival.badge_code, "q": "Ewa"})
    assert answer.status_code == 403
    arrival.refresh_from_db()
    assert arrival.checked_in_at is None


def test_an_outsider_cannot_download_someone_elses_badge(client, arrival, outsider):
    client.force_login(outsider)
    answer = client.get(reverse("congress:badge", args=[arrival.congress.slug, arrival.pk]))
    assert answer.status_code == 403
