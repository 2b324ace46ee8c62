"""An organisation may be controlled by another: edited by its managers, without loops, kept in
the history, shown on its page and in the API."""

import json

import pytest
from django.urls import reverse

from helisa.registry.control import chain_above, group_of, would_make_cycle
from helisa.registry.models import ChangeRecord, HelixRole
from tests.api.conftest import client_for, error_of
from tests.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit_data(organisation, **changes):
    data = {
        "legal_name": organisation.legal_name,
        "helix_role": organisation.helix_role,
        "country": organisation.country_id,
        "city": organisation.city,
        "not_a_duplicate": "on",
    }
    data.update(changes)
    return data


@pytest.fixture
def group():
    """A head, its subsidiary, and the subsidiary's own subsidiary."""
    head = OrganisationFactory(legal_name="Grupa Azoty S.A.")
    middle = OrganisationFactory(legal_name="Azoty Police S.A.", controlled_by=head)
    low = OrganisationFactory(legal_name="Police Logistyka Sp. z o.o.", controlled_by=middle)
    return head, middle, low


def signed_in(client, organisation):
    user = RoleFactory(organisation=organisation).user
    client.force_login(user)
    return user


def test_a_manager_names_the_controlling_organisation_and_the_history_keeps_it(client):
    parent = OrganisationFactory(legal_name="Orlen S.A.")
    organisation = OrganisationFactory(legal_name="Orlen Lab Sp. z o.o.")
    user = signed_in(client, organisation)

    response = client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        edit_data(organisation, controlled_by=parent.pk),
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.controlled_by == parent
    record = organisation.history.get(action=ChangeRecord.Action.UPDATED)
    assert record.by == user and record.changes["controlled_by"] == [None, parent.pk]
    history = client.get(reverse("registry:record_history", args=[organisation.pk]))
    assert "Controlled by" in history.content.decode()
    assert "Orlen S.A." in history.content.decode()


def test_the_edit_form_offers_it_with_the_current_controller(client, group):
    _head, middle, _low = group
    signed_in(client, middle)

    html = client.get(reverse("registry:organisation_edit", args=[middle.pk])).content.decode()

    assert 'name="controlled_by"' in html
    assert "Now controlled by Grupa Azoty S.A." in html


def test_a_refused_form_names_the_saved_controller_not_the_typed_one(client, group):
    head, middle, low = group
    other = OrganisationFactory(legal_name="Orlen S.A.")
    signed_in(client, middle)

    response = client.post(
        reverse("registry:organisation_edit", args=[middle.pk]),
        edit_data(middle, controlled_by=other.pk, website="not a web address"),
    )

    assert "website" in response.context["form"].errors
    html = response.content.decode()
    assert "Now controlled by Grupa Azoty S.A." in html and "Now controlled by Orlen" not in html
    middle.refresh_from_db()
    assert middle.controlled_by == head


def test_clearing_it_is_recorded_too(client, group):
    head, middle, _low = group
    signed_in(client, middle)

    client.post(reverse("registry:organisation_edit", args=[middle.pk]), edit_data(middle))

    middle.refresh_from_db()
    assert middle.controlled_by is None
    assert middle.history.get().changes["controlled_by"] == [head.pk, None]


@pytest.mark.parametrize("controller", ["itself", "its subsidiary", "below its subsidiary"])
def test_a_loop_of_control_is_refused_with_a_clear_error(client, group, controller):
    head, middle, low = group
    chosen = {"itself": head, "its subsidiary": middle, "below its subsidiary": low}[controller]
    signed_in(client, head)

    response = client.post(
        reverse("registry:organisation_edit", args=[head.pk]),
        edit_data(head, controlled_by=chosen.pk),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["controlled_by"]
    assert errors == (
        ["An organisation cannot be controlled by itself."]
        if chosen == head
        else [
            f"This organisation controls {chosen}, directly or through others; "
            f"{chosen} cannot control it."
        ]
    )
    head.refresh_from_db()
    assert head.controlled_by is None


def test_an_unknown_number_is_a_field_error(client):
    organisation = OrganisationFactory()
    signed_in(client, organisation)

    response = client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        edit_data(organisation, controlled_by=987654),
    )

    assert response.context["form"].errors["controlled_by"] == ["No organisation has this number."]


def test_a_stranger_cannot_change_it(client, group):
    head, _middle, _low = group
    other = OrganisationFactory()
    client.force_login(UserFactory())

    response = client.post(
        reverse("registry:organisation_edit", args=[other.pk]),
        edit_data(other, controlled_by=head.pk),
    )

    assert response.status_code == 403
    other.refresh_from_db()
    assert other.controlled_by is None


def test_the_page_shows_the_group_and_what_it_controls(
    client, group, django_assert_max_num_queries
):
    head, middle, low = group
    OrganisationFactory(legal_name="Azoty Serwis", controlled_by=middle)

    with django_assert_max_num_queries(12):
        html = client.get(middle.get_absolute_url()).content.decode()
    assert f'Part of <a href="{head.get_absolute_url()}">Grupa Azoty S.A.</a>' in html
    assert "Controls" in html
    assert low.legal_name in html and "Azoty Serwis" in html

    low_page = client.get(low.get_absolute_url()).content.decode()
    assert "Part of" in low_page and "Grupa Azoty S.A." in low_page
    assert f'through <a href="{middle.get_absolute_url()}">Azoty Police S.A.</a>' in low_page


def test_the_page_queries_do_not_grow_with_the_chain_or_the_subsidiaries(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    top = OrganisationFactory()
    chain = [top]
    for _level in range(2):
        chain.append(OrganisationFactory(controlled_by=chain[-1]))
    OrganisationFactory(controlled_by=chain[-1])
    with django_assert_max_num_queries(12) as short:
        client.get(chain[-1].get_absolute_url())
    for _level in range(3):
        top_new = OrganisationFactory()
        top.controlled_by = top_new
        top.save()
        top = top_new
    OrganisationFactory.create_batch(3, controlled_by=chain[-1])
    with django_assert_num_queries(len(short.captured_queries)):
        client.get(chain[-1].get_absolute_url())


def test_chains_are_walked_safely():
    links = {2: 1, 3: 2, 5: 4, 4: 5}  # 4 and 5 loop: data from elsewhere
    assert chain_above(3, links) == [2, 1]
    assert group_of(3, links) == 1 and group_of(1, links) == 1
    assert group_of(5, links) in {4, 5}
    assert would_make_cycle(1, 3, links) and would_make_cycle(1, 1, links)
    assert not would_make_cycle(3, 1, links)


# API


def test_the_api_shows_control_both_ways(client, group):
    head, middle, low = group

    body = client.get(f"/api/v1/organisations/{middle.pk}").json()

    assert body["controlled_by"] == {"id": head.pk, "legal_name": head.legal_name}
    assert body["controls"] == [{"id": low.pk, "legal_name": low.legal_name}]


def send(client, method, url, payload):
    return getattr(client, method)(url, data=json.dumps(payload), content_type="application/json")


def test_the_api_sets_clears_and_refuses_a_loop(group):
    head, middle, low = group
    user = RoleFactory(organisation=head).user
    api = client_for(user)
    url = f"/api/v1/organisations/{head.pk}"

    refused = send(api, "patch", url, {"controlled_by": low.pk})
    assert refused.status_code == 422
    [detail] = error_of(refused)["details"]
    assert detail["field"] == "controlled_by"
    assert "cannot control it" in detail["message"]

    other = OrganisationFactory(legal_name="Holding")
    assert send(api, "patch", url, {"controlled_by": other.pk}).json()["controlled_by"]["id"] == (
        other.pk
    )
    head.refresh_from_db()
    assert head.controlled_by == other
    assert head.history.filter(by=user).latest("pk").changes["controlled_by"] == [None, other.pk]
    assert send(api, "patch", url, {"controlled_by": None}).json()["controlled_by"] is None

    unknown = send(api, "patch", url, {"controlled_by": 987654})
    assert error_of(unknown)["details"][0]["field"] == "controlled_by"


def test_the_api_refuses_a_stranger(group):
    head, _middle, low = group

    response = send(
        client_for(UserFactory()),
        "patch",
        f"/api/v1/organisations/{low.pk}",
        {"controlled_by": None},
    )

    assert response.status_code == 403
    low.refresh_from_db()
    assert low.controlled_by_id is not None


def test_the_api_registers_an_organisation_with_its_controller(group):
    head, _middle, _low = group

    response = send(
        client_for(UserFactory()),
        "post",
        "/api/v1/organisations",
        {
            "legal_name": "Azoty Nowa",
            "helix_role": HelixRole.BUSINESS,
            "country": "PL",
            "controlled_by": head.pk,
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["controlled_by"]["id"] == head.pk
