"""Declarations, their versions and signatures; signing; verifying receipts; public keys.

A draft is the secretariat's alone: to everyone else a draft version, and its signatures, do not
exist (404), as in the UI.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from helisa.alliance import declaration_queries as queries
from helisa.alliance import declaration_rules  # noqa: F401  (registers the permissions)
from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import Alliance, Signature, VersionStatus
from helisa.alliance.services import signing
from helisa.alliance.verification import check_receipt
from helisa.registry.models import Organisation

from . import alliance_authorities
from .alliance_access import readers
from .alliance_declaration_schemas import (
    DeclarationIn,
    DeclarationOut,
    KeyOut,
    RevokeIn,
    SignatureOut,
    SignIn,
    VerifyOut,
    VersionIn,
    VersionOut,
)
from .auth import signed_in
from .errors import Conflict, conflicts_as_409
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Declarations"])
router.add_router("", alliance_authorities.router)

VERSION = "/alliances/{slug:alliance}/declarations/{slug:slug}/versions/{int:number}"
MANAGE = "alliance.manage_declarations"

_run = conflicts_as_409({"duplicate_slug", "already_signed"})


def _manages(user, declaration):
    return user.has_perm(MANAGE, declaration.alliance)


def _visible_version(request, alliance, slug, number):
    declaration = queries.declaration_of(alliance, slug)
    version = queries.version_of(declaration, number)
    if version.status == VersionStatus.DRAFT and not _manages(request.auth, declaration):
        raise Http404
    return version


def _managed_declaration(request, alliance, slug):
    declaration = queries.declaration_of(alliance, slug)
    require(request.auth, MANAGE, declaration.alliance)
    return declaration


def _in_its_state(change, **kwargs):
    """A version's state refuses the change (opening an open one, editing an opened text): a
    clash with what is stored, so a 409."""
    try:
        return change(**kwargs)
    except ValidationError as error:
        raise Conflict(error.messages[0]) from None


# Declarations and versions


@router.get(
    "/alliances/{slug:alliance}/declarations",
    response={200: list[DeclarationOut], **READ_ERRORS},
    summary="Declarations of an alliance",
    description="Each with its title per language.",
)
def list_declarations(request, alliance: str):
    return get_object_or_404(Alliance, slug=alliance).declarations.order_by("slug")


@router.post(
    "/alliances/{slug:alliance}/declarations",
    response={201: DeclarationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Write a declaration (secretariat)",
    description="A new declaration with its title per language and its first version, a draft, "
    "with its text per language and the authoritative language. 409 when the address is taken.",
)
def create_declaration(request, alliance: str, payload: DeclarationIn):
    alliance = get_object_or_404(Alliance, slug=alliance)
    require(request.auth, MANAGE, alliance)
    return 201, _run(
        signing.create_declaration_with_version,
        alliance=alliance,
        by=request.auth,
        **payload.dict(),
    )


@router.get(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions",
    response={200: list[VersionOut], **READ_ERRORS},
    auth=readers,
    summary="Versions of a declaration",
    description="Versions opened for signature, newest first, with their text in each language. "
    "The alliance's secretariat sees the drafts too.",
)
def list_versions(request, alliance: str, slug: str):
    declaration = queries.declaration_of(alliance, slug)
    if _manages(request.auth, declaration):
        return declaration.versions.order_by("-number")
    return queries.published_versions(declaration)


@router.post(
    "/alliances/{slug:alliance}/declarations/{slug:slug}/versions",
    response={201: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Write a new version (secretariat)",
    description="A draft with its text per language and the authoritative language; it is "
    "numbered after the last version. Nobody else sees it until it is opened for signature.",
)
def create_version(request, alliance: str, slug: str, payload: VersionIn):
    declaration = _managed_declaration(request, alliance, slug)
    return 201, signing.create_version(declaration=declaration, by=request.auth, **payload.dict())


@router.get(
    VERSION,
    response={200: VersionOut, **READ_ERRORS},
    auth=readers,
    summary="One version of a declaration",
    description="With its text in each language and its digest. A draft is found only by the "
    "alliance's secretariat.",
)
def get_version(request, alliance: str, slug: str, number: int):
    return _visible_version(request, alliance, slug, number)


@router.put(
    VERSION,
    response={200: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Rewrite a draft (secretariat)",
    description="Replaces a draft's texts and authoritative language. 409 once the version was "
    "opened for signature: signatures name its digest.",
)
def update_version(request, alliance: str, slug: str, number: int, payload: VersionIn):
    declaration = _managed_declaration(request, alliance, slug)
    version = queries.version_of(declaration, number)
    # A draft is refused only for its texts (422); any other version for its state (409).
    if version.status == VersionStatus.DRAFT:
        return signing.update_draft(version=version, by=request.auth, **payload.dict())
    return _in_its_state(signing.update_draft, version=version, by=request.auth, **payload.dict())


def _change_version(request, alliance, slug, number, change):
    declaration = _managed_declaration(request, alliance, slug)
    version = queries.version_of(declaration, number)
    return _in_its_state(change, version=version, by=request.auth)


@router.post(
    f"{VERSION}/open",
    response={200: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Open a draft for signature (secretariat)",
    description="From then on its text cannot change; its digest is final. 409 unless a draft.",
)
def open_version(request, alliance: str, slug: str, number: int):
    return _change_version(request, alliance, slug, number, signing.open_version)


@router.post(
    f"{VERSION}/close",
    response={200: VersionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Close a version for signature (secretariat)",
    description="No one can sign it any more; its signatures stay. 409 unless it is open.",
)
def close_version(request, alliance: str, slug: str, number: int):
    return _change_version(request, alliance, slug, number, signing.close_version)


# Signatures


@router.get(
    f"{VERSION}/signatures",
    response={200: list[SignatureOut], **READ_ERRORS},
    auth=readers,
    summary="Signatures of a version",
    description="By country, then time; each with its receipt and whether it was revoked. "
    "A draft's are found only by the alliance's secretariat.",
)
@paginate(LimitOffset)
def list_signatures(request, alliance: str, slug: str, number: int):
    return queries.signatures_of(_visible_version(request, alliance, slug, number))


@router.post(
    f"{VERSION}/sign",
    response={201: SignatureOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Sign a version for an organisation",
    description="The caller needs confirmed signing authority for the organisation and confirms "
    "with their password (or TOTP code). Refused, with nothing recorded: a closed or outdated "
    "version, a second signature of the organisation (409), a wrong password.",
)
def sign(request, alliance: str, slug: str, number: int, payload: SignIn):
    version = _visible_version(request, alliance, slug, number)
    organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    try:
        signature = _run(
            signing.sign_declaration,
            version=version,
            organisation=organisation,
            user=request.auth,
            place=payload.place,
            password_or_code=payload.password_or_code,
        )
    except SigningKeyUnavailable as error:
        raise Conflict(str(error)) from None
    return 201, queries.signatures_of(version).get(pk=signature.pk)


@router.post(
    "/signatures/{int:signature_id}/revoke",
    response={200: SignatureOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Revoke a signature (secretariat)",
    description="The receipt stays valid cryptographically; verifying it says it is revoked, "
    "when and why.",
)
def revoke_signature(request, signature_id: int, payload: RevokeIn):
    signature = get_object_or_404(
        Signature.objects.select_related("version__declaration__alliance"), pk=signature_id
    )
    require(request.auth, "alliance.revoke_signature", signature)
    signing.revoke_signature(signature=signature, by=request.auth, reason=payload.reason)
    return queries.signatures_of(signature.version).get(pk=signature.pk)


# Receipts and keys


@router.post(
    "/receipts/verify",
    response={200: VerifyOut, **WRITE_ERRORS},
    summary="Verify a signature receipt",
    description="Send the receipt file as the body, byte for byte as Helisa issued it (e.g. "
    "`curl --data-binary @receipt.json`): a reformatted file does not verify. Says whether its "
    "signature is valid, "
    "why not, under which key, and whether the signature was revoked (when and why).",
)
def verify(request):
    result = check_receipt(request.body)
    revoked = result["revoked"] if result["valid"] else None
    return {
        **result,
        "receipt_digest": result["digest"],
        "revoked": revoked,
        "revoked_at": result["revoked_at"] if revoked else None,
        "revocation_reason": result["revocation_reason"] if revoked else None,
        "message": str(result["message"]),
    }


@router.get(
    "/alliances/{slug:alliance}/keys",
    response={200: list[KeyOut], **READ_ERRORS},
    summary="Public signing keys of an alliance",
    description="Every key, retired ones too, so that old receipts stay verifiable. A list of "
    "these objects is a key file for `helisa verify-receipt --key`, and so is each key's "
    "`pub_file` (PEM).",
)
def keys(request, alliance: str):
    return list(queries.keys_of(get_object_or_404(Alliance, slug=alliance)))
