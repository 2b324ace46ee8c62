"""Recommended partners from the registry: across languages, with reasons that hold."""

import pytest
from django.utils import translation

from helisa.cooperation import candidates
from helisa.cooperation.recommend_text import SIMILAR_SUBJECT, encoder, similarities
from helisa.cooperation.services.recommendations import (
    recommend_for_cluster,
    recommend_for_description,
    recommend_for_organisation,
    recommend_for_profile,
)
from helisa.registry.models import Membership, MembershipStatus, Organisation
from tests.cooperation.conftest import make_profile
from tests.cooperation.recommendation_data import (
    POLISH_REQUEST,
    build_registry,
)
from tests.factories import OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    candidates._cache.clear()
    return build_registry()


def together(first, second):
    """Clusters both were active in (the cluster organisation counts as in its cluster)."""
    active = Membership.objects.filter(status=MembershipStatus.ACTIVE)

    def clusters_of(organisation):
        return set(active.filter(member=organisation).values_list("cluster_id", flat=True)) | (
            {organisation.pk} if hasattr(organisation, "cluster") else set()
        )

    return len(clusters_of(first) & clusters_of(second))


def assert_reasons_hold(
    matches, *, asker=None, text="", topics=(), sectors=(), countries=(), roles=()
):
    """Each reason's claim, checked against the database rather than the recommender."""
    for match in matches:
        organisation = match.organisation
        for reason in match.reasons:
            values = reason.values
            if reason.kind == "shared_topics":
                own = set(organisation.topics.values_list("code", flat=True))
                if hasattr(organisation, "cluster"):
                    own |= set(organisation.cluster.focus_topics.values_list("code", flat=True))
                assert set(values) <= own & {topic.code for topic in topics}
            elif reason.kind == "shared_sectors":
                own = set(organisation.sectors.values_list("code", flat=True))
                assert set(values) <= own & {sector.code for sector in sectors}
            elif reason.kind == "country_sought":
                assert values == (organisation.country_id,)
                assert organisation.country_id in countries
            elif reason.kind == "role_sought":
                assert organisation.helix_role in roles
            elif reason.kind == "complementary_role":
                assert values == (asker.helix_role, organisation.helix_role)
                assert organisation.helix_role != asker.helix_role
            elif reason.kind == "earlier_cooperation":
                assert values == (together(asker, organisation),) and values[0] > 0
            elif reason.kind == "similar_subject":
                their_text, _value = values
                assert their_text in (organisation.description or {}).values() or any(
                    their_text in profile_text
                    for profile in organisation.cooperation_profiles.all()
                    for profile_text in [*profile.title.values(), *profile.text.values()]
                )
                assert similarities([text], [their_text])[their_text] >= SIMILAR_SUBJECT
            elif reason.kind == "partners_of_partners":
                for pk in values:
                    partner = Organisation.objects.get(pk=pk)
                    assert together(asker, partner) and together(organisation, partner)
            else:
                raise AssertionError(f"unchecked reason {reason.kind}")


def test_a_polish_request_finds_the_french_lab_on_the_same_subject(registry):
    matches = recommend_for_description(text=POLISH_REQUEST)

    assert matches[0].organisation == registry.french_lab
    assert "similar_subject" in [reason.kind for reason in matches[0].reasons]
    assert_reasons_hold(matches, text=POLISH_REQUEST)


def test_reasons_are_true_and_in_plain_words(registry):
    with translation.override("en"):
        matches = recommend_for_description(
            text=POLISH_REQUEST,
            topics=[registry.hydrogen],
            sectors=[registry.sector],
            start_organisation=registry.asker,
            countries=["FR"],
            helix_roles=["research"],
        )
    by_organisation = {match.organisation: match for match in matches}
    assert registry.asker not in by_organisation

    lab = [reason.text for reason in by_organisation[registry.french_lab].reasons]
    assert "Shares the topics: hydrogen energy" in lab
    assert "In a country you seek: France" in lab
    assert "A helix role you seek: research organisation" in lab
    # The shared topic's own title is the closest text: no separate "similar subject" for it.
    assert not any(text.startswith("Similar subject") for text in lab)

    partner = [reason.text for reason in by_organisation[registry.cluster_partner].reasons]
    assert "Worked with you before in 1 cluster" in partner
    assert "Shares the sectors: Manufacture of motor vehicles" in partner
    assert "Complementary helix role: university" in partner
    assert_reasons_hold(
        matches,
        asker=registry.asker,
        text=POLISH_REQUEST,
        topics=[registry.hydrogen],
        sectors=[registry.sector],
        countries=["FR"],
        roles=["research"],
    )


def test_reasons_are_rendered_in_the_readers_language(registry):
    with translation.override("pl"):
        matches = recommend_for_description(text=POLISH_REQUEST, countries=["FR"])
    lab = next(match for match in matches if match.organisation == registry.french_lab)
    country_reason = next(reason for reason in lab.reasons if reason.kind == "country_sought")
    assert country_reason.values == ("FR",)
    assert "Francja" in country_reason.text


def test_a_profile_finds_partners_from_its_text_topics_and_wishes(registry):
    user = RoleFactory(organisation=registry.asker).user
    profile = make_profile(
        registry.asker,
        user,
        title={"pl": "Magazynowanie wodoru"},
        text={"pl": POLISH_REQUEST},
        topics=[registry.hydrogen],
        countries_sought=[country("FR")],
    )
    matches = recommend_for_profile(profile)

    assert matches[0].organisation == registry.french_lab
    assert registry.asker not in [match.organisation for match in matches]
    assert_reasons_hold(
        matches,
        asker=registry.asker,
        text=f"Magazynowanie wodoru. {POLISH_REQUEST}",
        topics=[registry.hydrogen],
        countries=["FR"],
    )


def test_an_organisation_is_recommended_partners_it_shares_topics_with(registry):
    registry.asker.topics.add(registry.hydrogen)
    matches = recommend_for_organisation(registry.asker)

    assert matches[0].organisation == registry.french_lab
    assert_reasons_hold(matches, asker=registry.asker, topics=[registry.hydrogen])


def test_a_cluster_is_recommended_organisations_that_are_not_members(registry):
    registry.cluster.focus_topics.add(registry.hydrogen)
    matches = recommend_for_cluster(registry.cluster)
    found = [match.organisation for match in matches]

    assert found[0] == registry.french_lab
    assert registry.asker not in found and registry.cluster_partner not in found
    assert registry.cluster.organisation not in found


def test_the_second_call_encodes_only_the_new_query(registry, monkeypatch):
    builds, encoded = [], []
    build = candidates.build_candidate_set
    monkeypatch.setattr(
        candidates, "build_candidate_set", lambda **kw: builds.append(1) or build(**kw)
    )
    recommend_for_description(text=POLISH_REQUEST)
    assert len(builds) == 1

    model = encoder()
    encode = model._encode
    monkeypatch.setattr(
        model, "_encode", lambda texts: encoded.append(list(texts)) or encode(texts)
    )
    recommend_for_description(text="Czujniki wilgotności gleby dla rolnictwa precyzyjnego.")

    assert builds == [1]
    assert encoded == [["Czujniki wilgotności gleby dla rolnictwa precyzyjnego."]]


def test_a_change_in_the_registry_rebuilds_the_candidates(registry, monkeypatch):
    recommend_for_description(text=POLISH_REQUEST)
    builds = []
    build = candidates.build_candidate_set
    monkeypatch.setattr(
        candidates, "build_candidate_set", lambda **kw: builds.append(1) or build(**kw)
    )
    newcomer = OrganisationFactory(
        legal_name="Hydrogène Nouveau",
        country=country("FR"),
        description={"fr": "Stockage de l'hydrogène."},
    )
    found = [match.organisation for match in recommend_for_description(text=POLISH_REQUEST)]

    assert builds == [1]
    assert newcomer in found


def test_a_projects_source_plugs_in(registry, monkeypatch):
    clusters = [source for source in candidates._SOURCES if source.kind == "clusters"]
    monkeypatch.setattr(candidates, "_SOURCES", clusters)
    candidates.add_cooperation_source(
        candidates.CooperationSource(
            "projects",
            lambda: [{registry.asker.pk, registry.bakery.pk}] * 2,
            lambda: "two projects",
        )
    )
    with translation.override("en"):
        matches = recommend_for_description(text=POLISH_REQUEST, start_organisation=registry.asker)
    bakery = next(match for match in matches if match.organisation == registry.bakery)
    assert "Worked with you before in 2 projects" in [reason.text for reason in bakery.reasons]
    candidates._cache.clear()
