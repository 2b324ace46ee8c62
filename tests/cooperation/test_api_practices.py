"""Good practices through the API on their way to publication: the authors' own cases, the
secretariat's queue and its decisions, attachments with the checks of the case page, and who
wants to adopt a case. Strangers are refused with a structured error throughout."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from helisa.cooperation.models import (
    AttachmentStatus,
    GoodPractice,
    PracticeAttachment,
    PracticeStatus,
)
from helisa.cooperation.services.practices import add_attachment, want_to_adopt
from helisa.registry.models import RoleKind
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import queries_for, send
from tests.cooperation.practices_helpers import make_practice
from tests.factories import ClusterFactory, RoleFactory, country

pytestmark = pytest.mark.django_db
URL = "/api/v1/cooperation/practices"
PDF = b"%PDF-1.7\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


def upload(client, practice, filename="lab.pdf", content=PDF, **extra):
    return client.post(
        f"{URL}/{practice.pk}/attachments",
        {"file": SimpleUploadedFile(filename, content), **extra},
    )


def _refused(response, status=403, code="permission_denied"):
    assert response.status_code == status, response.content
    assert error_of(response)["code"] == code


# The authors' own cases


def test_my_practices_hold_my_drafts_and_nobody_elses(cluster, owner, outsider, secretariat):
    make_practice(cluster, owner, title={"en": "My draft"})
    make_practice(cluster, owner, title={"en": "Sent"}, status="in_review")
    client = client_for(owner)

    body = client.get(f"{URL}/mine").json()
    assert {row["title"] for row in body["results"]} == {"My draft", "Sent"}
    drafts = client.get(f"{URL}/mine?status=draft").json()["results"]
    assert [(row["title"], row["status"]) for row in drafts] == [("My draft", "draft")]
    assert client_for(outsider).get(f"{URL}/mine").json()["count"] == 0
    _refused(Client().get(f"{URL}/mine"), 401, "not_authenticated")


def test_my_practices_cost_the_same_for_one_and_three(cluster, owner):
    client = client_for(owner)
    make_practice(cluster, owner)
    one = queries_for(client, f"{URL}/mine")
    other = ClusterFactory()
    RoleFactory(user=owner, organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER)
    make_practice(other, owner)
    make_practice(cluster, owner)
    assert client.get(f"{URL}/mine").json()["count"] == 3
    assert queries_for(client, f"{URL}/mine") == one


# Moderation


def test_the_queue_is_the_secretariats(cluster, owner, outsider, secretariat):
    make_practice(cluster, owner, title={"en": "Waiting"}, status="in_review")
    make_practice(cluster, owner, title={"en": "Draft"})
    body = client_for(secretariat).get(f"{URL}/review-queue").json()
    assert [row["title"] for row in body["results"]] == ["Waiting"]
    for user in (owner, outsider):
        _refused(client_for(user).get(f"{URL}/review-queue"))
    _refused(Client().get(f"{URL}/review-queue"), 401, "not_authenticated")


def test_the_queue_costs_the_same_for_one_and_three(cluster, owner, secretariat):
    client = client_for(secretariat)
    make_practice(cluster, owner, status="in_review")
    one = queries_for(client, f"{URL}/review-queue")
    other = ClusterFactory()
    manager = RoleFactory(organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    make_practice(other, manager, status="in_review")
    make_practice(cluster, owner, status="in_review")
    assert client.get(f"{URL}/review-queue").json()["count"] == 3
    assert queries_for(client, f"{URL}/review-queue") == one


def test_the_secretariat_publishes_one_and_rejects_another(cluster, owner, secretariat):
    good = make_practice(cluster, owner, status="in_review")
    weak = make_practice(cluster, owner, status="in_review")
    client = client_for(secretariat)

    assert send(client, "post", f"{URL}/{good.pk}/publish").json()["status"] == "published"
    response = send(client, "post", f"{URL}/{weak.pk}/reject", {"reason": "No results yet."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rejected"
    assert response.json()["review_note"] == "No results yet."
    assert client.get(f"{URL}/review-queue").json()["count"] == 0
    # The authors may change a rejected case and send it again.
    assert send(client_for(owner), "post", f"{URL}/{weak.pk}/submit").status_code == 200


def test_rejection_needs_a_reason_and_a_case_in_review(cluster, owner, secretariat):
    practice = make_practice(cluster, owner, status="in_review")
    client = client_for(secretariat)
    response = send(client, "post", f"{URL}/{practice.pk}/reject", {"reason": " "})
    _refused(response, 422, "validation_error")
    assert error_of(response)["details"][0]["field"] == "reason"
    draft = make_practice(cluster, owner)
    _refused(
        send(client, "post", f"{URL}/{draft.pk}/reject", {"reason": "x"}), 422, "validation_error"
    )


def test_authors_and_strangers_may_not_reject(cluster, owner, outsider):
    practice = make_practice(cluster, owner, status="in_review")
    for user in (owner, outsider):
        _refused(send(client_for(user), "post", f"{URL}/{practice.pk}/reject", {"reason": "x"}))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW


# Attachments


def test_authors_attach_and_remove_files_of_a_draft(cluster, owner):
    practice = make_practice(cluster, owner)
    client = client_for(owner)

    response = upload(client, practice, "photo.png", PNG, name="The lab")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["kind"], body["status"]) == ("The lab", "image", "approved")
    assert body["url"].endswith(f"/practices/attachments/{body['id']}/")
    assert client.get(f"{URL}/{practice.pk}").json()["attachments"][0]["id"] == body["id"]

    assert send(client, "delete", f"{URL}/attachments/{body['id']}").status_code == 204
    assert not PracticeAttachment.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", PDF, "Attach a PDF document or a PNG, JPEG or WebP image."),
        ("fake.pdf", b"MZ\x90\x00" + b"0" * 100, "The file's content does not match its type"),
        ("empty.pdf", b"", "The file is empty."),
    ],
)
def test_files_are_checked_as_on_the_page(cluster, owner, name, content, message):
    practice = make_practice(cluster, owner)
    response = upload(client_for(owner), practice, name, content)
    _refused(response, 422, "validation_error")
    assert error_of(response)["details"][0]["message"].startswith(message)
    assert not PracticeAttachment.objects.exists()


def test_a_file_over_10_mb_is_refused(cluster, owner):
    practice = make_practice(cluster, owner)
    response = upload(client_for(owner), practice, "big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    _refused(response, 422, "validation_error")
    assert "larger than 10 MB" in error_of(response)["details"][0]["message"]


def test_an_upload_needs_a_file(cluster, owner):
    practice = make_practice(cluster, owner)
    response = client_for(owner).post(f"{URL}/{practice.pk}/attachments", {"name": "x"})
    _refused(response, 422, "validation_error")
    assert error_of(response)["details"][0]["field"] == "file"


def test_strangers_may_not_attach_remove_or_decide(cluster, owner, outsider, secretariat):
    practice = make_practice(cluster, owner, status="published", secretariat=secretariat)
    item = add_attachment(practice=practice, file=SimpleUploadedFile("a.pdf", PDF), by=owner)
    stranger = client_for(outsider)
    _refused(upload(stranger, practice))
    _refused(send(stranger, "delete", f"{URL}/attachments/{item.pk}"))
    _refused(send(stranger, "post", f"{URL}/attachments/{item.pk}/review", {"approve": True}))
    _refused(
        send(client_for(owner), "post", f"{URL}/attachments/{item.pk}/review", {"approve": True})
    )
    _refused(stranger.get(f"{URL}/attachments/awaiting-review"))
    _refused(upload(Client(), practice), 401, "not_authenticated")
    assert PracticeAttachment.objects.get().status == AttachmentStatus.PENDING


def test_an_authors_file_on_a_published_case_waits_for_the_secretariat(cluster, owner, secretariat):
    practice = make_practice(cluster, owner, status="published", secretariat=secretariat)
    response = upload(client_for(owner), practice)
    assert response.status_code == 201 and response.json()["status"] == "pending"
    item_id = response.json()["id"]
    assert Client().get(f"{URL}/{practice.pk}").json()["attachments"] == []

    as_secretariat = client_for(secretariat)
    [waiting] = as_secretariat.get(f"{URL}/attachments/awaiting-review").json()["results"]
    assert (waiting["id"], waiting["practice"]) == (item_id, practice.pk)
    decided = send(as_secretariat, "post", f"{URL}/attachments/{item_id}/review", {"approve": True})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert [a["id"] for a in Client().get(f"{URL}/{practice.pk}").json()["attachments"]] == [
        item_id
    ]

    # Removing it is asked for, and done once the secretariat agrees.
    asked = send(client_for(owner), "delete", f"{URL}/attachments/{item_id}")
    assert asked.status_code == 200 and asked.json()["status"] == "removal"
    agreed = send(as_secretariat, "post", f"{URL}/attachments/{item_id}/review", {"approve": True})
    assert agreed.status_code == 204
    assert not PracticeAttachment.objects.exists()


def test_the_awaiting_list_costs_the_same_for_one_and_three(cluster, owner, secretariat):
    practice = make_practice(cluster, owner, status="published", secretariat=secretariat)
    client = client_for(secretariat)
    url = f"{URL}/attachments/awaiting-review"
    add_attachment(practice=practice, file=SimpleUploadedFile("a.pdf", PDF), by=owner)
    one = queries_for(client, url)
    other = make_practice(cluster, owner, status="published", secretariat=secretariat)
    add_attachment(practice=other, file=SimpleUploadedFile("b.pdf", PDF), by=owner)
    add_attachment(practice=practice, file=SimpleUploadedFile("c.pdf", PDF), by=owner)
    assert client.get(url).json()["count"] == 3
    assert queries_for(client, url) == one


# Adoption


@pytest.fixture
def published(cluster, owner, secretariat):
    return make_practice(cluster, owner, status="published", secretariat=secretariat)


def adopter():
    user = RoleFactory(organisation__country=country("FR")).user
    return user, user.roles.get().organisation


def test_authors_see_who_wants_to_adopt_and_strangers_do_not(published, owner, outsider):
    user, organisation = adopter()
    response = send(
        client_for(user),
        "post",
        f"{URL}/{published.pk}/adoption-interests",
        {"organisation": organisation.pk, "message": "We want it."},
    )
    assert response.status_code == 201, response.json()
    again = send(
        client_for(user),
        "post",
        f"{URL}/{published.pk}/adoption-interests",
        {"organisation": organisation.pk, "message": "Again."},
    )
    _refused(again, 422, "validation_error")

    [row] = client_for(owner).get(f"{URL}/{published.pk}/adoption-interests").json()["results"]
    assert row["organisation"]["id"] == organisation.pk
    assert (row["message"], row["sender_email"]) == ("We want it.", user.email)
    for client in (client_for(outsider), client_for(user)):
        _refused(client.get(f"{URL}/{published.pk}/adoption-interests"))


def test_the_adopters_list_costs_the_same_for_one_and_three(published, owner):
    client = client_for(owner)
    url = f"{URL}/{published.pk}/adoption-interests"

    def one_more():
        user, organisation = adopter()
        want_to_adopt(practice=published, organisation=organisation, by=user, message="Hi")

    one_more()
    one = queries_for(client, url)
    one_more()
    one_more()
    assert client.get(url).json()["count"] == 3
    assert queries_for(client, url) == one


def test_feedback_shows_on_the_case_once_per_organisation(published):
    user, organisation = adopter()
    payload = {
        "organisation": organisation.pk,
        "text": "Adopted in Lyon.",
        "adopted_on": "2025-01-10",
    }
    url = f"{URL}/{published.pk}/feedback"
    assert send(client_for(user), "post", url, payload).status_code == 201
    _refused(send(client_for(user), "post", url, payload), 422, "validation_error")
    [shown] = Client().get(f"{URL}/{published.pk}").json()["feedback"]
    assert (shown["text"], shown["adopted_on"]) == ("Adopted in Lyon.", "2025-01-10")
    assert GoodPractice.objects.get().adoption_feedback.count() == 1
