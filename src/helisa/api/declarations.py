"""Declarations, their versions and signatures; signing; verifying receipts; public keys."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from helisa.alliance import declaration_queries as queries
from helisa.alliance import declaration_rules  # noqa: F401  (registers the permissions)
from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import Alliance, Signature, SigningAuthority, VersionStatus
from helisa.alliance.receipts import ALG
from helisa.alliance.services import signing
from helisa.alliance.verification import check_receipt
from helisa.registry.models import Organisation

from .auth import signed_in
from .errors import Conflict
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Declarations"])


class DeclarationOut(Schema):
    id: int
    slug: str
    title: dict = Field(description="Title per language")


class VersionOut(Schema):
    number: int
    status: VersionStatus
    authoritative_language: str
    texts: dict = Field(description="Text per language")
    digest: str = Field(description="SHA-256 of the canonical text (docs/receipts.md)")
    opened_at: datetime | None
    closed_at: datetime | None


class SignatureOut(Schema):
    id: int
    organisation_id: int
    organisation: str = Field(alias="organisation.legal_name")
    country: str = Field(alias="organisation.country_id")
    signer_name: str
    signer_function: str
    signed_at: datetime
    place: str
    key_id: str
    receipt_digest: str
    revoked: bool
    revoked_at: datetime | None
    revocation_reason: str
    receipt: dict

    @staticmethod
    def resolve_revoked(obj):
        return obj.revoked_at is not None


class SignIn(Schema):
    organisation_id: int
    place: str
    password_or_code: str = Field(description="The signer's password, or TOTP code with MFA")


class RevokeIn(Schema):
    reason: str


class VerifyOut(Schema):
    valid: bool
    reason: str
    message: str
    key_id: str | None
    receipt_digest: str | None
    revoked: bool | None = Field(description="None when the receipt is not valid")
    revoked_at: datetime | None
    payload: dict | None


class KeyOut(Schema):
    key_id: str
    alg: str = ALG
    public_key: str = Field(description="Raw 32-byte Ed25519 public key, base64")
    created_at: datetime
    retired_at: datetime | None


def _version(alliance, slug, number):
    declaration = queries.declaration_of(alliance, slug)
    return queries.version_of(declaration, number)


def _refused(error):
    if getattr(error, "code", None) == "already_signed":
        return Conflict(error.messages[0])
    return error


@router.get(
    "/alliances/{slug:alliance}/declarations",
    response={200: list[DeclarationOut], **READ_ERRORS},
    summary="Declarations of an alliance",
    description="Each with its title per language.",
)
def list_declarations(request, alliance: str):
    return get_object_or_404(Alliance, slug=alliance).declarations.order_by("slug")


@router.get(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions",
    response={200: list[VersionOut], **READ_ERRORS},
    summary="Published versions of a declaration",
    description="Versions opened for signature, newest first, with their text in each language.",
)
def list_versions(request, alliance: str, slug: str):
    return queries.published_versions(queries.declaration_of(alliance, slug))


@router.get(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions/{int:number}/signatures",
    response={200: list[SignatureOut], **READ_ERRORS},
    summary="Signatures of a version",
    description="By country, then time; each with its receipt and whether it was revoked.",
)
@paginate(LimitOffset)
def list_signatures(request, alliance: str, slug: str, number: int):
    version = _version(alliance, slug, number)
    if version.status == VersionStatus.DRAFT:
        return Signature.objects.none()
    return queries.signatures_of(version)


@router.post(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions/{int:number}/sign",
    response={201: SignatureOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Sign a version for an organisation",
    description="The caller needs confirmed signing authority for the organisation and confirms "
    "with their password (or TOTP code). Refused, with nothing recorded: a closed or outdated "
    "version, a second signature of the organisation (409), a wrong password.",
)
def sign(request, alliance: str, slug: str, number: int, payload: SignIn):
    version = _version(alliance, slug, number)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    try:
        signature = signing.sign_declaration(
            version=version,
            organisation=organisation,
            user=request.auth,
            place=payload.place,
            password_or_code=payload.password_or_code,
        )
    except ValidationError as error:
        raise _refused(error) from None
    except SigningKeyUnavailable as error:
        raise Conflict(str(error)) from None
    return 201, queries.signatures_of(version).get(pk=signature.pk)


def _change_version(request, alliance, slug, number, change):
    version = _version(alliance, slug, number)
    require(request.auth, "alliance.manage_declarations", version.declaration.alliance)
    return change(version=version, by=request.auth)


@router.post(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions/{int:number}/open",
    response={200: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Open a draft for signature (secretariat)",
    description="From then on its text cannot change; its digest is final.",
)
def open_version(request, alliance: str, slug: str, number: int):
    return _change_version(request, alliance, slug, number, signing.open_version)


@router.post(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions/{int:number}/close",
    response={200: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Close a version for signature (secretariat)",
    description="No one can sign it any more; its signatures stay.",
)
def close_version(request, alliance: str, slug: str, number: int):
    return _change_version(request, alliance, slug, number, signing.close_version)


@router.post(
    "/signatures/{int:signature_id}/revoke",
    response={200: SignatureOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Revoke a signature (secretariat)",
    description="The receipt stays valid cryptographically; verifying it says it is revoked.",
)
def revoke_signature(request, signature_id: int, payload: RevokeIn):
    signature = get_object_or_404(
        Signature.objects.select_related("version__declaration__alliance"), pk=signature_id
    )
    require(request.auth, "alliance.revoke_signature", signature)
    signing.revoke_signature(signature=signature, by=request.auth, reason=payload.reason)
    return queries.signatures_of(signature.version).get(pk=signature.pk)


@router.post(
    "/signing-authorities/{int:authority_id}/confirm",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Confirm a signing authority (secretariat)",
    description="After reading the mandate the organisation's manager uploaded.",
)
def confirm_authority(request, authority_id: int):
    authority = get_object_or_404(SigningAuthority, pk=authority_id)
    require(request.auth, "alliance.confirm_signing_authority", authority)
    signing.confirm_signing_authority(authority=authority, by=request.auth)
    return 204, None


@router.post(
    "/receipts/verify",
    response={200: VerifyOut, **WRITE_ERRORS},
    summary="Verify a signature receipt",
    description="Send the receipt document as the body. Says whether its signature is valid, "
    "why not, under which key, and whether the signature was revoked.",
)
def verify(request):
    result = check_receipt(request.body)
    return {
        **result,
        "receipt_digest": result["digest"],
        "revoked": result["revoked"] if result["valid"] else None,
        "message": str(result["message"]),
    }


@router.get(
    "/alliances/{slug:alliance}/keys",
    response={200: list[KeyOut], **READ_ERRORS},
    summary="Public signing keys of an alliance",
    description="Every key, retired ones too, so that old receipts stay verifiable. A list of "
    "these objects is a key file for `helisa verify-receipt --key`.",
)
def keys(request, alliance: str):
    return list(queries.keys_of(get_object_or_404(Alliance, slug=alliance)))
