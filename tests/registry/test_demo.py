import pytest
from django.utils import timezone

from helisa.core.countries import FOUNDING_COUNTRIES
from helisa.registry.demo import DemoDataExists, build_demo
from helisa.registry.models import (
    Affiliation,
    ChangeRecord,
    Cluster,
    ClusterKind,
    HelixRole,
    Membership,
    Organisation,
    Person,
    TopicScheme,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return build_demo()


def test_every_founding_country_has_clusters_and_an_association(demo):
    clusters = Cluster.objects.filter(kind=ClusterKind.CLUSTER)
    associations = Cluster.objects.filter(kind=ClusterKind.ASSOCIATION)

    assert {c.organisation.country_id for c in clusters} == set(FOUNDING_COUNTRIES)
    assert sorted(a.organisation.country_id for a in associations) == sorted(FOUNDING_COUNTRIES)
    for association in associations:
        country = association.organisation.country_id
        members = {m.member_id for m in association.memberships.all()}
        assert members == {c.pk for c in clusters.filter(organisation__country_id=country)}
        assert association.is_validated


def test_some_clusters_are_validated_and_some_are_not(demo):
    clusters = Cluster.objects.filter(kind=ClusterKind.CLUSTER)

    assert 0 < clusters.filter(is_validated=True).count() < clusters.count()
    for cluster in clusters.filter(is_validated=True):
        members = cluster.memberships.all()
        assert members.count() >= 15
        assert len({m.member.helix_role for m in members}) >= 2
        assert cluster.staff_fte >= 0.5
        assert cluster.reviewed_at is not None
    assert demo.validated == clusters.filter(is_validated=True).count()


def test_the_demo_esca_labels_are_current_whenever_it_is_built(demo):
    labelled = Cluster.objects.exclude(esca_label="")
    assert labelled.exists()
    today = timezone.localdate()
    assert all(cluster.esca_valid_until > today for cluster in labelled)


def test_small_countries_borrow_members_from_their_neighbours(demo):
    for country in ["LT", "LV"]:
        cross_border = Membership.objects.filter(
            cluster__organisation__country_id=country, is_cross_border=True
        )
        assert cross_border.exists()
        assert not cross_border.filter(member__country_id=country).exists()


def test_cordis_organisations_are_imported_once_each_with_region_and_topics(demo):
    alterix = Organisation.objects.get(source_id="cordis:938119011")

    assert Organisation.objects.filter(source_id__startswith="cordis:").count() == 2583
    assert alterix.country_id == "GB"
    assert alterix.helix_role == HelixRole.BUSINESS
    assert alterix.business_size == "sme"
    assert alterix.region.code.startswith("UKH")
    assert alterix.latitude == pytest.approx(52.2033051)
    assert "alterix" in alterix.search_text
    assert alterix.topics.filter(scheme=TopicScheme.CALL_TOPIC).exists()
    assert alterix.history.filter(action=ChangeRecord.Action.CREATED).count() == 1


def test_everything_built_is_demo_and_managers_are_named(demo):
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not Cluster.objects.filter(is_demo=False).exists()
    assert not Membership.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    assert Affiliation.objects.filter(organisation__cluster__isnull=False).count() == 30
    mazovia = Cluster.objects.get(name="Mazowiecki Klaster ICT")
    assert mazovia.organisation.description["pl"].startswith("Firmy ICT")
    assert list(mazovia.regions.values_list("code", flat=True)) == ["PL91"]
    assert list(mazovia.focus_sectors.values_list("code", flat=True)) == ["62"]
    assert mazovia.focus_topics.exists()


def test_a_second_run_refuses_and_a_rebuild_keeps_real_data_and_is_deterministic(demo):
    real = OrganisationFactory(legal_name="Real Sp. z o.o.")
    members = sorted(Membership.objects.values_list("cluster__name", "member__source_id"))

    with pytest.raises(DemoDataExists):
        build_demo()
    build_demo(rebuild=True)

    assert Organisation.objects.filter(pk=real.pk).exists()
    assert sorted(Membership.objects.values_list("cluster__name", "member__source_id")) == members
    assert Cluster.objects.count() == 30
    assert not ChangeRecord.objects.filter(organisation__isnull=True).exists()
