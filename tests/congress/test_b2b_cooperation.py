"""A B2B profile shows what the participant's organisation offers and seeks in its cooperation
profiles: only those published and not expired, with links, read in a bounded number of queries."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helisa.cooperation.models import Direction, ProfileKind, ProfileStatus
from tests.congress.factories import CooperationProfileFactory, ParticipantFactory
from tests.congress.test_b2b_api import API, client_for


def _profiles_of(organisation):
    """One listed offer and request, and three that must not show."""
    yesterday = timezone.localdate() - timedelta(days=1)
    listed = [
        CooperationProfileFactory(
            organisation=organisation, title={"en": f"Sensors of {organisation.pk}"}
        ),
        CooperationProfileFactory(
            organisation=organisation,
            kind=ProfileKind.TECHNOLOGY_REQUEST,
            direction=Direction.REQUEST,
            title={"en": f"Partner sought by {organisation.pk}", "pl": "Szukamy partnera"},
            expires_on=None,
        ),
    ]
    CooperationProfileFactory(
        organisation=organisation, title={"en": "Draft offer"}, status=ProfileStatus.DRAFT
    )
    CooperationProfileFactory(
        organisation=organisation, title={"en": "Past its date"}, expires_on=yesterday
    )
    CooperationProfileFactory(
        organisation=organisation, title={"en": "Withdrawn offer"}, status=ProfileStatus.WITHDRAWN
    )
    return listed


@pytest.fixture
def a(people):
    people[0].listed = _profiles_of(people[0].organisation)
    return people[0]


def _assert_only_listed(text, participant):
    assert f"Sensors of {participant.organisation.pk}" in text
    assert f"Partner sought by {participant.organisation.pk}" in text
    for hidden in ("Draft offer", "Past its date", "Withdrawn offer"):
        assert hidden not in text


def test_the_participant_page_lists_the_organisations_offers_and_requests(client, congress, a):
    page = client.get(reverse("congress:b2b_participant", args=[congress.slug, a.pk]))
    text = page.content.decode()
    _assert_only_listed(text, a)
    for item in a.listed:
        assert f'href="{item.get_absolute_url()}"' in text


def test_my_own_profile_page_shows_them_too(client, congress, a):
    client.force_login(a.registration.user)
    page = client.get(reverse("congress:b2b_profile", args=[congress.slug]))
    _assert_only_listed(page.content.decode(), a)


def test_the_participants_list_links_them(client, congress, a):
    page = client.get(reverse("congress:b2b_participants", args=[congress.slug]))
    _assert_only_listed(page.content.decode(), a)


def test_the_api_gives_them_with_their_links_in_the_language_asked(congress, a):
    body = Client().get(f"{API}/{congress.slug}/b2b/participants?lang=pl").json()
    mine = next(row for row in body["results"] if row["id"] == a.pk)
    assert [p["direction"] for p in mine["cooperation_profiles"]] == ["offer", "request"]
    request = mine["cooperation_profiles"][1]
    assert request["title"] == "Szukamy partnera" and request["expires_on"] is None
    assert request["web_url"] == settings.SITE_URL + reverse(
        "cooperation:profile", args=[request["id"]]
    )
    api_path = request["api_url"].removeprefix(settings.SITE_URL)
    assert Client().get(api_path).json()["id"] == request["id"]
    me = client_for(a.registration.user).get(f"{API}/{congress.slug}/b2b/me").json()
    assert {p["id"] for p in me["cooperation_profiles"]} == {
        p["id"] for p in mine["cooperation_profiles"]
    }


def test_a_participant_without_an_organisation_has_none(congress, people):
    lone = people[1]
    lone.organisation = None
    lone.save()
    body = Client().get(f"{API}/{congress.slug}/b2b/participants").json()
    assert next(r for r in body["results"] if r["id"] == lone.pk)["cooperation_profiles"] == []


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        lambda congress: reverse("congress:b2b_participants", args=[congress.slug]),
        lambda congress: f"{API}/{congress.slug}/b2b/participants",
    ],
    ids=["page", "api"],
)
def test_the_lists_read_the_same_for_one_participant_as_for_many(client, congress, morning, url):
    _profiles_of(ParticipantFactory(congress=congress).organisation)
    client.get(url(congress))
    one = _count(client, url(congress))
    for _ in range(5):
        _profiles_of(ParticipantFactory(congress=congress).organisation)
    assert _count(client, url(congress)) == one
