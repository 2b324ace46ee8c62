"""The expiry date on the profile's pages: chosen in the form (which shows what is wrong and keeps
what was typed), published until that day, renewed to another; strangers may not renew."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from helisa.cooperation.models import CooperationProfile, ProfileStatus
from helisa.cooperation.services.profiles import VALIDITY, create_profile
from tests.cooperation.conftest import make_profile

pytestmark = pytest.mark.django_db


def day(offset):
    return timezone.localdate() + timedelta(days=offset)


def form_data(organisation, **values):
    return {
        "organisation": organisation.pk,
        "kind": "rd_partnership",
        "direction": "request",
        "title_en": "Partners for a pilot plant",
        "text_en": "We coordinate.",
        **values,
    }


def test_a_past_expiry_date_is_refused_and_the_form_keeps_what_was_typed(
    client, representative, organisation
):
    client.force_login(representative)
    typed = day(-3).isoformat()
    response = client.post(
        reverse("cooperation:create"), form_data(organisation, expires_on=typed, publish="1")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The expiry date must be in the future." in page
    assert f'value="{typed}"' in page
    assert 'value="Partners for a pilot plant"' in page
    assert not CooperationProfile.objects.exists()


def test_more_than_a_year_ahead_and_a_late_deadline_are_refused_together(
    client, representative, organisation
):
    client.force_login(representative)
    page = client.post(
        reverse("cooperation:create"),
        form_data(organisation, expires_on=day(30).isoformat(), deadline=day(31).isoformat()),
    ).content.decode()
    assert "The deadline for answers must not be after the expiry date" in page
    assert f'value="{day(31).isoformat()}"' in page

    page = client.post(
        reverse("cooperation:create"), form_data(organisation, expires_on=day(400).isoformat())
    ).content.decode()
    assert "The expiry date may be at most 12 months ahead" in page
    assert not CooperationProfile.objects.exists()


def test_a_chosen_date_is_saved_shown_and_published(client, representative, organisation):
    client.force_login(representative)
    form = client.get(reverse("cooperation:create")).content.decode()
    assert 'name="expires_on"' in form and "Leave empty for six months" in form
    client.post(
        reverse("cooperation:create"), form_data(organisation, expires_on=day(45).isoformat())
    )
    profile = CooperationProfile.objects.get()
    assert (profile.status, profile.expires_on) == (ProfileStatus.DRAFT, day(45))
    edit = client.get(reverse("cooperation:edit", args=[profile.pk])).content.decode()
    assert f'value="{day(45).isoformat()}"' in edit

    url = reverse("cooperation:publish", args=[profile.pk])
    assert "It is listed until" in client.get(url).content.decode()
    client.post(url)
    profile.refresh_from_db()
    assert (profile.status, profile.expires_on) == (ProfileStatus.PUBLISHED, day(45))


def test_the_owner_renews_to_a_chosen_date_or_for_six_months(client, representative, organisation):
    profile = make_profile(organisation, representative)
    client.force_login(representative)
    url = reverse("cooperation:renew", args=[profile.pk])
    page = client.get(url).content.decode()
    assert "or until a date you choose" in page and 'name="expires_on"' in page

    response = client.post(url, {"expires_on": day(300).isoformat()}, follow=True)
    profile.refresh_from_db()
    assert profile.expires_on == day(300)
    assert "The profile is renewed until" in response.content.decode()

    page = client.post(url, {"expires_on": day(500).isoformat()}).content.decode()
    assert "at most 12 months ahead" in page and f'value="{day(500).isoformat()}"' in page
    page = client.post(url, {}).content.decode()
    assert "renewing it for six months from today would shorten that" in page
    profile.refresh_from_db()
    assert profile.expires_on == day(300)

    profile.expires_on = day(3)
    profile.save()
    client.post(url, {})
    profile.refresh_from_db()
    assert profile.expires_on == day(0) + VALIDITY


def test_strangers_may_not_renew(client, profile, outsider, interested):
    before = profile.expires_on
    for somebody in (outsider, interested):
        client.force_login(somebody)
        url = reverse("cooperation:renew", args=[profile.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"expires_on": day(300).isoformat()}).status_code == 403
    profile.refresh_from_db()
    assert profile.expires_on == before


def test_a_draft_whose_chosen_date_has_passed_is_not_published(
    client, representative, organisation
):
    month_ago = timezone.now() - timedelta(days=30)
    profile = create_profile(
        organisation=organisation,
        by=representative,
        now=month_ago,
        kind="technology_offer",
        title={"en": "Hydrogen tanks"},
        expires_on=day(-5),
    )
    client.force_login(representative)
    url = reverse("cooperation:publish", args=[profile.pk])
    page = client.get(url).content.decode()
    assert "The expiry date you chose has passed" in page and ">Publish</button>" not in page
    client.post(url)
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.DRAFT

    data = form_data(organisation, expires_on=day(-5).isoformat())
    page = client.post(
        reverse("cooperation:edit", args=[profile.pk]), {**data, "publish": "1"}
    ).content.decode()
    assert "The expiry date you chose has passed" in page
    client.post(
        reverse("cooperation:edit", args=[profile.pk]), {**data, "expires_on": "", "publish": "1"}
    )
    profile.refresh_from_db()
    assert (profile.status, profile.expires_on) == (ProfileStatus.PUBLISHED, day(0) + VALIDITY)
