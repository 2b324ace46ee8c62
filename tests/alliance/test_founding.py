"""Founding an alliance (the platform secretariat) and editing it (its secretariat), in the UI
and the API; everyone else is refused and nothing changes."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import date

import pytest
from django.urls import reverse

from helisa.alliance.models import Alliance
from tests.alliance.membership_cast import alliance_secretariat, with_mfa  # noqa: F401
from tests.api.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def founding_form(**changes):
    return {
        "name_en": "Baltic Cluster Network",
        "name_pl": "Bałtycka Sieć Klastrów",
        "name_lt": "Baltijos klasterių tinklas",
        "mission_en": "Clusters around the Baltic sea.",
        "mission_pl": "Klastry wokół Bałtyku.",
        "founded_on": "2024-05-14",
        "founded_in": "Vilnius",
        "secretariat": "first@example.org\nsecond@example.org",
        **changes,
    }


@pytest.fixture
def team(db):
    return [UserFactory(email="first@example.org"), UserFactory(email="second@example.org")]


def test_the_platform_secretariat_founds_an_alliance_in_the_ui(client, secretariat, team):
    client.force_login(with_mfa(secretariat))
    assert "Found an alliance" in client.get(reverse("alliance:list")).content.decode()

    response = client.post(reverse("alliance:new"), founding_form())

    alliance = Alliance.objects.get()
    assert response.url == alliance.get_absolute_url()
    assert alliance.slug == "baltic-cluster-network"
    assert alliance.name == {
        "en": "Baltic Cluster Network",
        "pl": "Bałtycka Sieć Klastrów",
        "lt": "Baltijos klasterių tinklas",
    }
    assert alliance.mission["pl"] == "Klastry wokół Bałtyku."
    assert (alliance.founded_on, alliance.founded_in) == (date(2024, 5, 14), "Vilnius")
    assert set(alliance.secretariat.all()) == set(team)
    page = client.get(alliance.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Bałtycka Sieć Klastrów" in page and "Vilnius" in page


def test_an_unknown_secretariat_address_and_a_taken_address_are_refused(
    client, secretariat, team, alliance
):
    client.force_login(with_mfa(secretariat))
    response = client.post(reverse("alliance:new"), founding_form(secretariat="who@nowhere.org"))
    assert "No active account has the address who@nowhere.org." in response.content.decode()
    response = client.post(reverse("alliance:new"), founding_form(slug="eca"))
    assert "This address is taken" in response.content.decode()
    assert list(Alliance.objects.all()) == [alliance]


@pytest.mark.parametrize("who", ["outsider", "alliance secretary"])
def test_only_the_platform_secretariat_founds_in_the_ui(
    client, outsider, alliance_secretariat, team, who
):
    user = outsider if who == "outsider" else alliance_secretariat
    client.force_login(user)
    assert "Found an alliance" not in client.get(reverse("alliance:list")).content.decode()
    assert client.get(reverse("alliance:new")).status_code == 403
    assert client.post(reverse("alliance:new"), founding_form()).status_code == 403
    assert not Alliance.objects.filter(slug="baltic-cluster-network").exists()


def test_the_alliance_secretariat_edits_its_alliance_in_the_ui(
    client, alliance, alliance_secretariat, team
):
    client.force_login(alliance_secretariat)
    edit = reverse("alliance:edit", args=[alliance.slug])
    assert edit in client.get(alliance.get_absolute_url()).content.decode()
    form = client.get(edit).content.decode()
    assert "European Clusters Alliance" in form and alliance_secretariat.email in form

    response = client.post(
        edit,
        founding_form(
            slug="eca",
            name_en="European Clusters Alliance",
            founded_in="Warszawa",
            secretariat=f"{alliance_secretariat.email}\nfirst@example.org",
        ),
    )

    assert response.url == alliance.get_absolute_url()
    alliance.refresh_from_db()
    assert alliance.founded_in == "Warszawa" and alliance.name["lt"] == "Baltijos klasterių tinklas"
    assert set(alliance.secretariat.all()) == {alliance_secretariat, team[0]}


def test_an_outsider_cannot_edit_an_alliance_in_the_ui(client, alliance, outsider):
    client.force_login(outsider)
    edit = reverse("alliance:edit", args=[alliance.slug])
    assert client.get(edit).status_code == 403
    assert client.post(edit, founding_form(slug="eca")).status_code == 403
    alliance.refresh_from_db()
    assert alliance.founded_in == "" and "lt" not in alliance.name


# The API

BODY = {
    "name": {"en": "Baltic Cluster Network", "pl": "Bałtycka Sieć Klastrów"},
    "mission": {"en": "Clusters around the Baltic sea."},
    "founded_on": "2024-05-14",
    "founded_in": "Vilnius",
    "secretariat": ["first@example.org"],
}


def test_the_platform_secretariat_founds_an_alliance_through_the_api(secretariat, team):
    response = client_for(secretariat).post(
        "/api/v1/alliances", BODY, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "baltic-cluster-network" and body["founded_in"] == "Vilnius"
    assert body["names"]["pl"] == "Bałtycka Sieć Klastrów"
    assert list(Alliance.objects.get().secretariat.all()) == [team[0]]
    again = client_for(secretariat).post("/api/v1/alliances", BODY, content_type="application/json")
    assert again.status_code == 409
    unknown = client_for(secretariat).post(
        "/api/v1/alliances",
        {**BODY, "slug": "other", "secretariat": ["who@nowhere.org"]},
        content_type="application/json",
    )
    assert unknown.status_code == 422
    assert Alliance.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "alliance secretary"])
def test_only_the_platform_secretariat_founds_through_the_api(
    outsider, alliance_secretariat, team, who
):
    user = outsider if who == "outsider" else alliance_secretariat
    response = client_for(user).post("/api/v1/alliances", BODY, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Alliance.objects.filter(slug="baltic-cluster-network").exists()
    assert client_for(user).get("/api/v1/docs").status_code in {200, 302}


def test_the_api_describes_who_may_found():
    schema = client_for(UserFactory()).get("/api/v1/openapi.json").json()
    assert "platform secretariat" in schema["paths"]["/api/v1/alliances"]["post"]["description"]


def test_the_alliance_secretariat_edits_through_the_api(alliance, alliance_secretariat, team):
    response = client_for(alliance_secretariat).patch(
        "/api/v1/alliances/eca",
        {"founded_in": "Warszawa", "mission": {"pl": "Razem."}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["founded_in"] == "Warszawa"
    alliance.refresh_from_db()
    assert alliance.mission == {"pl": "Razem."}
    assert alliance.name["en"] == "European Clusters Alliance"
    assert list(alliance.secretariat.all()) == [alliance_secretariat]


def test_an_outsider_cannot_edit_through_the_api(alliance, outsider):
    response = client_for(outsider).patch(
        "/api/v1/alliances/eca", {"founded_in": "Nowhere"}, content_type="application/json"
    )
    assert response.status_code == 403
    alliance.refresh_from_db()
    assert alliance.founded_in == ""
