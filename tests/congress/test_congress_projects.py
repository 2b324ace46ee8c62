"""The congress overview shows the public cross-border projects of the participants'
organisations, with links to each project and to the public list by country."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.congress.models import RegistrationStatus
from helisa.congress.projects_shown import SHOWN, participants_projects
from helisa.cooperation.models import PartnerRole, ProjectStatus
from helisa.cooperation.services.projects import create_project
from helisa.registry.models import HelixRole
from tests.congress.factories import CongressFactory, RegistrationFactory
from tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db

HEADING = "Cross-border projects of the participants"


def project(acronym, coordinator, *partners, status=ProjectStatus.RUNNING):
    return create_project(
        title=f"{acronym} title",
        acronym=acronym,
        status=status,
        partners=[(coordinator, PartnerRole.COORDINATOR, None)]
        + [(p, PartnerRole.PARTNER, None) for p in partners],
    )


@pytest.fixture
def congress(db):
    return CongressFactory()


@pytest.fixture
def participant(congress):
    organisation = OrganisationFactory(legal_name="Zbiorniki Wodorowe", country=country("PL"))
    return RegistrationFactory(congress=congress, organisation=organisation).organisation


@pytest.fixture
def abroad(db):
    return OrganisationFactory(
        legal_name="Institut Lyon", country=country("FR"), helix_role=HelixRole.RESEARCH
    )


def overview(client, congress):
    return client.get(reverse("congress:detail", args=[congress.slug])).content.decode()


def test_the_participants_public_projects_are_shown_with_links(
    client, congress, participant, abroad
):
    shown = project("H2TANKS", participant, abroad)
    project("SECRET", participant, abroad, status=ProjectStatus.IDEA)
    project("ELSEWHERE", abroad, OrganisationFactory(country=country("DE")))
    cancelled = RegistrationFactory(
        congress=congress,
        organisation=OrganisationFactory(country=country("IT")),
        status=RegistrationStatus.CANCELLED,
    ).organisation
    project("GONE", cancelled, abroad)

    body = overview(client, congress)

    assert HEADING in body
    assert f'href="{shown.get_absolute_url()}"' in body
    assert "Zbiorniki Wodorowe" in body
    assert 'href="/cooperation/projects/?country=PL"' in body
    for hidden in ("SECRET", "ELSEWHERE", "GONE"):
        assert hidden not in body
    assert "?country=FR" not in body  # a partner, but not a participant


def test_nothing_is_shown_when_no_participant_has_a_project(client, congress, participant, abroad):
    project("ALONE", participant, OrganisationFactory(country=country("PL")))  # one country
    project("OTHERS", abroad, OrganisationFactory(country=country("DE")))

    assert HEADING not in overview(client, congress)


def test_at_most_ten_in_two_queries_whatever_the_numbers(
    client, congress, participant, abroad, django_assert_num_queries
):
    project("P00", participant, abroad)
    with CaptureQueriesContext(connection) as one:
        overview(client, congress)
    others = [
        RegistrationFactory(
            congress=congress, organisation=OrganisationFactory(country=country(code))
        ).organisation
        for code in ("DE", "ES", "IT")
    ]
    for n in range(1, SHOWN + 3):
        project(f"P{n:02d}", others[n % 3], participant, abroad)

    with django_assert_num_queries(2):
        result = participants_projects(congress)
        assert len(result.projects) == SHOWN
        assert result.more
        assert [p.acronym for p in result.projects] == [f"P{n:02d}" for n in range(SHOWN)]
        assert all(p.participant_partners for p in result.projects)
    with CaptureQueriesContext(connection) as many:
        body = overview(client, congress)
    assert len(many) == len(one)
    assert body.count("/cooperation/projects/?country=") == 4  # DE, ES, IT, PL
