import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language
from helisa.registry.models import Organisation

from .programme import Congress


class RegistrationKind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    PRESS = "press", _("Press")
    ORGANISER = "organiser", _("Organiser")


class RegistrationCategory(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="categories")
    kind = models.CharField(_("kind"), max_length=11, choices=RegistrationKind.choices)
    name = models.JSONField(_("name"), default=dict)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit")
    )

    class Meta:
        ordering = ["congress", "kind"]

    def __str__(self):
        return str(in_language(self.name)) or self.get_kind_display()


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    category = models.ForeignKey(
        RegistrationCategory, on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(max_length=9, choices=RegistrationStatus.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name_on_badge = models.CharField(_("name on the badge"), max_length=200)
    language = models.CharField(_("language"), max_length=10, default="en")
    badge_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "user"], name="one_registration_per_person")
        ]

    def __str__(self):
        return f"{self.name_on_badge} at {self.congress}"
