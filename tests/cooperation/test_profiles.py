from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from helisa.cooperation.models import Direction, ProfileKind, ProfileStatus
from helisa.cooperation.queries import filter_profiles
from helisa.cooperation.services.profiles import (
    VALIDITY,
    expire_profiles,
    renew_profile,
    update_profile,
    withdraw_profile,
)
from tests.cooperation.conftest import make_profile

pytestmark = pytest.mark.django_db


def test_a_technology_offer_is_an_offer_and_searchable_in_every_language(profile):
    assert profile.direction == Direction.OFFER
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.expires_on == timezone.localdate() + VALIDITY
    assert list(filter_profiles({"q": "wodor"})) == [profile]
    assert list(filter_profiles({"q": "HYDROGEN tanks"})) == [profile]
    assert list(filter_profiles({"q": "solar"})) == []


def test_a_request_kind_refuses_the_offer_direction(organisation, representative):
    with pytest.raises(ValidationError):
        make_profile(
            organisation,
            representative,
            kind=ProfileKind.TECHNOLOGY_REQUEST,
            direction=Direction.OFFER,
        )


def test_other_kinds_must_say_their_direction(organisation, representative):
    with pytest.raises(ValidationError):
        make_profile(organisation, representative, kind=ProfileKind.INVESTMENT)
    profile = make_profile(
        organisation, representative, kind=ProfileKind.INVESTMENT, direction=Direction.REQUEST
    )
    assert profile.direction == Direction.REQUEST


def test_filters_by_helix_role_and_country_sought(organisation, representative):
    from tests.factories import country

    seeking = make_profile(
        organisation,
        representative,
        helix_roles_sought=["university"],
        countries_sought=[country("FR")],
    )
    anywhere = make_profile(organisation, representative, helix_roles_sought=["business"])

    assert list(filter_profiles({"helix_role": "university"})) == [seeking]
    assert set(filter_profiles({"sought_country": "FR"})) == {seeking, anywhere}
    assert list(filter_profiles({"sought_country": "DE"})) == [anywhere]


def test_an_outsider_may_not_change_a_profile(profile, outsider):
    with pytest.raises(PermissionDenied):
        update_profile(profile=profile, by=outsider, title={"en": "Mine now"})
    with pytest.raises(PermissionDenied):
        withdraw_profile(profile=profile, by=outsider)


def test_expired_profiles_leave_the_listings_and_the_owner_is_reminded_once(
    organisation, representative
):
    now = timezone.now()
    profile = make_profile(organisation, representative)
    later = now + VALIDITY - timedelta(days=10)

    assert expire_profiles(now=later) == (0, 1)
    assert len(mail.outbox) == 1
    assert "expire" in mail.outbox[0].subject
    assert expire_profiles(now=later + timedelta(days=1)) == (0, 0)
    assert len(mail.outbox) == 1

    after = now + VALIDITY + timedelta(days=1)
    assert expire_profiles(now=after) == (1, 0)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.EXPIRED
    assert list(filter_profiles({})) == []


def test_a_profile_past_its_date_is_not_listed_before_the_daily_run(profile):
    profile.expires_on = timezone.localdate() - timedelta(days=1)
    profile.save()
    assert list(filter_profiles({})) == []


def test_renewal_gives_six_months_from_today_and_a_new_reminder(profile, representative):
    later = timezone.now() + VALIDITY + timedelta(days=3)
    expire_profiles(now=later)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.EXPIRED

    renew_profile(profile=profile, by=representative, now=later)

    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.expires_on == timezone.localdate(later) + VALIDITY
    assert profile.renewal_reminded_at is None
    assert profile in filter_profiles({}, today=timezone.localdate(later))


def test_withdrawn_profiles_leave_the_listings_and_followers_hear_of_it(profile, representative):
    from helisa.cooperation.services.interest import follow_profile
    from tests.factories import UserFactory

    follower = UserFactory()
    follow_profile(profile=profile, user=follower)

    withdraw_profile(profile=profile, by=representative)

    assert list(filter_profiles({})) == []
    assert [message.to for message in mail.outbox] == [[follower.email]]
