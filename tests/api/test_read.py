import pytest

from helisa.registry.models import HelixRole, MembershipStatus
from helisa.registry.services.clusters import review_cluster
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organisation_list_shows_what_is_stored(client, reference):
    organisation = OrganisationFactory(
        legal_name="Łódzka Fabryka Robotów", region=reference["region"]["PL911"]
    )

    body = client.get("/api/v1/organisations").json()

    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    assert body["results"] == [
        {
            "id": organisation.pk,
            "legal_name": "Łódzka Fabryka Robotów",
            "short_name": "",
            "helix_role": "business",
            "country": "PL",
            "region": "PL911",
            "city": "Warszawa",
            "website": "",
            "is_demo": False,
        }
    ]


def test_organisation_filters(client, reference):
    robots = OrganisationFactory(
        legal_name="Robots", helix_role=HelixRole.UNIVERSITY, region=reference["region"]["PL911"]
    )
    robots.sectors.add(reference["division"])
    robots.topics.add(reference["topic"])
    OrganisationFactory(legal_name="Bakery", helix_role=HelixRole.BUSINESS)

    def names(**params):
        body = client.get("/api/v1/organisations", params).json()
        return [row["legal_name"] for row in body["results"]]

    assert names(helix_role="university") == ["Robots"]
    assert names(region="PL9") == ["Robots"]
    assert names(sector="C") == ["Robots"]
    assert names(topic=str(reference["topic"].pk)) == ["Robots"]
    assert names(country="pl") == ["Bakery", "Robots"]
    assert names(country="FR") == []


def test_organisation_search_folds_accents(client, reference):
    from helisa.registry.services.organisations import create_organisation

    create_organisation(by=None, legal_name="Łódź Tech", helix_role="business", country_id="PL")
    OrganisationFactory(legal_name="Other")

    body = client.get("/api/v1/organisations", {"q": "lodz"}).json()

    assert [row["legal_name"] for row in body["results"]] == ["Łódź Tech"]


def test_pagination_links_and_count(client, db):
    for number in range(5):
        OrganisationFactory(legal_name=f"Organisation {number}")

    first = client.get("/api/v1/organisations", {"limit": 2}).json()
    last = client.get("/api/v1/organisations", {"limit": 2, "offset": 4}).json()

    assert first["count"] == 5 and len(first["results"]) == 2
    assert "offset=2" in first["next"] and first["previous"] is None
    assert [row["legal_name"] for row in last["results"]] == ["Organisation 4"]
    assert last["next"] is None and "offset=2" in last["previous"]


def test_limit_has_a_maximum(client, db):
    response = client.get("/api/v1/organisations", {"limit": 10_000})

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "limit"


def test_organisation_detail(client, reference):
    organisation = OrganisationFactory(
        description={"en": "We build robots", "pl": "Budujemy roboty"},
        region=reference["region"]["PL911"],
    )
    organisation.sectors.add(reference["division"])
    organisation.topics.add(reference["topic"])
    membership = MembershipFactory(member=organisation, status=MembershipStatus.ACTIVE)

    body = client.get(f"/api/v1/organisations/{organisation.pk}", {"lang": "pl"}).json()

    assert body["description"] == {"en": "We build robots", "pl": "Budujemy roboty"}
    assert body["country"]["code"] == "PL" and body["country"]["name"] == "Polska"
    assert body["region"] == {"code": "PL911", "level": 3, "name": "Miasto Warszawa"}
    division = reference["division"]
    assert body["sectors"] == [
        {"code": "26", "name": division.label.get("pl", division.label["en"])}
    ]
    assert body["topics"][0]["name"] == "robotyka"
    assert body["memberships"] == [
        {
            "cluster": {"id": membership.cluster.pk, "name": membership.cluster.name},
            "since": membership.since.isoformat(),
            "status": "active",
        }
    ]
    assert body["cluster"] is None


def test_cluster_list_and_filters(client, reference):
    validated = ClusterFactory(name="Validated", is_validated=True)
    ClusterFactory(name="Association", kind="association")

    def names(**params):
        return [row["name"] for row in client.get("/api/v1/clusters", params).json()["results"]]

    assert names() == ["Association", "Validated"]
    assert names(validated="true") == ["Validated"]
    assert names(validated="false") == ["Association"]
    assert names(kind="association") == ["Association"]
    row = client.get("/api/v1/clusters", {"validated": "true"}).json()["results"][0]
    assert row["id"] == validated.pk and row["organisation"] == validated.organisation_id
    assert row["country"] == "PL" and row["is_validated"] is True


def test_cluster_detail_explains_validation(client, cluster, secretariat):
    MembershipFactory(cluster=cluster, member__helix_role=HelixRole.UNIVERSITY)
    MembershipFactory(cluster=cluster, status=MembershipStatus.ENDED)
    review_cluster(cluster=cluster, by=secretariat)

    body = client.get(f"/api/v1/clusters/{cluster.pk}").json()

    assert body["name"] == cluster.name
    assert body["members"] == {
        "active": 1,
        "total": 2,
        "cross_border": 0,
        "by_helix_role": {"university": 1},
    }
    validation = body["validation"]
    assert validation["reviewed"] is True and validation["is_validated"] is False
    assert validation["active_members"] == 1
    assert any("15" in reason for reason in validation["unmet"])


def test_cluster_members_are_paginated(client, cluster):
    for name in ["Beta", "Alpha", "Gamma"]:
        MembershipFactory(cluster=cluster, member__legal_name=name)

    body = client.get(f"/api/v1/clusters/{cluster.pk}/members", {"limit": 2}).json()

    assert body["count"] == 3
    assert [row["member"]["legal_name"] for row in body["results"]] == ["Alpha", "Beta"]
    assert body["results"][0]["status"] == "active"


def test_reference_data(client, reference):
    countries = client.get("/api/v1/countries", {"lang": "pl", "limit": 200}).json()["results"]
    greece = next(row for row in countries if row["code"] == "GR")
    assert greece == {"code": "GR", "eu_code": "EL", "name": "Grecja"}

    regions = client.get("/api/v1/regions", {"country": "PL", "level": 2}).json()["results"]
    assert "PL91" in [row["code"] for row in regions]
    assert all("boundary" not in row for row in regions)

    region = client.get("/api/v1/regions/pl911").json()
    assert region["code"] == "PL911" and "boundary" in region

    sectors = client.get("/api/v1/sectors", {"parent": "C", "lang": "pl"}).json()["results"]
    division = next(row for row in sectors if row["code"] == "26")
    assert division["level"] == 2 and division["parent"] == "C"
    assert division["name"] == reference["division"].label.get("pl", division["label"]["en"])

    topics = client.get("/api/v1/topics", {"q": "robotyka", "lang": "pl"}).json()["results"]
    assert [row["code"] for row in topics] == ["/api-test/robotics"]


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/api/v1/organisations", lambda n, ref: [_organisation(ref) for _ in range(n)]),
        ("/api/v1/clusters", lambda n, ref: [ClusterFactory() for _ in range(n)]),
    ],
)
def test_lists_take_the_same_queries_for_one_and_three_rows(
    client, reference, django_assert_num_queries, url, make
):
    make(1, reference)
    with django_assert_num_queries(1) as one:
        client.get(url)
    make(2, reference)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).json()["count"] == 3


def test_members_list_takes_the_same_queries_for_one_and_three(
    client, cluster, django_assert_num_queries
):
    MembershipFactory(cluster=cluster)
    with django_assert_num_queries(2):
        client.get(f"/api/v1/clusters/{cluster.pk}/members")
    MembershipFactory.create_batch(2, cluster=cluster)
    with django_assert_num_queries(2):
        assert client.get(f"/api/v1/clusters/{cluster.pk}/members").json()["count"] == 3


def test_organisation_detail_queries_do_not_grow_with_memberships(
    client, reference, django_assert_num_queries
):
    organisation = _organisation(reference)
    MembershipFactory(member=organisation)
    with django_assert_num_queries(6) as one:  # the sixth: the organisations it controls
        client.get(f"/api/v1/organisations/{organisation.pk}")
    MembershipFactory.create_batch(2, member=organisation)
    with django_assert_num_queries(len(one.captured_queries)):
        assert (
            len(client.get(f"/api/v1/organisations/{organisation.pk}").json()["memberships"]) == 3
        )


def _organisation(reference):
    organisation = OrganisationFactory(region=reference["region"]["PL911"])
    organisation.sectors.add(reference["division"])
    return organisation
