from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helisa.cooperation.models import (
    ExpressionOfInterest,
    Follow,
    InterestStatus,
    ProfileStatus,
    SavedSearch,
)
from helisa.cooperation.services.interest import express_interest
from helisa.cooperation.services.notifications import wants
from tests.cooperation.conftest import make_profile

pytestmark = pytest.mark.django_db


def _page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_list_shows_published_profiles_and_hides_expired_and_withdrawn(
    client, organisation, representative
):
    make_profile(organisation, representative, title={"en": "Listed offer"})
    expired = make_profile(organisation, representative, title={"en": "Old offer"})
    expired.status = ProfileStatus.EXPIRED
    expired.save()
    make_profile(organisation, representative, title={"en": "Draft offer"}, publish=False)
    late = make_profile(organisation, representative, title={"en": "Late offer"})
    late.expires_on = timezone.localdate() - timedelta(days=1)
    late.save()

    page = _page(client, reverse("cooperation:list"))

    assert "Listed offer" in page
    for hidden in ("Old offer", "Draft offer", "Late offer"):
        assert hidden not in page


def test_the_list_filters_and_searches_folded(client, organisation, representative):
    make_profile(organisation, representative, title={"en": "Łódź textiles"})
    make_profile(organisation, representative, title={"en": "Hydrogen"})
    page = _page(client, reverse("cooperation:list"), q="lodz")
    assert "Łódź textiles" in page and "Hydrogen" not in page


def test_the_list_costs_the_same_queries_for_one_and_three_profiles(
    client, organisation, representative
):
    url = reverse("cooperation:list")
    make_profile(organisation, representative)
    _queries(client, url)  # fills the filter options' cache
    one = _queries(client, url)
    make_profile(organisation, representative)
    make_profile(organisation, representative)
    assert _queries(client, url) == one


def test_my_profiles_costs_the_same_queries_for_one_and_three(
    client, organisation, representative, interested, interested_organisation
):
    client.force_login(representative)
    url = reverse("cooperation:my_profiles")
    first = make_profile(organisation, representative)
    express_interest(
        profile=first, organisation=interested_organisation, by=interested, message="Hi"
    )
    one = _queries(client, url)
    make_profile(organisation, representative)
    make_profile(organisation, representative)
    assert _queries(client, url) == one


def test_contact_is_shown_only_after_acceptance(
    client, profile, representative, interested, interested_organisation
):
    url = profile.get_absolute_url()
    client.force_login(interested)
    client.post(
        reverse("cooperation:interest_create", args=[profile.pk]),
        {"organisation": interested_organisation.pk, "message": "We build trucks"},
    )
    interest = ExpressionOfInterest.objects.get()
    assert interest.message == "We build trucks"
    assert "anna@tanks.example" not in _page(client, url)

    client.force_login(representative)
    owner_page = _page(client, url)
    assert "We build trucks" in owner_page
    client.post(reverse("cooperation:interest_accept", args=[interest.pk]))

    client.force_login(interested)
    assert "anna@tanks.example" in _page(client, url)


def test_the_public_never_sees_the_contact(client, profile):
    page = _page(client, profile.get_absolute_url())
    assert "Hydrogen storage tanks" in page
    assert "anna@tanks.example" not in page


def test_the_text_is_shown_in_the_readers_language_with_a_fallback(client, profile):
    client.cookies["django_language"] = "pl"
    page = _page(
        client,
        profile.get_absolute_url(),
    )
    assert "Zbiorniki na wodór" in page
    assert "Composite tanks for trucks." in page


@pytest.mark.parametrize("name", ["edit", "publish", "renew", "withdraw"])
def test_outsiders_are_refused_the_managing_pages(client, profile, outsider, name):
    client.force_login(outsider)
    url = reverse(f"cooperation:{name}", args=[profile.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED


@pytest.mark.parametrize("name", ["interest_accept", "interest_decline"])
def test_outsiders_and_the_interested_party_may_not_answer(
    client, profile, outsider, interested, interested_organisation, name
):
    interest = express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hi"
    )
    for somebody in (outsider, interested):
        client.force_login(somebody)
        assert client.post(reverse(f"cooperation:{name}", args=[interest.pk])).status_code == 403
    interest.refresh_from_db()
    assert interest.status == InterestStatus.PENDING


def test_a_draft_is_not_shown_to_outsiders(client, organisation, representative, outsider):
    draft = make_profile(organisation, representative, publish=False)
    client.force_login(outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_representative_writes_and_withdraws_a_profile(client, representative, organisation):
    client.force_login(representative)
    response = client.post(
        reverse("cooperation:create"),
        {
            "organisation": organisation.pk,
            "kind": "rd_partnership",
            "direction": "request",
            "title_en": "Partners for a Horizon Europe project",
            "text_en": "We coordinate.",
            "other_language": "fr",
            "other_title": "Partenaires",
            "helix_roles_sought": ["university", "research"],
            "publish": "1",
        },
    )
    profile = organisation.cooperation_profiles.get()
    assert response.url == profile.get_absolute_url()
    assert profile.title == {"en": "Partners for a Horizon Europe project", "fr": "Partenaires"}
    assert profile.status == ProfileStatus.PUBLISHED
    assert profile.helix_roles_sought == ["research", "university"]

    client.post(reverse("cooperation:withdraw", args=[profile.pk]))
    profile.refresh_from_db()
    assert profile.status == ProfileStatus.WITHDRAWN


def test_follow_with_htmx(client, profile, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("cooperation:follow", args=[profile.pk]), {"follow": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "Following" in response.content.decode()
    assert Follow.objects.filter(user=outsider, profile=profile).exists()


def test_saving_the_current_filters(client, outsider):
    client.force_login(outsider)
    client.post(
        reverse("cooperation:saved_search_create"),
        {"name": "Offers", "kind": "technology_offer", "q": ""},
    )
    assert SavedSearch.objects.get(user=outsider).params == {"kind": "technology_offer"}
    assert "Offers" in _page(client, reverse("cooperation:saved_searches"))


def test_the_preferences_page_stops_a_kind(client, outsider):
    client.force_login(outsider)
    assert "saved searches" in _page(client, reverse("cooperation:preferences"))
    client.post(
        reverse("cooperation:preferences"),
        {"interest_received": "on", "interest_answered": "on", "renewal_reminder": "on"},
    )
    assert not wants(outsider, "saved_search_digest")
    assert wants(outsider, "interest_received")


@pytest.mark.parametrize(
    "name", ["create", "my_profiles", "my_interests", "saved_searches", "preferences"]
)
def test_personal_pages_need_signing_in(client, name):
    response = client.get(reverse(f"cooperation:{name}"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
