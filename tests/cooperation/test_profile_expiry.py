"""The owner chooses how long a cooperation profile is listed: a date at most a year ahead, not
before the deadline for answers, or six months by default; the reminder and the listings follow
the chosen date."""

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from helisa.cooperation.models import ProfileKind, ProfileStatus
from helisa.cooperation.queries import filter_profiles
from helisa.cooperation.services.profile_expiry import latest_expiry
from helisa.cooperation.services.profiles import (
    VALIDITY,
    create_profile,
    expire_profiles,
    publish_profile,
    renew_profile,
    update_profile,
    withdraw_profile,
)

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime(2027, 3, 1, 9, 0))
TODAY = NOW.date()


def day(offset):
    return TODAY + timedelta(days=offset)


def at(offset):
    return NOW + timedelta(days=offset)


def errors_of(call):
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def profile_of(organisation, representative, *, publish=True, **values):
    """A profile written on NOW (and published then, unless told otherwise)."""
    values = {"kind": ProfileKind.TECHNOLOGY_OFFER, "title": {"en": "Hydrogen tanks"}, **values}
    return create_profile(
        organisation=organisation, by=representative, now=NOW, publish=publish, **values
    )


def draft(organisation, representative, **values):
    return profile_of(organisation, representative, publish=False, **values)


def test_a_chosen_date_is_kept_when_the_draft_is_published_days_later(organisation, representative):
    profile = draft(organisation, representative, expires_on=day(40))
    assert profile.expires_on == day(40)
    publish_profile(profile=profile, by=representative, now=at(3))
    assert profile.expires_on == day(40)


def test_left_empty_the_profile_is_listed_six_months_from_publication(organisation, representative):
    profile = draft(organisation, representative)
    assert profile.expires_on is None
    publish_profile(profile=profile, by=representative, now=at(3))
    assert profile.expires_on == day(3) + VALIDITY


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (day(0), "The expiry date must be in the future."),
        (day(-5), "The expiry date must be in the future."),
        (date(2028, 3, 2), "The expiry date may be at most 12 months ahead, until 1 March 2028."),
    ],
)
def test_the_date_lies_ahead_and_at_most_a_year_away(organisation, representative, chosen, message):
    errors = errors_of(lambda: profile_of(organisation, representative, expires_on=chosen))
    assert errors == {"expires_on": [message]}


def test_exactly_a_year_ahead_is_allowed_and_29_february_counts_as_the_28th():
    assert latest_expiry(TODAY) == date(2028, 3, 1)
    assert latest_expiry(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_year_ahead_is_accepted(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=date(2028, 3, 1))
    assert profile.expires_on == date(2028, 3, 1)
    assert profile.status == ProfileStatus.PUBLISHED


def test_the_deadline_for_answers_is_not_after_the_expiry(organisation, representative):
    errors = errors_of(
        lambda: draft(organisation, representative, expires_on=day(30), deadline=day(31))
    )
    assert errors == {
        "deadline": ["The deadline for answers must not be after the expiry date (31 March 2027)."]
    }
    # Without a date of its own, the default period is the bound.
    errors = errors_of(lambda: draft(organisation, representative, deadline=day(200)))
    assert list(errors) == ["deadline"]
    assert draft(organisation, representative, expires_on=day(30), deadline=day(30)).deadline


def test_a_drafts_date_that_has_passed_must_be_chosen_again(organisation, representative):
    profile = draft(organisation, representative, expires_on=day(10))
    errors = errors_of(lambda: publish_profile(profile=profile, by=representative, now=at(10)))
    assert list(errors) == ["expires_on"]
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.DRAFT


def test_a_withdrawn_profile_keeps_its_date_while_it_lies_ahead(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(60))
    withdraw_profile(profile=profile, by=representative, now=at(1))
    publish_profile(profile=profile, by=representative, now=at(20))
    assert profile.expires_on == day(60)
    withdraw_profile(profile=profile, by=representative, now=at(21))
    publish_profile(profile=profile, by=representative, now=at(90))
    assert profile.expires_on == day(90) + VALIDITY


def test_an_expired_profiles_text_can_still_be_corrected(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(20))
    expire_profiles(now=at(21))
    profile.refresh_from_db()
    update_profile(
        profile=profile, by=representative, now=at(30), title={"en": "Tanks"}, expires_on=day(20)
    )
    assert profile.expires_on == day(20)


def test_the_reminder_comes_two_weeks_before_the_chosen_date(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(40))
    assert expire_profiles(now=at(25)) == (0, 0)
    assert expire_profiles(now=at(26)) == (0, 1)
    assert "expire" in mail.outbox[0].subject
    assert "10 April 2027" in mail.outbox[0].body
    assert expire_profiles(now=at(40)) == (0, 0)
    assert [p.pk for p in filter_profiles({}, today=day(40))] == [profile.pk]
    assert expire_profiles(now=at(41)) == (1, 0)
    assert list(filter_profiles({}, today=day(41))) == []
    assert len(mail.outbox) == 1


def test_listings_hide_a_profile_past_its_chosen_date_before_the_daily_run(
    organisation, representative
):
    profile = profile_of(organisation, representative, expires_on=day(5))
    assert [p.pk for p in filter_profiles({}, today=day(5))] == [profile.pk]
    assert list(filter_profiles({}, today=day(6))) == []


def test_moving_the_date_of_a_reminded_profile_reminds_again_before_the_new_one(
    organisation, representative
):
    profile = profile_of(organisation, representative, expires_on=day(20))
    assert expire_profiles(now=at(10)) == (0, 1)
    update_profile(profile=profile, by=representative, now=at(10), expires_on=day(100))
    profile.refresh_from_db()
    assert profile.renewal_reminded_at is None
    assert expire_profiles(now=at(21)) == (0, 0)
    assert [p.pk for p in filter_profiles({}, today=day(21))] == [profile.pk]
    assert expire_profiles(now=at(86)) == (0, 1)


def test_clearing_the_date_of_a_published_profile_gives_six_months_from_today(
    organisation, representative
):
    profile = profile_of(organisation, representative, expires_on=day(20))
    update_profile(profile=profile, by=representative, now=at(10), expires_on=None)
    assert profile.expires_on == day(10) + VALIDITY


def test_renewal_by_default_gives_six_months_from_today(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(20))
    expire_profiles(now=at(21))
    profile.refresh_from_db()
    renew_profile(profile=profile, by=representative, now=at(30))
    assert (profile.status, profile.expires_on) == (ProfileStatus.PUBLISHED, day(30) + VALIDITY)
    assert profile.renewal_reminded_at is None


def test_renewal_to_a_chosen_date_and_the_reminder_before_it(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(20))
    assert expire_profiles(now=at(6)) == (0, 1)
    renew_profile(profile=profile, by=representative, now=at(10), expires_on=day(300))
    profile.refresh_from_db()
    assert (profile.expires_on, profile.renewal_reminded_at) == (day(300), None)
    assert expire_profiles(now=at(285)) == (0, 0)
    assert expire_profiles(now=at(286)) == (0, 1)


def test_renewal_checks_the_chosen_date(organisation, representative):
    profile = profile_of(organisation, representative, deadline=day(50))
    renew = lambda offset: renew_profile(  # noqa: E731 -- one call, three dates
        profile=profile, by=representative, now=at(10), expires_on=day(offset)
    )
    assert errors_of(lambda: renew(10)) == {
        "expires_on": ["The expiry date must be in the future."]
    }
    assert list(errors_of(lambda: renew(400))) == ["expires_on"]
    assert "deadline" in errors_of(lambda: renew(40))["expires_on"][0]
    profile.refresh_from_db()
    assert profile.expires_on == TODAY + VALIDITY


def test_a_default_renewal_never_shortens_a_longer_chosen_date(organisation, representative):
    profile = profile_of(organisation, representative, expires_on=day(300))
    errors = errors_of(lambda: renew_profile(profile=profile, by=representative, now=at(10)))
    assert "already listed until 26 December 2027" in errors["expires_on"][0]
