"""Inviting people to a role by email; the link works once, for that address, for 14 days."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from helisa.registry.models import ChangeRecord, Invitation, Role, RoleKind
from helisa.registry.services.invitations import accept_invitation, invite, remove_role
from tests.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _token_from_outbox():
    return re.search(r"/invitations/([^/\s]+)/", mail.outbox[-1].body).group(1)


def test_manager_invites_and_the_invitee_accepts(owner, cluster):
    invitee = UserFactory(email="editor@example.org")
    invitation = invite(
        organisation=cluster.organisation,
        email="Editor@example.org",
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    assert mail.outbox[-1].to == ["Editor@example.org"]
    token = _token_from_outbox()
    assert invitation.token != token  # only a digest is stored

    role = accept_invitation(token=token, user=invitee)

    assert role.kind == RoleKind.CLUSTER_EDITOR and role.granted_by == owner
    assert invitee.has_perm("registry.change_cluster", cluster)
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee
    assert ChangeRecord.objects.filter(record_type="role", action="created").exists()


def test_token_is_single_use(owner, cluster):
    invitee = UserFactory(email="editor@example.org")
    invite(
        organisation=cluster.organisation,
        email=invitee.email,
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    token = _token_from_outbox()
    accept_invitation(token=token, user=invitee)
    with pytest.raises(ValidationError, match="already been used"):
        accept_invitation(token=token, user=invitee)


def test_token_expires_after_14_days(owner, cluster):
    invitee = UserFactory(email="late@example.org")
    invitation = invite(
        organisation=cluster.organisation,
        email=invitee.email,
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=invitation.created_at - timedelta(days=15)
    )
    with pytest.raises(ValidationError, match="expired"):
        accept_invitation(token=_token_from_outbox(), user=invitee)
    assert not Role.objects.filter(user=invitee).exists()


def test_only_the_invited_verified_address_may_accept(owner, cluster, outsider):
    invite(
        organisation=cluster.organisation,
        email="someone@example.org",
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    with pytest.raises(ValidationError, match="someone@example.org"):
        accept_invitation(token=_token_from_outbox(), user=outsider)
    with pytest.raises(ValidationError, match="not valid"):
        accept_invitation(token="forged", user=outsider)


def test_representative_invites_a_representative():
    role = RoleFactory(kind=RoleKind.REPRESENTATIVE)
    invitation = invite(
        organisation=role.organisation,
        email="colleague@example.org",
        kind=RoleKind.REPRESENTATIVE,
        by=role.user,
    )
    assert invitation.kind == RoleKind.REPRESENTATIVE


def test_role_must_fit_the_organisation(owner, cluster):
    with pytest.raises(ValidationError):
        invite(
            organisation=cluster.organisation,
            email="x@example.org",
            kind=RoleKind.REPRESENTATIVE,
            by=owner,
        )


def test_editor_and_outsider_may_not_invite(cluster, outsider):
    editor = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    for user in (editor, outsider):
        with pytest.raises(PermissionDenied):
            invite(
                organisation=cluster.organisation,
                email="x@example.org",
                kind=RoleKind.CLUSTER_EDITOR,
                by=user,
            )


def test_manager_removes_a_role(owner, cluster):
    editor_role = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR)
    remove_role(role=editor_role, by=owner)
    assert not editor_role.user.has_perm("registry.change_cluster", cluster)
    assert ChangeRecord.objects.filter(record_type="role", action="deleted").exists()


# Pages


def test_roles_page_lists_roles_and_sends_invitations(client, owner, cluster):
    client.force_login(owner)
    url = reverse("registry:organisation_roles", args=[cluster.organisation.pk])
    page = client.get(url)
    assert owner.email in page.content.decode()

    response = client.post(url, {"email": "new@example.org", "kind": RoleKind.CLUSTER_EDITOR})

    assert response.status_code == 302
    assert Invitation.objects.get().email == "new@example.org"
    assert "new@example.org" in client.get(url).content.decode()


def test_accept_page_grants_the_role(client, owner, cluster):
    invitee = UserFactory(email="editor@example.org")
    invite(
        organisation=cluster.organisation,
        email=invitee.email,
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    url = reverse("registry:accept_invitation", args=[_token_from_outbox()])
    client.force_login(invitee)
    assert str(cluster.organisation) in client.get(url).content.decode()
    response = client.post(url)
    assert response.url == reverse("registry:my_workspace")
    assert Role.objects.filter(user=invitee, kind=RoleKind.CLUSTER_EDITOR).exists()


def test_accept_page_with_a_forged_token_is_404(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("registry:accept_invitation", args=["forged"])).status_code == 404


def test_remove_and_withdraw_from_the_page(client, owner, cluster):
    editor_role = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR)
    invitation = invite(
        organisation=cluster.organisation,
        email="x@example.org",
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    client.force_login(owner)
    pk = cluster.organisation.pk
    client.post(reverse("registry:remove_role", args=[pk, editor_role.pk]))
    client.post(reverse("registry:withdraw_invitation", args=[pk, invitation.pk]))
    assert not Role.objects.filter(pk=editor_role.pk).exists()
    assert not Invitation.objects.exists()


def test_role_of_another_organisation_cannot_be_removed_through_mine(client, owner, cluster):
    elsewhere = RoleFactory(organisation=OrganisationFactory())
    client.force_login(owner)
    response = client.post(
        reverse("registry:remove_role", args=[cluster.organisation.pk, elsewhere.pk])
    )
    assert response.status_code == 404
    assert Role.objects.filter(pk=elsewhere.pk).exists()
