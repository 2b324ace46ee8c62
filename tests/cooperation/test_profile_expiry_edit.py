"""An expired profile whose owner picks a later expiry date (or empties it: six months), in the
form or the API, is listed again until then, exactly as renewing it to that date would list it;
the reminder comes again."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from helisa.cooperation.models import CooperationProfile, ProfileStatus
from helisa.cooperation.queries import filter_profiles
from helisa.cooperation.services.profiles import expire_profiles, renew_profile, update_profile
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import send
from tests.cooperation.conftest import make_profile
from tests.cooperation.test_profile_expiry import at, day, profile_of
from tests.cooperation.test_profile_expiry_views import form_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/cooperation/profiles"


def expired(organisation, representative):
    """Published on NOW until day 20, reminded on day 6, expired by the run of day 21."""
    profile = profile_of(organisation, representative, expires_on=day(20), deadline=day(15))
    assert expire_profiles(now=at(6)) == (0, 1)
    assert expire_profiles(now=at(21)) == (1, 0)
    profile.refresh_from_db()
    return profile


def state(profile):
    profile.refresh_from_db()
    return profile.status, profile.expires_on, profile.renewed_at, profile.renewal_reminded_at


def test_a_later_date_lists_an_expired_profile_again_as_a_renewal_to_it_would(
    organisation, representative
):
    edited, renewed = (expired(organisation, representative) for _ in range(2))
    update_profile(profile=edited, by=representative, now=at(30), expires_on=day(100))
    renew_profile(profile=renewed, by=representative, now=at(30), expires_on=day(100))
    assert state(edited) == state(renewed) == (ProfileStatus.PUBLISHED, day(100), at(30), None)
    assert {p.pk for p in filter_profiles({}, today=day(30))} == {edited.pk, renewed.pk}
    assert expire_profiles(now=at(85)) == (0, 0)
    assert expire_profiles(now=at(86)) == (0, 2)  # reminded again, two weeks before day 100
    assert expire_profiles(now=at(101)) == (2, 0)


def test_a_wrong_date_is_refused_and_the_profile_stays_expired(organisation, representative):
    profile = expired(organisation, representative)

    def refused(offset, **values):
        with pytest.raises(ValidationError) as caught:
            update_profile(
                profile=CooperationProfile.objects.get(pk=profile.pk),
                by=representative,
                now=at(30),
                expires_on=day(offset),
                **values,
            )
        return caught.value.message_dict

    assert refused(25) == {"expires_on": ["The expiry date must be in the future."]}
    assert list(refused(500)) == ["expires_on"]
    assert "must not be after the expiry date" in refused(60, deadline=day(70))["deadline"][0]
    assert state(profile)[:2] == (ProfileStatus.EXPIRED, day(20))


def test_correcting_the_text_but_keeping_the_date_leaves_it_expired(organisation, representative):
    profile = expired(organisation, representative)
    update_profile(
        profile=profile, by=representative, now=at(30), title={"en": "Tanks"}, expires_on=day(20)
    )
    assert state(profile)[:2] == (ProfileStatus.EXPIRED, day(20))
    assert list(filter_profiles({}, today=day(30))) == []


def test_emptying_the_date_lists_it_again_for_six_months_as_a_renewal_would(
    organisation, representative
):
    edited, renewed = (expired(organisation, representative) for _ in range(2))
    update_profile(profile=edited, by=representative, now=at(30), expires_on=None)
    renew_profile(profile=renewed, by=representative, now=at(30))
    assert state(edited) == state(renewed) == (ProfileStatus.PUBLISHED, day(30 + 183), at(30), None)
    assert {p.pk for p in filter_profiles({}, today=day(30))} == {edited.pk, renewed.pk}


def expired_now(organisation, representative):
    profile = make_profile(
        organisation, representative, expires_on=timezone.localdate() + timedelta(days=10)
    )
    CooperationProfile.objects.filter(pk=profile.pk).update(
        expires_on=timezone.localdate() - timedelta(days=2)
    )
    assert expire_profiles() == (1, 0)
    return profile


def later(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_in_the_form_a_later_date_lists_it_again(client, organisation, representative):
    profile = expired_now(organisation, representative)
    client.force_login(representative)
    response = client.post(
        reverse("cooperation:edit", args=[profile.pk]),
        form_data(organisation, expires_on=later(60)),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.status, profile.expires_on.isoformat()) == (ProfileStatus.PUBLISHED, later(60))


def test_in_the_form_an_empty_date_lists_it_again_for_six_months(
    client, organisation, representative
):
    profile = expired_now(organisation, representative)
    client.force_login(representative)
    response = client.post(
        reverse("cooperation:edit", args=[profile.pk]), form_data(organisation, expires_on="")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.status, profile.expires_on.isoformat()) == (ProfileStatus.PUBLISHED, later(183))


def test_through_the_api_a_later_date_lists_it_again(
    organisation, representative, django_assert_max_num_queries
):
    profile = expired_now(organisation, representative)
    client = client_for(representative)
    with django_assert_max_num_queries(15):
        body = send(client, "patch", f"{URL}/{profile.pk}", {"expires_on": later(60)}).json()
    assert (body["status"], body["expires_on"]) == ("published", later(60))
    assert [row["id"] for row in client.get(URL).json()["results"]] == [profile.pk]


def test_a_stranger_may_not_bring_it_back(organisation, representative, outsider):
    profile = expired_now(organisation, representative)
    response = send(client_for(outsider), "patch", f"{URL}/{profile.pk}", {"expires_on": later(60)})
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.EXPIRED


def test_followers_hear_once_that_an_expired_profile_is_listed_again(organisation, representative):
    from django.core import mail

    from helisa.cooperation.services.interest import follow_profile
    from tests.factories import UserFactory

    renewed, edited, listed = (expired(organisation, representative) for _ in range(3))
    follower = UserFactory()
    for profile in (renewed, edited, listed):
        follow_profile(profile=profile, user=follower)
    renew_profile(profile=listed, by=representative, now=at(30))  # listed again: told
    mail.outbox.clear()

    renew_profile(profile=renewed, by=representative, now=at(30))
    update_profile(profile=edited, by=representative, now=at(30), expires_on=day(100))
    renew_profile(profile=listed, by=representative, now=at(40))  # still listed: not told
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([follower.email], "[Helisa] A cooperation profile you follow is listed again")
    ] * 2
    assert (
        "listed until" in mail.outbox[1].body and str(edited.display_title) in mail.outbox[1].body
    )
