"""Reads about who holds which role, shared by the workspace, the secretariat and the API."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from helisa.registry.models import (
    Claim,
    ClaimStatus,
    Cluster,
    Invitation,
    Organisation,
    Role,
    RoleKind,
)

INVITATION_VALID_FOR = timedelta(days=14)


def organisations_managed_by(user):
    """Organisations the user owns or holds any role for."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(Q(owner=user) | Q(roles__user=user))
        .select_related("cluster", "country")
        .distinct()
    )


def roles_of(user):
    return (
        Role.objects.filter(user=user)
        .select_related("organisation__cluster", "organisation__country")
        .order_by("organisation__legal_name", "kind")
    )


def claims_of(user):
    return Claim.objects.filter(user=user).select_related("organisation")


def pending_claims():
    return (
        Claim.objects.filter(status=ClaimStatus.PENDING)
        .select_related("organisation__country", "user")
        .order_by("created_at")
    )


def clusters_awaiting_review():
    return (
        Cluster.objects.filter(reviewed_at__isnull=True)
        .select_related("organisation__country")
        .order_by("name")
    )


def roles_for_organisation(organisation):
    return organisation.roles.select_related("user", "granted_by").order_by("kind", "user__email")


def open_invitations_for(organisation):
    return (
        organisation.invitations.filter(
            accepted_at__isnull=True, created_at__gte=timezone.now() - INVITATION_VALID_FOR
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitations_received_by(user):
    emails = list(user.emailaddress_set.values_list("email", flat=True)) or [user.email]
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    return Invitation.objects.filter(query | Q(accepted_by=user)).select_related("organisation")


def workspace_entries(user):
    """The user's organisations, each with the user's roles there, whether they own it and
    whether they may manage its roles (the rule of rules.can_manage_organisation_roles, worked
    out from the rows already loaded so that a long list costs no query per organisation)."""
    entries = {}
    for role in roles_of(user):
        entry = entries.setdefault(role.organisation_id, _entry(role.organisation))
        entry["roles"].append(role)
    owned = Organisation.objects.filter(owner=user).select_related("cluster", "country")
    for organisation in owned:
        entries.setdefault(organisation.pk, _entry(organisation))["owner"] = True
    for entry in entries.values():
        kinds = {role.kind for role in entry["roles"]}
        needed = (
            RoleKind.CLUSTER_MANAGER
            if getattr(entry["organisation"], "cluster", None) is not None
            else RoleKind.REPRESENTATIVE
        )
        entry["can_manage_roles"] = entry["owner"] or needed in kinds or user.is_secretariat
    return sorted(entries.values(), key=lambda entry: entry["organisation"].legal_name)


def _entry(organisation):
    return {"organisation": organisation, "roles": [], "owner": False}
