"""Signing authorities: granted by an organisation's manager with a mandate (a PDF), confirmed or
revoked by the secretariat; the same rules and checks as the UI (alliance/views/signing.py)."""

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Router, UploadedFile
from ninja.pagination import paginate

from helisa.alliance import authority_rules  # noqa: F401  (registers the permissions)
from helisa.alliance import declaration_queries as queries
from helisa.alliance.models import SigningAuthority
from helisa.alliance.services import signing
from helisa.core.models import User
from helisa.registry.models import Organisation

from .alliance_declaration_schemas import AuthorityIn, AuthorityOut
from .auth import signed_in
from .errors import Conflict, conflicts_as_409
from .pagination import LimitOffset
from .permissions import require
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["Signing authorities"])

_grant = conflicts_as_409({"already_granted"})
PDF_RESPONSE = {
    "responses": {"200": {"description": "The mandate", "content": {"application/pdf": {}}}}
}


def _authority(pk):
    return get_object_or_404(
        SigningAuthority.objects.select_related("organisation", "user", "granted_by"), pk=pk
    )


def _allowed_authority(request, authority_id, permission):
    authority = get_object_or_404(SigningAuthority, pk=authority_id)
    require(request.auth, permission, authority)
    return authority


def _change(request, authority_id, permission, change):
    authority = _allowed_authority(request, authority_id, permission)
    try:
        change(authority=authority, by=request.auth)
    except ValidationError as error:
        # Confirming or revoking twice clashes with what is stored.
        raise Conflict(error.messages[0]) from None
    return 204, None


def _signer(email):
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("Nobody with this email has an account on Helisa.")})
    return user


def _checked_mandate(mandate):
    """The service checks it too; checked first here so that the refusal names the field."""
    try:
        signing.check_mandate(mandate)
    except ValidationError as error:
        raise ValidationError({"mandate": error.messages}) from None
    return mandate


@router.get(
    "/organisations/{int:organisation_id}/signing-authorities",
    response={200: list[AuthorityOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Signing authorities of an organisation",
    description="For the organisation's manager and the secretariat (the platform's, or that of "
    "an alliance it belongs to or applies to): who may sign for it, newest first.",
)
@paginate(LimitOffset)
def list_authorities(request, organisation_id: int):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    require(request.auth, "alliance.view_signing_authorities", organisation)
    return (
        queries.authorities_of(organisation)
        .select_related("organisation")
        .order_by("-granted_at", "-pk")
    )


@router.post(
    "/organisations/{int:organisation_id}/signing-authorities",
    response={201: AuthorityOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Grant signing authority (organisation manager)",
    description="A form (multipart/form-data) with the signer's `email`, their `function` and "
    "the `mandate`: a PDF of at most 10 MB. The authority awaits the secretariat's "
    "confirmation; the secretariat is emailed. 409 when the signer already holds one.",
)
def grant_authority(
    request, organisation_id: int, payload: Form[AuthorityIn], mandate: File[UploadedFile]
):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    require(request.auth, "alliance.grant_signing_authority", organisation)
    authority = _grant(
        signing.grant_signing_authority,
        organisation=organisation,
        user=_signer(payload.email),
        function=payload.function,
        mandate=_checked_mandate(mandate),
        by=request.auth,
    )
    return 201, _authority(authority.pk)


@router.get(
    "/signing-authorities/awaiting",
    response={200: list[AuthorityOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Signing authorities awaiting confirmation (secretariat)",
    description="Oldest first: all of them for the platform's secretariat, those of its "
    "members and applicants for an alliance's.",
)
@paginate(LimitOffset)
def list_awaiting(request):
    require(request.auth, "alliance.list_authorities_awaiting", None)
    return queries.authorities_awaiting(request.auth)


@router.post(
    "/signing-authorities/{int:authority_id}/confirm",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Confirm a signing authority (secretariat)",
    description="After reading the mandate the organisation's manager uploaded. 409 unless it "
    "awaits confirmation.",
)
def confirm_authority(request, authority_id: int):
    return _change(
        request,
        authority_id,
        "alliance.confirm_signing_authority",
        signing.confirm_signing_authority,
    )


@router.post(
    "/signing-authorities/{int:authority_id}/revoke",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Revoke a signing authority (secretariat or the organisation's manager)",
    description="No new signatures under it; those already given stay. 409 when already revoked.",
)
def revoke_authority(request, authority_id: int):
    return _change(
        request, authority_id, "alliance.revoke_signing_authority", signing.revoke_signing_authority
    )


@router.get(
    "/signing-authorities/{int:authority_id}/mandate",
    response={401: Error, 403: Error, 404: Error},
    auth=signed_in,
    url_name="authority_mandate",
    openapi_extra=PDF_RESPONSE,
    summary="The mandate of a signing authority",
    description="The PDF the organisation's manager uploaded, for them and the secretariat.",
)
def mandate(request, authority_id: int):
    authority = _allowed_authority(request, authority_id, "alliance.view_mandate")
    return FileResponse(
        authority.mandate.open("rb"), content_type="application/pdf", filename="mandate.pdf"
    )
