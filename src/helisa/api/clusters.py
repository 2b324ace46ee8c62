"""Cluster profiles and their members: public reading, writing with the UI's rules."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from helisa.registry.models import Cluster, ClusterKind, Membership, MembershipStatus, Organisation
from helisa.registry.queries import filter_clusters
from helisa.registry.services.cluster_profiles import (
    make_cluster_organisation,
    remove_member,
    set_membership_status,
    update_cluster,
)
from helisa.registry.services.clusters import add_member, membership_refusal, validation_report

from .auth import signed_in
from .errors import Conflict
from .pagination import LimitOffset
from .permissions import require
from .references import resolve
from .schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ClusterDetail,
    ClusterIn,
    ClusterPatch,
    ClusterSummary,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
)

router = Router(tags=["Clusters"])


class ClusterFilters(Schema):
    q: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    topic: str = ""
    validated: bool | None = None
    kind: ClusterKind | None = None


class MemberFilters(Schema):
    status: MembershipStatus | None = None


def members_summary(cluster):
    active = Q(status=MembershipStatus.ACTIVE)
    totals = cluster.memberships.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=active),
        cross_border=Count("pk", filter=active & Q(is_cross_border=True)),
    )
    roles = (
        cluster.memberships.filter(active)
        .values_list("member__helix_role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {**totals, "by_helix_role": dict(roles)}


def _detail(pk):
    cluster = get_object_or_404(
        Cluster.objects.select_related("organisation").prefetch_related(
            "focus_sectors", "focus_topics", "regions"
        ),
        pk=pk,
    )
    cluster.members_summary = members_summary(cluster)
    cluster.validation = validation_report(cluster)
    return cluster


def _membership(cluster_id, member_id):
    return get_object_or_404(
        Membership.objects.select_related("cluster__organisation", "member"),
        cluster_id=cluster_id,
        member_id=member_id,
    )


@router.get(
    "/clusters",
    response={200: list[ClusterSummary], 422: READ_ERRORS[422]},
    summary="List clusters",
    description="Cluster profiles, by name. `q` searches the cluster and organisation names; "
    "`region` matches the organisation's region or any region the cluster covers; "
    "`validated=true` keeps clusters that meet the ECCP rules and were reviewed.",
)
@paginate(LimitOffset)
def list_clusters(request, filters: Query[ClusterFilters]):
    values = filters.dict()
    if values["validated"] is not None:
        values["validated"] = "true" if values["validated"] else "false"
    return filter_clusters(values)


@router.get(
    "/clusters/{int:cluster_id}",
    response={200: ClusterDetail, **READ_ERRORS},
    summary="One cluster",
    description="A cluster profile (its id is its organisation's) with a summary of its "
    "members and its validation: whether it is validated and, if not, why.",
)
def get_cluster(request, cluster_id: int):
    return _detail(cluster_id)


@router.get(
    "/clusters/{int:cluster_id}/members",
    response={200: list[MembershipOut], **READ_ERRORS},
    summary="Members of a cluster",
    description="The organisations that belong to the cluster, by legal name.",
)
@paginate(LimitOffset)
def list_members(request, cluster_id: int, filters: Query[MemberFilters]):
    cluster = get_object_or_404(Cluster.objects.only("pk"), pk=cluster_id)
    members = cluster.memberships.select_related("member").order_by("member__legal_name", "pk")
    if filters.status:
        members = members.filter(status=filters.status)
    return members


@router.post(
    "/clusters",
    response={201: ClusterDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Create a cluster profile",
    description="Gives an organisation the caller may change a cluster profile; the caller "
    "becomes its cluster manager. An organisation has at most one cluster profile (409).",
)
def create_cluster(request, payload: ClusterIn):
    values = resolve(payload.dict())
    organisation = get_object_or_404(Organisation, pk=values.pop("organisation"))
    require(request.auth, "registry.change_organisation", organisation)
    if Cluster.objects.filter(pk=organisation.pk).exists():
        raise Conflict(_("This organisation already has a cluster profile."))
    cluster = make_cluster_organisation(organisation=organisation, by=request.auth, **values)
    return 201, _detail(cluster.pk)


@router.patch(
    "/clusters/{int:cluster_id}",
    response={200: ClusterDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a cluster profile",
    description="Changes only the fields sent. Allowed to the cluster's managers and editors, "
    "the owner of its organisation, and the secretariat. List fields replace the whole list.",
)
def change_cluster(request, cluster_id: int, payload: ClusterPatch):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=cluster_id)
    require(request.auth, "registry.change_cluster", cluster)
    update_cluster(cluster=cluster, by=request.auth, **resolve(payload.dict(exclude_unset=True)))
    return _detail(cluster.pk)


@router.post(
    "/clusters/{int:cluster_id}/members",
    response={201: MembershipOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Add a member",
    description="Adds an organisation already in the registry to the cluster. 409 if it is "
    "a member already.",
)
def create_membership(request, cluster_id: int, payload: MembershipIn):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=cluster_id)
    require(request.auth, "registry.add_members", cluster)
    member = get_object_or_404(Organisation, pk=payload.member_id)
    refusal = membership_refusal(cluster, member)
    if refusal:
        raise ValidationError({"member_id": refusal})
    if cluster.memberships.filter(member=member).exists():
        raise Conflict(_("This organisation is already a member of the cluster."))
    add_member(
        cluster=cluster,
        member=member,
        by=request.auth,
        since=payload.since,
        status=payload.status,
    )
    return 201, _membership(cluster.pk, member.pk)


@router.patch(
    "/clusters/{int:cluster_id}/members/{int:member_id}",
    response={200: MembershipOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a membership's status",
    description="Suspend, end or reactivate a membership. The cluster's validation follows.",
)
def change_membership(request, cluster_id: int, member_id: int, payload: MembershipPatch):
    membership = _membership(cluster_id, member_id)
    require(request.auth, "registry.add_members", membership.cluster)
    set_membership_status(membership=membership, status=payload.status, by=request.auth)
    return _membership(cluster_id, member_id)


@router.delete(
    "/clusters/{int:cluster_id}/members/{int:member_id}",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Remove a member",
    description="Removes the membership; the history keeps that it existed.",
)
def delete_membership(request, cluster_id: int, member_id: int):
    membership = _membership(cluster_id, member_id)
    require(request.auth, "registry.add_members", membership.cluster)
    remove_member(membership=membership, by=request.auth)
    return 204, None
