"""Pages cost a fixed number of queries, the same for one item as for three (so an N+1 shows), and
under a ceiling."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.cooperation.models import CoAuthorInvitation, PartnerRole, ProjectStatus
from helisa.cooperation.services import digests
from helisa.cooperation.services import practice_coauthors as coauthors
from helisa.cooperation.services import practices as services
from helisa.cooperation.services.interest import accept_interest, express_interest
from helisa.cooperation.services.projects import create_project
from helisa.registry.models import RoleKind
from tests.cooperation.conftest import make_profile
from tests.cooperation.practices_helpers import client_of, make_practice
from tests.factories import ClusterFactory, OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 100


def queries_of(client, url):
    client.get(url)  # warm the caches a page keeps (option lists, sessions)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def same_for_one_and_three(build, ceiling):
    """build(n) makes a page with n items and returns (client, url)."""
    one, three = queries_of(*build(1)), queries_of(*build(3))
    assert one == three, f"{one} queries for one item, {three} for three"
    assert three <= ceiling
    return one


def representative(code="FR"):
    role = RoleFactory(organisation__country=country(code))
    return role.user, role.organisation


@pytest.fixture
def secretariat(secretariat):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


def test_the_owners_profile_page_with_the_interests_it_received():
    def build(n):
        owner, organisation = representative("PL")
        profile = make_profile(organisation, owner)
        for number in range(n):
            user, other = representative()
            interest = express_interest(
                profile=profile, organisation=other, by=user, message=f"Hello {number}"
            )
            if number == 0:
                accept_interest(interest=interest, by=owner)
        return client_of(owner), profile.get_absolute_url()

    same_for_one_and_three(build, ceiling=13)


def test_my_interests_page():
    def build(n):
        user, organisation = representative()
        for number in range(n):
            owner, other = representative("PL")
            profile = make_profile(other, owner, title={"en": f"Offer {number}"})
            interest = express_interest(
                profile=profile, organisation=organisation, by=user, message="Hello"
            )
            if number == 0:
                accept_interest(interest=interest, by=owner)
        return client_of(user), reverse("cooperation:my_interests")

    same_for_one_and_three(build, ceiling=3)


def _practice_with(n, secretariat):
    """A published case with n files, n co-authors, n pending invitations, n feedbacks and n
    organisations that want to adopt it."""
    cluster = ClusterFactory()
    owner = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    practice = make_practice(cluster, owner, status="published", secretariat=secretariat)
    for number in range(n):
        services.add_attachment(
            practice=practice, file=SimpleUploadedFile(f"f{number}.pdf", PDF), by=secretariat
        )
        services.add_attachment(
            practice=practice, file=SimpleUploadedFile(f"p{number}.pdf", PDF), by=owner
        )
        for accept in (True, None):
            partner = ClusterFactory()
            manager = RoleFactory(
                organisation=partner.organisation, kind=RoleKind.CLUSTER_MANAGER
            ).user
            invitation = CoAuthorInvitation.objects.create(
                practice=practice, cluster=partner, invited_by=owner
            )
            if accept:
                coauthors.answer_invitation(invitation=invitation, by=manager, accept=True)
        user, organisation = representative()
        services.give_feedback(practice=practice, organisation=organisation, by=user, text="Done")
        services.want_to_adopt(
            practice=practice, organisation=organisation, by=user, message="Tell us more"
        )
    return practice, owner


@pytest.mark.parametrize(
    ("reader", "ceiling"), [("author", 18), ("visitor", 6), ("secretariat", 17)]
)
def test_a_practice_page(reader, ceiling, secretariat):
    def build(n):
        practice, owner = _practice_with(n, secretariat)
        client = {"author": client_of(owner), "visitor": Client()}.get(reader)
        return client or client_of(secretariat), practice.get_absolute_url()

    same_for_one_and_three(build, ceiling)


def test_the_practice_review_queue(secretariat):
    def build(n):
        for _number in range(n):
            cluster = ClusterFactory()
            owner = RoleFactory(
                organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER
            ).user
            make_practice(cluster, owner, status="in_review")
            published = make_practice(cluster, owner, status="published", secretariat=secretariat)
            services.add_attachment(
                practice=published, file=SimpleUploadedFile("a.pdf", PDF), by=owner
            )
        return client_of(secretariat), reverse("cooperation:practice_queue")

    # The queue lists every case waiting, so the second build sees 1 + 3 of each: still flat.
    same_for_one_and_three(build, ceiling=6)


def test_the_saved_searches_page():
    def build(n):
        user, _organisation = representative()
        for number in range(n):
            digests.save_search(user=user, name=f"Search {number}", params={"q": f"word{number}"})
        return client_of(user), reverse("cooperation:saved_searches")

    same_for_one_and_three(build, ceiling=3)


def test_a_project_page():
    def build(n):
        user, coordinator = representative("PL")
        partners = [OrganisationFactory(country=country(code)) for code in ("DE", "FR", "NO")[:n]]
        project = create_project(
            title="Hydrogen valleys",
            acronym="H2V",
            status=ProjectStatus.RUNNING,
            partners=[(coordinator, PartnerRole.COORDINATOR, None)]
            + [(partner, PartnerRole.PARTNER, None) for partner in partners],
        )
        return client_of(user), project.get_absolute_url()

    same_for_one_and_three(build, ceiling=8)


def test_our_practices_page_with_invitations_to_co_author(secretariat):
    def build(n):
        partner = ClusterFactory()
        manager = RoleFactory(organisation=partner.organisation, kind=RoleKind.CLUSTER_MANAGER).user
        for _number in range(n):
            cluster = ClusterFactory()
            owner = RoleFactory(
                organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER
            ).user
            make_practice(partner, manager)
            practice = make_practice(cluster, owner)
            CoAuthorInvitation.objects.create(practice=practice, cluster=partner, invited_by=owner)
        return client_of(manager), reverse("cooperation:my_practices")

    same_for_one_and_three(build, ceiling=7)
