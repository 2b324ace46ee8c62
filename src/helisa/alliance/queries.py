"""Reads that the alliance pages, the API and the demo share."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from helisa.alliance.models import (
    Alliance,
    AllianceMember,
    Ballot,
    MembershipEvent,
    MemberState,
)
from helisa.core.countries import country_name
from helisa.registry.models import (
    Cluster,
    ClusterKind,
    HelixRole,
    Membership,
    MembershipStatus,
    Organisation,
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
    return sorted(rows, key=lambda row: row[1])


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


def applications_of(alliance):
    return (
        members_of(alliance, state=MemberState.APPLICANT)
        .select_related("applied_by")
        .prefetch_related("ballots")
        .order_by("applied_at", "pk")
    )


def activity_of(alliance):
    return (
        MembershipEvent.objects.filter(member__alliance=alliance)
        .select_related("member__cluster", "by")
        .order_by("-at", "-id")
    )


def ballot_of(alliance, pk):
    return get_object_or_404(
        Ballot.objects.select_related(
            "application__cluster__organisation", "application__alliance"
        ),
        pk=pk,
        application__alliance=alliance,
    )


def public_documents(alliance, *, include_private):
    documents = alliance.documents.all()
    return documents if include_private else documents.filter(is_public=True)
