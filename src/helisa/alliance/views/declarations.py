"""Declarations: the text in each language, signatories, the PDF, receipts and verification."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.alliance import declaration_queries as queries
from helisa.alliance import declaration_rules  # noqa: F401  (registers the permissions)
from helisa.alliance.declaration_presentation import language_sections, pdf_for
from helisa.alliance.forms_declarations import (
    DeclarationForm,
    RevokeForm,
    VerifyForm,
    VersionForm,
)
from helisa.alliance.models import Alliance, Signature, SigningKey, VersionStatus
from helisa.alliance.receipts import public_key_document, public_key_pem, receipt_file
from helisa.alliance.services import signing
from helisa.alliance.signatory_pages import signatory_page
from helisa.alliance.verification import check_receipt


def _require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def declaration(request, alliance, slug):
    declaration = queries.declaration_of(alliance, slug)
    manages = request.user.has_perm("alliance.manage_declarations", declaration.alliance)
    versions = declaration.versions.all() if manages else queries.published_versions(declaration)
    current = queries.current_version(declaration)
    listing = signatory_page(current, request.GET.get("page")) if current else None
    return render(
        request,
        "alliance/declaration.html",
        {
            "declaration": declaration,
            "versions": versions,
            "current": current,
            "sections": language_sections(current) if current else [],
            "manages": manages,
            "listing": listing,
            "can_revoke": request.user.has_perm("alliance.revoke_signature", declaration.alliance),
        },
    )


def signatories(request, alliance, slug, number):
    declaration = queries.declaration_of(alliance, slug)
    version = queries.version_of(declaration, number)
    if version.status == VersionStatus.DRAFT:
        raise Http404
    return render(
        request,
        "alliance/signatories.html",
        {
            "declaration": declaration,
            "version": version,
            "outdated": queries.is_outdated(version),
            "sections": language_sections(version),
            "listing": signatory_page(version, request.GET.get("page")),
            "can_revoke": request.user.has_perm("alliance.revoke_signature", declaration.alliance),
        },
    )


def signatories_pdf(request, alliance, slug, number):
    declaration = queries.declaration_of(alliance, slug)
    version = queries.version_of(declaration, number)
    if version.status == VersionStatus.DRAFT:
        raise Http404
    content = pdf_for(version, list(queries.signatures_of(version)))
    response = HttpResponse(content, content_type="application/pdf")
    name = f"{declaration.alliance.slug}-{declaration.slug}-v{version.number}-signatories.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def declaration_new(request, alliance):
    alliance = get_object_or_404(Alliance, slug=alliance)
    _require(request, "alliance.manage_declarations", alliance)
    form = DeclarationForm(request.POST or None, initial={"authoritative_language": "en"})
    if request.method == "POST" and form.is_valid():
        try:
            declaration = signing.create_declaration_with_version(
                alliance=alliance,
                slug=form.cleaned_data["slug"],
                title=form.titles(),
                texts=form.texts(),
                authoritative_language=form.cleaned_data["authoritative_language"],
                by=request.user,
            )
        except ValidationError as error:
            field = "slug" if getattr(error, "code", None) == "duplicate_slug" else None
            form.add_error(field, error)
        else:
            messages.success(
                request, _("The declaration was created; its first version is a draft.")
            )
            return redirect(declaration)
    return render(request, "alliance/declaration_form.html", {"alliance": alliance, "form": form})


@login_required
def version_new(request, alliance, slug):
    declaration = queries.declaration_of(alliance, slug)
    _require(request, "alliance.manage_declarations", declaration.alliance)
    latest = declaration.versions.order_by("-number").first()
    form = VersionForm(
        request.POST or None,
        initial={"authoritative_language": latest.authoritative_language if latest else "en"},
        initial_texts=latest.texts if latest else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            signing.create_version(
                declaration=declaration,
                texts=form.texts(),
                authoritative_language=form.cleaned_data["authoritative_language"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The new version was saved as a draft."))
            return redirect(declaration)
    return render(request, "alliance/version_form.html", {"declaration": declaration, "form": form})


def _change_version(request, alliance, slug, number, change, done):
    declaration = queries.declaration_of(alliance, slug)
    _require(request, "alliance.manage_declarations", declaration.alliance)
    version = queries.version_of(declaration, number)
    try:
        change(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect(declaration)


@login_required
@require_POST
def version_open(request, alliance, slug, number):
    return _change_version(
        request,
        alliance,
        slug,
        number,
        signing.open_version,
        _("The version is open for signature."),
    )


@login_required
@require_POST
def version_close(request, alliance, slug, number):
    return _change_version(
        request, alliance, slug, number, signing.close_version, _("The version is closed.")
    )


def receipt(request, pk):
    signature = get_object_or_404(Signature, pk=pk)
    response = HttpResponse(receipt_file(signature.receipt), content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{signature.receipt_digest[:16]}.json"'
    )
    return response


@login_required
def revoke_signature(request, pk):
    signature = get_object_or_404(
        Signature.objects.select_related("version__declaration__alliance", "organisation"), pk=pk
    )
    _require(request, "alliance.revoke_signature", signature)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            signing.revoke_signature(
                signature=signature, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The signature is revoked."))
            version = signature.version
            return redirect(
                "alliance:signatories",
                version.declaration.alliance.slug,
                version.declaration.slug,
                version.number,
            )
    return render(request, "alliance/revoke_signature.html", {"signature": signature, "form": form})


def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = check_receipt(form.cleaned_data["receipt_bytes"])
    return render(request, "alliance/verify.html", {"form": form, "result": result})


def public_key(request, alliance, key_id):
    key = get_object_or_404(SigningKey, alliance__slug=alliance, key_id=key_id)
    document = public_key_document(key_id=key.key_id, public_key=base64.b64decode(key.public_key))
    response = JsonResponse(document)
    response["Content-Disposition"] = f'attachment; filename="{key.key_id}.json"'
    return response


def public_key_pub(request, alliance, key_id):
    """The same key as a PEM file, named after its key id (the PEM itself cannot carry it)."""
    key = get_object_or_404(SigningKey, alliance__slug=alliance, key_id=key_id)
    response = HttpResponse(
        public_key_pem(base64.b64decode(key.public_key)), content_type="application/x-pem-file"
    )
    response["Content-Disposition"] = f'attachment; filename="{key.key_id}.pub"'
    return response


urlpatterns = [
    path("receipts/verify/", verify, name="verify"),
    path("signatures/<int:pk>/receipt.json", receipt, name="receipt"),
    path("signatures/<int:pk>/revoke/", revoke_signature, name="revoke_signature"),
    path("<slug:alliance>/keys/<slug:key_id>.json", public_key, name="public_key"),
    path("<slug:alliance>/keys/<slug:key_id>.pub", public_key_pub, name="public_key_pub"),
    path("<slug:alliance>/declarations/new/", declaration_new, name="declaration_new"),
    path("<slug:alliance>/declarations/<slug:slug>/", declaration, name="declaration"),
    path("<slug:alliance>/declarations/<slug:slug>/new-version/", version_new, name="version_new"),
    path(
        "<slug:alliance>/declarations/<slug:slug>/v<int:number>/",
        signatories,
        name="signatories",
    ),
    path(
        "<slug:alliance>/declarations/<slug:slug>/v<int:number>/signatories.pdf",
        signatories_pdf,
        name="signatories_pdf",
    ),
    path(
        "<slug:alliance>/declarations/<slug:slug>/v<int:number>/open/",
        version_open,
        name="version_open",
    ),
    path(
        "<slug:alliance>/declarations/<slug:slug>/v<int:number>/close/",
        version_close,
        name="version_close",
    ),
]
