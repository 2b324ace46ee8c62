"""Reads of declarations, versions, signatures and keys that views, the PDF and the API share."""

from django.shortcuts import get_object_or_404

from helisa.alliance.country_order import group_by_country
from helisa.alliance.declaration_rules import memberships_run_by
from helisa.alliance.models import (
    AllianceMember,
    Declaration,
    DeclarationVersion,
    MemberState,
    Signature,
    SigningAuthority,
    SigningKey,
    VersionStatus,
)


def declaration_of(alliance_slug, slug):
    return get_object_or_404(
        Declaration.objects.select_related("alliance"), alliance__slug=alliance_slug, slug=slug
    )


def version_of(declaration, number):
    version = get_object_or_404(declaration.versions, number=number)
    version.declaration = declaration
    return version


def published_versions(declaration):
    return declaration.versions.exclude(status=VersionStatus.DRAFT).order_by("-number")


def current_version(declaration):
    """The newest version that was opened for signature."""
    return published_versions(declaration).first()


def is_outdated(version):
    return (
        DeclarationVersion.objects.filter(
            declaration_id=version.declaration_id, number__gt=version.number
        )
        .exclude(status=VersionStatus.DRAFT)
        .exists()
    )


def signatures_of(version):
    """By country code, then by time of signing (by_country orders them for a reader)."""
    return (
        Signature.objects.filter(version=version)
        .select_related("organisation__country")
        .order_by("organisation__country__code", "signed_at", "pk")
    )


def by_country(signatures):
    """[(country name in the reader's language, [signatures by time])], by that name."""
    return group_by_country(signatures, lambda signature: signature.organisation.country_id)


def revoked_digests(digests):
    return set(
        Signature.objects.filter(receipt_digest__in=digests, revoked_at__isnull=False).values_list(
            "receipt_digest", flat=True
        )
    )


def signature_by_digest(digest):
    return (
        Signature.objects.filter(receipt_digest=digest)
        .select_related("version__declaration__alliance", "organisation")
        .first()
    )


def keys_of(alliance):
    return (
        SigningKey.objects.filter(alliance=alliance)
        .select_related("alliance")
        .order_by("-created_at")
    )


def authorities_of(organisation):
    return SigningAuthority.objects.filter(organisation=organisation).select_related(
        "user", "granted_by", "confirmed_by"
    )


def authorities_awaiting(user):
    """Authorities awaiting confirmation that `user` (secretariat) may confirm."""
    rows = SigningAuthority.objects.filter(
        confirmed_at__isnull=True, revoked_at__isnull=True
    ).select_related("user", "organisation__country", "granted_by")
    if not user.is_secretariat:
        organisations = memberships_run_by(user).values("cluster__organisation_id")
        rows = rows.filter(organisation_id__in=organisations)
    return rows.order_by("granted_at")


def signable_authorities(user, version):
    """The user's confirmed authorities for active members of the declaration's alliance that
    have not signed `version`."""
    members = AllianceMember.objects.filter(
        alliance_id=version.declaration.alliance_id, state=MemberState.MEMBER
    ).values("cluster__organisation_id")
    return (
        SigningAuthority.objects.filter(
            user=user,
            confirmed_at__isnull=False,
            revoked_at__isnull=True,
            organisation_id__in=members,
        )
        .exclude(
            organisation_id__in=Signature.objects.filter(
                version=version, revoked_at__isnull=True
            ).values("organisation_id")
        )
        .select_related("organisation")
    )
