"""Cluster profiles as their managers keep them: creating, editing, and the list of members.

Every change is recorded in the history and the ECCP validation is refreshed after it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.registry.models import ChangeRecord, MembershipStatus, RoleKind

from .clusters import add_member, create_cluster, refresh_validation
from .history import diff, record_change, snapshot
from .organisations import _set_related, create_organisation, reindex_organisation
from .registration import grant_role


@transaction.atomic
def create_cluster_organisation(*, by, organisation_fields, cluster_fields):
    """A new organisation and its cluster profile in one step; `by` manages both."""
    organisation = create_organisation(by=by, owner=by, **organisation_fields)
    return make_cluster_organisation(organisation=organisation, by=by, **cluster_fields)


@transaction.atomic
def make_cluster_organisation(*, organisation, by, **cluster_fields):
    """Give an existing organisation a cluster profile; `by` becomes its cluster manager."""
    if hasattr(organisation, "cluster"):
        raise ValidationError(_("This organisation already has a cluster profile."))
    cluster = create_cluster(organisation=organisation, by=by, **cluster_fields)
    grant_role(organisation=organisation, user=by, kind=RoleKind.CLUSTER_MANAGER, by=by)
    refresh_validation(cluster)
    return cluster


@transaction.atomic
def update_cluster(*, cluster, by, focus_sectors=None, focus_topics=None, regions=None, **changes):
    before = snapshot(cluster)
    for name, value in changes.items():
        setattr(cluster, name, value)
    cluster.full_clean(exclude=["organisation"])
    cluster.save()
    delta = diff(before, snapshot(cluster))
    for name, values in (
        ("focus_sectors", focus_sectors),
        ("focus_topics", focus_topics),
        ("regions", regions),
    ):
        if values is not None:
            delta.update(_set_related(getattr(cluster, name), values, name))
    if "name" in delta:
        reindex_organisation(cluster.organisation)
    record_change(
        instance=cluster,
        action=ChangeRecord.Action.UPDATED,
        by=by,
        changes=delta,
        organisation=cluster.organisation,
    )
    refresh_validation(cluster)
    return cluster


@transaction.atomic
def add_new_member(*, cluster, by, sectors=(), topics=(), **organisation_fields):
    """Register an organisation that is not yet in the registry and add it as a member.

    It has no owner: its people can claim it later.
    """
    member = create_organisation(by=by, sectors=sectors, topics=topics, **organisation_fields)
    return add_member(cluster=cluster, member=member, by=by)


@transaction.atomic
def set_membership_status(*, membership, status, by):
    if status not in MembershipStatus.values:
        raise ValidationError(_("Unknown membership status."))
    before = membership.status
    if before == status:
        return membership
    membership.status = status
    membership.save(update_fields=["status"])
    record_change(
        instance=membership,
        action=ChangeRecord.Action.UPDATED,
        by=by,
        changes={"status": [before, status]},
        organisation=membership.cluster.organisation,
    )
    refresh_validation(membership.cluster)
    return membership


@transaction.atomic
def remove_member(*, membership, by):
    cluster = membership.cluster
    record_change(
        instance=membership,
        action=ChangeRecord.Action.DELETED,
        by=by,
        changes={"member": [membership.member_id, None], "status": [membership.status, None]},
        organisation=cluster.organisation,
    )
    membership.delete()
    refresh_validation(cluster)
