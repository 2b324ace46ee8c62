"""Emails about an alliance's memberships and declarations, each in its recipient's language."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from helisa.core.models import User
from helisa.registry.models import RoleKind
from helisa.registry.services.notify import send_to_user

from ..declaration_rules import AUTHORITY_STATES
from ..models import AllianceMember, MemberState
from ..receipts import receipt_file

# alliance/email/<template> -> the kind of email it is (cooperation/notification_kinds.py)
KIND_OF_TEMPLATE = {
    "state_changed": "alliance_membership",
    "new_application": "alliance_application",
    "ballot_opened": "alliance_ballot",
    "authority_granted": "authority_to_confirm",
    "authority_confirmed": "authority_confirmed",
    "signed": "declaration_signed",
    "signature_revoked": "signature_revoked",
}


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def cluster_managers(cluster):
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__organisation_id=cluster.pk, roles__kind=RoleKind.CLUSTER_MANAGER)
            | Q(owned_organisations=cluster.pk)
        )
        .distinct()
    )


def voting_managers(application):
    """The managers of the alliance's active members, but the applicant's: who votes on it."""
    members = (
        AllianceMember.objects.filter(alliance_id=application.alliance_id, state=MemberState.MEMBER)
        .exclude(pk=application.pk)
        .values("cluster_id")
    )
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__organisation_id__in=members, roles__kind=RoleKind.CLUSTER_MANAGER)
            | Q(owned_organisations__in=members)
        )
        .distinct()
    )


def alliance_secretariat(alliance):
    return alliance.secretariat.filter(is_active=True)


def organisation_managers(organisation):
    """Who may manage the organisation's roles (and so its signing authorities)."""
    kind = RoleKind.CLUSTER_MANAGER if hasattr(organisation, "cluster") else RoleKind.REPRESENTATIVE
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__organisation_id=organisation.pk, roles__kind=kind)
            | Q(owned_organisations=organisation.pk)
        )
        .distinct()
    )


def confirming_secretariat(organisation):
    """The secretariats of the alliances where the organisation is a member or an applicant
    (those who may confirm its authorities); the platform's when it is in none."""
    alliances = AllianceMember.objects.filter(
        cluster__organisation_id=organisation.pk, state__in=AUTHORITY_STATES
    )
    users = User.objects.filter(
        is_active=True, alliances_run__in=alliances.values("alliance_id")
    ).distinct()
    if users.exists():
        return users
    return User.objects.filter(is_active=True, is_secretariat=True)


def send_to_users(*, users, template, context, attachments=()):
    """Send alliance/email/<template>_subject.txt and _message.txt to each user who wants this kind
    of email, in their language, with a link that stops it.

    `attachments` are (filename, content, mimetype) tuples, the same for every recipient."""
    for user in users:
        send_to_user(
            user=user,
            kind=KIND_OF_TEMPLATE[template],
            template=f"alliance/email/{template}",
            context={"site_url": settings.SITE_URL, "recipient": user, **context},
            attachments=attachments,
        )


def _with_organisation_managers(user_id, organisation):
    managers = organisation_managers(organisation).values("pk")
    return User.objects.filter(is_active=True).filter(Q(pk=user_id) | Q(pk__in=managers))


def authority_granted(authority):
    send_to_users(
        users=confirming_secretariat(authority.organisation),
        template="authority_granted",
        context={
            "authority": authority,
            "organisation": authority.organisation,
            "confirm_url": absolute_url("alliance:authorities_awaiting"),
        },
    )


def authority_confirmed(authority):
    send_to_users(
        users=_with_organisation_managers(authority.user_id, authority.organisation),
        template="authority_confirmed",
        context={
            "authority": authority,
            "organisation": authority.organisation,
            "authorities_url": absolute_url("alliance:authorities", authority.organisation_id),
        },
    )


def _signature_context(signature):
    version = signature.version
    declaration = version.declaration
    return {
        "signature": signature,
        "version": version,
        "declaration": declaration,
        "organisation": signature.organisation,
        "signatories_url": absolute_url(
            "alliance:signatories", declaration.alliance.slug, declaration.slug, version.number
        ),
    }


def signed(signature):
    receipt = (
        f"receipt-{signature.receipt_digest[:16]}.json",
        receipt_file(signature.receipt),
        "application/json",
    )
    send_to_users(
        users=User.objects.filter(pk=signature.signer_id, is_active=True),
        template="signed",
        context={
            **_signature_context(signature),
            "signed_url": absolute_url("alliance:signed", signature.pk),
            "verify_url": absolute_url("alliance:verify"),
        },
        attachments=[receipt],
    )


def signature_revoked(signature):
    send_to_users(
        users=_with_organisation_managers(signature.signer_id, signature.organisation),
        template="signature_revoked",
        context=_signature_context(signature),
    )
