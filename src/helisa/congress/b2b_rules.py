"""Who may run a congress's B2B matchmaking and who may act on a meeting, as named predicates.

The object is a congress or anything of its matchmaking (participant, request, meeting, run).
"""

import rules

from helisa.congress.models import Congress
from helisa.registry.rules import is_secretariat


def congress_of(obj):
    if isinstance(obj, Congress):
        return obj
    return getattr(obj, "congress", None)


def _active(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_congress_organiser(user, obj):
    congress = congress_of(obj)
    return bool(
        _active(user) and congress is not None and congress.organisers.filter(pk=user.pk).exists()
    )


@rules.predicate
def is_meeting_participant(user, meeting):
    return bool(
        _active(user)
        and meeting is not None
        and meeting.participants.filter(registration__user=user).exists()
    )


@rules.predicate
def is_participant_self(user, participant):
    return bool(
        _active(user) and participant is not None and participant.registration.user_id == user.pk
    )


can_run_b2b = is_secretariat | is_congress_organiser

rules.add_perm("congress.run_b2b", can_run_b2b)
rules.add_perm("congress.attend_meeting", is_meeting_participant | can_run_b2b)
rules.add_perm("congress.edit_b2b_profile", is_participant_self | can_run_b2b)
