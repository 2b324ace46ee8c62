"""Declaration versions, signing authorities, signatures and their receipts.

Each function checks that the change is allowed, saves it and records an event. A refused
signature leaves nothing behind: no Signature row and no event. `by=None` means Helisa itself
(the demo), which no permission check applies to and nobody is emailed about.
"""

import uuid
from functools import partial

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helisa.alliance import (
    declaration_rules,  # noqa: F401  (registers the permissions)
    receipts,
)
from helisa.alliance.models import (
    AllianceMember,
    Declaration,
    DeclarationVersion,
    MemberState,
    Signature,
    SigningAuthority,
    VersionStatus,
)
from helisa.alliance.models.declarations import DeclarationEvent, DeclarationEventKind
from helisa.core.translated import clean_translations

from . import notify
from .signing_keys import current_key

MANDATE_MAX_BYTES = 10 * 1024 * 1024
# The address of the page that creates declarations.
RESERVED_SLUGS = {"new"}


def _require(by, permission, obj):
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this."))


def _notify_after_commit(send, obj):
    """A rolled-back change sends nothing."""
    transaction.on_commit(partial(send, obj))


def _event(kind, *, by, version=None, organisation=None, detail=""):
    DeclarationEvent.objects.create(
        kind=kind, version=version, organisation=organisation, by=by, detail=detail
    )


# Declarations and versions


@transaction.atomic
def create_declaration(*, alliance, slug, title, by, is_demo=False):
    _require(by, "alliance.manage_declarations", alliance)
    title = clean_translations(title)
    if not title:
        raise ValidationError(_("Give the declaration a title."))
    if alliance.declarations.filter(slug=slug).exists():
        raise ValidationError(
            _("The alliance already has a declaration with this address."), code="duplicate_slug"
        )
    return Declaration.objects.create(alliance=alliance, slug=slug, title=title, is_demo=is_demo)


@transaction.atomic
def create_declaration_with_version(*, alliance, slug, title, texts, authoritative_language, by):
    """A new declaration and its first version, as a draft; `slug` empty means from the title."""
    _require(by, "alliance.manage_declarations", alliance)
    slug = slug or slugify(clean_translations(title).get("en", ""))
    if not slug:
        raise ValidationError(_("Give the declaration an address, or an English title."))
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("This address is reserved: choose another one."), code="duplicate_slug"
        )
    declaration = create_declaration(alliance=alliance, slug=slug, title=title, by=by)
    create_version(
        declaration=declaration, texts=texts, authoritative_language=authoritative_language, by=by
    )
    return declaration


def _checked_texts(texts, authoritative_language):
    texts = clean_translations(texts)
    if authoritative_language not in texts:
        raise ValidationError(_("The authoritative language must have a text."))
    return texts


@transaction.atomic
def create_version(*, declaration, texts, authoritative_language, by):
    _require(by, "alliance.manage_declarations", declaration.alliance)
    texts = _checked_texts(texts, authoritative_language)
    last = declaration.versions.aggregate(last=Max("number"))["last"] or 0
    version = DeclarationVersion.objects.create(
        declaration=declaration,
        number=last + 1,
        texts=texts,
        authoritative_language=authoritative_language,
        digest=receipts.text_digest(texts, authoritative_language),
    )
    _event(DeclarationEventKind.VERSION_CREATED, by=by, version=version)
    return version


@transaction.atomic
def update_draft(*, version, texts, authoritative_language, by):
    """Only a draft's text may change: once opened, signatures name its digest."""
    _require(by, "alliance.manage_declarations", version.declaration.alliance)
    version = DeclarationVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("The text of a version opened for signature cannot change."))
    version.texts = _checked_texts(texts, authoritative_language)
    version.authoritative_language = authoritative_language
    version.digest = receipts.text_digest(version.texts, authoritative_language)
    version.save(update_fields=["texts", "authoritative_language", "digest"])
    return version


@transaction.atomic
def open_version(*, version, by, at=None):
    _require(by, "alliance.manage_declarations", version.declaration.alliance)
    version = DeclarationVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be opened for signature."))
    version.digest = receipts.text_digest(version.texts, version.authoritative_language)
    version.status = VersionStatus.OPEN
    version.opened_at = at or timezone.now()
    version.save(update_fields=["digest", "status", "opened_at"])
    _event(DeclarationEventKind.VERSION_OPENED, by=by, version=version)
    return version


@transaction.atomic
def close_version(*, version, by):
    _require(by, "alliance.manage_declarations", version.declaration.alliance)
    version = DeclarationVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.OPEN:
        raise ValidationError(_("Only a version open for signature can be closed."))
    version.status = VersionStatus.CLOSED
    version.closed_at = timezone.now()
    version.save(update_fields=["status", "closed_at"])
    _event(DeclarationEventKind.VERSION_CLOSED, by=by, version=version)
    return version


# Signing authorities


def check_mandate(mandate):
    if mandate.size > MANDATE_MAX_BYTES:
        raise ValidationError(_("The mandate may be at most 10 MB."))
    mandate.seek(0)
    head = mandate.read(5)
    mandate.seek(0)
    if not mandate.name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError(_("The mandate must be a PDF file."))


@transaction.atomic
def grant_signing_authority(*, organisation, user, function, mandate, by):
    _require(by, "alliance.grant_signing_authority", organisation)
    check_mandate(mandate)
    function = function.strip()
    if not function:
        raise ValidationError(_("Say in what function this person signs."))
    if SigningAuthority.objects.filter(
        organisation=organisation, user=user, revoked_at__isnull=True
    ).exists():
        raise ValidationError(
            _("This person already has signing authority for it."), code="already_granted"
        )
    authority = SigningAuthority.objects.create(
        organisation=organisation, user=user, function=function, mandate=mandate, granted_by=by
    )
    _event(DeclarationEventKind.AUTHORITY_GRANTED, by=by, organisation=organisation)
    if by is not None:
        _notify_after_commit(notify.authority_granted, authority)
    return authority


@transaction.atomic
def confirm_signing_authority(*, authority, by, at=None):
    _require(by, "alliance.confirm_signing_authority", authority)
    authority = SigningAuthority.objects.select_for_update().get(pk=authority.pk)
    if authority.revoked_at or authority.confirmed_at:
        raise ValidationError(_("This signing authority is not awaiting confirmation."))
    authority.confirmed_by = by
    authority.confirmed_at = at or timezone.now()
    authority.save(update_fields=["confirmed_by", "confirmed_at"])
    _event(DeclarationEventKind.AUTHORITY_CONFIRMED, by=by, organisation=authority.organisation)
    if by is not None:
        _notify_after_commit(notify.authority_confirmed, authority)
    return authority


@transaction.atomic
def revoke_signing_authority(*, authority, by):
    """Ends the authority for new signatures; signatures already given stay."""
    _require(by, "alliance.revoke_signing_authority", authority)
    authority = SigningAuthority.objects.select_for_update().get(pk=authority.pk)
    if authority.revoked_at:
        raise ValidationError(_("This signing authority was already revoked."))
    authority.revoked_at = timezone.now()
    authority.save(update_fields=["revoked_at"])
    _event(DeclarationEventKind.AUTHORITY_REVOKED, by=by, organisation=authority.organisation)
    return authority


# Signatures


def _credential_matches(user, password_or_code):
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        return TOTP(totp).validate_code(password_or_code.strip())
    return user.check_password(password_or_code)


def sign_declaration(*, version, organisation, user, place, password_or_code):
    """`user` signs `version` for `organisation`, confirming with their password (or their TOTP
    code when they use two-factor sign-in); the time is now. Returns the Signature."""
    if not password_or_code or not _credential_matches(user, password_or_code):
        raise ValidationError(
            _("The password or code is not correct: nothing was signed."), code="credential"
        )
    signature = record_signature(
        version=version, organisation=organisation, user=user, place=place, signed_at=None
    )
    _notify_after_commit(notify.signed, signature)
    return signature


def _refuse_unless_signable(version, organisation, user):
    if version.status != VersionStatus.OPEN:
        raise ValidationError(_("This version is not open for signature."), code="not_open")
    newer = DeclarationVersion.objects.filter(
        declaration_id=version.declaration_id, number__gt=version.number
    ).exclude(status=VersionStatus.DRAFT)
    if newer.exists():
        raise ValidationError(
            _("A newer version of this declaration exists: sign that one."), code="outdated"
        )
    if not AllianceMember.objects.filter(
        alliance_id=version.declaration.alliance_id,
        cluster__organisation_id=organisation.pk,
        state=MemberState.MEMBER,
    ).exists():
        raise ValidationError(
            _(
                "%(organisation)s is not an active member of %(alliance)s: only its members sign "
                "its declarations."
            )
            % {"organisation": organisation, "alliance": version.declaration.alliance},
            code="not_member",
        )
    authority = (
        SigningAuthority.objects.filter(
            organisation=organisation,
            user=user,
            confirmed_at__isnull=False,
            revoked_at__isnull=True,
        )
        .order_by("-confirmed_at")
        .first()
    )
    if authority is None:
        raise ValidationError(
            _("You have no confirmed authority to sign for this organisation."),
            code="no_authority",
        )
    # A revoked signature does not count: the organisation may sign again.
    if Signature.objects.filter(
        version=version, organisation=organisation, revoked_at__isnull=True
    ).exists():
        raise ValidationError(
            _("This organisation has already signed this version."), code="already_signed"
        )
    return authority


def record_signature(*, version, organisation, user, place, signed_at=None, is_demo=False):
    """Check, sign and store. `signed_at` other than now is for the demo's historic signing."""
    place = (place or "").strip()
    if not place:
        raise ValidationError(_("Say where you sign."), code="place")
    version = DeclarationVersion.objects.select_related("declaration__alliance").get(pk=version.pk)
    authority = _refuse_unless_signable(version, organisation, user)
    declaration = version.declaration
    signed_at = (signed_at or timezone.now()).replace(microsecond=0)
    key, private_key = current_key(alliance=declaration.alliance)
    payload = receipts.build_payload(
        receipt_id=str(uuid.uuid4()),
        alliance={"id": declaration.alliance_id, "slug": declaration.alliance.slug},
        declaration={
            "id": declaration.pk,
            "slug": declaration.slug,
            "version": version.number,
            "digest": version.digest,
        },
        organisation={
            "id": organisation.pk,
            "name": organisation.legal_name,
            "country": organisation.country_id,
        },
        signer={"name": user.full_name or user.email, "function": authority.function},
        signed_at=signed_at,
        place=place[:100],
    )
    receipt = receipts.sign_payload(payload=payload, private_key=private_key, key_id=key.key_id)
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                version=version,
                organisation=organisation,
                signer=user,
                signer_name=payload["signer"]["name"],
                signer_function=authority.function,
                signed_at=signed_at,
                place=payload["place"],
                receipt=receipt,
                receipt_digest=receipts.payload_digest(payload),
                key_id=key.key_id,
                is_demo=is_demo,
            )
            _event(DeclarationEventKind.SIGNED, by=user, version=version, organisation=organisation)
    except IntegrityError:
        # Two signing at the same moment: the constraint lets one through.
        raise ValidationError(
            _("This organisation has already signed this version."), code="already_signed"
        ) from None
    return signature


@transaction.atomic
def revoke_signature(*, signature, by, reason):
    _require(by, "alliance.revoke_signature", signature)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the revocation."))
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.revoked_at:
        raise ValidationError(_("This signature was already revoked."))
    signature.revoked_at = timezone.now()
    signature.revoked_by = by
    signature.revocation_reason = reason
    signature.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    _event(
        DeclarationEventKind.SIGNATURE_REVOKED,
        by=by,
        version=signature.version,
        organisation=signature.organisation,
        detail=reason,
    )
    if by is not None:
        _notify_after_commit(notify.signature_revoked, signature)
    return signature
