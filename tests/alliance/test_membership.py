"""The membership service: transitions, the activity log, emails, applications and ballots."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import timedelta
from itertools import product

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from helisa.alliance.models import Ballot, MemberCategory, MembershipEvent, MemberState, VoteChoice
from helisa.alliance.services.membership import (
    ALLOWED,
    TransitionNotAllowed,
    apply_for_membership,
    ballot_result,
    cast_vote,
    change_membership_state,
    open_ballot,
)
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    application,
    manager_of,
    voter,
    voting_member,
)

pytestmark = pytest.mark.django_db

S = MemberState
PAIRS = list(product(S.values, S.values))


def reason_for(to_state):
    return "Does not fit the statutes." if to_state == S.REJECTED else "Decided at the meeting."


@pytest.mark.parametrize(
    ("from_state", "to_state"), [p for p in PAIRS if p[1] in ALLOWED.get(p[0], ())]
)
def test_an_allowed_transition_is_saved_and_logged(
    alliance, alliance_secretariat, from_state, to_state
):
    member = add_member(alliance, state=from_state)

    change_membership_state(
        member=member, to_state=to_state, by=alliance_secretariat, reason=reason_for(to_state)
    )

    member.refresh_from_db()
    assert member.state == to_state
    event = member.events.get()
    assert (event.from_state, event.to_state) == (from_state, to_state)
    assert event.by == alliance_secretariat
    assert event.reason == reason_for(to_state)


@pytest.mark.parametrize(
    ("from_state", "to_state"), [p for p in PAIRS if p[1] not in ALLOWED.get(p[0], ())]
)
def test_a_disallowed_transition_is_refused_and_changes_nothing(
    alliance, alliance_secretariat, from_state, to_state
):
    member = add_member(alliance, state=from_state)

    with pytest.raises(TransitionNotAllowed, match="cannot go from"):
        change_membership_state(
            member=member, to_state=to_state, by=alliance_secretariat, reason="x"
        )

    member.refresh_from_db()
    assert member.state == from_state
    assert not member.events.exists()


def test_the_table_follows_the_rules_of_the_alliance():
    assert ALLOWED[S.APPLICANT] == {S.MEMBER, S.REJECTED}
    assert ALLOWED[S.MEMBER] == {S.SUSPENDED, S.LEFT}
    assert ALLOWED[S.SUSPENDED] == {S.MEMBER}


def test_a_rejection_needs_a_reason(application, alliance_secretariat):
    with pytest.raises(ValidationError) as refused:
        change_membership_state(member=application, to_state=S.REJECTED, by=alliance_secretariat)

    assert "reason" in refused.value.message_dict
    application.refresh_from_db()
    assert application.state == S.APPLICANT


def test_acceptance_makes_a_member_from_today(application, alliance_secretariat):
    change_membership_state(member=application, to_state=S.MEMBER, by=alliance_secretariat)

    application.refresh_from_db()
    assert application.member_since == timezone.localdate()


def test_the_activity_log_tells_who_when_and_why(application, owner, alliance_secretariat):
    before = timezone.now()
    change_membership_state(
        member=application, to_state=S.MEMBER, by=alliance_secretariat, reason="Unanimous."
    )

    applied, accepted = application.events.order_by("at", "id")
    assert (applied.from_state, applied.to_state, applied.by) == ("", S.APPLICANT, owner)
    assert applied.reason == "We want to meet partners."
    assert (accepted.from_state, accepted.to_state) == (S.APPLICANT, S.MEMBER)
    assert accepted.by == alliance_secretariat
    assert accepted.reason == "Unanimous."
    assert before <= accepted.at <= timezone.now()


# Applications


def test_an_application_reaches_the_managers_and_the_alliance_secretariat(
    alliance, cluster, owner, alliance_secretariat
):
    apply_for_membership(
        cluster=cluster,
        alliance=alliance,
        category=MemberCategory.ASSOCIATE,
        motivation="Hydrogen valleys.",
        by=owner,
    )

    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {owner.email, alliance_secretariat.email}
    assert cluster.name in recipients[alliance_secretariat.email].subject
    assert "Hydrogen valleys." in recipients[alliance_secretariat.email].body


def test_emails_are_written_in_each_recipients_language(
    alliance, cluster, owner, alliance_secretariat
):
    owner.language = "pl"
    owner.save()

    member = apply_for_membership(
        cluster=cluster, alliance=alliance, category="full", motivation="M", by=owner
    )
    mail.outbox.clear()
    change_membership_state(
        member=member, to_state=S.REJECTED, by=alliance_secretariat, reason="Brak miejsca."
    )

    (message,) = mail.outbox
    assert message.to == [owner.email]
    # The alliance's own name is chosen by the active language: proof the email was rendered
    # in Polish whatever the state of the translation catalogue.
    assert "Europejski Związek Klastrów" in message.subject
    assert "European Clusters Alliance" not in message.subject
    assert "Brak miejsca." in message.body


def test_an_english_reader_gets_the_english_name(alliance, cluster, owner):
    owner.language = "en"
    owner.save()

    apply_for_membership(
        cluster=cluster, alliance=alliance, category="full", motivation="M", by=owner
    )

    assert "European Clusters Alliance" in mail.outbox[0].subject


def test_a_second_open_application_is_refused(application, alliance, cluster, owner):
    with pytest.raises(ValidationError, match="already applied"):
        apply_for_membership(
            cluster=cluster, alliance=alliance, category="full", motivation="Again", by=owner
        )


@pytest.mark.parametrize("state", [S.MEMBER, S.SUSPENDED])
def test_a_member_cannot_apply(alliance, state):
    member = add_member(alliance, state=state)

    with pytest.raises(ValidationError, match="already a member"):
        apply_for_membership(
            cluster=member.cluster, alliance=alliance, category="full", motivation="M", by=None
        )


def test_a_rejected_cluster_may_apply_again(application, alliance, cluster, owner):
    change_membership_state(member=application, to_state=S.REJECTED, by=None, reason="Not yet.")

    again = apply_for_membership(
        cluster=cluster, alliance=alliance, category="observer", motivation="Now ready.", by=owner
    )

    assert again.pk == application.pk
    assert (again.state, again.category) == (S.APPLICANT, "observer")
    assert [e.to_state for e in again.events.order_by("at", "id")] == [
        S.APPLICANT,
        S.REJECTED,
        S.APPLICANT,
    ]


def test_an_application_needs_a_motivation(alliance, cluster, owner):
    with pytest.raises(ValidationError):
        apply_for_membership(
            cluster=cluster, alliance=alliance, category="full", motivation="  ", by=owner
        )


# Ballots


def tomorrow():
    return timezone.now() + timedelta(days=1)


@pytest.fixture
def ballot(application, alliance_secretariat):
    return open_ballot(application=application, by=alliance_secretariat, deadline=tomorrow())


def test_only_an_open_application_goes_to_a_vote(voting_member, alliance_secretariat):
    with pytest.raises(ValidationError, match="awaiting a decision"):
        open_ballot(application=voting_member, by=alliance_secretariat, deadline=tomorrow())


def test_a_ballot_needs_a_future_deadline(application, alliance_secretariat):
    with pytest.raises(ValidationError):
        open_ballot(
            application=application,
            by=alliance_secretariat,
            deadline=timezone.now() - timedelta(minutes=1),
        )


def test_one_open_ballot_at_a_time(ballot, application, alliance_secretariat):
    with pytest.raises(ValidationError, match="already open"):
        open_ballot(application=application, by=alliance_secretariat, deadline=tomorrow())


def test_a_member_votes_once(ballot, voting_member, voter):
    cast_vote(ballot=ballot, voter_member=voting_member, choice=VoteChoice.YES, by=voter)

    with pytest.raises(ValidationError, match="already voted"):
        cast_vote(ballot=ballot, voter_member=voting_member, choice=VoteChoice.NO, by=voter)

    assert ballot.votes.get().choice == VoteChoice.YES


def test_no_vote_after_the_deadline(ballot, voting_member, voter):
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    with pytest.raises(ValidationError, match="closed"):
        cast_vote(ballot=ballot, voter_member=voting_member, choice=VoteChoice.YES, by=voter)

    assert not ballot.votes.exists()


@pytest.mark.parametrize("state", [S.SUSPENDED, S.LEFT, S.APPLICANT, S.REJECTED])
def test_only_active_members_vote(ballot, alliance, state):
    member = add_member(alliance, state=state, code="ES")

    with pytest.raises(ValidationError, match="active members"):
        cast_vote(ballot=ballot, voter_member=member, choice="yes", by=manager_of(member))


def test_a_vote_is_cast_by_a_manager_of_the_member_cluster(ballot, voting_member, outsider):
    with pytest.raises(PermissionDenied):
        cast_vote(ballot=ballot, voter_member=voting_member, choice="yes", by=outsider)


def test_the_result_counts_the_votes_and_the_secretariat_applies_it(
    ballot, alliance, voting_member, voter, application, alliance_secretariat
):
    others = [add_member(alliance, code=code) for code in ("ES", "LT", "LV")]
    cast_vote(ballot=ballot, voter_member=voting_member, choice="yes", by=voter)
    cast_vote(ballot=ballot, voter_member=others[0], choice="yes", by=manager_of(others[0]))
    cast_vote(ballot=ballot, voter_member=others[1], choice="no", by=manager_of(others[1]))

    result = ballot_result(ballot)

    assert (result.in_favour, result.against, result.abstentions) == (2, 1, 0)
    assert (result.cast, result.eligible) == (3, 4)
    assert result.is_open and result.accepted and result.outcome == S.MEMBER

    change_membership_state(
        member=application, to_state=result.outcome, by=alliance_secretariat, reason="Vote 2:1."
    )
    ballot.refresh_from_db()
    assert ballot.closed_at is not None
    assert not ballot_result(ballot).is_open
    assert MembershipEvent.objects.filter(member=application, to_state=S.MEMBER).exists()


def test_a_tie_does_not_admit(ballot, voting_member, voter, alliance):
    other = add_member(alliance, code="HU")
    cast_vote(ballot=ballot, voter_member=voting_member, choice="yes", by=voter)
    cast_vote(ballot=ballot, voter_member=other, choice="no", by=manager_of(other))

    assert ballot_result(ballot).outcome == S.REJECTED
