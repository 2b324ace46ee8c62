"""Cooperation profiles: what an organisation offers or seeks (after EEN's partnering profiles)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from helisa.core.translated import in_language
from helisa.registry.models import Country, HelixRole, NaceSector, Organisation, Topic


class ProfileKind(models.TextChoices):
    RD_PARTNERSHIP = "rd_partnership", _("R&D partnership")
    TECHNOLOGY_OFFER = "technology_offer", _("Technology offer")
    TECHNOLOGY_REQUEST = "technology_request", _("Technology request")
    INVESTMENT = "investment", pgettext_lazy("cooperation profile kind", "Investment")
    COMMERCIAL = "commercial", _("Commercial or trade")
    GOOD_PRACTICE = "good_practice", _("Good-practice exchange")


class Direction(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


# Kinds whose name already says which way they go; the others may be either.
FIXED_DIRECTION = {
    ProfileKind.TECHNOLOGY_OFFER: Direction.OFFER,
    ProfileKind.TECHNOLOGY_REQUEST: Direction.REQUEST,
}


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CooperationProfile(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="cooperation_profiles",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProfileKind.choices)
    direction = models.CharField(_("offer or request"), max_length=7, choices=Direction.choices)
    title = models.JSONField(_("title"), default=dict, help_text=_("Title per language"))
    text = models.JSONField(_("text"), default=dict, help_text=_("Text per language"))
    sectors = models.ManyToManyField(NaceSector, blank=True, verbose_name=_("sectors"))
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    countries_sought = models.ManyToManyField(
        Country, blank=True, related_name="+", verbose_name=_("countries sought")
    )
    helix_roles_sought = models.JSONField(
        _("helix roles sought"), default=list, blank=True, help_text=_("Helix role codes")
    )
    deadline = models.DateField(_("deadline for answers"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProfileStatus.choices, default=ProfileStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    renewed_at = models.DateTimeField(null=True, blank=True)
    renewal_reminded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Shared only with organisations whose expression of interest was accepted.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    # Folded title, text (every language) and organisation name, for search (see core.folding).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "expires_on"]),
            models.Index(fields=["status", "published_at"]),
        ]

    def __str__(self):
        return str(in_language(self.title)) or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("cooperation:profile", args=[self.pk])

    @property
    def display_title(self):
        return in_language(self.title)

    @property
    def display_text(self):
        return in_language(self.text)

    @property
    def helix_role_labels(self):
        labels = dict(HelixRole.choices)
        return [labels.get(code, code) for code in self.helix_roles_sought]

    @property
    def is_published(self):
        return self.status == ProfileStatus.PUBLISHED
