"""Signing: authorities granted by an organisation's manager and confirmed by the secretariat,
and the signature itself, confirmed with the signer's password or two-factor code."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.alliance import declaration_queries as queries
from helisa.alliance import declaration_rules  # noqa: F401  (registers the permissions)
from helisa.alliance.declaration_presentation import language_sections
from helisa.alliance.forms_declarations import AuthorityForm, SignForm
from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import Signature, SigningAuthority, VersionStatus
from helisa.alliance.services import signing
from helisa.registry.models import Organisation

logger = logging.getLogger(__name__)


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


@login_required
def sign(request, alliance, slug, number):
    declaration = queries.declaration_of(alliance, slug)
    version = queries.version_of(declaration, number)
    authorities = queries.signable_authorities(request.user, version)
    form = SignForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        authority = form.cleaned_data["authority"]
        try:
            signature = signing.sign_declaration(
                version=version,
                organisation=authority.organisation,
                user=request.user,
                place=form.cleaned_data["place"],
                password_or_code=form.cleaned_data["password_or_code"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except SigningKeyUnavailable as error:
            # The reader is told no more; the operator reads which variable to set.
            logger.error("%s", error)
            form.add_error(None, _("Signing is not available now: the alliance has no key."))
        else:
            messages.success(
                request,
                _("%(organisation)s has signed. Keep the signature receipt.")
                % {"organisation": signature.organisation},
            )
            return redirect("alliance:signed", signature.pk)
    return render(
        request,
        "alliance/sign.html",
        {
            "declaration": declaration,
            "version": version,
            "form": form,
            "has_authorities": authorities.exists(),
            "is_open": version.status == VersionStatus.OPEN and not queries.is_outdated(version),
            "now": timezone.now(),
            "sections": language_sections(version),
        },
    )


@login_required
def signed(request, pk):
    signature = get_object_or_404(
        Signature.objects.select_related("version__declaration__alliance", "organisation"),
        pk=pk,
        signer=request.user,
    )
    return render(request, "alliance/signed.html", {"signature": signature})


@login_required
def authorities(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    _require(request, "alliance.grant_signing_authority", organisation)
    form = AuthorityForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            signing.grant_signing_authority(
                organisation=organisation,
                user=form.cleaned_data["email"],
                function=form.cleaned_data["function"],
                mandate=form.cleaned_data["mandate"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The signing authority awaits the secretariat's confirmation.")
            )
            return redirect("alliance:authorities", organisation.pk)
    return render(
        request,
        "alliance/authorities.html",
        {
            "organisation": organisation,
            "authorities": queries.authorities_of(organisation),
            "form": form,
        },
    )


@login_required
def authorities_awaiting(request):
    rows = queries.authorities_awaiting(request.user)
    if not request.user.is_secretariat and not request.user.alliances_run.exists():
        raise PermissionDenied
    return render(request, "alliance/authorities_awaiting.html", {"authorities": rows})


@login_required
@require_POST
def authority_confirm(request, pk):
    authority = get_object_or_404(SigningAuthority, pk=pk)
    _require(request, "alliance.confirm_signing_authority", authority)
    try:
        signing.confirm_signing_authority(authority=authority, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The signing authority is confirmed."))
    return redirect("alliance:authorities_awaiting")


@login_required
@require_POST
def authority_revoke(request, pk):
    authority = get_object_or_404(SigningAuthority, pk=pk)
    _require(request, "alliance.revoke_signing_authority", authority)
    try:
        signing.revoke_signing_authority(authority=authority, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The signing authority is revoked."))
    if request.user.has_perm("alliance.grant_signing_authority", authority.organisation):
        return redirect("alliance:authorities", authority.organisation_id)
    return redirect("alliance:authorities_awaiting")


@login_required
def mandate(request, pk):
    authority = get_object_or_404(SigningAuthority, pk=pk)
    _require(request, "alliance.view_mandate", authority)
    return FileResponse(
        authority.mandate.open("rb"), content_type="application/pdf", filename="mandate.pdf"
    )


urlpatterns = [
    path("<slug:alliance>/declarations/<slug:slug>/v<int:number>/sign/", sign, name="sign"),
    path("signatures/<int:pk>/", signed, name="signed"),
    path("organisations/<int:pk>/signing-authorities/", authorities, name="authorities"),
    path("signing-authorities/", authorities_awaiting, name="authorities_awaiting"),
    path("signing-authorities/<int:pk>/confirm/", authority_confirm, name="authority_confirm"),
    path("signing-authorities/<int:pk>/revoke/", authority_revoke, name="authority_revoke"),
    path("signing-authorities/<int:pk>/mandate/", mandate, name="mandate"),
]
