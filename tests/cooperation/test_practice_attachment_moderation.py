"""Once a good practice is in review or published, the files its authors add or remove wait for the
secretariat, as its text does; the secretariat's own changes take effect at once."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from helisa.cooperation.models import AttachmentStatus, PracticeAttachment
from helisa.cooperation.services import practices as services
from tests.cooperation.practices_helpers import client_of, make_practice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 100


def pdf(name="lab.pdf"):
    return SimpleUploadedFile(name, PDF)


@pytest.fixture
def secretariat(secretariat):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    return secretariat


@pytest.fixture
def published(cluster, owner, secretariat):
    return make_practice(cluster, owner, status="published", secretariat=secretariat)


def public_names(practice):
    page = Client().get(practice.get_absolute_url()).content.decode()
    return {item.name for item in practice.attachments.all() if item.name in page}


def test_a_draft_takes_files_at_once(cluster, owner):
    practice = make_practice(cluster, owner)
    item = services.add_attachment(practice=practice, file=pdf(), by=owner)
    assert item.status == AttachmentStatus.APPROVED
    assert services.delete_attachment(attachment=item, by=owner) is None
    assert not practice.attachments.exists()


@pytest.mark.parametrize("status", ["in_review", "published"])
def test_a_file_added_after_submission_waits_for_approval(cluster, owner, secretariat, status):
    practice = make_practice(cluster, owner, status=status, secretariat=secretariat)
    item = services.add_attachment(practice=practice, file=pdf("new.pdf"), by=owner)
    assert item.status == AttachmentStatus.PENDING


def test_readers_see_a_new_file_only_after_approval(published, owner, secretariat):
    item = services.add_attachment(practice=published, file=pdf("Results 2025.pdf"), by=owner)
    assert public_names(published) == set()
    assert Client().get(item.get_absolute_url()).status_code == 404
    owner_page = client_of(owner).get(published.get_absolute_url()).content.decode()
    assert "Results 2025.pdf" in owner_page and "Awaiting approval" in owner_page
    assert client_of(owner).get(item.get_absolute_url()).status_code == 200

    mail.outbox.clear()
    services.review_attachment(attachment=item, by=secretariat, approve=True)
    assert public_names(published) == {"Results 2025.pdf"}
    assert Client().get(item.get_absolute_url()).status_code == 200
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Results 2025.pdf" in mail.outbox[0].body


def test_a_refused_file_is_deleted(published, owner, secretariat):
    item = services.add_attachment(practice=published, file=pdf(), by=owner)
    services.review_attachment(attachment=item, by=secretariat, approve=False)
    assert not PracticeAttachment.objects.filter(pk=item.pk).exists()


def test_removing_a_published_file_waits_for_the_secretariat(cluster, owner, secretariat):
    practice = make_practice(cluster, owner)
    item = services.add_attachment(practice=practice, file=pdf("Budget.pdf"), by=owner)
    services.submit_practice(practice=practice, by=owner)
    services.publish_practice(practice=practice, by=secretariat)

    kept = services.delete_attachment(attachment=item, by=owner)
    assert kept.status == AttachmentStatus.REMOVAL_REQUESTED
    assert public_names(practice) == {"Budget.pdf"}
    services.review_attachment(attachment=kept, by=secretariat, approve=False)
    item.refresh_from_db()
    assert item.status == AttachmentStatus.APPROVED

    services.delete_attachment(attachment=item, by=owner)
    services.review_attachment(attachment=item, by=secretariat, approve=True)
    assert not practice.attachments.exists()


def test_authors_withdraw_a_pending_file_themselves(published, owner):
    item = services.add_attachment(practice=published, file=pdf(), by=owner)
    assert services.delete_attachment(attachment=item, by=owner) is None
    assert not published.attachments.exists()


def test_the_secretariat_changes_files_at_once(published, secretariat):
    item = services.add_attachment(practice=published, file=pdf("Photo.pdf"), by=secretariat)
    assert item.status == AttachmentStatus.APPROVED
    assert services.delete_attachment(attachment=item, by=secretariat) is None


def test_only_the_secretariat_decides(published, owner, outsider):
    item = services.add_attachment(practice=published, file=pdf(), by=owner)
    for user in (owner, outsider):
        with pytest.raises(PermissionDenied):
            services.review_attachment(attachment=item, by=user, approve=True)
        url = reverse("cooperation:practice_attachment_review", args=[item.pk])
        assert client_of(user).post(url, {"approve": "1"}).status_code == 403
    item.refresh_from_db()
    assert item.status == AttachmentStatus.PENDING


def test_an_approved_file_awaits_no_decision(published, secretariat):
    item = services.add_attachment(practice=published, file=pdf(), by=secretariat)
    with pytest.raises(ValidationError):
        services.review_attachment(attachment=item, by=secretariat, approve=True)


def test_the_queue_lists_attachment_changes_and_approves_them(published, owner, secretariat):
    item = services.add_attachment(practice=published, file=pdf("Queue.pdf"), by=owner)
    queue = client_of(secretariat).get(reverse("cooperation:practice_queue")).content.decode()
    assert "Queue.pdf" in queue
    client_of(secretariat).post(
        reverse("cooperation:practice_attachment_review", args=[item.pk]), {"approve": "1"}
    )
    item.refresh_from_db()
    assert item.status == AttachmentStatus.APPROVED
    queue = client_of(secretariat).get(reverse("cooperation:practice_queue")).content.decode()
    assert "Queue.pdf" not in queue


def test_uploading_to_a_published_case_through_the_page_says_it_waits(published, owner):
    response = client_of(owner).post(
        reverse("cooperation:practice_attachment_add", args=[published.pk]),
        {"file": pdf("Page.pdf")},
        follow=True,
    )
    assert "once the secretariat approves it" in response.content.decode()
    assert published.attachments.get().status == AttachmentStatus.PENDING


def test_the_api_hides_pending_files_from_readers(published, owner):
    services.add_attachment(practice=published, file=pdf("Api.pdf"), by=owner)
    url = f"/api/v1/cooperation/practices/{published.pk}"
    assert Client().get(url).json()["attachments"] == []
    assert [a["name"] for a in client_of(owner).get(url).json()["attachments"]] == ["Api.pdf"]


def test_a_case_sent_back_to_draft_lets_its_authors_remove_files_again(
    published, owner, secretariat
):
    item = services.add_attachment(practice=published, file=pdf("Old.pdf"), by=secretariat)
    services.delete_attachment(attachment=item, by=owner)
    services.return_practice(practice=published, by=secretariat, reason="Update the figures.")
    published.refresh_from_db()
    page = client_of(owner).get(published.get_absolute_url()).content.decode()
    assert reverse("cooperation:practice_attachment_delete", args=[item.pk]) in page
    item.refresh_from_db()
    assert services.delete_attachment(attachment=item, by=owner) is None
    assert not published.attachments.exists()
