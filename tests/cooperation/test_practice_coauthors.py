"""A cluster is named as co-author of a good practice only when one of its managers accepts."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from helisa.cooperation.models import CoAuthorInvitation, CoAuthorStatus
from helisa.cooperation.services import practice_coauthors as coauthors
from helisa.cooperation.services import practices as services
from helisa.registry.models import RoleKind
from tests.cooperation.practices_helpers import client_of, make_practice
from tests.factories import ClusterFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(db):
    return ClusterFactory(name="Baltic Maritime Cluster")


@pytest.fixture
def partner_manager(partner):
    return RoleFactory(organisation=partner.organisation, kind=RoleKind.CLUSTER_MANAGER).user


@pytest.fixture
def invited(cluster, owner, partner, partner_manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practice = services.create_practice(
            authors=[cluster, partner], by=owner, title={"en": "Joint pilot lines"}
        )
    return practice


def invitation_of(practice, cluster):
    return CoAuthorInvitation.objects.get(practice=practice, cluster=cluster)


def test_another_cluster_is_invited_not_named(invited, cluster, partner, partner_manager, owner):
    assert list(invited.authors.all()) == [cluster]
    assert invitation_of(invited, partner).status == CoAuthorStatus.PENDING
    assert [m.to for m in mail.outbox] == [[partner_manager.email]]
    assert "Joint pilot lines" in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    page = client_of(owner).get(invited.get_absolute_url()).content.decode()
    assert "awaiting their answer" in page and "Baltic Maritime Cluster" in page


def test_the_invited_manager_reads_the_draft_and_accepts(
    invited, cluster, partner, partner_manager, owner
):
    page = client_of(partner_manager).get(invited.get_absolute_url())
    assert page.status_code == 200
    assert "is invited to co-author this case" in page.content.decode()
    mine = client_of(partner_manager).get(reverse("cooperation:my_practices")).content.decode()
    assert "Joint pilot lines" in mine

    mail.outbox.clear()
    invitation = invitation_of(invited, partner)
    client_of(partner_manager).post(
        reverse("cooperation:practice_coauthor_answer", args=[invitation.pk]), {"accept": "1"}
    )
    assert set(invited.authors.all()) == {cluster, partner}
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "accepted" in mail.outbox[0].body
    invited.refresh_from_db()
    assert "baltic" in invited.search_text
    # Now an author, the partner's manager changes the draft like any author.
    services.update_practice(practice=invited, by=partner_manager, title={"en": "Pilot lines"})


def test_a_declined_invitation_leaves_the_case_alone(invited, cluster, partner, partner_manager):
    invitation = invitation_of(invited, partner)
    coauthors.answer_invitation(invitation=invitation, by=partner_manager, accept=False)
    assert list(invited.authors.all()) == [cluster]
    assert client_of(partner_manager).get(invited.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError):
        coauthors.answer_invitation(invitation=invitation, by=partner_manager, accept=True)


def test_a_declined_cluster_cannot_be_asked_again(
    invited, cluster, partner, partner_manager, owner
):
    coauthors.answer_invitation(
        invitation=invitation_of(invited, partner), by=partner_manager, accept=False
    )
    with pytest.raises(ValidationError):
        services.update_practice(practice=invited, by=owner, authors=[cluster, partner])


def test_only_the_invited_clusters_managers_answer(invited, partner, owner, outsider):
    invitation = invitation_of(invited, partner)
    editor = RoleFactory(organisation=partner.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    for user in (owner, outsider, editor):
        with pytest.raises(PermissionDenied):
            coauthors.answer_invitation(invitation=invitation, by=user, accept=True)
        url = reverse("cooperation:practice_coauthor_answer", args=[invitation.pk])
        assert client_of(user).post(url, {"accept": "1"}).status_code == 403
    assert partner not in invited.authors.all()


def test_strangers_still_do_not_see_the_draft(invited, outsider):
    assert client_of(outsider).get(invited.get_absolute_url()).status_code == 404
    assert Client().get(invited.get_absolute_url()).status_code == 404


def test_leaving_an_invited_cluster_out_withdraws_the_invitation(
    invited, cluster, partner, partner_manager, owner
):
    services.update_practice(practice=invited, by=owner, authors=[cluster])
    assert not CoAuthorInvitation.objects.filter(practice=invited).exists()
    assert client_of(partner_manager).get(invited.get_absolute_url()).status_code == 404


def test_saving_again_asks_nobody_twice(
    invited, cluster, partner, owner, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_practice(practice=invited, by=owner, authors=[cluster, partner])
    assert mail.outbox == []
    assert CoAuthorInvitation.objects.filter(practice=invited).count() == 1


def test_the_edit_form_keeps_pending_invitations(invited, partner, owner):
    page = client_of(owner).get(reverse("cooperation:practice_edit", args=[invited.pk]))
    field = page.context["form"]["authors"]
    assert partner in field.initial


def test_clusters_the_writer_manages_are_named_at_once(cluster, owner):
    second = ClusterFactory()
    RoleFactory(user=owner, organisation=second.organisation, kind=RoleKind.CLUSTER_MANAGER)
    practice = services.create_practice(authors=[cluster, second], by=owner, title={"en": "T"})
    assert set(practice.authors.all()) == {cluster, second}
    assert not CoAuthorInvitation.objects.exists()


def test_the_published_case_shows_a_co_author_only_after_acceptance(
    cluster, owner, partner, partner_manager, secretariat
):
    practice = make_practice(cluster, owner)
    services.update_practice(practice=practice, by=owner, authors=[cluster, partner])
    services.submit_practice(practice=practice, by=owner)
    services.publish_practice(practice=practice, by=secretariat)
    assert (
        "Baltic Maritime Cluster" not in Client().get(practice.get_absolute_url()).content.decode()
    )
    coauthors.answer_invitation(
        invitation=invitation_of(practice, partner), by=partner_manager, accept=True
    )
    assert "Baltic Maritime Cluster" in Client().get(practice.get_absolute_url()).content.decode()
