from datetime import UTC, date, datetime

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.congress.models import (
    Congress,
    RegistrationCategory,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Track,
)
from tests.congress.factories import CategoryFactory, CongressFactory, RegistrationFactory
from tests.congress.programme_cast import RoomFactory, SessionFactory, SpeakerFactory, track
from tests.factories import OrganisationFactory, UserFactory, country


@pytest.fixture
def secretariat(secretariat):
    """The platform secretariat, with the second factor that every page asks of them."""
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


def _congress_data(**changes):
    return {
        "name_en": "Cluster Congress",
        "name_pl": "Kongres Klastrów",
        "description_en": "Three days of clusters.",
        "venue": "Palace of Culture",
        "city": "Warszawa",
        "country": country("PL").pk,
        "starts_on": "2026-06-16",
        "ends_on": "2026-06-18",
        "time_zone": "Europe/Warsaw",
        "registration_open": "on",
        **changes,
    }


def _session_data(**changes):
    return {
        "title_en": "Opening",
        "kind": "keynote",
        "language": "en",
        "day": "2025-09-09",
        "start": "09:00",
        "end": "10:00",
        **changes,
    }


def _url(name, congress, *args):
    return reverse(f"congress:{name}", args=[congress.slug, *args])


def test_secretariat_creates_a_congress_and_becomes_its_organiser(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("congress:congress_create"), _congress_data())
    congress = Congress.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("organise", congress)
    assert congress.slug == "cluster-congress-2026"
    assert congress.name == {"en": "Cluster Congress", "pl": "Kongres Klastrów"}
    assert congress.description == {"en": "Three days of clusters."}
    assert congress.registration_open and congress.country_id == "PL"
    assert list(congress.organisers.all()) == [secretariat]
    hub = client.get(_url("organise", congress)).content.decode()
    assert _url("b2b_organise", congress) in hub and _url("checkin", congress) in hub


def test_the_organiser_builds_the_programme_end_to_end(client, congress, organiser):
    client.force_login(organiser)
    client.post(_url("organise_rooms", congress), {"name": "Hall A", "capacity": "300"})
    client.post(_url("organise_tracks", congress), {"name_en": "Energy", "name_pl": "Energia"})
    client.post(
        _url("organise_categories", congress),
        {"kind": "participant", "name_en": "Participant", "capacity": "250"},
    )
    organisation = OrganisationFactory(legal_name="Hydrogen Valley Sp. z o.o.")
    client.post(
        _url("organise_speaker_add", congress),
        {"name": "Marta Zielińska", "function": "CEO", "organisation": organisation.pk},
    )
    room, hall_track = Room.objects.get(), Track.objects.get()
    assert (room.name, room.capacity) == ("Hall A", 300)
    assert hall_track.name == {"en": "Energy", "pl": "Energia"}
    assert RegistrationCategory.objects.get().capacity == 250
    speaker = Speaker.objects.get()
    assert speaker.organisation == organisation

    response = client.post(
        _url("organise_session_add", congress),
        _session_data(room=room.pk, track=hall_track.pk),
    )
    session = Session.objects.get()
    assert response["Location"] == _url("organise_session_edit", congress, session.pk)
    client.post(
        _url("organise_appearance_add", congress, session.pk),
        {"speaker": speaker.pk, "role": "moderator", "order": "1"},
    )
    appearance = SessionSpeaker.objects.get()
    assert (appearance.session, appearance.speaker, appearance.role) == (
        session,
        speaker,
        "moderator",
    )
    page = client.get(_url("organise_sessions", congress)).content.decode()
    assert "Opening" in page and "Marta Zielińska" in page and "09:00" in page
    client.post(_url("organise_appearance_remove", congress, appearance.pk))
    assert not SessionSpeaker.objects.exists()


def test_a_session_at_nine_in_warsaw_is_stored_at_seven_utc_in_summer(client, congress, organiser):
    client.force_login(organiser)
    client.post(_url("organise_session_add", congress), _session_data())
    session = Session.objects.get()
    assert session.starts_at == datetime(2025, 9, 9, 7, 0, tzinfo=UTC)
    assert session.ends_at == datetime(2025, 9, 9, 8, 0, tzinfo=UTC)
    edit = client.get(_url("organise_session_edit", congress, session.pk)).content.decode()
    assert 'value="09:00"' in edit and 'value="2025-09-09"' in edit


def test_a_session_in_another_zone_is_converted_with_that_zone(client, congress, organiser):
    congress.time_zone = "Europe/Lisbon"
    congress.save()
    client.force_login(organiser)
    client.post(_url("organise_session_add", congress), _session_data())
    assert Session.objects.get().starts_at == datetime(2025, 9, 9, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"end": "08:30"}, "A session ends after it starts."),
        ({"day": "2025-09-12"}, "The day must be one of the congress&#x27;s days."),
        ({"title_en": ""}, "This field is required."),
    ],
)
def test_session_errors_keep_what_was_typed(client, congress, organiser, changes, field_error):
    client.force_login(organiser)
    typed = {"title_en": "Hydrogen in the Baltic", "description_en": "My long text"}
    data = _session_data(**{**typed, **changes})
    response = client.post(_url("organise_session_add", congress), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error in page
    assert "My long text" in page and f'value="{data["day"]}"' in page
    assert not Session.objects.exists()


def test_congress_errors_keep_what_was_typed(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("congress:congress_create"),
        _congress_data(ends_on="2026-06-01", venue="Expo XXI"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot be before the first day." in page
    assert 'value="Expo XXI"' in page and 'value="Kongres Klastrów"' in page
    assert not Congress.objects.exists()


def test_a_double_booked_room_is_saved_with_a_warning(client, congress, organiser):
    existing = SessionFactory(congress=congress, title={"en": "Panel on steel"})
    client.force_login(organiser)
    response = client.post(
        _url("organise_session_add", congress),
        _session_data(room=existing.room_id, start="10:30", end="11:30"),
        follow=True,
    )
    assert Session.objects.count() == 2
    assert "also booked for “Panel on steel”" in response.content.decode()


def test_in_use_items_are_not_deleted(client, congress, organiser):
    session = SessionFactory(congress=congress)
    session.track = track(congress)
    session.save()
    category = CategoryFactory(congress=congress)
    RegistrationFactory(congress=congress, category=category)
    speaker = SpeakerFactory(congress=congress)
    SessionSpeaker.objects.create(session=session, speaker=speaker)
    client.force_login(organiser)
    refusals = [
        (_url("organise_rooms_delete", congress, session.room_id), "move them to another room"),
        (_url("organise_tracks_delete", congress, session.track_id), "another track"),
        (_url("organise_categories_delete", congress, category.pk), "cannot be deleted"),
        (_url("organise_speaker_delete", congress, speaker.pk), "take them out of the sessions"),
    ]
    for url, message in refusals:
        assert message in client.post(url, follow=True).content.decode()
    assert Room.objects.filter(pk=session.room_id).exists()
    assert Track.objects.exists() and RegistrationCategory.objects.exists()
    assert Speaker.objects.exists()


def test_unused_items_are_deleted(client, congress, organiser):
    room = RoomFactory(congress=congress)
    client.force_login(organiser)
    client.post(_url("organise_rooms_delete", congress, room.pk))
    assert not Room.objects.exists()


def test_organisers_are_added_by_email_and_the_last_one_stays(client, congress, organiser):
    colleague = UserFactory(email="anna@example.org")
    client.force_login(organiser)
    client.post(_url("organise_organisers", congress), {"email": "ANNA@example.org"})
    assert set(congress.organisers.all()) == {organiser, colleague}
    unknown = client.post(_url("organise_organisers", congress), {"email": "nobody@example.org"})
    assert "No one has a Helisa account with this email." in unknown.content.decode()
    assert 'value="nobody@example.org"' in unknown.content.decode()
    client.post(_url("organise_organiser_remove", congress, colleague.pk))
    page = client.post(_url("organise_organiser_remove", congress, organiser.pk), follow=True)
    assert "A congress keeps at least one organiser." in page.content.decode()
    assert list(congress.organisers.all()) == [organiser]


def test_speaker_organisation_search_keeps_the_typed_name(client, congress, organiser):
    OrganisationFactory(legal_name="Baltic Hydrogen Cluster")
    client.force_login(organiser)
    page = client.post(
        _url("organise_speaker_add", congress),
        {"name": "Jan Nowak", "organisation_query": "hydrogen", "search": "1"},
    ).content.decode()
    assert "Baltic Hydrogen Cluster" in page and 'value="Jan Nowak"' in page
    assert not Speaker.objects.exists()


def test_the_congress_page_links_the_hub_to_organisers_only(client, congress, organiser):
    hub = _url("organise", congress)
    assert hub not in client.get(congress.get_absolute_url()).content.decode()
    client.force_login(organiser)
    assert hub in client.get(congress.get_absolute_url()).content.decode()


def test_a_cluster_manager_may_not_create_a_congress(client, owner):
    client.force_login(owner)
    assert client.get(reverse("congress:congress_create")).status_code == 403
    assert client.post(reverse("congress:congress_create"), _congress_data()).status_code == 403
    assert not Congress.objects.exists()


def _organiser_urls(congress):
    """Every organiser page, with the objects it needs."""
    session = SessionFactory(congress=congress)
    session.track = track(congress)
    session.save()
    category = CategoryFactory(congress=congress)
    speaker = SpeakerFactory(congress=congress)
    appearance = SessionSpeaker.objects.create(session=session, speaker=speaker)
    someone = UserFactory()
    congress.organisers.add(someone)
    return {
        "organise": [],
        "congress_edit": [],
        "organise_organisers": [],
        "organise_organiser_remove": [someone.pk],
        "organise_rooms": [],
        "organise_rooms_edit": [session.room_id],
        "organise_rooms_delete": [session.room_id],
        "organise_tracks": [],
        "organise_tracks_edit": [session.track_id],
        "organise_tracks_delete": [session.track_id],
        "organise_categories": [],
        "organise_categories_edit": [category.pk],
        "organise_categories_delete": [category.pk],
        "organise_sessions": [],
        "organise_session_add": [],
        "organise_session_edit": [session.pk],
        "organise_session_delete": [session.pk],
        "organise_appearance_add": [session.pk],
        "organise_appearance_remove": [appearance.pk],
        "organise_speakers": [],
        "organise_speaker_add": [],
        "organise_speaker_edit": [speaker.pk],
        "organise_speaker_delete": [speaker.pk],
    }


ORGANISER_PAGES = [
    "organise",
    "congress_edit",
    "organise_organisers",
    "organise_organiser_remove",
    "organise_rooms",
    "organise_rooms_edit",
    "organise_rooms_delete",
    "organise_tracks",
    "organise_tracks_edit",
    "organise_tracks_delete",
    "organise_categories",
    "organise_categories_edit",
    "organise_categories_delete",
    "organise_sessions",
    "organise_session_add",
    "organise_session_edit",
    "organise_session_delete",
    "organise_appearance_add",
    "organise_appearance_remove",
    "organise_speakers",
    "organise_speaker_add",
    "organise_speaker_edit",
    "organise_speaker_delete",
]


def _snapshot(congress):
    return (
        list(Congress.objects.values()),
        list(congress.organisers.values_list("pk", flat=True)),
        list(Room.objects.values()),
        list(Track.objects.values()),
        list(RegistrationCategory.objects.values()),
        list(Session.objects.values()),
        list(SessionSpeaker.objects.values()),
        list(Speaker.objects.values()),
    )


@pytest.mark.parametrize("name", ORGANISER_PAGES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_are_refused_every_organiser_page(client, congress, outsider, name, method):
    url = _url(name, congress, *_organiser_urls(congress)[name])
    before = _snapshot(congress)
    client.force_login(outsider)
    data = {
        **_congress_data(),
        **_session_data(),
        "name": "Hijacked",
        "email": outsider.email,
        "kind": "participant",
    }
    response = getattr(client, method)(url, data if method == "post" else None)
    assert response.status_code in (403, 405)
    if method == "post":
        assert response.status_code == 403
    assert _snapshot(congress) == before


@pytest.mark.parametrize("name", ORGANISER_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, congress, name):
    url = _url(name, congress, *_organiser_urls(congress)[name])
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_outsiders_may_not_create_a_congress(client, outsider):
    client.force_login(outsider)
    assert client.post(reverse("congress:congress_create"), _congress_data()).status_code == 403


def _fill(congress, count):
    for index in range(count):
        session = SessionFactory(congress=congress)
        session.track = track(congress, name=f"Track {index}")
        session.save()
        CategoryFactory(congress=congress, kind=["participant", "press", "speaker"][index])
        SessionSpeaker.objects.create(
            session=session,
            speaker=SpeakerFactory(congress=congress, organisation=OrganisationFactory()),
        )
        congress.organisers.add(UserFactory())


LISTS = ["organise_rooms", "organise_tracks", "organise_categories", "organise_sessions"]
LISTS += ["organise_speakers", "organise_organisers", "organise"]


@pytest.mark.parametrize("name", LISTS)
def test_organiser_lists_take_as_many_queries_for_one_item_as_for_three(client, organiser, name):
    counts = []
    client.force_login(organiser)
    for count in (1, 3):
        congress = CongressFactory(starts_on=date(2025, 9, 9))
        congress.organisers.add(organiser)
        _fill(congress, count)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(name, congress)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
