"""The caller's badge and certificate of attendance as PDF, as on the registration page
(congress/views/registration.py): a badge for a confirmed registration, a certificate once the
arrival was recorded."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router

from helisa.congress import queries
from helisa.congress.documents import badge_pdf, certificate_pdf
from helisa.congress.documents import pdf_response as _pdf
from helisa.congress.models import RegistrationStatus

from .auth import signed_in
from .schemas import Error

router = Router(tags=["Congresses"])

PDF_RESPONSE = {"responses": {"200": {"description": "PDF", "content": {"application/pdf": {}}}}}


def _mine(request, slug):
    return queries.registration_of(request.auth, queries.congress_by_slug(slug))


@router.get(
    "/congresses/{slug}/registrations/me/badge.pdf",
    response={401: Error, 404: Error},
    auth=signed_in,
    openapi_extra=PDF_RESPONSE,
    summary="The caller's badge",
    description="With the QR code the check-in desk reads; 404 unless the registration is "
    "confirmed.",
)
def my_badge(request, slug: str):
    registration = _mine(request, slug)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    return _pdf(badge_pdf(registration), f"{slug}-badge.pdf")


@router.get(
    "/congresses/{slug}/registrations/me/certificate.pdf",
    response={401: Error, 404: Error},
    auth=signed_in,
    openapi_extra=PDF_RESPONSE,
    summary="The caller's certificate of attendance",
    description="In the registration's language; 404 until the caller's arrival is recorded.",
)
def my_certificate(request, slug: str):
    registration = _mine(request, slug)
    if registration is None or registration.checked_in_at is None:
        raise Http404(_("A certificate is issued to participants whose arrival was recorded."))
    return _pdf(certificate_pdf(registration), f"{slug}-certificate.pdf")
