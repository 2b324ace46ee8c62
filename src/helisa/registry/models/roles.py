from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class RoleKind(models.TextChoices):
    REPRESENTATIVE = "representative", _("Organisation representative")
    CLUSTER_MANAGER = "cluster_manager", _("Cluster manager")
    CLUSTER_EDITOR = "cluster_editor", _("Cluster editor")


class Role(models.Model):
    """What a user may do for one organisation. The secretariat is a flag on the user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=16, choices=RoleKind.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "kind"], name="role_unique")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} of {self.organisation}"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the secretariat")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class Claim(models.Model):
    """A user's claim to represent an imported organisation that has no owner yet."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    message = models.TextField(_("message to the secretariat"), blank=True)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    confirmed_by_email_domain = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} claims {self.organisation}"


class Invitation(models.Model):
    """An email invitation to take a role for an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    kind = models.CharField(_("role"), max_length=16, choices=RoleKind.choices)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.email} as {self.get_kind_display()} of {self.organisation}"
