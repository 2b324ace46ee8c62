"""A congress with a morning of B2B meetings, its organiser, and participants."""

import pytest

from tests.congress.factories import CongressFactory, ParticipantFactory, matchmaking
from tests.congress.programme_cast import open_congress, participant, session  # noqa: F401
from tests.factories import UserFactory


@pytest.fixture
def congress(db):
    return CongressFactory()


@pytest.fixture
def organiser(congress):
    user = UserFactory()
    congress.organisers.add(user)
    return user


@pytest.fixture
def morning(congress):
    return matchmaking(congress)


@pytest.fixture
def people(congress, morning):
    """Four participants, in the order of their badges."""
    return [ParticipantFactory(congress=congress) for _ in range(4)]
