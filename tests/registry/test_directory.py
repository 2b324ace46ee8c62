"""The public directory: filters, lists, pagination and detail pages."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.registry.models import ClusterKind, EscaLabel, HelixRole, MembershipStatus
from helisa.registry.queries import filter_clusters, filter_organisations
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, country
from tests.registry.directory_data import manufacture_of_computers, region, sector, topic

pytestmark = pytest.mark.django_db


def names(queryset):
    return [str(item) for item in queryset]


# Filters


def test_country_filter():
    OrganisationFactory(legal_name="Polish Ltd")
    OrganisationFactory(legal_name="Bulgarian Ltd", country=country("BG"))

    assert names(filter_organisations({"country": "bg"})) == ["Bulgarian Ltd"]


def test_region_filter_takes_any_nuts_level():
    OrganisationFactory(legal_name="In Warsaw", region=region("PL911", "Miasto Warszawa"))
    OrganisationFactory(legal_name="In Łódź", region=region("PL711", "Miasto Łódź"))

    assert names(filter_organisations({"region": "PL91"})) == ["In Warsaw"]
    assert names(filter_organisations({"region": "PL9"})) == ["In Warsaw"]
    assert names(filter_organisations({"region": "PL911"})) == ["In Warsaw"]
    assert names(filter_organisations({"region": "PL"})) == ["In Warsaw", "In Łódź"]


def test_helix_role_filter_ignores_unknown_roles():
    OrganisationFactory(legal_name="Firm")
    OrganisationFactory(legal_name="University", helix_role=HelixRole.UNIVERSITY)

    assert names(filter_organisations({"helix_role": "university"})) == ["University"]
    assert names(filter_organisations({"helix_role": "wizard"})) == ["Firm", "University"]


def test_sector_filter_includes_every_level_below():
    electronics = OrganisationFactory(legal_name="Electronics")
    electronics.sectors.set([manufacture_of_computers(), sector("26.12", "26.1")])
    OrganisationFactory(legal_name="Farm").sectors.set([sector("A"), sector("01", "A")])

    for code in ("C", "26", "26.1", "26.11"):
        assert names(filter_organisations({"sector": code})) == ["Electronics"], code
    assert names(filter_organisations({"sector": "A"})) == ["Farm"]


def test_topic_filter_includes_narrower_euroscivoc_topics():
    engineering = topic("/900", "/engineering and technology")
    hydrogen = topic("/900/1", "/engineering and technology/hydrogen energy", engineering)
    biology = topic("/800", "/natural sciences")
    OrganisationFactory(legal_name="Electrolysers").topics.set([hydrogen])
    OrganisationFactory(legal_name="Lab").topics.set([biology])

    assert names(filter_organisations({"topic": engineering.pk})) == ["Electrolysers"]
    assert names(filter_organisations({"topic": "/900/1"})) == ["Electrolysers"]
    assert names(filter_organisations({"topic": "no-such-topic"})) == []


def test_cluster_filters():
    validated = ClusterFactory(name="Validated Cluster", is_validated=True)
    validated.regions.set([region("PL911", "Miasto Warszawa")])
    validated.focus_sectors.set([manufacture_of_computers()])
    ClusterFactory(name="National Association", kind=ClusterKind.ASSOCIATION)

    assert names(filter_clusters({"validated": "1"})) == ["Validated Cluster"]
    assert names(filter_clusters({"validated": "0"})) == ["National Association"]
    assert names(filter_clusters({"kind": "association"})) == ["National Association"]
    assert names(filter_clusters({"region": "PL91"})) == ["Validated Cluster"]
    assert names(filter_clusters({"sector": "C"})) == ["Validated Cluster"]
    assert names(filter_clusters({"country": "PL"})) == [
        "National Association",
        "Validated Cluster",
    ]


def test_a_cluster_is_in_the_region_of_its_organisation():
    organisation = OrganisationFactory(region=region("PL711", "Miasto Łódź"))
    ClusterFactory(name="Łódź Textiles", organisation=organisation)

    assert names(filter_clusters({"region": "PL71"})) == ["Łódź Textiles"]
    assert names(filter_clusters({"region": "PL91"})) == []


# List pages


def test_organisations_page_lists_filters_and_results(client):
    OrganisationFactory(
        legal_name="Uniwersytet Łódzki",
        helix_role=HelixRole.UNIVERSITY,
        region=region("PL711", "Miasto Łódź"),
        search_text="uniwersitet lodzki lodz",
    )
    OrganisationFactory(legal_name="Other Ltd")

    page = client.get(reverse("registry:organisations"), {"q": "lodz", "country": "PL"})

    html = page.content.decode()
    assert "Uniwersytet Łódzki" in html
    assert "Other Ltd" not in html
    assert "1 result" in html
    assert '<label for="filter-q">' in html
    assert 'value="lodz"' in html
    assert "Miasto Łódź" in html
    assert '<span class="badge">University</span>' in html


def test_the_results_partial_alone_answers_htmx(client):
    OrganisationFactory(legal_name="Partial Ltd")

    page = client.get(reverse("registry:organisations"), headers={"HX-Request": "true"})

    html = page.content.decode()
    assert "Partial Ltd" in html
    assert "<html" not in html
    assert 'id="region-field" hx-swap-oob="true"' in html


def test_clusters_page_shows_validation_and_esca_label(client):
    ClusterFactory(name="Gold Cluster", is_validated=True, esca_label=EscaLabel.GOLD)
    ClusterFactory(name="New Cluster")

    html = client.get(reverse("registry:clusters")).content.decode()

    assert "Gold Cluster" in html and "ESCA Gold" in html
    assert html.count('class="badge ok">Validated') == 1
    assert html.count('class="badge warn">Not validated') == 1


def test_an_expired_esca_label_is_no_badge_and_says_when_it_expired(client):
    cluster = ClusterFactory(
        name="Old Gold", esca_label=EscaLabel.GOLD, esca_valid_until=datetime.date(2020, 6, 30)
    )

    listing = client.get(reverse("registry:clusters")).content.decode()
    page = client.get(cluster.get_absolute_url()).content.decode()

    assert "Old Gold" in listing and 'class="badge gold"' not in listing
    assert 'class="badge gold"' not in page and "Gold · expired on 30 June 2020" in page


def test_demo_records_are_marked_as_demo(client):
    cluster = ClusterFactory(name="Invented Cluster", is_demo=True)
    ClusterFactory(name="Real Cluster")

    listing = client.get(reverse("registry:clusters")).content.decode()
    page = client.get(cluster.get_absolute_url()).content.decode()

    assert listing.count('class="badge warn">Demo') == 1
    assert "Demonstration data: this cluster is invented" in page


def test_pagination_keeps_the_filters(client):
    for number in range(30):
        OrganisationFactory(legal_name=f"Firm {number:02}", helix_role=HelixRole.RESEARCH)

    first = client.get(reverse("registry:organisations"), {"helix_role": "research"})
    second = client.get(reverse("registry:organisations"), {"helix_role": "research", "page": 2})

    assert "30 results" in first.content.decode()
    assert "helix_role=research&amp;page=2" in first.content.decode()
    assert "Firm 24" in first.content.decode() and "Firm 25" not in first.content.decode()
    assert "Firm 29" in second.content.decode() and "Firm 24" not in second.content.decode()


@pytest.mark.parametrize("url_name", ["registry:organisations", "registry:clusters"])
@pytest.mark.parametrize("params", [{}, {"q": "cluster", "country": "PL", "region": "PL91"}])
def test_list_pages_make_as_many_queries_for_one_item_as_for_three(
    client, django_assert_num_queries, url_name, params
):
    warsaw = region("PL911", "Miasto Warszawa")

    def add_clusters(count):
        for _ in range(count):
            ClusterFactory(
                organisation__region=warsaw, organisation__search_text="cluster warszawa"
            )

    add_clusters(1)
    cache.clear()
    with CaptureQueriesContext(connection) as with_one:
        client.get(reverse(url_name), params)
    add_clusters(2)
    cache.clear()

    with django_assert_num_queries(len(with_one)):
        response = client.get(reverse(url_name), params)

    assert response.content.decode().count('class="title"') == 3


# Detail pages


def test_organisation_page_shows_the_record(client, settings):
    settings.LANGUAGE_CODE = "en"
    organisation = OrganisationFactory(
        legal_name="Politechnika Łódzka",
        short_name="TUL",
        helix_role=HelixRole.UNIVERSITY,
        region=region("PL711", "Miasto Łódź"),
        street="ul. Żeromskiego 116",
        postcode="90-924",
        city="Łódź",
        website="https://p.lodz.pl",
        vat_number="PL7270021290",
        pic="999877685",
        description={"pl": "Uczelnia techniczna"},
    )
    organisation.sectors.set([manufacture_of_computers()])
    organisation.topics.set([topic("/900", "/engineering and technology")])
    MembershipFactory(member=organisation, cluster__name="Łódź Textile Cluster")
    ClusterFactory(organisation=organisation, name="TUL Innovation Cluster")

    html = client.get(organisation.get_absolute_url(), headers={"Accept-Language": "en"})
    html = html.content.decode()

    for text in (
        "Politechnika Łódzka",
        "TUL",
        "University",
        "Poland",
        "Miasto Łódź (PL711)",
        "PL71",
        "ul. Żeromskiego 116",
        "https://p.lodz.pl",
        "PL7270021290",
        "999877685",
        "26.11 · Manufacture of electronic components",
        "engineering and technology",
        "Łódź Textile Cluster",
        "TUL Innovation Cluster",
    ):
        assert text in html, text
    assert '<span lang="pl">Uczelnia techniczna</span>' in html
    assert "[PL]" in html


def test_cluster_page_shows_profile_members_and_unmet_rules(client):
    cluster = ClusterFactory(
        name="Baltic Hydrogen",
        organisation__country=country("PL"),
        founded_year=2012,
        esca_label=EscaLabel.SILVER,
        esca_valid_until=datetime.date(2027, 6, 30),
        eccp_url="https://reporting.clustercollaboration.eu/baltic",
    )
    cluster.focus_sectors.set([manufacture_of_computers()])
    cluster.regions.set([region("PL911", "Miasto Warszawa")])
    MembershipFactory(
        cluster=cluster,
        member__legal_name="Gdańsk University",
        member__helix_role=HelixRole.UNIVERSITY,
    )
    MembershipFactory(
        cluster=cluster,
        member__legal_name="Vilnius Firm",
        member__country=country("LT"),
        is_cross_border=True,
        since=datetime.date(2020, 1, 15),
    )
    MembershipFactory(
        cluster=cluster, member__legal_name="Former Member", status=MembershipStatus.ENDED
    )

    html = client.get(cluster.get_absolute_url()).content.decode()

    for text in (
        "Baltic Hydrogen",
        "2012",
        "Silver",
        "https://reporting.clustercollaboration.eu/baltic",
        "Miasto Warszawa",
        "26.11 · Manufacture of electronic components",
        "Gdańsk University",
        "Vilnius Firm",
        "Lithuania",
        "cross-border",
        "2020-01-15",
        "not yet reviewed by the secretariat",
        "2 active members; at least 15 are needed",
        "University: 1",
        "Business: 1",
    ):
        assert text in html, text
    assert "Not validated" in html


def test_unknown_records_are_not_found(client):
    assert client.get(reverse("registry:organisation", args=[999999])).status_code == 404
    assert client.get(reverse("registry:cluster", args=[999999])).status_code == 404


def test_detail_pages_offer_no_editing_to_visitors(client):
    cluster = ClusterFactory()

    response = client.get(cluster.get_absolute_url())

    assert response.context["can_change"] is False
    assert response.context["manage_links_template"] in (None, "registry/_manage_links.html")


def _queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_cluster_page_makes_as_many_queries_for_one_member_as_for_three(client):
    cluster = ClusterFactory(organisation__region=region("PL911", "Miasto Warszawa"))
    MembershipFactory(cluster=cluster)
    with_one = _queries_for(client, cluster.get_absolute_url())
    MembershipFactory.create_batch(2, cluster=cluster, member__helix_role=HelixRole.RESEARCH)

    assert _queries_for(client, cluster.get_absolute_url()) == with_one


def test_the_organisation_page_makes_as_many_queries_for_one_cluster_as_for_three(client):
    organisation = OrganisationFactory()
    MembershipFactory(member=organisation)
    with_one = _queries_for(client, organisation.get_absolute_url())
    MembershipFactory.create_batch(2, member=organisation)

    assert _queries_for(client, organisation.get_absolute_url()) == with_one


def test_the_map_makes_as_many_queries_for_one_cluster_as_for_three(client):
    warsaw = region("PL911", "Miasto Warszawa")
    ClusterFactory(organisation__region=warsaw)
    with_one = _queries_for(client, reverse("registry:map"))
    ClusterFactory.create_batch(2, organisation__region=warsaw)

    assert _queries_for(client, reverse("registry:map")) == with_one
