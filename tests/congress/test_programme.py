import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helisa.congress.models import Favourite, SessionSpeaker
from helisa.congress.services.programme import check_slides
from tests.congress.programme_cast import SessionFactory, SpeakerFactory, track
from tests.factories import UserFactory


def test_programme_shows_sessions_by_day_with_speakers(client, open_congress):
    first = SessionFactory(congress=open_congress, title={"en": "Opening"})
    SessionFactory(
        congress=open_congress,
        title={"en": "Closing"},
        starts_at=first.starts_at + timedelta(days=1),
    )
    speaker = SpeakerFactory(congress=open_congress, name="Marta Zielińska")
    SessionSpeaker.objects.create(session=first, speaker=speaker)
    page = client.get(reverse("congress:programme", args=[open_congress.slug])).content.decode()
    assert page.index("Opening") < page.index("Closing")
    assert "Marta Zielińska" in page
    assert "Tuesday 9 September 2025" in page and "10:00" in page  # in the congress's zone


def test_programme_filters_by_day_room_track_and_language(client, open_congress):
    polish = SessionFactory(congress=open_congress, title={"en": "Polish debate"}, language="pl")
    polish.track = track(open_congress)
    polish.save()
    SessionFactory(congress=open_congress, title={"en": "English panel"})
    SessionFactory(
        congress=open_congress,
        title={"en": "Second day"},
        starts_at=polish.starts_at + timedelta(days=1),
    )
    url = reverse("congress:programme", args=[open_congress.slug])

    def titles(**query):
        page = client.get(url, query).content.decode()
        return {t for t in ["Polish debate", "English panel", "Second day"] if t in page}

    assert titles(language="pl") == {"Polish debate"}
    assert titles(day="2025-09-10") == {"Second day"}
    assert titles(track=polish.track_id) == {"Polish debate"}
    assert titles(room=polish.room_id) == {"Polish debate"}
    assert titles(day="1999-01-01") == {"Polish debate", "English panel", "Second day"}


@pytest.mark.parametrize("count", [1, 3])
def test_programme_query_count_does_not_grow(
    client, open_congress, count, django_assert_num_queries
):
    for _ in range(count):
        session = SessionFactory(congress=open_congress)
        SessionSpeaker.objects.create(
            session=session, speaker=SpeakerFactory(congress=open_congress)
        )
    with django_assert_num_queries(6):
        client.get(reverse("congress:programme", args=[open_congress.slug]))


@pytest.mark.parametrize("count", [1, 3])
def test_speakers_query_count_does_not_grow(
    client, open_congress, count, django_assert_num_queries
):
    for _ in range(count):
        session = SessionFactory(congress=open_congress)
        SessionSpeaker.objects.create(
            session=session, speaker=SpeakerFactory(congress=open_congress)
        )
    with django_assert_num_queries(3):
        client.get(reverse("congress:speakers", args=[open_congress.slug]))


@pytest.mark.parametrize("count", [1, 3])
def test_congress_list_query_count_does_not_grow(db, client, count, django_assert_num_queries):
    from tests.congress.factories import CongressFactory

    CongressFactory.create_batch(count)
    with django_assert_num_queries(1):
        page = client.get(reverse("congress:list"))
    assert page.content.decode().count('class="title"') == count


def test_star_adds_and_removes_a_session_from_my_agenda(client, session):
    user = UserFactory()
    client.force_login(user)
    url = reverse("congress:favourite", args=[session.congress.slug, session.pk])
    answer = client.post(url, headers={"HX-Request": "true"}).content.decode()
    assert "In my agenda" in answer and Favourite.objects.filter(user=user).count() == 1
    agenda = client.get(reverse("congress:my_agenda", args=[session.congress.slug]))
    assert "Session" in agenda.content.decode() and ".ics" in agenda.content.decode()
    client.post(url)
    assert not Favourite.objects.filter(user=user).exists()


def test_session_page_links_the_ceremony_to_the_declaration(client, open_congress):
    from helisa.alliance.models import Alliance, Declaration

    alliance = Alliance.objects.create(slug="eca", name={"en": "ECA"})
    Declaration.objects.create(alliance=alliance, slug="founding", title={"en": "Founding text"})
    open_congress.alliance = alliance
    open_congress.save()
    ceremony = SessionFactory(congress=open_congress, kind="ceremony")
    page = client.get(reverse("congress:session", args=[open_congress.slug, ceremony.pk]))
    assert "/alliances/eca/declarations/founding/" in page.content.decode()


def _odp():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        package.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def test_slides_are_checked_by_content_not_only_by_name():
    assert check_slides(SimpleUploadedFile("talk.pdf", b"%PDF-1.7 ...")) == ".pdf"
    assert check_slides(SimpleUploadedFile("talk.odp", _odp())) == ".odp"
    for name, content in [
        ("talk.pdf", b"MZ\x90\x00"),
        ("talk.exe", b"%PDF-1.7"),
        ("t.pptx", _odp()),
    ]:
        with pytest.raises(ValidationError):
            check_slides(SimpleUploadedFile(name, content))


def test_organiser_uploads_slides_served_through_the_app(client, session, organiser):
    appearance = SessionSpeaker.objects.create(
        session=session, speaker=SpeakerFactory(congress=session.congress)
    )
    client.force_login(organiser)
    upload = reverse("congress:slides_upload", args=[session.congress.slug, appearance.pk])
    client.post(upload, {"slides": SimpleUploadedFile("talk.pdf", b"%PDF-1.7 slides")})
    served = client.get(reverse("congress:slides", args=[session.congress.slug, appearance.pk]))
    assert served["Content-Type"] == "application/pdf"
    assert b"".join(served.streaming_content).startswith(b"%PDF")


def test_an_outsider_cannot_upload_slides(client, session, outsider):
    appearance = SessionSpeaker.objects.create(
        session=session, speaker=SpeakerFactory(congress=session.congress)
    )
    client.force_login(outsider)
    upload = reverse("congress:slides_upload", args=[session.congress.slug, appearance.pk])
    answer = client.post(upload, {"slides": SimpleUploadedFile("talk.pdf", b"%PDF-1.7")})
    assert answer.status_code == 403
    appearance.refresh_from_db()
    assert not appearance.slides


def test_certificate_only_for_those_checked_in(client, open_congress, participant):
    from django.utils import timezone

    client.force_login(participant)
    url = reverse("congress:certificate", args=[open_congress.slug])
    assert client.get(url).status_code == 404
    participant.registrations.update(checked_in_at=timezone.now())
    answer = client.get(url)
    assert answer.content.startswith(b"%PDF")
