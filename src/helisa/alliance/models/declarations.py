from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language
from helisa.registry.models import Organisation

from .alliances import Alliance


class Declaration(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="declarations")
    slug = models.SlugField()
    title = models.JSONField(_("title"), default=dict)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alliance", "slug"], name="declaration_unique_slug")
        ]

    def __str__(self):
        return str(in_language(self.title)) or self.slug

    def get_absolute_url(self):
        return reverse("alliance:declaration", args=[self.alliance.slug, self.slug])


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for signature")
    CLOSED = "closed", _("Closed")


class DeclarationVersion(models.Model):
    """A fixed text of a declaration. Once opened for signature, its text never changes:
    its digest is what every signature receipt names (see docs/receipts.md)."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    texts = models.JSONField(_("text per language"), default=dict)
    authoritative_language = models.CharField(_("authoritative language"), max_length=10)
    digest = models.CharField(_("SHA-256 of the canonical text"), max_length=64, blank=True)
    status = models.CharField(
        max_length=6, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["declaration", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "number"], name="version_unique_number")
        ]

    def __str__(self):
        return f"{self.declaration} v{self.number}"


class SigningKey(models.Model):
    """The public half of an alliance's Ed25519 key. The private half lives outside the
    database (environment or secret file) and is looked up by key_id."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="signing_keys")
    key_id = models.CharField(max_length=64, unique=True)
    public_key = models.CharField(max_length=64, help_text=_("Raw Ed25519 public key, base64"))
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.key_id


class SigningAuthority(models.Model):
    """A person's authority to sign for an organisation: granted by the organisation's manager
    with an uploaded mandate, confirmed by the alliance secretariat."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signing_authorities"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signing_authorities"
    )
    function = models.CharField(_("function"), max_length=150)
    mandate = models.FileField(_("mandate"), upload_to="alliance/mandates/%Y/")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.user} for {self.organisation}"


class Signature(models.Model):
    version = models.ForeignKey(
        DeclarationVersion, on_delete=models.PROTECT, related_name="signatures"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signatures"
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signer_name = models.CharField(max_length=200)
    signer_function = models.CharField(max_length=150)
    signed_at = models.DateTimeField()
    place = models.CharField(_("place"), max_length=100)
    receipt = models.JSONField(help_text=_("The signed receipt document, exactly as issued"))
    receipt_digest = models.CharField(max_length=64, db_index=True)
    key_id = models.CharField(max_length=64)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            # A revoked signature stays on record; the organisation may sign again.
            models.UniqueConstraint(
                fields=["version", "organisation"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_signature_per_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} signed {self.version}"


class DeclarationEventKind(models.TextChoices):
    VERSION_CREATED = "version_created", _("Version written")
    VERSION_OPENED = "version_opened", _("Opened for signature")
    VERSION_CLOSED = "version_closed", _("Closed for signature")
    AUTHORITY_GRANTED = "authority_granted", _("Signing authority granted")
    AUTHORITY_CONFIRMED = "authority_confirmed", _("Signing authority confirmed")
    AUTHORITY_REVOKED = "authority_revoked", _("Signing authority revoked")
    SIGNED = "signed", _("Signed")
    SIGNATURE_REVOKED = "signature_revoked", _("Signature revoked")


class DeclarationEvent(models.Model):
    """Who did what to declarations, versions, signing authorities and signatures, and when."""

    kind = models.CharField(max_length=20, choices=DeclarationEventKind.choices)
    version = models.ForeignKey(
        DeclarationVersion, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"
