import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.cooperation.models import AdoptionFeedback, PracticeStatus
from helisa.cooperation.services import practices as services
from helisa.registry.models import RoleKind
from tests.cooperation.practices_helpers import make_practice
from tests.factories import ClusterFactory, RoleFactory, country

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 100
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"0" * 100


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def secretariat(secretariat):
    """The secretariat with a second factor, as the middleware asks of it."""
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


@pytest.fixture
def adopter(db):
    """The representative of an organisation in France."""
    return RoleFactory(organisation__country=country("FR")).user


@pytest.fixture
def adopter_organisation(adopter):
    return adopter.roles.get().organisation


@pytest.fixture
def published(cluster, owner, secretariat):
    return make_practice(cluster, owner, status="published", secretariat=secretariat)


# Moderation


def test_authors_submit_and_the_secretariat_publishes(cluster, owner, secretariat):
    practice = make_practice(cluster, owner)
    assert practice.status == PracticeStatus.DRAFT

    services.submit_practice(practice=practice, by=owner)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW

    with pytest.raises(PermissionDenied):
        services.publish_practice(practice=practice, by=owner)
    services.publish_practice(practice=practice, by=secretariat)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert "published" in mail.outbox[-1].subject.lower()
    assert mail.outbox[-1].to == [owner.email]


def test_the_secretariat_sends_back_with_a_reason_and_authors_resubmit(cluster, owner, secretariat):
    practice = make_practice(cluster, owner, status="in_review")
    with pytest.raises(ValidationError):
        services.return_practice(practice=practice, by=secretariat, reason=" ")
    services.return_practice(practice=practice, by=secretariat, reason="Add the indicators' years.")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert practice.review_note == "Add the indicators' years."
    assert "Add the indicators' years." in mail.outbox[-1].body

    services.submit_practice(practice=practice, by=owner)
    services.return_practice(practice=practice, by=secretariat, reason="Off topic.", reject=True)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.REJECTED
    services.submit_practice(practice=practice, by=owner)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW


def test_who_may_not_do_what(cluster, owner, secretariat, outsider):
    practice = make_practice(cluster, owner)
    with pytest.raises(PermissionDenied):
        services.submit_practice(practice=practice, by=outsider)
    with pytest.raises(PermissionDenied):
        services.submit_practice(practice=practice, by=secretariat)
    with pytest.raises(ValidationError):
        services.publish_practice(practice=practice, by=secretariat)  # a draft is not in review
    services.submit_practice(practice=practice, by=owner)
    with pytest.raises(ValidationError):
        services.submit_practice(practice=practice, by=owner)
    with pytest.raises(PermissionDenied):
        services.update_practice(practice=practice, by=owner, title={"en": "Changed in review"})
    with pytest.raises(PermissionDenied):
        services.publish_practice(practice=practice, by=outsider)


def test_an_incomplete_case_cannot_be_submitted(cluster, owner):
    practice = make_practice(cluster, owner, solution={})
    with pytest.raises(ValidationError) as error:
        services.submit_practice(practice=practice, by=owner)
    assert "solution" in error.value.message_dict


def test_only_managers_of_an_author_write_for_it(cluster, outsider):
    with pytest.raises(PermissionDenied):
        make_practice(cluster, outsider)


def test_the_public_never_sees_drafts_or_cases_in_review(cluster, owner, secretariat, outsider):
    draft = make_practice(cluster, owner, title={"en": "Draft case"})
    review = make_practice(cluster, owner, title={"en": "Case in review"}, status="in_review")
    for client in (Client(), client_of(outsider)):
        listing = client.get(reverse("cooperation:practices")).content.decode()
        assert "Draft case" not in listing and "Case in review" not in listing
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(review.get_absolute_url()).status_code == 404
    assert client_of(owner).get(draft.get_absolute_url()).status_code == 200
    assert client_of(secretariat).get(review.get_absolute_url()).status_code == 200
    queue = client_of(secretariat).get(reverse("cooperation:practice_queue")).content.decode()
    assert "Case in review" in queue


# Attachments


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("case.pdf", PDF, "pdf"),
        ("a.png", PNG, "image"),
        ("b.JPG", JPEG, "image"),
        ("c.webp", WEBP, "image"),
    ],
)
def test_accepted_attachments(cluster, owner, name, content, kind):
    practice = make_practice(cluster, owner)
    item = services.add_attachment(
        practice=practice, file=SimpleUploadedFile(name, content), by=owner
    )
    assert item.kind == kind


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", PDF, "file_type"),
        ("fake.pdf", b"MZ\x90\x00" + b"0" * 100, "file_content"),
        ("fake.png", JPEG, "file_content"),
        ("fake.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"0" * 100, "file_content"),
        ("empty.pdf", b"", "file_size"),
    ],
)
def test_refused_attachments(cluster, owner, name, content, code):
    practice = make_practice(cluster, owner)
    with pytest.raises(ValidationError) as error:
        services.add_attachment(practice=practice, file=SimpleUploadedFile(name, content), by=owner)
    assert error.value.code == code


def test_an_attachment_over_10_mb_is_refused(cluster, owner):
    practice = make_practice(cluster, owner)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.add_attachment(practice=practice, file=big, by=owner)
    assert error.value.code == "file_size"


def test_attachments_are_served_only_to_who_may_see_the_case(cluster, owner, secretariat, outsider):
    practice = make_practice(cluster, owner)
    item = services.add_attachment(
        practice=practice, file=SimpleUploadedFile("a.pdf", PDF), by=owner
    )
    url = item.get_absolute_url()
    assert Client().get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 404
    response = client_of(owner).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    services.submit_practice(practice=practice, by=owner)
    services.publish_practice(practice=practice, by=secretariat)
    assert Client().get(url).status_code == 200


def test_uploading_through_the_page(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    url = reverse("cooperation:practice_attachment_add", args=[practice.pk])
    client_of(owner).post(url, {"file": SimpleUploadedFile("lab.png", PNG), "name": "The lab"})
    client_of(owner).post(url, {"file": SimpleUploadedFile("lab.png", PDF)})
    assert [a.name for a in practice.attachments.all()] == ["The lab"]
    assert (
        client_of(outsider).post(url, {"file": SimpleUploadedFile("x.png", PNG)}).status_code == 403
    )


# Adoption


def test_wanting_to_adopt_emails_the_authors_cluster_managers(
    published, cluster, owner, adopter, adopter_organisation
):
    co_manager = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    mail.outbox.clear()
    response = client_of(adopter).post(
        reverse("cooperation:practice_adopt", args=[published.pk]),
        {"organisation": adopter_organisation.pk, "message": "We would like to copy the lab."},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, co_manager.email])
    assert "We would like to copy the lab." in mail.outbox[0].body
    assert adopter.email in mail.outbox[0].body
    with pytest.raises(ValidationError):
        services.want_to_adopt(
            practice=published, organisation=adopter_organisation, by=adopter, message="Again"
        )


def test_authors_cannot_adopt_their_own_case(published, cluster, owner):
    with pytest.raises(ValidationError):
        services.want_to_adopt(
            practice=published, organisation=cluster.organisation, by=owner, message="Us"
        )


def test_feedback_shows_on_the_case(published, adopter, adopter_organisation):
    client_of(adopter).post(
        reverse("cooperation:practice_feedback", args=[published.pk]),
        {
            "organisation": adopter_organisation.pk,
            "text": "We opened a lab in Lyon.",
            "adopted_on": "2025-03-01",
        },
    )
    assert AdoptionFeedback.objects.filter(practice=published).count() == 1
    page = Client().get(published.get_absolute_url()).content.decode()
    assert "We opened a lab in Lyon." in page
    assert str(adopter_organisation) in page


def test_nobody_answers_an_unpublished_case(cluster, owner, adopter, adopter_organisation):
    practice = make_practice(cluster, owner)
    with pytest.raises(ValidationError):
        services.give_feedback(
            practice=practice, organisation=adopter_organisation, by=adopter, text="Done"
        )


# Search and the list


def test_search_finds_each_language_by_its_own_words(cluster, owner, secretariat):
    hydrogen = make_practice(
        cluster,
        owner,
        title={"pl": "Mapa drogowa wodoru", "en": "Hydrogen roadmap"},
        problem={"pl": "Wodór w regionie Łódź"},
        status="published",
        secretariat=secretariat,
    )
    make_practice(
        cluster, owner, title={"en": "Vouchers"}, status="published", secretariat=secretariat
    )

    def found(query):
        page = Client().get(reverse("cooperation:practices"), {"q": query}).content.decode()
        return "Mapa drogowa wodoru" in page or "Hydrogen roadmap" in page, page

    for query in ("wodór", "hydrogen", "lodz", "WODOR"):
        assert found(query)[0], query
    assert not found("vouchers")[0]
    assert hydrogen.search_text


def test_filters(published, cluster, owner, secretariat):
    other = ClusterFactory()
    manager = RoleFactory(organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    country("ES")
    make_practice(
        other, manager, title={"en": "Spanish vouchers"}, countries=["ES"],
        status="published", secretariat=secretariat,
    )  # fmt: skip
    country("ES")
    url = reverse("cooperation:practices")
    by_country = Client().get(url, {"country": "es"}).content.decode()
    assert "Spanish vouchers" in by_country and "Shared testing lab" not in by_country
    by_cluster = Client().get(url, {"cluster": cluster.pk}).content.decode()
    assert "Shared testing lab" in by_cluster and "Spanish vouchers" not in by_cluster


def test_the_case_page_falls_back_visibly(published):
    client = Client(headers={"accept-language": "pl"})
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Wspólne laboratorium." in page  # solution in Polish
    assert "Tests in days, not months." in page  # results only in English, marked
    assert "Members using the lab" in page


def test_the_list_costs_the_same_queries_for_one_and_three(cluster, owner, secretariat):
    make_practice(cluster, owner, status="published", secretariat=secretariat)
    url = reverse("cooperation:practices")
    Client().get(url)  # warm the caches the page keeps (option lists)
    with CaptureQueriesContext(connection) as one:
        Client().get(url)
    other = ClusterFactory()
    manager = RoleFactory(organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    make_practice(other, manager, status="published", secretariat=secretariat)
    make_practice(cluster, owner, status="published", secretariat=secretariat)
    with CaptureQueriesContext(connection) as three:
        Client().get(url)
    assert len(three) == len(one)


# Pages refused to outsiders


def test_outsider_may_not_create(outsider):
    assert client_of(outsider).get(reverse("cooperation:practice_create")).status_code == 403


def test_outsider_may_not_edit(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    url = reverse("cooperation:practice_edit", args=[practice.pk])
    assert client_of(outsider).get(url).status_code == 403


def test_outsider_may_not_submit(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    url = reverse("cooperation:practice_submit", args=[practice.pk])
    assert client_of(outsider).post(url).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_outsider_and_authors_may_not_publish_or_return(cluster, owner, outsider):
    practice = make_practice(cluster, owner, status="in_review")
    for user in (outsider, owner):
        client = client_of(user)
        publish = reverse("cooperation:practice_publish", args=[practice.pk])
        back = reverse("cooperation:practice_return", args=[practice.pk])
        assert client.post(publish).status_code == 403
        assert client.post(back, {"reason": "No"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW


def test_outsider_may_not_see_the_queue(outsider, owner):
    for user in (outsider, owner):
        assert client_of(user).get(reverse("cooperation:practice_queue")).status_code == 403


def test_outsider_may_not_delete_attachments(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    item = services.add_attachment(
        practice=practice, file=SimpleUploadedFile("a.pdf", PDF), by=owner
    )
    url = reverse("cooperation:practice_attachment_delete", args=[item.pk])
    assert client_of(outsider).post(url).status_code == 403
    assert practice.attachments.exists()


def test_anonymous_visitors_are_sent_to_sign_in(published):
    for name in ("practice_adopt", "practice_feedback"):
        response = Client().post(reverse(f"cooperation:{name}", args=[published.pk]))
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_secretariat_publishes_through_the_page(cluster, owner, secretariat):
    practice = make_practice(cluster, owner, status="in_review")
    client_of(secretariat).post(reverse("cooperation:practice_publish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED


def test_managers_write_a_case_through_the_page(cluster, owner):
    response = client_of(owner).post(
        reverse("cooperation:practice_create"),
        {
            "authors": [cluster.pk],
            "title_en": "Joint purchasing",
            "title_pl": "Wspólne zakupy",
            "problem_en": "Energy prices.",
            "solution_en": "Buy together.",
            "indicators": "Savings | 12 | %\nMembers | 30",
            "countries": ["PL"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = cluster.good_practices.get()
    assert practice.title == {"en": "Joint purchasing", "pl": "Wspólne zakupy"}
    assert practice.indicators == [
        {"name": "Savings", "value": "12", "unit": "%"},
        {"name": "Members", "value": "30", "unit": ""},
    ]
    assert client_of(owner).get(reverse("cooperation:my_practices")).status_code == 200


def test_the_demo_builds_published_cases_and_removes_them():
    from django.core.management import call_command

    from helisa.cooperation.demo_practices import PRACTICES
    from helisa.cooperation.models import GoodPractice

    keys = {key for spec in PRACTICES for key in spec["authors"]} | {"ro-energy"}
    for key in keys:
        ClusterFactory(is_demo=True, organisation__source_id=f"demo:{key}", name=key)
    for code in ("PL", "FR", "LT", "LV", "ES"):
        country(code)
    call_command("demo_practices")
    cases = GoodPractice.objects.filter(is_demo=True, status=PracticeStatus.PUBLISHED)
    assert cases.count() == len(PRACTICES)
    assert AdoptionFeedback.objects.filter(practice__in=cases).count() == 1
    page = Client().get(reverse("cooperation:practices"), {"q": "wodór"}).content.decode()
    assert "hydrogen roadmap" in page and "vouchers" not in page
    call_command("demo_practices", remove=True)
    assert not GoodPractice.objects.exists()
