"""International projects: a consortium's idea, proposal and, once funded, its life."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Organisation

from .calls import Call


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROPOSAL = "proposal", _("Proposal")
    FUNDED = "funded", _("Funded")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


# Ideas and proposals are the consortium's own business until funding makes them public.
PUBLIC_STATUSES = (ProjectStatus.FUNDED, ProjectStatus.RUNNING, ProjectStatus.COMPLETED)


class PartnerRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")


class Project(models.Model):
    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    call = models.ForeignKey(
        Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    call_topic = models.CharField(_("call topic"), max_length=120, blank=True)
    theme = models.CharField(
        _("theme"), max_length=40, blank=True, db_index=True, help_text=_("The call's family")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="ProjectPartner", related_name="projects"
    )
    country_count = models.PositiveSmallIntegerField(
        _("countries"), default=0, help_text=_("Kept by the services when partners change")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    source_id = models.CharField(max_length=40, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["acronym", "pk"]
        indexes = [models.Index(fields=["status", "country_count"])]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("cooperation:project", args=[self.pk])

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES


class ProjectPartner(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="project_partnerships"
    )
    role = models.CharField(
        _("role"), max_length=11, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )
    contribution = models.DecimalField(
        _("EU contribution (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        # "coordinator" sorts before "partner": the coordinator comes first.
        ordering = ["project", "role", "organisation__legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="project_partner_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} in {self.project}"
