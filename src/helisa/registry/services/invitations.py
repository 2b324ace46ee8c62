"""Invitations by email to take a role for an organisation, and taking roles away."""

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import ChangeRecord, Invitation, Role, RoleKind
from helisa.registry.queries_access import INVITATION_VALID_FOR

from .history import record_change
from .notify import absolute_url, language_for_email, send_in_language


def kinds_for(organisation):
    """The roles one can be invited to: cluster roles for a cluster organisation."""
    if getattr(organisation, "cluster", None) is not None:
        return [RoleKind.CLUSTER_MANAGER, RoleKind.CLUSTER_EDITOR]
    return [RoleKind.REPRESENTATIVE]


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def is_expired(invitation):
    return invitation.created_at < timezone.now() - INVITATION_VALID_FOR


@transaction.atomic
def invite(*, organisation, email, kind, by):
    """Create an invitation and email its link; only a digest of the token is stored."""
    if not by.has_perm("registry.manage_organisation_roles", organisation):
        raise PermissionDenied
    if kind not in kinds_for(organisation):
        raise ValidationError(_("This role cannot be given for this organisation."))
    email = email.strip()
    if Role.objects.filter(
        organisation=organisation, kind=kind, user__emailaddress__email__iexact=email
    ).exists():
        raise ValidationError(_("This person already has this role."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation, email=email, kind=kind, token=_digest(token), invited_by=by
    )
    record_change(
        instance=invitation,
        action=ChangeRecord.Action.CREATED,
        by=by,
        changes={"email": [None, email], "kind": [None, kind]},
        organisation=organisation,
    )
    send_in_language(
        to=email,
        language=language_for_email(email),
        template="invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "invited_by": by,
            "accept_url": absolute_url("registry:accept_invitation", token),
            "valid_days": INVITATION_VALID_FOR.days,
        },
    )
    return invitation


def find_invitation(token):
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token=_digest(token))
        .first()
    )


@transaction.atomic
def accept_invitation(*, token, user):
    invitation = find_invitation(token)
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if is_expired(invitation):
        raise ValidationError(_("This invitation has expired; ask for a new one."))
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise ValidationError(
            _("This invitation was sent to %(email)s; sign in with that verified address.")
            % {"email": invitation.email}
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    role, created = Role.objects.get_or_create(
        user=user,
        organisation=invitation.organisation,
        kind=invitation.kind,
        defaults={"granted_by": invitation.invited_by},
    )
    if created:
        record_change(
            instance=role,
            action=ChangeRecord.Action.CREATED,
            by=user,
            changes={"user": [None, user.pk], "kind": [None, role.kind]},
            organisation=invitation.organisation,
        )
    return role


@transaction.atomic
def withdraw_invitation(*, invitation, by):
    if not by.has_perm("registry.manage_organisation_roles", invitation.organisation):
        raise PermissionDenied
    record_change(
        instance=invitation,
        action=ChangeRecord.Action.DELETED,
        by=by,
        changes={"email": [invitation.email, None], "kind": [invitation.kind, None]},
        organisation=invitation.organisation,
    )
    invitation.delete()


@transaction.atomic
def remove_role(*, role, by):
    if not by.has_perm("registry.manage_organisation_roles", role.organisation):
        raise PermissionDenied
    record_change(
        instance=role,
        action=ChangeRecord.Action.DELETED,
        by=by,
        changes={"user": [role.user_id, None], "kind": [role.kind, None]},
        organisation=role.organisation,
    )
    role.delete()
