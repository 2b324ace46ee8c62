from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Organisation

from .profiles import CooperationProfile


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_profiles"
    )
    profile = models.ForeignKey(
        CooperationProfile, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "profile"], name="follow_unique")]

    def __str__(self):
        return f"{self.user} follows {self.profile}"


class InterestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ExpressionOfInterest(models.Model):
    """An organisation's interest in a profile. Until the profile's owner accepts it, neither
    side sees the other's contact details: the platform is the broker."""

    profile = models.ForeignKey(
        CooperationProfile, on_delete=models.CASCADE, related_name="interests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="expressions_of_interest"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=8, choices=InterestStatus.choices, default=InterestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organisation"], name="interest_unique_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.profile}"
