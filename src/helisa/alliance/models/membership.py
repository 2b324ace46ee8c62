from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Cluster

from .alliances import Alliance


class MemberCategory(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    OBSERVER = "observer", _("Observer")


class MemberState(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


# A cluster in one of these states is in the alliance or awaits its decision: it cannot apply.
OPEN_STATES = (MemberState.APPLICANT, MemberState.MEMBER, MemberState.SUSPENDED)


class AllianceMember(models.Model):
    """A cluster organisation (a cluster or a national association) in an alliance, from its
    application on. Its state changes only through alliance.services.membership."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="members")
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="alliance_memberships"
    )
    category = models.CharField(_("category"), max_length=10, choices=MemberCategory.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=MemberState.choices, default=MemberState.APPLICANT
    )
    motivation = models.TextField(_("motivation"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(auto_now_add=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["alliance", "cluster__name"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "cluster"], name="alliance_member_unique")
        ]

    def __str__(self):
        return f"{self.cluster} in {self.alliance}"


class MembershipEvent(models.Model):
    """One transition of a membership: the alliance's activity log."""

    member = models.ForeignKey(AllianceMember, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=10, choices=MemberState.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=MemberState.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.member}: {self.from_state or '-'} -> {self.to_state}"


class Ballot(models.Model):
    """A vote of the members on an application, open until its deadline."""

    application = models.ForeignKey(
        AllianceMember, on_delete=models.CASCADE, related_name="ballots"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"))
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self):
        return f"Ballot on {self.application}"


class VoteChoice(models.TextChoices):
    YES = "yes", _("In favour")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(AllianceMember, on_delete=models.CASCADE, related_name="votes_cast")
    choice = models.CharField(max_length=7, choices=VoteChoice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "voter"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.voter}: {self.choice}"
