"""Congress, registrations and B2B participants for the B2B tests (until the registration
service's own factories exist)."""

from datetime import UTC, date, datetime, timedelta

import factory
from django.utils import timezone

from helisa.congress.models import (
    B2BParticipant,
    Congress,
    MatchmakingSession,
    MatchmakingSettings,
    Registration,
    RegistrationCategory,
    RegistrationKind,
    RegistrationStatus,
)
from helisa.cooperation.models import CooperationProfile, Direction, ProfileKind, ProfileStatus
from tests.factories import OrganisationFactory, UserFactory, country


class CongressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Congress

    slug = factory.Sequence(lambda n: f"congress-{n}")
    name = factory.LazyAttribute(lambda o: {"en": f"Congress {o.slug}", "pl": f"Kongres {o.slug}"})
    city = "Warszawa"
    country = factory.LazyFunction(country)
    starts_on = date(2025, 9, 9)
    ends_on = date(2025, 9, 10)
    time_zone = "Europe/Warsaw"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationCategory

    congress = factory.SubFactory(CongressFactory)
    kind = RegistrationKind.PARTICIPANT
    name = factory.LazyFunction(lambda: {"en": "Participant"})


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    congress = factory.SubFactory(CongressFactory)
    user = factory.SubFactory(UserFactory)
    category = factory.LazyAttribute(
        lambda o: (
            RegistrationCategory.objects.filter(congress=o.congress).first()
            or CategoryFactory(congress=o.congress)
        )
    )
    status = RegistrationStatus.CONFIRMED
    organisation = factory.SubFactory(OrganisationFactory)
    name_on_badge = factory.Sequence(lambda n: f"Participant {n:03d}")
    language = "en"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = B2BParticipant

    congress = factory.SubFactory(CongressFactory)
    registration = factory.LazyAttribute(lambda o: RegistrationFactory(congress=o.congress))
    organisation = factory.LazyAttribute(lambda o: o.registration.organisation)
    max_meetings = 12


class CooperationProfileFactory(factory.django.DjangoModelFactory):
    """Published and unexpired unless told otherwise."""

    class Meta:
        model = CooperationProfile

    organisation = factory.SubFactory(OrganisationFactory)
    kind = ProfileKind.TECHNOLOGY_OFFER
    direction = Direction.OFFER
    title = factory.Sequence(lambda n: {"en": f"Offer {n}", "pl": f"Oferta {n}"})
    status = ProfileStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))


def matchmaking(congress, *, tables=4, minutes=30, requests_open=True, cap=20, breaks=()):
    """A morning session 09:00-11:00 local (07:00-09:00 UTC) on the first day."""
    MatchmakingSettings.objects.update_or_create(
        congress=congress,
        defaults={
            "tables": tables,
            "meeting_minutes": minutes,
            "requests_open": requests_open,
            "max_requests_per_participant": cap,
        },
    )
    return MatchmakingSession.objects.create(
        congress=congress,
        label="Morning",
        starts_at=datetime(2025, 9, 9, 7, 0, tzinfo=UTC),
        ends_at=datetime(2025, 9, 9, 9, 0, tzinfo=UTC),
        breaks=list(breaks),
    )
