from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language


class Alliance(models.Model):
    """An alliance or network of cluster organisations: the European one, or a national network."""

    slug = models.SlugField(unique=True)
    name = models.JSONField(_("name"), default=dict, help_text=_("Name per language"))
    mission = models.JSONField(
        _("mission"), default=dict, blank=True, help_text=_("Mission per language")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    founded_in = models.CharField(_("founded in (place)"), max_length=100, blank=True)
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="alliances_run",
        verbose_name=_("secretariat"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return str(in_language(self.name)) or self.slug

    def get_absolute_url(self):
        return reverse("alliance:detail", args=[self.slug])


class DocumentKind(models.TextChoices):
    STATUTES = "statutes", _("Statutes")
    MINUTES = "minutes", _("Minutes")
    OTHER = "other", _("Other document")


class AllianceDocument(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="alliance/documents/%Y/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    is_public = models.BooleanField(_("public"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class NewsItem(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="news")
    title = models.JSONField(_("title"), default=dict)
    body = models.JSONField(_("text"), default=dict)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]

    def __str__(self):
        return str(in_language(self.title))
