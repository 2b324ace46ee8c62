"""Reads that the alliance pages, the API and the demo share."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from helisa.alliance.country_order import name_order
from helisa.alliance.models import (
    Alliance,
    AllianceMember,
    Ballot,
    MemberState,
    VoteChoice,
)
from helisa.alliance.models.membership import OPEN_STATES
from helisa.core.countries import country_name
from helisa.registry.models import (
    Cluster,
    ClusterKind,
    HelixRole,
    Membership,
    MembershipStatus,
    Organisation,
    RoleKind,
)


def alliances():
    return Alliance.objects.annotate(
        member_count=Count("members", filter=Q(members__state=MemberState.MEMBER))
    ).order_by("slug")


def alliance_by_slug(slug):
    return get_object_or_404(Alliance, slug=slug)


def members_of(alliance, *, state=None, category=None, country=None):
    members = AllianceMember.objects.filter(alliance=alliance).select_related(
        "cluster__organisation"
    )
    if state:
        members = members.filter(state=state)
    if category:
        members = members.filter(category=category)
    if country:
        members = members.filter(cluster__organisation__country_id=country.upper())
    return members.order_by("cluster__name", "pk")


def clusters_managed_by(user):
    """The clusters whose organisation `user` owns or manages (registry.rules.is_cluster_manager)."""
    if not (user.is_authenticated and user.is_active):
        return Cluster.objects.none()
    managed = Q(organisation__roles__user=user, organisation__roles__kind=RoleKind.CLUSTER_MANAGER)
    return Cluster.objects.filter(managed | Q(organisation__owner=user)).distinct().order_by("name")


def clusters_that_may_apply(user, alliance):
    """The clusters `user` manages that are not in `alliance` and do not await its decision."""
    taken = AllianceMember.objects.filter(alliance=alliance, state__in=OPEN_STATES)
    return clusters_managed_by(user).exclude(pk__in=taken.values("cluster_id"))


def active_members(alliance):
    return members_of(alliance, state=MemberState.MEMBER)


def member_counts_by_country(alliance):
    """{ISO country code: number of active members}."""
    rows = (
        AllianceMember.objects.filter(alliance=alliance, state=MemberState.MEMBER)
        .values_list("cluster__organisation__country_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(rows)


def members_by_country(alliance, counts=None):
    """[(code, name in the reader's language, count)], by name."""
    counts = member_counts_by_country(alliance) if counts is None else counts
    rows = [(code, country_name(code), count) for code, count in counts.items()]
    return sorted(rows, key=lambda row: name_order(row[1]))


def helix_mix(alliance):
    """[(helix role, label, number of organisations)] among the members' own members.

    A member cluster's members count directly; a member association's members are cluster
    organisations, so their members are counted instead. Cluster organisations themselves are
    intermediaries and are left out, and an organisation in two clusters counts once.
    """
    clusters = Cluster.objects.filter(
        alliance_memberships__alliance=alliance,
        alliance_memberships__state=MemberState.MEMBER,
    )
    active = Membership.objects.filter(status=MembershipStatus.ACTIVE)
    direct = active.filter(cluster__in=clusters).values("member_id")
    through_associations = active.filter(
        cluster__organisation__memberships__cluster__in=clusters.filter(
            kind=ClusterKind.ASSOCIATION
        ),
        cluster__organisation__memberships__status=MembershipStatus.ACTIVE,
    ).values("member_id")
    rows = dict(
        Organisation.objects.filter(Q(pk__in=direct) | Q(pk__in=through_associations))
        .filter(cluster__isnull=True)
        .values_list("helix_role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(role, label, rows.get(role, 0)) for role, label in HelixRole.choices]


def counted_ballots():
    """Ballots with their votes counted and their eligible voters (the alliance's active members
    but the applicant) in one query: services.membership.ballot_result reads these."""
    eligible = (
        AllianceMember.objects.filter(
            alliance_id=OuterRef("application__alliance_id"), state=MemberState.MEMBER
        )
        .exclude(pk=OuterRef("application_id"))
        .order_by()
        .values("alliance_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    votes = {
        f"votes_{choice}": Count("votes", filter=Q(votes__choice=choice))
        for choice in VoteChoice.values
    }
    return Ballot.objects.annotate(
        **votes,
        eligible_voters=Coalesce(Subquery(eligible, output_field=IntegerField()), Value(0)),
    )


def applications_of(alliance):
    return (
        members_of(alliance, state=MemberState.APPLICANT)
        .select_related("applied_by")
        .prefetch_related(Prefetch("ballots", queryset=counted_ballots()))
        .order_by("applied_at", "pk")
    )


def ballots_of(alliance, *, open_only=False):
    """The alliance's ballots, newest first, counted, with the application's cluster."""
    ballots = (
        counted_ballots()
        .filter(application__alliance=alliance)
        .select_related("application__cluster__organisation")
    )
    if open_only:
        ballots = ballots.filter(closed_at=None, deadline__gt=timezone.now())
    return ballots.order_by("-opened_at", "-pk")


def ballot_of(alliance, pk):
    return get_object_or_404(
        counted_ballots().select_related(
            "application__cluster__organisation", "application__alliance"
        ),
        pk=pk,
        application__alliance=alliance,
    )


def public_documents(alliance, *, include_private):
    documents = alliance.documents.all()
    return documents if include_private else documents.filter(is_public=True)
