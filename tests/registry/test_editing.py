import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from helisa.core.folding import fold
from helisa.registry.geo import forget_cached_regions
from helisa.registry.models import (
    ChangeRecord,
    Cluster,
    ClusterKind,
    HelixRole,
    NutsRegion,
    Organisation,
    Role,
    RoleKind,
)
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.django_db


def organisation_data(**changes):
    data = {
        "legal_name": "Fabryka Wodoru S.A.",
        "short_name": "FW",
        "helix_role": HelixRole.BUSINESS,
        "business_size": "sme",
        "country": "PL",
        "city": "Gdańsk",
        "postcode": "80-001",
        "street": "Długa 1",
        "website": "https://fabryka-wodoru.example.org",
        "vat_number": "PL 526-025-09-95",
        "pic": "912345678",
        "sectors": ["20", "20.11"],
        "description_en": "We make green hydrogen.",
        "description_pl": "Produkujemy zielony wodór.",
        "description_other_0_language": "de",
        "description_other_0_text": "Wir machen grünen Wasserstoff.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def cluster_data(**changes):
    data = {
        "name": "Pomeranian Hydrogen Valley",
        "kind": ClusterKind.CLUSTER,
        "staff_fte": "1.5",
        "founded_year": "2019",
        "regions": ["PL63"],
        "eccp_url": "https://reporting.clustercollaboration.eu/hydrogen",
        "esca_label": "bronze",
        "esca_valid_until": "2027-05-31",
    }
    data.update(changes)
    return data


@pytest.fixture
def member_client(client):
    """A signed-in user with no role anywhere."""
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def square_region(db):
    """A NUTS 3 region far from every real one: a one-degree square in the Atlantic."""
    square = [[-30.0, 0.0], [-29.0, 0.0], [-29.0, 1.0], [-30.0, 1.0], [-30.0, 0.0]]
    region = NutsRegion.objects.create(
        code="PLZZZ",
        level=3,
        country=country("PL"),
        name_latin="Test square",
        name_native="Test square",
        label_lon=-29.5,
        label_lat=0.5,
        boundary={"type": "Polygon", "coordinates": [square]},
        min_lon=-30.0,
        min_lat=0.0,
        max_lon=-29.0,
        max_lat=1.0,
    )
    forget_cached_regions()
    yield region
    forget_cached_regions()


def test_a_signed_in_user_registers_an_organisation_and_represents_it(member_client):
    response = member_client.post(reverse("registry:organisation_create"), organisation_data())

    organisation = Organisation.objects.get(legal_name="Fabryka Wodoru S.A.")
    assert response.url == organisation.get_absolute_url()
    assert organisation.owner == member_client.user
    assert Role.objects.filter(
        user=member_client.user, organisation=organisation, kind=RoleKind.REPRESENTATIVE
    ).exists()
    assert organisation.description == {
        "en": "We make green hydrogen.",
        "pl": "Produkujemy zielony wodór.",
        "de": "Wir machen grünen Wasserstoff.",
    }
    assert organisation.vat_number == "PL5260250995"
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["20", "20.11"]
    assert "gdansk" in organisation.search_text
    record = ChangeRecord.objects.get(record_type="organisation", record_id=str(organisation.pk))
    assert record.action == ChangeRecord.Action.CREATED and record.by == member_client.user
    assert record.changes["legal_name"] == [None, "Fabryka Wodoru S.A."]


def test_the_region_is_found_from_the_coordinates(member_client, square_region):
    member_client.post(
        reverse("registry:organisation_create"),
        organisation_data(latitude="0.5", longitude="-29.5"),
    )

    assert Organisation.objects.get(legal_name="Fabryka Wodoru S.A.").region == square_region


def test_a_region_given_by_hand_is_kept(member_client, square_region):
    member_client.post(
        reverse("registry:organisation_create"),
        organisation_data(latitude="52.2", longitude="21.0", region="PLZZZ"),
    )

    assert Organisation.objects.get(legal_name="Fabryka Wodoru S.A.").region == square_region


def test_a_likely_duplicate_is_offered_and_what_was_typed_is_kept(member_client):
    existing = OrganisationFactory(legal_name="Fabryka Wodoru Sp. z o.o.", country=country("PL"))
    url = reverse("registry:organisation_create")

    response = member_client.post(url, organisation_data(legal_name="FABRYKA WODORU S.A."))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Is it one of these?" in html
    assert existing.get_absolute_url() in html
    assert 'value="FABRYKA WODORU S.A."' in html
    assert 'value="Gdańsk"' in html
    assert "Wir machen grünen Wasserstoff." in html
    assert 'name="not_a_duplicate"' in html
    assert not Organisation.objects.filter(legal_name="FABRYKA WODORU S.A.").exists()

    member_client.post(
        url, organisation_data(legal_name="FABRYKA WODORU S.A.", not_a_duplicate="on")
    )
    assert Organisation.objects.filter(legal_name="FABRYKA WODORU S.A.").exists()


def test_a_similar_name_in_another_country_is_no_duplicate(member_client):
    OrganisationFactory(legal_name="Fabryka Wodoru GmbH", country=country("DE"))

    member_client.post(reverse("registry:organisation_create"), organisation_data())

    assert Organisation.objects.filter(legal_name="Fabryka Wodoru S.A.").exists()


def test_mistakes_are_explained_and_what_was_typed_is_kept(member_client):
    response = member_client.post(
        reverse("registry:organisation_create"),
        organisation_data(
            pic="12",
            latitude="52.1",
            vat_number="5260250995",
            region="XX999",
            description_other_0_language="",
        ),
    )

    html = response.content.decode()
    assert "A PIC has 9 digits." in html
    assert "Give both the latitude and the longitude, or neither." in html
    assert "A VAT number starts with its country code" in html
    assert "There is no NUTS 3 region with this code." in html
    assert "Choose the language this description is written in." in html
    assert 'value="Fabryka Wodoru S.A."' in html and 'value="52.1"' in html
    assert not Organisation.objects.exists()


def test_editing_records_what_changed(client):
    organisation = OrganisationFactory(city="Warszawa", owner=UserFactory())
    client.force_login(organisation.owner)

    response = client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        organisation_data(legal_name=organisation.legal_name, city="Kraków", sectors=[]),
    )

    assert response.url == organisation.get_absolute_url()
    organisation.refresh_from_db()
    assert organisation.city == "Kraków"
    record = ChangeRecord.objects.filter(action=ChangeRecord.Action.UPDATED).get()
    assert record.by == organisation.owner
    assert record.changes["city"] == ["Warszawa", "Kraków"]
    assert "legal_name" not in record.changes


def test_the_edit_form_shows_the_saved_values(client, owner, cluster):
    organisation = cluster.organisation
    organisation.description = {"en": "Hydrogen", "fr": "Hydrogène"}
    organisation.save()
    client.force_login(owner)

    html = client.get(reverse("registry:organisation_edit", args=[organisation.pk])).content
    html = html.decode()

    assert f'value="{organisation.legal_name}"' in html
    assert "Hydrogène" in html and '<option value="fr" selected>' in html


def test_moving_the_coordinates_finds_the_region_again(client, square_region):
    organisation = OrganisationFactory(owner=UserFactory(), region_id="PL911")
    client.force_login(organisation.owner)

    client.post(
        reverse("registry:organisation_edit", args=[organisation.pk]),
        organisation_data(
            legal_name=organisation.legal_name, region="PL911", latitude="0.2", longitude="-29.8"
        ),
    )

    organisation.refresh_from_db()
    assert organisation.region == square_region


def owner_of(organisation):
    organisation.owner = UserFactory()
    organisation.save()
    return organisation.owner


def representative_of(organisation):
    return RoleFactory(organisation=organisation, kind=RoleKind.REPRESENTATIVE).user


def secretariat_member(organisation):
    user = UserFactory(is_secretariat=True)
    # The secretariat signs in with a second factor; without one it is sent to set it up.
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


@pytest.mark.parametrize("user_for", [owner_of, representative_of, secretariat_member])
def test_who_may_edit_an_organisation(client, user_for):
    organisation = OrganisationFactory()
    client.force_login(user_for(organisation))

    response = client.get(reverse("registry:organisation_edit", args=[organisation.pk]))

    assert response.status_code == 200
    assert f'value="{organisation.legal_name}"' in response.content.decode()


def test_a_cluster_manager_may_edit_the_cluster_organisation(client, owner, cluster):
    client.force_login(owner)
    for name in ("organisation_edit", "cluster_edit", "cluster_members", "record_history"):
        assert client.get(reverse(f"registry:{name}", args=[cluster.pk])).status_code == 200


def test_creating_a_cluster_organisation_in_one_step(member_client):
    data = organisation_data(helix_role=HelixRole.OTHER, business_size="") | cluster_data()

    response = member_client.post(reverse("registry:cluster_create"), data)

    cluster = Cluster.objects.get(name="Pomeranian Hydrogen Valley")
    assert response.url == cluster.get_absolute_url()
    assert cluster.organisation.legal_name == "Fabryka Wodoru S.A."
    assert cluster.organisation.owner == member_client.user
    assert Role.objects.filter(
        user=member_client.user, organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER
    ).exists()
    assert list(cluster.regions.values_list("code", flat=True)) == ["PL63"]
    assert not cluster.is_validated
    assert set(
        ChangeRecord.objects.filter(organisation=cluster.organisation).values_list(
            "record_type", flat=True
        )
    ) == {"organisation", "cluster"}


def test_turning_one_of_my_organisations_into_a_cluster_organisation(member_client):
    mine = OrganisationFactory(owner=member_client.user, helix_role=HelixRole.OTHER)
    OrganisationFactory(legal_name="Not mine")

    page = member_client.get(reverse("registry:cluster_create")).content.decode()
    assert mine.legal_name in page and "Not mine" not in page

    member_client.post(
        reverse("registry:cluster_create"), {"organisation": mine.pk} | cluster_data()
    )

    assert Cluster.objects.get(organisation=mine).name == "Pomeranian Hydrogen Valley"
    assert Role.objects.filter(
        user=member_client.user, organisation=mine, kind=RoleKind.CLUSTER_MANAGER
    ).exists()


def test_someone_elses_organisation_cannot_become_my_cluster(member_client):
    theirs = OrganisationFactory(owner=UserFactory())

    response = member_client.post(
        reverse("registry:cluster_create"), {"organisation": theirs.pk} | cluster_data()
    )

    assert response.status_code == 200
    assert not Cluster.objects.filter(organisation=theirs).exists()


def test_cluster_form_mistakes_are_explained(member_client):
    response = member_client.post(
        reverse("registry:cluster_create"),
        organisation_data(helix_role=HelixRole.OTHER, business_size="")
        | cluster_data(founded_year="2999", esca_valid_until="", staff_fte="-1"),
    )

    html = response.content.decode()
    assert "The founding year cannot be in the future." in html
    assert "Give the date until which the label is valid." in html
    assert 'value="Pomeranian Hydrogen Valley"' in html
    assert not Cluster.objects.exists()


def test_editing_a_cluster_records_the_change_and_validation(client, owner, cluster):
    client.force_login(owner)

    client.post(
        reverse("registry:cluster_edit", args=[cluster.pk]),
        cluster_data(name="Hydrogen Valley", staff_fte="0.25", esca_label="", esca_valid_until=""),
    )

    cluster.refresh_from_db()
    assert cluster.name == "Hydrogen Valley"
    record = ChangeRecord.objects.get(record_type="cluster", action=ChangeRecord.Action.UPDATED)
    assert record.changes["staff_fte"] == ["2.00", "0.25"]
    assert record.changes["regions"] == [[], ["PL63"]]
    assert fold("Hydrogen Valley") in Organisation.objects.get(pk=cluster.pk).search_text


PROTECTED = [
    "organisation_edit",
    "cluster_edit",
    "cluster_members",
    "cluster_member_suggestions",
    "record_history",
]


@pytest.mark.parametrize("name", PROTECTED)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_is_refused(client, outsider, cluster, name, method):
    client.force_login(outsider)
    url = reverse(f"registry:{name}", args=[cluster.pk])

    response = getattr(client, method)(
        url, organisation_data(legal_name="Taken over") | cluster_data(name="Taken over")
    )

    assert response.status_code == 403
    assert not Organisation.objects.filter(legal_name="Taken over").exists()
    assert not Cluster.objects.filter(name="Taken over").exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.parametrize("name", PROTECTED)
def test_an_anonymous_visitor_is_sent_to_sign_in(client, cluster, name):
    response = client.get(reverse(f"registry:{name}", args=[cluster.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["organisation_create", "cluster_create"])
def test_creating_needs_signing_in(client, name):
    response = client.post(reverse(f"registry:{name}"), organisation_data())

    assert response.url.startswith(reverse("account_login"))
    assert not Organisation.objects.exists()


def test_manage_links_are_shown_to_managers_only(client, owner, outsider, cluster):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    for user, shown in ((owner, True), (outsider, False)):
        request.user = user
        html = render_to_string(
            "registry/_manage_links.html", {"object": cluster, "user": user}, request=request
        )
        assert (reverse("registry:cluster_members", args=[cluster.pk]) in html) is shown
        assert (reverse("registry:record_history", args=[cluster.pk]) in html) is shown
        assert (reverse("registry:organisation_edit", args=[cluster.pk]) in html) is shown
