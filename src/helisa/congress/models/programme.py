from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language
from helisa.registry.models import Country, Organisation, Person


class Congress(models.Model):
    slug = models.SlugField(unique=True)
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=50, default="Europe/Warsaw")
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="congresses_organised"
    )
    alliance = models.ForeignKey(
        "alliance.Alliance",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="congresses",
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name_plural = _("congresses")

    def __str__(self):
        return str(in_language(self.name)) or self.slug

    def get_absolute_url(self):
        return reverse("congress:detail", args=[self.slug])


class Room(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Track(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="tracks")
    name = models.JSONField(_("name"), default=dict)

    def __str__(self):
        return str(in_language(self.name))


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    DEBATE = "debate", _("Debate")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    PROJECT = "project", _("Project presentation")
    B2B = "b2b", _("B2B session")
    CEREMONY = "ceremony", _("Ceremony")
    BREAK = "break", _("Break")


class Session(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="sessions")
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    language = models.CharField(_("language"), max_length=10, default="en")
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    speakers = models.ManyToManyField("Speaker", through="SessionSpeaker", related_name="sessions")
    questions_open = models.BooleanField(_("audience questions open"), default=False)

    class Meta:
        ordering = ["starts_at", "room__name"]

    def __str__(self):
        return str(in_language(self.title))


class Speaker(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    function = models.CharField(_("function"), max_length=150, blank=True)
    bio = models.JSONField(_("biography"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")


class SessionSpeaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="session_speakers")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="appearances")
    role = models.CharField(
        _("role"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    order = models.PositiveSmallIntegerField(default=0)
    slides = models.FileField(_("slides"), upload_to="congress/slides/%Y/", blank=True)

    class Meta:
        ordering = ["order", "speaker__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="speaker_once_per_session")
        ]

    def __str__(self):
        return f"{self.speaker} in {self.session}"


class Favourite(models.Model):
    """A session in a person's own agenda."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourite_sessions"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="favourites")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "session"], name="favourite_once")]

    def __str__(self):
        return f"{self.session} in the agenda of {self.user}"
