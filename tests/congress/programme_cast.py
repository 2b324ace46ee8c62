"""Sessions, speakers and registrations for the programme, registration and debate tests."""

from datetime import UTC, datetime, timedelta

import factory
import pytest

from helisa.congress.models import Room, Session, SessionKind, Speaker, Track
from tests.congress.factories import CategoryFactory, CongressFactory, RegistrationFactory
from tests.factories import UserFactory

FIRST_DAY_MORNING = datetime(2025, 9, 9, 8, 0, tzinfo=UTC)  # 10:00 in Warsaw


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    congress = factory.SubFactory(CongressFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    congress = factory.SubFactory(CongressFactory)
    title = factory.Sequence(lambda n: {"en": f"Session {n}", "pl": f"Sesja {n}"})
    kind = SessionKind.PANEL
    language = "en"
    room = factory.LazyAttribute(lambda o: RoomFactory(congress=o.congress))
    starts_at = FIRST_DAY_MORNING
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    questions_open = True


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    congress = factory.SubFactory(CongressFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")


def track(congress, name="Smart specialisation"):
    return Track.objects.create(congress=congress, name={"en": name})


@pytest.fixture
def open_congress(congress):
    congress.registration_open = True
    congress.save(update_fields=["registration_open"])
    return congress


@pytest.fixture
def participant(open_congress):
    """A confirmed participant of the congress."""
    return RegistrationFactory(congress=open_congress, user=UserFactory(language="pl")).user


@pytest.fixture
def session(open_congress):
    return SessionFactory(congress=open_congress)


def category(congress, capacity=None, kind="participant"):
    return CategoryFactory(congress=congress, capacity=capacity, kind=kind)
