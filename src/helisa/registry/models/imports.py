from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    CLUSTERS = "clusters", _("Clusters")
    MEMBERSHIPS = "memberships", _("Memberships")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    VALIDATING = "validating", _("Validating")
    INVALID = "invalid", _("Has problems")
    READY = "ready", _("Ready to import")
    APPLYING = "applying", _("Importing")
    APPLIED = "applied", _("Imported")
    FAILED = "failed", _("Failed")
    UNDONE = "undone", _("Undone")


class ImportBatch(models.Model):
    """An uploaded file, its validation and its application. Nothing is written before confirm.

    Progress (rows_done) is written on its own connection-level autocommit outside the transaction
    that applies the import, so a progress bar can follow a long import.
    """

    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, help_text=_("[{row, column, message}]"))
    summary = models.JSONField(default=dict)
    cluster = models.ForeignKey(
        "registry.Cluster",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imports",
        help_text=_("For a membership import: the cluster the members join"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def progress_percent(self):
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
