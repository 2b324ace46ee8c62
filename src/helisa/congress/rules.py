"""Who may run a congress and who takes part in it, as named predicates.

The object is a congress or anything that belongs to one (a session, a registration, a poll, a
question). Organisers are the congress's own (Congress.organisers) or the platform's secretariat.
"""

import rules

from helisa.registry.rules import is_secretariat

from .models import (
    Congress,
    Poll,
    PollOption,
    Question,
    Registration,
    RegistrationCategory,
    RegistrationStatus,
    Session,
    SessionSpeaker,
    Speaker,
)


def congress_of(obj):
    if isinstance(obj, Congress):
        return obj
    if isinstance(obj, Session | Speaker | Registration | RegistrationCategory):
        return obj.congress
    if isinstance(obj, Poll | Question | SessionSpeaker):
        return obj.session.congress
    if isinstance(obj, PollOption):
        return obj.poll.session.congress
    return None


def _active(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_congress_organiser(user, obj):
    congress = congress_of(obj)
    return bool(
        _active(user) and congress is not None and congress.organisers.filter(pk=user.pk).exists()
    )


@rules.predicate
def is_confirmed_participant(user, obj):
    congress = congress_of(obj)
    return bool(
        _active(user)
        and congress is not None
        and Registration.objects.filter(
            congress=congress, user=user, status=RegistrationStatus.CONFIRMED
        ).exists()
    )


@rules.predicate
def is_the_speaker(user, appearance):
    if not (_active(user) and isinstance(appearance, SessionSpeaker)):
        return False
    person = appearance.speaker.person
    return person is not None and person.user_id == user.pk


can_organise = is_secretariat | is_congress_organiser

rules.add_perm("congress.organise", can_organise)
# A congress speaks for its alliance in public, so the secretariat vouches for each one; the
# hosting cluster's people then organise it as organisers added by email.
rules.add_perm("congress.create", is_secretariat)
rules.add_perm("congress.take_part", is_confirmed_participant | can_organise)
rules.add_perm("congress.upload_slides", is_the_speaker | can_organise)
