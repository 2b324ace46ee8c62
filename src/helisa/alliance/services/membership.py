"""Every change of an alliance membership: applications, decisions, ballots.

A membership's state changes only in change_membership_state, which checks the transition
against ALLOWED, saves, records a MembershipEvent and emails the people concerned.

Each function checks that `by` may act: a manager of the cluster applies for it and votes for
it, the alliance's secretariat decides and opens ballots. `by=None` is Helisa itself (the demo,
management commands), which no request can pass.
"""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.alliance import rules  # noqa: F401  (registers the permissions)
from helisa.alliance.models import (
    AllianceMember,
    Ballot,
    MembershipEvent,
    MemberState,
    Vote,
    VoteChoice,
)
from helisa.alliance.models.membership import OPEN_STATES
from helisa.registry.rules import is_cluster_manager

from . import notify

S = MemberState
ALLOWED = {
    S.APPLICANT: {S.MEMBER, S.REJECTED},
    S.MEMBER: {S.SUSPENDED, S.LEFT},
    S.SUSPENDED: {S.MEMBER},
    # A cluster that was refused or left may apply again (apply_for_membership).
    S.REJECTED: {S.APPLICANT},
    S.LEFT: {S.APPLICANT},
}
# What the secretariat decides; returning to "applicant" happens only by applying again.
DECISIONS = (S.MEMBER, S.REJECTED, S.SUSPENDED, S.LEFT)


class TransitionNotAllowed(ValidationError):
    """The membership cannot go from its state to the one asked for."""


def _require(by, permission, obj, message):
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(message)


def _require_secretariat(by, alliance):
    _require(
        by,
        "alliance.run_alliance",
        alliance,
        _("Only the alliance's secretariat decides on memberships."),
    )


def allowed_targets(member):
    return [state for state in DECISIONS if state in ALLOWED.get(member.state, ())]


def _label(state):
    return S(state).label if state else "-"


def change_membership_state(
    *, member, to_state, by, reason="", effective_on=None, notify_people=True
):
    """The secretariat's decision: accept, reject, suspend, reinstate, record a departure."""
    _require_secretariat(by, member.alliance)
    return _change_state(
        member=member,
        to_state=to_state,
        by=by,
        reason=reason,
        effective_on=effective_on,
        notify_people=notify_people,
    )


@transaction.atomic
def _change_state(*, member, to_state, by, reason="", effective_on=None, notify_people=True):
    member = (
        AllianceMember.objects.select_for_update()
        .select_related("alliance", "cluster")
        .get(pk=member.pk)
    )
    from_state = member.state
    if to_state not in ALLOWED.get(from_state, ()):
        raise TransitionNotAllowed(
            _("A membership cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _label(from_state), "to": _label(to_state)},
            code="transition_not_allowed",
        )
    if to_state == S.REJECTED and not reason.strip():
        raise ValidationError({"reason": _("Say why the application is rejected.")})
    member.state = to_state
    if to_state == S.MEMBER and from_state == S.APPLICANT:
        member.member_since = effective_on or timezone.localdate()
    member.save(update_fields=["state", "member_since"])
    if from_state == S.APPLICANT:
        member.ballots.filter(closed_at=None).update(closed_at=timezone.now())
    event = _record(member=member, from_state=from_state, by=by, reason=reason)
    if notify_people:
        _notify(event, new_application=to_state == S.APPLICANT)
    return member


@transaction.atomic
def apply_for_membership(*, cluster, alliance, category, motivation, by, notify_people=True):
    """An application of a cluster organisation; refused while one is open or it is a member."""
    _require(
        by,
        "alliance.apply",
        cluster,
        _("Only a manager of the cluster organisation applies for its membership."),
    )
    existing = (
        AllianceMember.objects.select_for_update()
        .filter(alliance=alliance, cluster=cluster)
        .first()
    )
    if existing is not None and existing.state in OPEN_STATES:
        message = (
            _("This cluster has already applied; its application awaits a decision.")
            if existing.state == S.APPLICANT
            else _("This cluster is already a member of the alliance.")
        )
        raise ValidationError(message, code="already_applied")
    if not motivation.strip():
        raise ValidationError({"motivation": _("Say why the cluster wants to join.")})
    if existing is not None:
        existing.category = category
        existing.motivation = motivation
        existing.applied_by = by
        existing.applied_at = timezone.now()
        existing.save(update_fields=["category", "motivation", "applied_by", "applied_at"])
        return _change_state(
            member=existing, to_state=S.APPLICANT, by=by, notify_people=notify_people
        )
    member = AllianceMember.objects.create(
        alliance=alliance,
        cluster=cluster,
        category=category,
        motivation=motivation,
        applied_by=by,
        state=S.APPLICANT,
        is_demo=alliance.is_demo and cluster.is_demo,
    )
    event = _record(member=member, from_state="", by=by, reason=motivation)
    if notify_people:
        _notify(event, new_application=True)
    return member


def _record(*, member, from_state, by, reason):
    return MembershipEvent.objects.create(
        member=member, from_state=from_state, to_state=member.state, reason=reason, by=by
    )


def _notify(event, *, new_application):
    member = event.member
    context = {
        "member": member,
        "alliance": member.alliance,
        "cluster": member.cluster,
        "event": event,
        "alliance_url": notify.absolute_url("alliance:detail", member.alliance.slug),
        "applications_url": notify.absolute_url("alliance:applications", member.alliance.slug),
    }
    notify.send_to_users(
        users=notify.cluster_managers(member.cluster), template="state_changed", context=context
    )
    if new_application:
        notify.send_to_users(
            users=notify.alliance_secretariat(member.alliance),
            template="new_application",
            context=context,
        )


# Ballots


@transaction.atomic
def open_ballot(*, application, by, deadline):
    _require_secretariat(by, application.alliance)
    if application.state != S.APPLICANT:
        raise ValidationError(_("Only an application awaiting a decision can be put to a vote."))
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    if application.ballots.filter(closed_at=None).exists():
        raise ValidationError(_("A vote on this application is already open."))
    ballot = Ballot.objects.create(application=application, opened_by=by, deadline=deadline)
    transaction.on_commit(partial(_notify_ballot_opened, ballot))
    return ballot


def _notify_ballot_opened(ballot):
    """Each manager of a member that votes, in their own language."""
    application = ballot.application
    notify.send_to_users(
        users=notify.voting_managers(application),
        template="ballot_opened",
        context={
            "ballot": ballot,
            "member": application,
            "alliance": application.alliance,
            "cluster": application.cluster,
            "ballot_url": notify.absolute_url(
                "alliance:ballot", application.alliance.slug, ballot.pk
            ),
        },
    )


def is_open(ballot, now=None):
    return ballot.closed_at is None and (now or timezone.now()) < ballot.deadline


@transaction.atomic
def cast_vote(*, ballot, voter_member, choice, by):
    """One vote per active member, cast by one of its cluster's managers before the deadline."""
    ballot = Ballot.objects.select_for_update().select_related("application").get(pk=ballot.pk)
    if not is_open(ballot):
        raise ValidationError(_("The vote is closed: its deadline has passed."), code="closed")
    if voter_member.alliance_id != ballot.application.alliance_id or voter_member.state != S.MEMBER:
        raise ValidationError(_("Only active members of the alliance vote."), code="not_member")
    if voter_member.pk == ballot.application_id:
        raise ValidationError(_("An applicant does not vote on itself."), code="not_member")
    if not is_cluster_manager(by, voter_member.cluster):
        raise PermissionDenied(_("Only a manager of the member cluster casts its vote."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose in favour, against or abstain.")})
    try:
        with transaction.atomic():
            return Vote.objects.create(ballot=ballot, voter=voter_member, choice=choice, cast_by=by)
    except IntegrityError:
        raise ValidationError(_("This member has already voted."), code="already_voted") from None


@dataclass(frozen=True)
class BallotResult:
    in_favour: int
    against: int
    abstentions: int
    eligible: int
    is_open: bool

    @property
    def cast(self):
        return self.in_favour + self.against + self.abstentions

    @property
    def accepted(self):
        """A simple majority of the votes cast for or against."""
        return self.in_favour > self.against

    @property
    def outcome(self):
        return S.MEMBER if self.accepted else S.REJECTED


def ballot_result(ballot):
    """The count so far; from the ballot's annotations when it comes from
    queries.counted_ballots (no query), else counted here."""
    if hasattr(ballot, "eligible_voters"):
        counts = {choice: getattr(ballot, f"votes_{choice}") for choice in VoteChoice.values}
        eligible = ballot.eligible_voters
    else:
        counts = dict.fromkeys(VoteChoice.values, 0)
        for choice in ballot.votes.values_list("choice", flat=True):
            counts[choice] += 1
        eligible = (
            AllianceMember.objects.filter(
                alliance_id=ballot.application.alliance_id, state=S.MEMBER
            )
            .exclude(pk=ballot.application_id)
            .count()
        )
    return BallotResult(
        in_favour=counts[VoteChoice.YES],
        against=counts[VoteChoice.NO],
        abstentions=counts[VoteChoice.ABSTAIN],
        eligible=eligible,
        is_open=is_open(ballot),
    )
