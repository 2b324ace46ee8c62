"""Good practices: structured cases written by cluster organisations and moderated by the
alliance secretariat before anyone else sees them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helisa.core.folding import fold
from helisa.core.translated import in_language
from helisa.registry.models import Cluster, NaceSector, Organisation, Topic


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


# The structured sections of a case, in the order a reader meets them.
SECTIONS = (
    ("problem", _("Problem")),
    ("solution", _("Solution")),
    ("results", _("Results")),
    ("resources", _("Resources needed")),
    ("transferability", _("Transferability")),
)


class GoodPractice(models.Model):
    authors = models.ManyToManyField(
        Cluster, related_name="good_practices", verbose_name=_("authors")
    )
    title = models.JSONField(_("title"), default=dict, help_text=_("Title per language"))
    problem = models.JSONField(_("problem"), default=dict, blank=True)
    solution = models.JSONField(_("solution"), default=dict, blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    resources = models.JSONField(_("resources needed"), default=dict, blank=True)
    transferability = models.JSONField(_("transferability"), default=dict, blank=True)
    indicators = models.JSONField(
        _("indicators"), default=list, blank=True, help_text=_("List of {name, value, unit}")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    sectors = models.ManyToManyField(NaceSector, blank=True, verbose_name=_("sectors"))
    topics = models.ManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    countries = models.JSONField(
        _("countries"), default=list, blank=True, help_text=_("ISO alpha-2 codes")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    # The secretariat's reason when it sends a case back or rejects it; cleared on publication.
    review_note = models.TextField(_("note of the secretariat"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Folded title, sections (every language) and author names, for search (see core.folding).
    search_text = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return str(in_language(self.title)) or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("cooperation:practice", args=[self.pk])

    @property
    def display_title(self):
        return in_language(self.title)

    def folded_text(self, authors):
        """Title, sections (every language), indicators and author names, folded for search."""
        names = ("title", *(name for name, _label in SECTIONS))
        parts = [text for name in names for text in getattr(self, name).values()]
        parts += [row["name"] for row in self.indicators]
        for cluster in authors:
            parts += [
                cluster.name,
                cluster.organisation.legal_name,
                cluster.organisation.short_name,
            ]
        return fold(" ".join(part for part in parts if part))

    @property
    def sections(self):
        """(label, text in the reader's language) of each section that has text."""
        return [
            (label, in_language(getattr(self, name)))
            for name, label in SECTIONS
            if getattr(self, name)
        ]


class CoAuthorStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CoAuthorInvitation(models.Model):
    """A cluster organisation asked to be named as co-author. It is among the authors only once
    one of its managers accepts: nobody is named on a case without their consent."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="coauthor_invitations"
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=8, choices=CoAuthorStatus.choices, default=CoAuthorStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "cluster"], name="coauthor_invitation_once")
        ]

    def __str__(self):
        return f"{self.cluster} invited to {self.practice}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF document")
    IMAGE = "image", _("Image")


class AttachmentStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    # Added by the authors while the case is in review or published: readers see it only once
    # the secretariat approves it, as they see changed text only after a new review.
    PENDING = "pending", _("Awaiting approval")
    # The authors asked to remove it from a case in review or published: it stays until the
    # secretariat agrees.
    REMOVAL_REQUESTED = "removal", _("Removal requested")


class PracticeAttachment(models.Model):
    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="cooperation/practices/%Y/")
    kind = models.CharField(_("kind"), max_length=5, choices=AttachmentKind.choices)
    content_type = models.CharField(max_length=40)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=AttachmentStatus.choices,
        default=AttachmentStatus.APPROVED,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:practice_attachment", args=[self.pk])

    @property
    def is_public(self):
        return self.status != AttachmentStatus.PENDING


class AdoptionInterest(models.Model):
    """'We want to adopt this': an organisation asks the authors to tell it more."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="adoption_interests"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="adoption_interest_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} → {self.practice}"


class AdoptionFeedback(models.Model):
    """'We adopted it': shown on the case for every reader."""

    practice = models.ForeignKey(
        GoodPractice, on_delete=models.CASCADE, related_name="adoption_feedback"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("what you did and what came of it"))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="adoption_feedback_unique"
            )
        ]

    def __str__(self):
        return f"{self.organisation} adopted {self.practice}"
