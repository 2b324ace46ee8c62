"""Alliances, their members and applications: public reading, writing with the UI's rules."""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from helisa.alliance import queries
from helisa.alliance import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.alliance.models import MemberCategory, MemberState, VoteChoice
from helisa.alliance.rules import managed_active_members
from helisa.alliance.services import membership as services
from helisa.registry.models import Cluster, ClusterKind

from .auth import signed_in
from .errors import Conflict, conflicts_as_409
from .language import label_in
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS, Error

router = Router(tags=["Alliances"])

# Refusals that depend on what is stored rather than on the request itself.
CONFLICTS = {"already_applied", "transition_not_allowed", "already_voted", "closed"}


# Schemas


class AllianceSummary(Schema):
    slug: str
    name: str = Field(description="In the language asked for, with a fallback")
    names: dict[str, str] = Field(description="Every language it has")
    founded_on: date | None
    founded_in: str
    member_count: int = Field(description="Active members")

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.name, context)

    @staticmethod
    def resolve_names(obj):
        return obj.name


class CountryCount(Schema):
    country: str
    members: int


class HelixCount(Schema):
    helix_role: str
    organisations: int


class AllianceDetail(AllianceSummary):
    mission: str
    missions: dict[str, str]
    members_by_country: list[CountryCount]
    helix_mix: list[HelixCount] = Field(
        description="Organisations in the member clusters (and in the clusters of member "
        "associations), by helix role"
    )

    @staticmethod
    def resolve_mission(obj, context):
        return label_in(obj.mission, context)

    @staticmethod
    def resolve_missions(obj):
        return obj.mission


class MemberOut(Schema):
    id: int = Field(alias="pk")
    cluster: int = Field(alias="cluster_id")
    cluster_name: str = Field(alias="cluster.name")
    cluster_kind: ClusterKind = Field(alias="cluster.kind")
    country: str = Field(alias="cluster.organisation.country_id")
    category: MemberCategory
    state: MemberState
    member_since: date | None
    applied_at: datetime


class ResultOut(Schema):
    in_favour: int
    against: int
    abstentions: int
    cast: int
    eligible: int
    is_open: bool
    outcome: MemberState = Field(description="What the result says: member or rejected")


class BallotOut(Schema):
    id: int = Field(alias="pk")
    application: int = Field(alias="application_id")
    deadline: datetime
    opened_at: datetime
    closed_at: datetime | None
    result: ResultOut

    @staticmethod
    def resolve_result(obj):
        return services.ballot_result(obj)


class ApplicationOut(MemberOut):
    motivation: str
    ballots: list[BallotOut]

    @staticmethod
    def resolve_ballots(obj):
        return list(obj.ballots.all())


class MemberFilters(Schema):
    state: MemberState | None = Field(
        None, description="Only the alliance's secretariat may ask for other states than member"
    )
    category: MemberCategory | None = None
    country: str = Field("", description="ISO 3166-1 alpha-2")


class ApplicationIn(Schema):
    cluster: int = Field(description="Id of the cluster organisation that applies")
    category: MemberCategory = MemberCategory.FULL
    motivation: str = Field(min_length=1)


class TransitionIn(Schema):
    to_state: MemberState
    reason: str = ""


class BallotIn(Schema):
    deadline: datetime


class VoteIn(Schema):
    voter: int | None = Field(
        None,
        description="Id of the member (in this alliance) that votes; may be left out when the "
        "caller manages exactly one active member",
    )
    choice: VoteChoice


class VoteOut(Schema):
    id: int = Field(alias="pk")
    ballot: int = Field(alias="ballot_id")
    voter: int = Field(alias="voter_id")
    choice: VoteChoice
    cast_at: datetime


# Helpers


_run = conflicts_as_409(CONFLICTS)


def anyone(request):
    """Reading needs no sign-in; a signed-in caller (token or session) may see more."""
    return AnonymousUser()


def _alliance(slug):
    return get_object_or_404(queries.alliances(), slug=slug)


def _detail(alliance):
    counts = queries.member_counts_by_country(alliance)
    alliance.members_by_country = [
        {"country": code, "members": count}
        for code, _name, count in queries.members_by_country(alliance, counts)
    ]
    alliance.helix_mix = [
        {"helix_role": role, "organisations": count}
        for role, _label, count in queries.helix_mix(alliance)
    ]
    return alliance


# Reading


@router.get(
    "/alliances",
    response=list[AllianceSummary],
    summary="List alliances",
    description="The alliances and networks hosted here, with their number of active members.",
)
@paginate(LimitOffset)
def list_alliances(request):
    return queries.alliances()


@router.get(
    "/alliances/{slug}",
    response={200: AllianceDetail, **READ_ERRORS},
    summary="One alliance",
    description="An alliance with its members per country and the helix mix of its members' "
    "own members.",
)
def get_alliance(request, slug: str):
    return _detail(_alliance(slug))


@router.get(
    "/alliances/{slug}/members",
    response={200: list[MemberOut], 401: Error, 403: Error, **READ_ERRORS},
    summary="Members of an alliance",
    description="Active members by name. The alliance's secretariat may filter on any `state`; "
    "everyone else sees active members only (403 for another state).",
    auth=[*signed_in, anyone],
)
@paginate(LimitOffset)
def list_members(request, slug: str, filters: Query[MemberFilters]):
    alliance = _alliance(slug)
    state = filters.state or MemberState.MEMBER
    if state != MemberState.MEMBER:
        require(request.auth, "alliance.run_alliance", alliance)
    return queries.members_of(
        alliance, state=state, category=filters.category, country=filters.country
    )


@router.get(
    "/alliances/{slug}/applications",
    response={200: list[ApplicationOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Applications awaiting a decision",
    description="For the alliance's secretariat: each application with its ballots and results.",
)
@paginate(LimitOffset)
def list_applications(request, slug: str):
    alliance = _alliance(slug)
    require(request.auth, "alliance.run_alliance", alliance)
    return queries.applications_of(alliance)


# Writing


@router.post(
    "/alliances/{slug}/applications",
    response={201: ApplicationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Apply for membership",
    description="A manager of a cluster organisation applies on its behalf. 409 while an "
    "application is open or the cluster is a member.",
)
def create_application(request, slug: str, payload: ApplicationIn):
    alliance = _alliance(slug)
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=payload.cluster)
    require(request.auth, "alliance.apply", cluster)
    member = _run(
        services.apply_for_membership,
        cluster=cluster,
        alliance=alliance,
        category=payload.category,
        motivation=payload.motivation,
        by=request.auth,
    )
    return 201, get_object_or_404(
        queries.members_of(alliance).prefetch_related("ballots"), pk=member.pk
    )


@router.post(
    "/alliances/{slug}/members/{int:member_id}/transitions",
    response={200: MemberOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a membership's state",
    description="For the alliance's secretariat: accept or reject an application, suspend, "
    "reinstate, or record that a member left. A rejection needs a reason. 409 for a transition "
    "the membership's state does not allow.",
)
def create_transition(request, slug: str, member_id: int, payload: TransitionIn):
    alliance = _alliance(slug)
    member = get_object_or_404(queries.members_of(alliance), pk=member_id)
    require(request.auth, "alliance.run_alliance", alliance)
    if payload.to_state not in services.DECISIONS:
        raise Conflict(_("A cluster becomes an applicant again only by applying."))
    _run(
        services.change_membership_state,
        member=member,
        to_state=payload.to_state,
        reason=payload.reason,
        by=request.auth,
    )
    return get_object_or_404(queries.members_of(alliance), pk=member.pk)


@router.post(
    "/alliances/{slug}/applications/{int:member_id}/ballot",
    response={201: BallotOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Put an application to a vote",
    description="For the alliance's secretariat: the active members vote until the deadline.",
)
def create_ballot(request, slug: str, member_id: int, payload: BallotIn):
    alliance = _alliance(slug)
    application = get_object_or_404(queries.members_of(alliance), pk=member_id)
    require(request.auth, "alliance.run_alliance", alliance)
    return 201, _run(
        services.open_ballot, application=application, by=request.auth, deadline=payload.deadline
    )


@router.post(
    "/alliances/{slug}/ballots/{int:ballot_id}/votes",
    response={201: VoteOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Vote on an application",
    description="A manager of an active member cluster casts that member's vote, once, before "
    "the deadline (409 after it, or for a second vote).",
)
def create_vote(request, slug: str, ballot_id: int, payload: VoteIn):
    alliance = _alliance(slug)
    ballot = queries.ballot_of(alliance, ballot_id)
    require(request.auth, "alliance.vote", ballot)
    voters = managed_active_members(request.auth, alliance).select_related("cluster__organisation")
    if payload.voter is not None:
        voter = get_object_or_404(voters, pk=payload.voter)
    elif len(voters) == 1:
        voter = voters[0]
    else:
        raise ValidationError({"voter": _("Say which member you vote for.")})
    return 201, _run(
        services.cast_vote,
        ballot=ballot,
        voter_member=voter,
        choice=payload.choice,
        by=request.auth,
    )
