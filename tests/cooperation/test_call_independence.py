"""Whether affiliated organisations count as one partner is a call's own choice: on for Horizon
Europe (which keeps it), off for Interreg, cluster partnerships and custom calls unless their
author turns it on, in the form or the API; the builder and the checker follow the call. A
stranger changes nothing."""

import importlib
import re

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from helisa.cooperation.models import Call, ProgrammeKind
from helisa.cooperation.services import consortia
from helisa.cooperation.services.calls import change_call, create_call, preset
from tests.api.conftest import client_for
from tests.cooperation.api_helpers import send
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.django_db

SENTENCE = "Affiliated organisations (one controls the other, or one group holds both)"


@pytest.fixture
def author(db):
    return UserFactory()


@pytest.fixture
def secretariat(secretariat):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


def is_checked(response):
    [box] = re.findall(r"<input[^>]*name=\"counts_independent_entities\"[^>]*>", response.text)
    return " checked" in box


def custom_call(by, **values):
    rules = {"min_partners": 3, "min_countries": 3}
    return create_call(by=by, kind=ProgrammeKind.CUSTOM, name={"en": "Own"}, **rules | values)


@pytest.fixture
def group():
    """A coordinator in Poland, and a holding in Germany with its daughter in France."""
    lead = RoleFactory(organisation__country=country("PL"))
    head = OrganisationFactory(legal_name="Holding AG", country=country("DE"))
    daughter = OrganisationFactory(
        legal_name="Holding SAS", country=country("FR"), controlled_by=head
    )
    return lead, head, daughter


def test_each_programme_starts_from_what_its_rules_say():
    assert preset(ProgrammeKind.HORIZON_EUROPE)["counts_independent_entities"] is True
    for kind in (ProgrammeKind.INTERREG, ProgrammeKind.CLUSTER_PARTNERSHIP, ProgrammeKind.CUSTOM):
        assert preset(kind)["counts_independent_entities"] is False


def test_horizon_europe_keeps_the_rule_and_interreg_may_add_it(secretariat):
    horizon = create_call(by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE"})
    assert horizon.counts_independent_entities
    with pytest.raises(ValidationError) as error:
        change_call(call=horizon, by=secretariat, counts_independent_entities=False)
    assert error.value.message_dict["counts_independent_entities"] == [
        "A call of Horizon Europe collaborative project counts affiliated organisations as one "
        "partner."
    ]
    interreg = create_call(
        by=secretariat,
        kind=ProgrammeKind.INTERREG,
        name={"en": "IR"},
        programme_regions=["PL"],
        counts_independent_entities=True,
    )
    assert interreg.counts_independent_entities


def test_a_custom_call_with_the_rule_counts_affiliates_as_one(author, group):
    lead, head, daughter = group
    call = custom_call(author, counts_independent_entities=True)

    with pytest.raises(ValidationError) as error:
        consortia.save_idea(
            call=call, start=lead.organisation, organisation_ids=[head.pk, daughter.pk], by=author
        )
    assert (
        "2 independent legal entities (affiliated organisations count as one); the call needs "
        "at least 3." in error.value.messages
    )
    shown, _suggested = consortia.review(
        call=call, start=lead.organisation, organisation_ids=[head.pk, daughter.pk]
    )
    assert (
        "Holding AG and Holding SAS are affiliated: they count as one independent legal entity."
        in shown.rules_met
    )

    independent = OrganisationFactory(country=country("ES"))
    proposals, _reasons, _outcome = consortia.propose(
        call=call, start=lead.organisation, time_limit=5
    )
    assert proposals
    for proposal in proposals:
        assert not proposal.breaches and independent.pk in proposal.ids


def test_a_custom_call_without_the_rule_counts_affiliates_apart(author, group):
    lead, head, daughter = group
    call = custom_call(author)
    assert not call.counts_independent_entities

    shown, _suggested = consortia.review(
        call=call, start=lead.organisation, organisation_ids=[head.pk, daughter.pk]
    )
    assert not shown.breaches
    assert not any("affiliated" in sentence for sentence in shown.rules_met)
    project = consortia.save_idea(
        call=call, start=lead.organisation, organisation_ids=[head.pk, daughter.pk], by=author
    )
    assert project.partners.count() == 3


def test_the_form_sets_the_rule_and_the_page_says_so(
    author, secretariat, django_assert_max_num_queries
):
    client = Client()
    client.force_login(secretariat)
    assert is_checked(client.get("/cooperation/calls/new/?kind=horizon_europe"))
    client.force_login(author)
    page = client.get("/cooperation/calls/new/?kind=custom")
    assert "Affiliated organisations count as one partner (independent legal entities)" in (
        page.text
    )
    assert not is_checked(page)
    data = {
        "kind": "custom",
        "name_en": "Own",
        "min_partners": 3,
        "max_partners": 8,
        "min_countries": 3,
        "min_in_member_states": 0,
        "min_cluster_organisations": 0,
        "min_cluster_countries": 0,
        "counts_independent_entities": "on",
    }
    response = client.post("/cooperation/calls/new/", data)
    call = Call.objects.get()
    assert response.url == call.get_absolute_url()
    assert call.counts_independent_entities
    with django_assert_max_num_queries(6):
        assert SENTENCE in client.get(call.get_absolute_url()).content.decode()

    del data["counts_independent_entities"]
    assert client.post(f"/cooperation/calls/{call.pk}/edit/", data).status_code == 302
    call.refresh_from_db()
    assert not call.counts_independent_entities
    assert SENTENCE not in client.get(call.get_absolute_url()).content.decode()


def test_the_form_refuses_to_drop_the_rule_of_horizon_europe(secretariat):
    call = create_call(by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE"})
    client = Client()
    client.force_login(secretariat)
    data = {"kind": "horizon_europe", "name_en": "HE", "eligible_list": "horizon_europe"}
    data |= {name: getattr(call, name) for name in ("min_partners", "max_partners")}
    data |= {"min_countries": 3, "min_in_member_states": 1}
    data |= {"min_cluster_organisations": 0, "min_cluster_countries": 0}
    response = client.post(f"/cooperation/calls/{call.pk}/edit/", data)
    assert response.status_code == 200
    assert "counts affiliated organisations as one partner" in response.content.decode()
    call.refresh_from_db()
    assert call.counts_independent_entities


def test_the_api_sets_the_rule(author, secretariat):
    api = client_for(author)
    mine = {"kind": "custom", "name": {"en": "Mine"}, "counts_independent_entities": True}
    created = send(api, "post", "/api/v1/calls", mine)
    assert created.status_code == 201
    body = created.json()
    assert body["counts_independent_entities"] is True
    url = f"/api/v1/calls/{body['id']}"
    changed = send(api, "patch", url, {"counts_independent_entities": False})
    assert changed.json()["counts_independent_entities"] is False
    assert Call.objects.get(pk=body["id"]).counts_independent_entities is False
    assert send(api, "patch", url, {"min_partners": 4}).json()["counts_independent_entities"] is (
        False
    )

    horizon = send(
        client_for(secretariat),
        "post",
        "/api/v1/calls",
        {"kind": "horizon_europe", "name": {"en": "HE"}},
    )
    assert horizon.json()["counts_independent_entities"] is True
    refused = send(
        client_for(secretariat),
        "patch",
        f"/api/v1/calls/{horizon.json()['id']}",
        {"counts_independent_entities": False},
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "counts_independent_entities"


def test_a_stranger_cannot_change_the_rule(author, secretariat, outsider):
    own = custom_call(author, counts_independent_entities=True)
    public = custom_call(secretariat, counts_independent_entities=True)
    with pytest.raises(PermissionDenied):
        change_call(call=own, by=outsider, counts_independent_entities=False)
    api = client_for(outsider)
    patch = {"counts_independent_entities": False}
    assert send(api, "patch", f"/api/v1/calls/{public.pk}", patch).status_code == 403
    assert send(api, "patch", f"/api/v1/calls/{own.pk}", patch).status_code == 404
    assert Client().patch(f"/api/v1/calls/{own.pk}").status_code == 401
    client = Client()
    client.force_login(outsider)
    form = {"kind": "custom", "name_en": "Taken", "min_partners": 3, "max_partners": 8}
    assert client.post(f"/cooperation/calls/{public.pk}/edit/", form).status_code == 403
    assert client.get(f"/cooperation/calls/{own.pk}/edit/").status_code in (403, 404)
    assert Call.objects.filter(counts_independent_entities=True).count() == 2


def test_the_migration_turns_the_rule_on_for_existing_horizon_calls():
    migration = importlib.import_module(
        "helisa.cooperation.migrations.0008_call_independent_entities"
    )
    horizon = Call.objects.create(name={"en": "HE"}, kind=ProgrammeKind.HORIZON_EUROPE)
    interreg = Call.objects.create(name={"en": "IR"}, kind=ProgrammeKind.INTERREG)

    migration.horizon_calls_count_independent_entities(apps, None)

    horizon.refresh_from_db()
    interreg.refresh_from_db()
    assert horizon.counts_independent_entities and not interreg.counts_independent_entities
