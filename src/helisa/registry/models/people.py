from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in users")
    PRIVATE = "private", _("Only the organisation's managers")


class Person(models.Model):
    """A person in the registry: a contact, a representative, a speaker."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("who can see this person"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    consent_given_at = models.DateTimeField(
        _("consent to be listed given at"), null=True, blank=True
    )
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="people"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    function = models.CharField(_("function"), max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"], name="affiliation_unique")
        ]

    def __str__(self):
        return f"{self.person}, {self.function} ({self.organisation})"
