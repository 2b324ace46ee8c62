"""The alliance pages: what readers see, what the secretariat does, what outsiders are refused."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helisa.alliance.documents import MAX_SIZE, check_document
from helisa.alliance.models import AllianceDocument, Ballot, MemberState, NewsItem
from helisa.alliance.services.membership import open_ballot
from helisa.registry.models import HelixRole
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    application,
    voter,
    voting_member,
    with_mfa,
)
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n"
DOCX = b"PK\x03\x04\x14\x00\x06\x00"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ballot(application, alliance_secretariat):
    return open_ballot(
        application=application,
        by=alliance_secretariat,
        deadline=timezone.now() + timedelta(days=3),
    )


@pytest.fixture
def private_document(alliance):
    return AllianceDocument.objects.create(
        alliance=alliance,
        kind="minutes",
        title="Minutes of the board",
        file=SimpleUploadedFile("minutes.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
        is_public=False,
    )


# Public pages


def test_the_list_shows_each_alliance_with_its_members(client, alliance):
    add_member(alliance, code="PL")
    add_member(alliance, code="FR", state=MemberState.APPLICANT)

    page = client.get(reverse("alliance:list")).content.decode()

    assert "European Clusters Alliance" in page
    assert "1 member" in page


def test_the_alliance_page_shows_members_by_country_in_the_readers_language(client, alliance):
    for code in ("PL", "PL", "FR"):
        add_member(alliance, code=code)
    add_member(alliance, code="CZ", state=MemberState.APPLICANT)

    page = client.get(alliance.get_absolute_url(), headers={"accept-language": "pl"})

    html = page.content.decode()
    assert "Europejski Związek Klastrów" in html
    assert "Polska" in html and "Francja" in html
    countries = {code: count for code, _name, count in page.context["countries"]}
    assert countries == {"PL": 2, "FR": 1}  # an applicant is not a member
    assert "<svg" in html


def test_the_helix_mix_counts_the_members_own_members(client, alliance):
    member = add_member(alliance)
    MembershipFactory(cluster=member.cluster, member=OrganisationFactory(helix_role="university"))
    MembershipFactory(cluster=member.cluster, member=OrganisationFactory(helix_role="business"))
    association = add_member(alliance, code="FR")
    association.cluster.kind = "association"
    association.cluster.save()
    inner = add_member(alliance, code="FR", state=MemberState.REJECTED)  # only its cluster
    MembershipFactory(cluster=association.cluster, member=inner.cluster.organisation)
    MembershipFactory(cluster=inner.cluster, member=OrganisationFactory(helix_role="public"))

    page = client.get(alliance.get_absolute_url())

    mix = {role: count for role, _label, count in page.context["helix"]}
    assert mix[HelixRole.UNIVERSITY] == 1
    assert mix[HelixRole.BUSINESS] == 1
    assert mix[HelixRole.PUBLIC] == 1  # a member of a cluster of a member association
    assert mix[HelixRole.OTHER] == 0  # cluster organisations themselves are not counted


def test_news_and_public_documents_show_on_the_page(client, alliance, private_document):
    NewsItem.objects.create(
        alliance=alliance, title={"en": "Congress in Warsaw"}, published_at=timezone.now()
    )

    html = client.get(alliance.get_absolute_url()).content.decode()

    assert "Congress in Warsaw" in html
    assert "Minutes of the board" not in html


def test_the_member_list_shows_only_active_members_to_the_public(client, alliance):
    add_member(alliance, name="Active cluster")
    add_member(alliance, name="Hopeful cluster", state=MemberState.APPLICANT)

    html = client.get(reverse("alliance:members", args=[alliance.slug]), {"state": "applicant"})

    assert "Active cluster" in html.content.decode()
    assert "Hopeful cluster" not in html.content.decode()


def test_the_member_list_makes_as_many_queries_for_one_member_as_for_three(
    client, alliance, django_assert_num_queries
):
    url = reverse("alliance:members", args=[alliance.slug])
    add_member(alliance)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    add_member(alliance, code="FR")
    add_member(alliance, code="ES")

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('class="title"') == 3


def test_the_alliance_page_makes_as_many_queries_for_one_member_as_for_three(
    client, alliance, django_assert_num_queries
):
    add_member(alliance)
    client.get(alliance.get_absolute_url())  # the map's outlines are cached from here on
    with CaptureQueriesContext(connection) as one:
        client.get(alliance.get_absolute_url())
    add_member(alliance, code="FR")
    add_member(alliance, code="ES")

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(alliance.get_absolute_url())


# Outsiders are refused every secretariat action


def secretariat_requests(alliance, application, ballot, private_document):
    slug = alliance.slug
    future = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    return [
        ("get", reverse("alliance:applications", args=[slug]), {}),
        ("get", reverse("alliance:activity", args=[slug]), {}),
        ("get", reverse("alliance:member", args=[slug, application.pk]), {}),
        (
            "post",
            reverse("alliance:member", args=[slug, application.pk]),
            {f"m{application.pk}-to_state": "member"},
        ),
        (
            "post",
            reverse("alliance:ballot_open", args=[slug, application.pk]),
            {f"b{application.pk}-deadline": future},
        ),
        ("get", reverse("alliance:ballot", args=[slug, ballot.pk]), {}),
        ("get", reverse("alliance:news_new", args=[slug]), {}),
        ("post", reverse("alliance:news_new", args=[slug]), {"title_en": "Hacked"}),
        ("get", reverse("alliance:document_new", args=[slug]), {}),
        (
            "post",
            reverse("alliance:document_new", args=[slug]),
            {
                "kind": "other",
                "title": "Evil",
                "file": SimpleUploadedFile("x.pdf", PDF),
                "is_public": "on",
            },
        ),
    ]


ACTIONS = [
    "applications",
    "activity",
    "member page",
    "decision",
    "open ballot",
    "ballot page",
    "news form",
    "post news",
    "document form",
    "upload document",
]


@pytest.mark.parametrize("index", range(len(ACTIONS)), ids=ACTIONS)
def test_an_outsider_is_refused_each_secretariat_action(
    client, outsider, alliance, application, ballot, private_document, index
):
    method, url, data = secretariat_requests(alliance, application, ballot, private_document)[index]
    client.force_login(outsider)

    response = getattr(client, method)(url, data)

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == MemberState.APPLICANT
    assert Ballot.objects.count() == 1
    assert not NewsItem.objects.exists()
    assert AllianceDocument.objects.count() == 1


def test_a_private_document_is_hidden_from_outsiders(client, outsider, alliance, private_document):
    client.force_login(outsider)

    response = client.get(reverse("alliance:document", args=[alliance.slug, private_document.pk]))

    assert response.status_code == 404


def test_the_secretariat_downloads_a_private_document(
    client, alliance, alliance_secretariat, private_document
):
    client.force_login(alliance_secretariat)

    response = client.get(reverse("alliance:document", args=[alliance.slug, private_document.pk]))

    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


# What the secretariat does


def test_the_alliance_secretariat_accepts_an_application(
    client, alliance, alliance_secretariat, application, owner
):
    client.force_login(alliance_secretariat)
    url = reverse("alliance:member", args=[alliance.slug, application.pk])

    response = client.post(
        url, {f"m{application.pk}-to_state": "member", f"m{application.pk}-reason": "Welcome!"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == MemberState.MEMBER
    event = application.events.get(to_state=MemberState.MEMBER)
    assert (event.by, event.reason) == (alliance_secretariat, "Welcome!")
    log = client.get(reverse("alliance:activity", args=[alliance.slug])).content.decode()
    assert "Welcome!" in log and application.cluster.name in log


def test_the_platform_secretariat_may_act_on_every_alliance(
    client, alliance, secretariat, application
):
    client.force_login(with_mfa(secretariat))

    page = client.get(reverse("alliance:applications", args=[alliance.slug]))

    assert application.cluster.name in page.content.decode()


def test_the_secretariat_puts_an_application_to_a_vote_and_a_member_votes(
    client, alliance, alliance_secretariat, application, voter, voting_member
):
    client.force_login(alliance_secretariat)
    deadline = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("alliance:ballot_open", args=[alliance.slug, application.pk]),
        {f"b{application.pk}-deadline": deadline},
    )
    ballot = Ballot.objects.get(application=application)
    assert response.url == reverse("alliance:ballot", args=[alliance.slug, ballot.pk])

    client.force_login(voter)
    client.post(response.url, {"voter": voting_member.pk, "choice": "yes"})

    assert ballot.votes.get().voter == voting_member
    page = client.get(response.url).content.decode()
    assert "Cast the vote" not in page  # voted already


def test_a_rejection_without_reason_is_shown_as_an_error(
    client, alliance, alliance_secretariat, application
):
    client.force_login(alliance_secretariat)

    response = client.post(
        reverse("alliance:member", args=[alliance.slug, application.pk]),
        {f"m{application.pk}-to_state": "rejected"},
    )

    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    application.refresh_from_db()
    assert application.state == MemberState.APPLICANT


def test_the_secretariat_posts_news(client, alliance, alliance_secretariat):
    client.force_login(alliance_secretariat)

    client.post(
        reverse("alliance:news_new", args=[alliance.slug]),
        {"title_en": "New members", "body_en": "Welcome.", "title_pl": "Nowi członkowie"},
    )

    item = NewsItem.objects.get()
    assert item.title == {"en": "New members", "pl": "Nowi członkowie"}
    assert item.author == alliance_secretariat


# Applying


def test_a_cluster_manager_applies(client, alliance, cluster, owner):
    client.force_login(owner)

    client.post(
        reverse("alliance:apply", args=[alliance.slug]),
        {"cluster": cluster.pk, "category": "full", "motivation": "Let us in."},
    )

    member = alliance.members.get()
    assert (member.cluster, member.state, member.applied_by) == (cluster, "applicant", owner)


def test_someone_who_manages_no_cluster_cannot_apply(client, alliance, outsider):
    client.force_login(outsider)

    assert client.get(reverse("alliance:apply", args=[alliance.slug])).status_code == 403


# Documents


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("statutes.exe", PDF, "file_type"),
        ("statutes", PDF, "file_type"),
        ("statutes.pdf", b"MZ\x90\x00", "file_content"),
        ("statutes.docx", PDF, "file_content"),
        ("statutes.odt", b"<html>", "file_content"),
        ("statutes.pdf", b"", "file_size"),
    ],
)
def test_only_pdf_odt_and_docx_documents_are_kept(name, content, code):
    with pytest.raises(ValidationError) as refused:
        check_document(name=name, size=len(content), head=content[:8])

    assert refused.value.code == code


def test_a_document_over_20_mb_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_document(name="big.pdf", size=MAX_SIZE + 1, head=PDF)

    assert refused.value.code == "file_size"


@pytest.mark.parametrize(("name", "content"), [("s.pdf", PDF), ("s.DOCX", DOCX), ("s.odt", DOCX)])
def test_accepted_documents(name, content):
    assert check_document(name=name, size=len(content), head=content[:8])


def test_the_secretariat_uploads_statutes_and_a_disguised_file_is_refused(
    client, alliance, alliance_secretariat
):
    client.force_login(alliance_secretariat)
    url = reverse("alliance:document_new", args=[alliance.slug])

    refused = client.post(
        url,
        {"kind": "statutes", "title": "Fake", "file": SimpleUploadedFile("s.pdf", b"MZ-exe")},
    )
    client.post(
        url,
        {
            "kind": "statutes",
            "title": "Statutes",
            "file": SimpleUploadedFile("statutes.pdf", PDF),
            "is_public": "on",
        },
    )

    assert "not a PDF document" in refused.content.decode()
    document = AllianceDocument.objects.get()
    assert (document.title, document.content_type, document.size) == (
        "Statutes",
        "application/pdf",
        len(PDF),
    )
    assert document.file.read() == PDF
