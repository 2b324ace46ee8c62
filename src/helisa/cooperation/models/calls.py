"""Funding calls (or calls an alliance sets itself) and the rules a consortium must meet."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language


class ProgrammeKind(models.TextChoices):
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe collaborative project")
    INTERREG = "interreg", _("Interreg")
    CLUSTER_PARTNERSHIP = "cluster_partnership", _("Cluster partnership")
    CUSTOM = "custom", _("Custom")


class CountryList(models.TextChoices):
    """A dated list from data/eu_countries.json that a call's eligible countries include."""

    NONE = "", _("None")
    MEMBER_STATES = "member_states", _("EU member states")
    HORIZON_EUROPE = "horizon_europe", _("EU member states and Horizon Europe associated countries")


class Call(models.Model):
    name = models.JSONField(_("name"), default=dict, help_text=_("Name per language"))
    kind = models.CharField(_("programme"), max_length=20, choices=ProgrammeKind.choices)
    topic_code = models.CharField(_("call topic"), max_length=120, blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    min_partners = models.PositiveSmallIntegerField(_("minimum partners"), default=3)
    max_partners = models.PositiveSmallIntegerField(
        _("maximum partners"),
        default=8,
        help_text=_("Where the programme sets none, the largest consortium the builder proposes"),
    )
    min_countries = models.PositiveSmallIntegerField(_("minimum distinct countries"), default=1)
    eligible_list = models.CharField(
        _("eligible country list"), max_length=16, choices=CountryList.choices, blank=True
    )
    eligible_countries = models.JSONField(
        _("further eligible countries"),
        default=list,
        blank=True,
        help_text=_("ISO codes; with no list and no codes every country is eligible"),
    )
    min_in_member_states = models.PositiveSmallIntegerField(
        _("minimum partners in EU member states"), default=0
    )
    required_roles = models.JSONField(
        _("required helix roles"), default=dict, blank=True, help_text=_("{helix role: minimum}")
    )
    programme_regions = models.JSONField(
        _("programme area"),
        default=list,
        blank=True,
        help_text=_("NUTS codes of any level; partners must be located in them"),
    )
    min_cluster_organisations = models.PositiveSmallIntegerField(
        _("minimum cluster organisations"), default=0
    )
    min_cluster_countries = models.PositiveSmallIntegerField(
        _("minimum countries of the cluster organisations"), default=0
    )
    counts_independent_entities = models.BooleanField(
        _("affiliated organisations count as one partner (independent legal entities)"),
        default=False,
        help_text=_(
            "Organisations one controls, or one group holds, count once towards the minima "
            "of partners, countries and partners in member states"
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(
        _("listed for everyone"),
        default=True,
        help_text=_("The secretariat's calls are; a custom call of a user's own only for them"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return str(in_language(self.name)) or self.topic_code or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("cooperation:call", args=[self.pk])

    @property
    def display_name(self):
        return in_language(self.name)

    @property
    def display_description(self):
        return in_language(self.description)
