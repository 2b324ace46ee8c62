from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    """One change to a registry record: who, when, what changed (field: [before, after])."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="history",
    )
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40)
    action = models.CharField(max_length=8, choices=Action.choices)
    changes = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    import_batch = models.ForeignKey(
        "registry.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changes",
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self):
        return f"{self.record_type} {self.record_id} {self.action}"
