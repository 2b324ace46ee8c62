"""Alliances, their members and applications: public reading, writing with the UI's rules."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.pagination import paginate

from helisa.alliance import queries
from helisa.alliance import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.alliance.activity import activity_of
from helisa.alliance.models import MemberState
from helisa.alliance.rules import managed_active_members
from helisa.alliance.services import alliances as alliance_services
from helisa.alliance.services import membership as services
from helisa.registry.models import Cluster

from . import alliance_content
from .alliance_access import readers
from .alliance_schemas import (
    ActivityOut,
    AllianceDetail,
    AllianceIn,
    AlliancePatch,
    AllianceSummary,
    ApplicationIn,
    ApplicationOut,
    BallotIn,
    BallotOut,
    MemberFilters,
    MemberOut,
    TransitionIn,
    VoteIn,
    VoteOut,
)
from .auth import signed_in
from .errors import Conflict, conflicts_as_409
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS, Error

router = Router(tags=["Alliances"])
router.add_router("", alliance_content.router)

# Refusals that depend on what is stored rather than on the request itself.
CONFLICTS = {
    "already_applied",
    "transition_not_allowed",
    "already_voted",
    "closed",
    "duplicate_slug",
}


# Helpers


_run = conflicts_as_409(CONFLICTS)


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
    auth=readers,
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


@router.get(
    "/alliances/{slug}/ballots",
    response={200: list[BallotOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Votes on applications",
    description="For the alliance's secretariat and the managers of its active members: its "
    "ballots, newest first, each with its result so far. `open=true` for those still open.",
)
@paginate(LimitOffset)
def list_ballots(request, slug: str, open: bool = False):  # noqa: A002  (the query parameter)
    alliance = _alliance(slug)
    if not request.auth.has_perm("alliance.run_alliance", alliance):
        require(request.auth, "alliance.vote", alliance)
    return queries.ballots_of(alliance, open_only=open)


@router.get(
    "/alliances/{slug}/activity",
    response={200: list[ActivityOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Activity log",
    description="For the alliance's secretariat: membership changes and declaration events "
    "(versions, signing authorities, signatures), newest first.",
)
@paginate(LimitOffset)
def list_activity(request, slug: str):
    alliance = _alliance(slug)
    require(request.auth, "alliance.run_alliance", alliance)
    return activity_of(alliance)


# Founding and editing


@router.post(
    "/alliances",
    response={201: AllianceDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Found an alliance",
    description="For the platform secretariat only (it hosts every alliance, so it decides which "
    "are founded here): the name and mission per language, founding date and place, and the "
    "secretariat by email address. 409 when the address is taken.",
)
def create_alliance(request, payload: AllianceIn):
    require(request.auth, "alliance.found_alliance", None)
    alliance = _run(
        alliance_services.found_alliance,
        slug=payload.slug,
        name=payload.name,
        mission=payload.mission,
        founded_on=payload.founded_on,
        founded_in=payload.founded_in,
        secretariat=alliance_services.secretariat_users(payload.secretariat),
        by=request.auth,
    )
    return 201, _detail(_alliance(alliance.slug))


@router.patch(
    "/alliances/{slug}",
    response={200: AllianceDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Edit an alliance",
    description="For the alliance's secretariat or the platform's: only the fields sent change; "
    "`secretariat` replaces the whole secretariat.",
)
def update_alliance(request, slug: str, payload: AlliancePatch):
    alliance = _alliance(slug)
    require(request.auth, "alliance.change_alliance", alliance)
    changes = payload.dict(exclude_unset=True)
    if changes.get("secretariat") is not None:
        changes["secretariat"] = alliance_services.secretariat_users(changes["secretariat"])
    for field in ("name", "mission", "secretariat", "slug", "founded_in"):
        if field in changes and changes[field] is None:
            del changes[field]
    alliance = _run(
        alliance_services.update_alliance, alliance=alliance, by=request.auth, **changes
    )
    return _detail(_alliance(alliance.slug))


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
    ballot = _run(
        services.open_ballot, application=application, by=request.auth, deadline=payload.deadline
    )
    return 201, queries.ballot_of(alliance, ballot.pk)


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
