from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation
from .reference import NaceSector, NutsRegion, Topic


class ClusterKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster organisation")
    ASSOCIATION = "association", _("National cluster association")


class EscaLabel(models.TextChoices):
    NONE = "", _("None")
    BRONZE = "bronze", _("Bronze")
    SILVER = "silver", _("Silver")
    GOLD = "gold", _("Gold")


class Cluster(models.Model):
    """The cluster profile of an organisation that manages a cluster.

    A national cluster association is a cluster organisation whose members are cluster
    organisations.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="cluster"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ClusterKind.choices, default=ClusterKind.CLUSTER
    )
    name = models.CharField(_("cluster name"), max_length=300)
    focus_sectors = models.ManyToManyField(NaceSector, blank=True, verbose_name=_("focus sectors"))
    focus_topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("focus topics"))
    regions = models.ManyToManyField(NutsRegion, blank=True, verbose_name=_("regions"))
    staff_fte = models.DecimalField(_("staff (FTE)"), max_digits=6, decimal_places=2, default=0)
    founded_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    eccp_url = models.URLField(_("ECCP profile"), blank=True)
    esca_label = models.CharField(
        _("ESCA label"), max_length=6, choices=EscaLabel.choices, blank=True
    )
    esca_valid_until = models.DateField(_("ESCA label valid until"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed by the secretariat"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept by services.clusters.refresh_validation whenever members, staff or review change,
    # so that the directory can filter on it.
    is_validated = models.BooleanField(_("validated"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    members = models.ManyToManyField(
        Organisation,
        through="Membership",
        related_name="clusters",
        through_fields=("cluster", "member"),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("registry:cluster", args=[self.pk])

    @property
    def esca_label_current(self):
        """The ESCA label while it is valid; an expired label is history, not a badge."""
        if not self.esca_label or (
            self.esca_valid_until and self.esca_valid_until < timezone.localdate()
        ):
            return ""
        return self.esca_label


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    ENDED = "ended", _("Ended")


class Membership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    since = models.DateField(_("member since"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
    )
    is_cross_border = models.BooleanField(
        _("cross-border"), default=False, help_text=_("The member is outside the cluster's country")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    import_batch = models.ForeignKey(
        "registry.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cluster", "member__legal_name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "member"], name="membership_unique_member")
        ]

    def __str__(self):
        return f"{self.member} in {self.cluster}"
