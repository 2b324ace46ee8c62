"""What the declaration and signing-authority endpoints read and write (api/declarations.py,
api/alliance_authorities.py)."""

import base64
from datetime import datetime

from django.urls import reverse
from ninja import Field, Schema

from helisa.alliance.models import VersionStatus
from helisa.alliance.receipts import ALG, public_key_pem

TEXTS = "Text per language code; the authoritative language must have one"


class DeclarationOut(Schema):
    id: int
    slug: str
    title: dict = Field(description="Title per language")


class DeclarationIn(Schema):
    slug: str = Field(
        "", description="Part of the address; left empty, made from the English title"
    )
    title: dict[str, str] = Field(description="Title per language code, at least one")
    texts: dict[str, str] = Field(description=f"The first version's text. {TEXTS}")
    authoritative_language: str = Field(description="The language whose text prevails")


class VersionIn(Schema):
    texts: dict[str, str] = Field(description=TEXTS)
    authoritative_language: str = Field(description="The language whose text prevails")


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
    revoked_at: datetime | None = Field(description="When the secretariat revoked the signature")
    revocation_reason: str | None = Field(description="Why it was revoked; None unless revoked")
    payload: dict | None


class KeyOut(Schema):
    key_id: str
    alg: str = ALG
    public_key: str = Field(description="Raw 32-byte Ed25519 public key, base64")
    public_key_pem: str = Field(description="The same key as PEM SubjectPublicKeyInfo")
    pub_file: str = Field(description="Address of the key as a .pub file (PEM)")
    created_at: datetime
    retired_at: datetime | None

    @staticmethod
    def resolve_public_key_pem(obj):
        return public_key_pem(base64.b64decode(obj.public_key))

    @staticmethod
    def resolve_pub_file(obj):
        return reverse("alliance:public_key_pub", args=[obj.alliance.slug, obj.key_id])


class AuthorityIn(Schema):
    email: str = Field(description="Email of the person who will sign; they need an account")
    function: str = Field(max_length=150, description="In what function they sign")


class AuthorityOut(Schema):
    id: int
    organisation_id: int
    organisation: str = Field(alias="organisation.legal_name")
    person: str = Field(description="The name of the person who may sign (or their email)")
    email: str = Field(alias="user.email")
    function: str
    status: str = Field(description="awaiting (confirmation), confirmed or revoked")
    granted_by: str | None
    granted_at: datetime
    confirmed_by: str | None
    confirmed_at: datetime | None
    revoked_at: datetime | None
    mandate_url: str = Field(description="The mandate (PDF), for the manager and secretariat")

    @staticmethod
    def resolve_person(obj):
        return obj.user.full_name or obj.user.email

    @staticmethod
    def resolve_status(obj):
        if obj.revoked_at:
            return "revoked"
        return "confirmed" if obj.confirmed_at else "awaiting"

    @staticmethod
    def resolve_granted_by(obj):
        return _name(obj.granted_by)

    @staticmethod
    def resolve_confirmed_by(obj):
        return _name(obj.confirmed_by)

    @staticmethod
    def resolve_mandate_url(obj):
        return reverse("api-1.0.0:authority_mandate", kwargs={"authority_id": obj.pk})


def _name(user):
    return (user.full_name or user.email) if user else None
