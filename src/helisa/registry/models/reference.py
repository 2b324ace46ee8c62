"""Reference data shipped with Helisa: countries, NUTS 2021 regions, NACE Rev. 2.1, topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.core.countries import country_name
from helisa.core.translated import in_language


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, primary_key=True)
    eu_code = models.CharField(
        _("EU code"), max_length=2, help_text=_("UK and EL where ISO writes GB and GR")
    )
    name_en = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("countries")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return country_name(self.code)


class NutsRegion(models.Model):
    """A NUTS 2021 region, levels 0 to 3. Codes nest: PL9 holds PL91, which holds PL911."""

    code = models.CharField(max_length=5, primary_key=True)
    level = models.PositiveSmallIntegerField(db_index=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="regions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)
    name_latin = models.CharField(max_length=200)
    name_native = models.CharField(max_length=200)
    label_lon = models.FloatField(null=True)
    label_lat = models.FloatField(null=True)
    # GeoJSON geometry (Polygon or MultiPolygon, WGS84) and its bounding box for quick rejection.
    boundary = models.JSONField(null=True, blank=True)
    min_lon = models.FloatField(null=True)
    min_lat = models.FloatField(null=True)
    max_lon = models.FloatField(null=True)
    max_lat = models.FloatField(null=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        if self.name_native and self.name_native != self.name_latin:
            return f"{self.name_latin} ({self.code})"
        return f"{self.name_latin} ({self.code})"


class NaceSector(models.Model):
    """NACE Rev. 2.1: section (A), division (01), group (01.1), class (01.11)."""

    code = models.CharField(max_length=5, primary_key=True)
    level = models.PositiveSmallIntegerField(db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)
    label = models.JSONField(default=dict, help_text=_("Label per language"))

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {in_language(self.label)}"


class TopicScheme(models.TextChoices):
    EUROSCIVOC = "euroscivoc", _("European Science Vocabulary")
    CALL_TOPIC = "call", _("Call topic")


class Topic(models.Model):
    """A science and technology topic: a EuroSciVoc concept, or a funding call's topic."""

    scheme = models.CharField(max_length=12, choices=TopicScheme.choices)
    code = models.CharField(max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(default=1)
    label = models.JSONField(default=dict, help_text=_("Label per language"))
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="topic_unique_code")]

    def __str__(self):
        return str(in_language(self.label)) or self.code
