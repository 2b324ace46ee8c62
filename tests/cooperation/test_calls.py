"""Calls are created from a programme's ready rules, by the secretariat (any programme, listed
for everyone) or by a signed-in user (custom calls of their own, seen only by them); strangers
are refused in the UI and the API. The Interreg and cluster-partnership rule sets hold on real
models, and the programme area reads NUTS's EL/UK as ISO's GR/GB."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from helisa.cooperation.consortium import Member, check_consortium, in_programme_area
from helisa.cooperation.models import Call, CountryList, ProgrammeKind, ProjectStatus
from helisa.cooperation.services import consortia
from helisa.cooperation.services.calls import change_call, create_call, preset
from helisa.registry.models import HelixRole, NutsRegion
from tests.api.conftest import client_for
from tests.factories import ClusterFactory, OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(secretariat):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


@pytest.fixture
def author(db):
    return UserFactory()


def test_a_new_horizon_call_starts_from_the_programme_rules(secretariat):
    call = create_call(by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE 1"})
    assert (call.min_partners, call.min_countries, call.min_in_member_states) == (3, 3, 1)
    assert call.eligible_list == CountryList.HORIZON_EUROPE and call.is_public
    assert call.created_by == secretariat


def test_a_programme_call_may_be_stricter_but_not_weaker(secretariat):
    call = create_call(
        by=secretariat,
        kind=ProgrammeKind.HORIZON_EUROPE,
        name={"en": "HE 2"},
        min_partners=5,
        required_roles={"research": 1},
    )
    assert call.min_partners == 5 and call.required_roles == {"research": 1}
    with pytest.raises(ValidationError) as error:
        create_call(
            by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "x"}, min_countries=2
        )
    assert "min_countries" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        change_call(call=call, by=secretariat, eligible_list=CountryList.NONE)
    assert "eligible_list" in error.value.message_dict
    call.refresh_from_db()
    assert call.eligible_list == CountryList.HORIZON_EUROPE


def test_an_interreg_call_needs_its_programme_area(secretariat):
    with pytest.raises(ValidationError) as error:
        create_call(by=secretariat, kind=ProgrammeKind.INTERREG, name={"en": "IR"})
    assert "programme_regions" in error.value.message_dict
    call = create_call(
        by=secretariat,
        kind=ProgrammeKind.INTERREG,
        name={"en": "IR"},
        programme_regions=["pl9", "GR", "bad code"][:2],
    )
    assert call.programme_regions == ["GR", "PL9"] and call.min_countries == 2


def test_bad_codes_are_refused_field_by_field(author):
    with pytest.raises(ValidationError) as error:
        create_call(
            by=author,
            kind=ProgrammeKind.CUSTOM,
            name={},
            eligible_countries=["XX"],
            programme_regions=["not a code"],
            required_roles={"wizard": 1},
            min_partners=4,
            max_partners=3,
        )
    assert set(error.value.message_dict) == {
        "name",
        "eligible_countries",
        "programme_regions",
        "required_roles",
        "max_partners",
    }


def test_a_user_creates_custom_calls_of_their_own_only(author, outsider):
    with pytest.raises(PermissionDenied):
        create_call(by=author, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE"})
    call = create_call(by=author, kind=ProgrammeKind.CUSTOM, name={"en": "Ours"}, min_partners=2)
    assert not call.is_public
    with pytest.raises(PermissionDenied):
        change_call(call=call, by=outsider, min_partners=3)
    change_call(call=call, by=author, min_partners=3)
    call.refresh_from_db()
    assert call.min_partners == 3


def test_the_form_starts_from_the_preset_and_saves(secretariat):
    client = Client()
    client.force_login(secretariat)
    page = client.get("/cooperation/calls/new/?kind=cluster_partnership").content.decode()
    assert 'name="min_cluster_organisations"' in page and 'value="3"' in page
    data = {
        "kind": "cluster_partnership",
        "name_en": "Clusters together",
        "min_partners": 3,
        "max_partners": 6,
        "min_countries": 3,
        "min_in_member_states": 0,
        "min_cluster_organisations": 2,
        "min_cluster_countries": 3,
    }
    response = client.post("/cooperation/calls/new/", data)
    assert response.status_code == 200  # refused: weaker than the programme
    body = response.content.decode()
    assert "asks for at least 3" in body and 'value="Clusters together"' in body
    response = client.post("/cooperation/calls/new/", {**data, "min_cluster_organisations": 3})
    call = Call.objects.get()
    assert response.url == call.get_absolute_url()
    assert call.kind == ProgrammeKind.CLUSTER_PARTNERSHIP and call.name["en"] == "Clusters together"
    edit = client.post(
        f"/cooperation/calls/{call.pk}/edit/", {**data, "min_cluster_organisations": 4}
    )
    assert edit.status_code == 302
    call.refresh_from_db()
    assert call.min_cluster_organisations == 4


def test_strangers_are_refused_in_the_ui(secretariat, author, outsider):
    call = create_call(by=secretariat, kind=ProgrammeKind.CUSTOM, name={"en": "Open"})
    own = create_call(by=author, kind=ProgrammeKind.CUSTOM, name={"en": "Private"})
    anonymous = Client()
    assert anonymous.get("/cooperation/calls/new/").status_code == 302
    client = Client()
    client.force_login(outsider)
    assert client.get("/cooperation/calls/new/?kind=horizon_europe").status_code == 403
    assert client.post(f"/cooperation/calls/{call.pk}/edit/", {"name_en": "x"}).status_code == 403
    assert client.get(f"/cooperation/calls/{own.pk}/").status_code == 404
    assert "Private" not in client.get("/cooperation/calls/").content.decode()
    author_client = Client()
    author_client.force_login(author)
    assert "Private" in author_client.get("/cooperation/calls/").content.decode()
    assert author_client.get(f"/cooperation/calls/{call.pk}/edit/").status_code == 403


def test_the_api_creates_and_changes_calls(secretariat, author):
    api = client_for(secretariat)
    response = api.post(
        "/api/v1/calls",
        data=json.dumps({"kind": "interreg", "name": {"en": "IR"}, "programme_regions": ["PL"]}),
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["min_countries"] == 2 and body["programme_regions"] == ["PL"]
    response = api.patch(
        f"/api/v1/calls/{body['id']}",
        data=json.dumps({"programme_regions": []}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "programme_regions"
    response = api.patch(
        f"/api/v1/calls/{body['id']}",
        data=json.dumps({"min_partners": 4}),
        content_type="application/json",
    )
    assert response.json()["min_partners"] == 4
    mine = client_for(author).post(
        "/api/v1/calls",
        data=json.dumps({"kind": "custom", "name": {"en": "Mine"}}),
        content_type="application/json",
    )
    assert mine.status_code == 201 and mine.json()["is_public"] is False


def test_strangers_are_refused_in_the_api(secretariat, author, outsider):
    call = create_call(by=secretariat, kind=ProgrammeKind.CUSTOM, name={"en": "Open"})
    own = create_call(by=author, kind=ProgrammeKind.CUSTOM, name={"en": "Private"})
    api = client_for(outsider)
    payload = json.dumps({"kind": "horizon_europe", "name": {"en": "HE"}})
    response = api.post("/api/v1/calls", data=payload, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    patch = json.dumps({"min_partners": 5})
    assert (
        api.patch(f"/api/v1/calls/{call.pk}", data=patch, content_type="application/json")
    ).status_code == 403
    assert (
        api.patch(f"/api/v1/calls/{own.pk}", data=patch, content_type="application/json")
    ).status_code == 404
    assert (
        Client().post("/api/v1/calls", data=payload, content_type="application/json").status_code
        == 401
    )
    assert api.get(f"/api/v1/calls/{own.pk}").status_code == 404
    assert [c["id"] for c in api.get("/api/v1/calls").json()["results"]] == [call.pk]
    call.refresh_from_db()
    assert call.min_partners == preset("custom")["min_partners"]


def test_the_programme_area_reads_nuts_and_iso_spellings_alike():
    assert in_programme_area("EL301", {"GR"})
    assert in_programme_area("EL301", {"EL3"})
    assert in_programme_area("UKI31", {"GB"})
    assert not in_programme_area("PL911", {"GR"})
    assert not in_programme_area("", {"GR"})
    member = Member(id=1, country="GR", region="EL301")
    from helisa.cooperation.consortium import Rules

    rules = Rules(min_partners=1, max_partners=2, programme_regions=frozenset({"GR"}))
    assert not check_consortium(rules, [member])


def _region(code, country_code):
    return NutsRegion.objects.get_or_create(
        code=code,
        defaults={"level": 3, "country": country(country_code), "name_latin": code},
    )[0]


def test_interreg_rules_on_real_models(secretariat):
    call = create_call(
        by=secretariat,
        kind=ProgrammeKind.INTERREG,
        name={"en": "Interreg Greece-Poland"},
        programme_regions=["GR", "PL9"],
        required_roles={"public": 1},
    )
    lead = RoleFactory(
        organisation__country=country("PL"), organisation__region=_region("PL911", "PL")
    )
    start = lead.organisation
    greek = OrganisationFactory(
        country=country("GR"), region=_region("EL301", "GR"), helix_role=HelixRole.PUBLIC
    )
    outside = OrganisationFactory(
        country=country("DE"), region=_region("DE300", "DE"), helix_role=HelixRole.PUBLIC
    )
    proposals, _reasons, _outcome = consortia.propose(call=call, start=start, time_limit=5)
    assert proposals  # one: the registry holds a single eligible partner
    for proposal in proposals:
        assert not proposal.breaches
        assert greek.pk in proposal.ids and outside.pk not in proposal.ids
    with pytest.raises(ValidationError):
        consortia.save_idea(
            call=call, start=start, organisation_ids=[greek.pk, outside.pk], by=lead.user
        )
    project = consortia.save_idea(call=call, start=start, organisation_ids=[greek.pk], by=lead.user)
    assert project.status == ProjectStatus.IDEA and project.country_count == 2


def test_cluster_partnership_rules_on_real_models(secretariat):
    call = create_call(by=secretariat, kind=ProgrammeKind.CLUSTER_PARTNERSHIP, name={"en": "CP"})
    manager = RoleFactory(
        organisation=ClusterFactory(organisation__country=country("PL")).organisation
    )
    start = manager.organisation
    french = ClusterFactory(organisation__country=country("FR")).organisation
    spanish = ClusterFactory(organisation__country=country("ES")).organisation
    second_french = ClusterFactory(organisation__country=country("FR")).organisation
    company = OrganisationFactory(country=country("DE"))
    proposals, _reasons, _outcome = consortia.propose(call=call, start=start, time_limit=5)
    assert proposals
    for proposal in proposals:
        assert not proposal.breaches and spanish.pk in proposal.ids
    refused = [second_french.pk, french.pk, company.pk]
    with pytest.raises(ValidationError) as error:
        consortia.save_idea(call=call, start=start, organisation_ids=refused, by=manager.user)
    assert error.value.messages == [
        "Cluster organisations from 2 countries; the call needs at least 3."
    ]
    saved = consortia.save_idea(
        call=call, start=start, organisation_ids=[french.pk, spanish.pk], by=manager.user
    )
    assert saved.partners.count() == 3


def test_every_partner_adds_relevance_whatever_the_ranker_scores(secretariat):
    """The learned ranker's scores have no meaningful zero: counted from the least relevant
    candidate, no partner lowers a consortium's relevance, so the builder is not pushed to the
    smallest consortium by where that zero happens to fall."""
    call = create_call(by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE"})
    start = RoleFactory(organisation__country=country("PL")).organisation
    for code in ("DE", "FR", "IT", "ES"):
        OrganisationFactory(country=country(code))
    start_member, others, _data = consortia.members_for(call, start)
    assert start_member.relevance == 0.0
    assert min(member.relevance for member in others) == 0.0
