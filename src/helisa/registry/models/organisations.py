from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language

from ..control import control_links, would_make_cycle
from .reference import Country, NaceSector, NutsRegion, Topic


class HelixRole(models.TextChoices):
    BUSINESS = "business", _("Business")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research organisation")
    PUBLIC = "public", _("Public authority")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class BusinessSize(models.TextChoices):
    UNKNOWN = "", _("Not stated")
    SME = "sme", _("SME")
    LARGE = "large", _("Large enterprise")


class Organisation(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    helix_role = models.CharField(_("helix role"), max_length=16, choices=HelixRole.choices)
    business_size = models.CharField(
        _("business size"), max_length=5, choices=BusinessSize.choices, blank=True
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    region = models.ForeignKey(
        NutsRegion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("region"),
        help_text=_("NUTS 3 region; derived from the coordinates when not given"),
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=30, blank=True)
    pic = models.CharField(
        _("PIC"), max_length=9, blank=True, help_text=_("EU Participant Identification Code")
    )
    sectors = models.ManyToManyField(NaceSector, blank=True, verbose_name=_("sectors"))
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    description = models.JSONField(_("description"), default=dict, blank=True)
    controlled_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
        verbose_name=_("controlled by"),
        help_text=_(
            "The organisation that controls this one, or heads the group it belongs to. "
            "Affiliated organisations count as one independent legal entity in calls such as "
            "Horizon Europe."
        ),
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_organisations",
        help_text=_("Empty for an imported organisation until someone claims it"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    import_batch = models.ForeignKey(
        "registry.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.CharField(
        max_length=40, blank=True, help_text=_("Identifier in the source it was imported from")
    )
    # Folded names, city and descriptions in every language, for search (see core.folding).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        indexes = [
            models.Index(fields=["country", "helix_role"]),
            models.Index(fields=["region"]),
            models.Index(fields=["legal_name"]),
        ]

    def __str__(self):
        return self.short_name or self.legal_name

    def get_absolute_url(self):
        return reverse("registry:organisation", args=[self.pk])

    def clean(self):
        super().clean()
        if self.controlled_by_id is None or self.pk is None:
            return
        if self.controlled_by_id == self.pk:
            raise ValidationError(
                {"controlled_by": _("An organisation cannot be controlled by itself.")}
            )
        if would_make_cycle(self.pk, self.controlled_by_id, control_links()):
            raise ValidationError(
                {
                    "controlled_by": _(
                        "This organisation controls %(other)s, directly or through others; "
                        "%(other)s cannot control it."
                    )
                    % {"other": self.controlled_by}
                }
            )

    @property
    def display_description(self):
        return in_language(self.description)
