"""The pages and endpoints of recommended partners."""

import json

import pytest
from django.test import Client

from helisa.cooperation import candidates
from tests.api.conftest import client_for, error_of
from tests.cooperation.conftest import make_profile
from tests.cooperation.recommendation_data import POLISH_REQUEST, build_registry
from tests.factories import RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    candidates._cache.clear()
    return build_registry()


@pytest.fixture
def member(registry):
    return RoleFactory(organisation=registry.asker).user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_find_partners_ranks_the_french_lab_first_with_reasons(registry, member):
    page = signed_in(member).get(
        "/cooperation/partners/",
        {"text": POLISH_REQUEST, "countries": "FR", "start_organisation": registry.asker.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()

    assert page.status_code == 200
    assert html.index("Laboratoire Hydrogène Lyon") < html.index("Reservas Hoteleras SL")
    assert "In a country you seek: France" in html
    assert "Similar subject" in html


def test_find_partners_asks_for_something_to_look_for(member):
    page = signed_in(member).get("/cooperation/partners/", {"text": "  "})
    assert "Describe what you look for" in page.content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in(registry):
    for url in (
        "/cooperation/partners/",
        f"/cooperation/partners/organisation/{registry.asker.pk}/",
        f"/cooperation/partners/cluster/{registry.cluster.pk}/",
    ):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_organisation_and_cluster_pages_link_to_their_recommendations(registry, member):
    client = signed_in(member)
    organisation_page = client.get(registry.asker.get_absolute_url()).content.decode()
    cluster_page = client.get(registry.cluster.get_absolute_url()).content.decode()

    assert f"/cooperation/partners/organisation/{registry.asker.pk}/" in organisation_page
    assert f"/cooperation/partners/cluster/{registry.cluster.pk}/" in cluster_page
    assert (
        "/cooperation/partners/"
        not in Client().get(registry.asker.get_absolute_url()).content.decode()
    )


def test_the_cluster_page_lists_organisations_outside_the_cluster(registry, member):
    registry.cluster.focus_topics.add(registry.hydrogen)
    html = signed_in(member).get(f"/cooperation/partners/cluster/{registry.cluster.pk}/")
    html = html.content.decode()
    assert "Laboratoire Hydrogène Lyon" in html
    assert "Uniwersytet Testowy" not in html


def test_the_profile_page_loads_its_recommended_partners_for_signed_in_users(registry, member):
    profile = make_profile(registry.asker, member, text={"pl": POLISH_REQUEST})
    url = f"/cooperation/{profile.pk}/partners/"
    assert url in signed_in(member).get(profile.get_absolute_url()).content.decode()
    assert url not in Client().get(profile.get_absolute_url()).content.decode()

    partial = signed_in(UserFactory()).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Laboratoire Hydrogène Lyon" in partial
    assert "<html" not in partial


def test_a_draft_profile_has_no_recommendations_for_outsiders(registry, member):
    profile = make_profile(registry.asker, member, publish=False)
    assert signed_in(UserFactory()).get(f"/cooperation/{profile.pk}/partners/").status_code == 404


# API


def post(client, payload):
    return client.post(
        "/api/v1/cooperation/recommendations?lang=en",
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_the_api_ranks_partners_with_structured_and_rendered_reasons(registry, member):
    response = post(
        client_for(member),
        {
            "text": POLISH_REQUEST,
            "topic_codes": ["/test/hydrogen"],
            "countries": ["FR"],
            "helix_roles": ["research"],
            "start_organisation_id": registry.asker.pk,
            "limit": 3,
        },
    )
    body = response.json()

    assert response.status_code == 200 and len(body) == 3
    first = body[0]
    assert first["organisation"]["id"] == registry.french_lab.pk
    assert first["helix_role"] == "research"
    reasons = {reason["kind"]: reason for reason in first["reasons"]}
    assert reasons["country_sought"]["values"] == ["FR"]
    assert reasons["country_sought"]["text"] == "In a country you seek: France"
    assert reasons["shared_topics"]["values"] == ["/test/hydrogen"]


def test_the_api_reports_every_invalid_value_by_field(registry, member):
    response = post(
        client_for(member),
        {
            "topic_codes": ["/nope"],
            "sector_codes": ["Z99"],
            "countries": ["XX"],
            "start_organisation_id": 999999,
        },
    )
    error = error_of(response)

    assert response.status_code == 422 and error["code"] == "validation_error"
    fields = {detail["field"] for detail in error["details"]}
    assert fields == {"topic_codes", "sector_codes", "countries", "start_organisation_id"}


def test_the_api_needs_something_to_look_for_and_a_sane_limit(registry, member):
    empty = error_of(post(client_for(member), {"text": " "}))
    assert [detail["field"] for detail in empty["details"]] == ["text"]
    too_many = post(client_for(member), {"text": "hydrogen", "limit": 500})
    assert too_many.status_code == 422
    assert error_of(too_many)["details"][0]["field"] == "limit"


def test_the_api_refuses_anonymous_callers(registry):
    assert post(Client(), {"text": "hydrogen"}).status_code == 401
    url = f"/api/v1/cooperation/organisations/{registry.asker.pk}/recommendations"
    assert Client().get(url).status_code == 401


def test_the_api_recommends_for_organisations_profiles_and_clusters(registry, member):
    client = client_for(member)
    profile = make_profile(registry.asker, member, text={"pl": POLISH_REQUEST})
    registry.cluster.focus_topics.add(registry.hydrogen)
    for url in (
        f"/api/v1/cooperation/profiles/{profile.pk}/recommendations?limit=2",
        f"/api/v1/cooperation/organisations/{registry.asker.pk}/recommendations?limit=2",
        f"/api/v1/cooperation/clusters/{registry.cluster.pk}/recommendations?limit=2",
    ):
        response = client.get(url)
        assert response.status_code == 200, response.content
        assert len(response.json()) == 2
    draft = make_profile(registry.asker, member, publish=False)
    outsider = client_for(UserFactory())
    assert (
        outsider.get(f"/api/v1/cooperation/profiles/{draft.pk}/recommendations").status_code == 404
    )
