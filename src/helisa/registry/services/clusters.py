"""Cluster profiles: creation, members, and the ECCP validation rule."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import (
    ChangeRecord,
    Cluster,
    ClusterKind,
    HelixRole,
    Membership,
    MembershipStatus,
)

from .history import record_change, snapshot
from .organisations import reindex_organisation

ECCP_MIN_MEMBERS = 15
ECCP_MIN_HELIX_TYPES = 2
ECCP_MIN_STAFF_FTE = Decimal("0.5")


@dataclass(frozen=True)
class ValidationReport:
    """Why a cluster profile is, or is not, shown as validated."""

    reviewed: bool
    active_members: int
    helix_types: int
    staff_fte: Decimal
    is_association: bool

    @property
    def meets_eccp_rules(self):
        return (
            self.active_members >= ECCP_MIN_MEMBERS
            and self.helix_types >= ECCP_MIN_HELIX_TYPES
            and self.staff_fte >= ECCP_MIN_STAFF_FTE
        )

    @property
    def is_validated(self):
        if self.is_association:
            return self.reviewed
        return self.reviewed and self.meets_eccp_rules

    @property
    def unmet(self):
        reasons = []
        if not self.reviewed:
            reasons.append(_("not yet reviewed by the secretariat"))
        if self.is_association:
            return reasons
        if self.active_members < ECCP_MIN_MEMBERS:
            reasons.append(
                _("%(count)s active members; at least %(minimum)s are needed")
                % {"count": self.active_members, "minimum": ECCP_MIN_MEMBERS}
            )
        if self.helix_types < ECCP_MIN_HELIX_TYPES:
            reasons.append(
                _("%(count)s helix type(s) among the members; at least %(minimum)s are needed")
                % {"count": self.helix_types, "minimum": ECCP_MIN_HELIX_TYPES}
            )
        if self.staff_fte < ECCP_MIN_STAFF_FTE:
            reasons.append(
                _("%(fte)s FTE of staff; at least %(minimum)s are needed")
                % {"fte": self.staff_fte, "minimum": ECCP_MIN_STAFF_FTE}
            )
        return reasons


def validation_report(cluster):
    roles = list(
        cluster.memberships.filter(status=MembershipStatus.ACTIVE).values_list(
            "member__helix_role", flat=True
        )
    )
    return ValidationReport(
        reviewed=cluster.reviewed_at is not None,
        active_members=len(roles),
        helix_types=len({role for role in roles if role in HelixRole.values}),
        staff_fte=Decimal(cluster.staff_fte or 0),
        is_association=cluster.kind == ClusterKind.ASSOCIATION,
    )


def refresh_validation(cluster):
    validated = validation_report(cluster).is_validated
    if validated != cluster.is_validated:
        Cluster.objects.filter(pk=cluster.pk).update(is_validated=validated)
        cluster.is_validated = validated
    return validated


@transaction.atomic
def create_cluster(
    *,
    organisation,
    by,
    name,
    focus_sectors=(),
    focus_topics=(),
    regions=(),
    import_batch=None,
    **fields,
):
    cluster = Cluster(organisation=organisation, name=name, **fields)
    cluster.full_clean(exclude=["organisation"])
    cluster.save()
    cluster.focus_sectors.set(focus_sectors)
    cluster.focus_topics.set(focus_topics)
    cluster.regions.set(regions)
    reindex_organisation(organisation)
    record_change(
        instance=cluster,
        action=ChangeRecord.Action.CREATED,
        by=by,
        changes={
            key: [None, value]
            for key, value in snapshot(cluster).items()
            if value not in ("", None)
        },
        organisation=organisation,
        import_batch=import_batch,
    )
    return cluster


@transaction.atomic
def membership_refusal(cluster, member):
    """Why `member` cannot join `cluster`, or None: a cluster is not its own member, and a
    national association's members are cluster organisations."""
    if member.pk == cluster.pk:
        return _("A cluster organisation cannot be its own member.")
    if (
        cluster.kind == ClusterKind.ASSOCIATION
        and not Cluster.objects.filter(pk=member.pk).exists()
    ):
        return _(
            "%(name)s has no cluster profile: the members of a national association are "
            "cluster organisations."
        ) % {"name": member.legal_name}
    return None


def add_member(
    *,
    cluster,
    member,
    by,
    since=None,
    status=MembershipStatus.ACTIVE,
    import_batch=None,
    is_demo=False,
):
    refusal = membership_refusal(cluster, member)
    if refusal:
        raise ValidationError({"member": refusal})
    membership, created = Membership.objects.get_or_create(
        cluster=cluster,
        member=member,
        defaults={
            "since": since or timezone.localdate(),
            "status": status,
            "is_cross_border": member.country_id != cluster.organisation.country_id,
            "import_batch": import_batch,
            "is_demo": is_demo,
        },
    )
    if created:
        record_change(
            instance=membership,
            action=ChangeRecord.Action.CREATED,
            by=by,
            changes={"member": [None, member.pk], "status": [None, status]},
            organisation=cluster.organisation,
            import_batch=import_batch,
        )
        refresh_validation(cluster)
    return membership


@transaction.atomic
def review_cluster(*, cluster, by):
    cluster.reviewed_at = timezone.now()
    cluster.reviewed_by = by
    cluster.save(update_fields=["reviewed_at", "reviewed_by"])
    record_change(
        instance=cluster,
        action=ChangeRecord.Action.UPDATED,
        by=by,
        changes={"reviewed_at": [None, cluster.reviewed_at.isoformat()]},
        organisation=cluster.organisation,
    )
    refresh_validation(cluster)
    return cluster
