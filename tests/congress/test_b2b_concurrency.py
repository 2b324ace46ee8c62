"""Requests sent and accepted at once stay under the caps. PostgreSQL only.

On SQLite the tests are skipped, as in test_registration_concurrency.py: its writers are
serialised by the database itself.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from helisa.congress.models import Meeting, MeetingRequest, RequestStatus
from helisa.congress.services import b2b_requests
from tests.congress.factories import CongressFactory, ParticipantFactory, matchmaking
from tests.congress.test_registration_concurrency import (  # noqa: F401  (a fixture)
    reference_data_after_flush,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrency under row locks is tested on PostgreSQL (CI); SQLite serialises writers",
)


def _at_once(action, items):
    def attempt(item):
        try:
            action(item)
            return True
        except ValidationError:
            return False
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(attempt, items))


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_after_flush")
def test_acceptances_at_once_never_pass_a_participants_most_meetings():
    congress = CongressFactory()
    matchmaking(congress)
    popular = ParticipantFactory(congress=congress, max_meetings=3)
    askers = [ParticipantFactory(congress=congress) for _ in range(10)]
    requests = [
        b2b_requests.send_request(
            requester=a, invitee=popular, by=a.registration.user, notify=False
        )
        for a in askers
    ]

    def accept(request):
        b2b_requests.answer_request(
            request=request, accept=True, by=popular.registration.user, notify=False
        )

    assert _at_once(accept, requests).count(True) == 3
    assert Meeting.objects.filter(participants=popular).count() == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_after_flush")
def test_requests_sent_at_once_never_pass_the_cap():
    congress = CongressFactory()
    matchmaking(congress, cap=4)
    eager = ParticipantFactory(congress=congress)
    others = [ParticipantFactory(congress=congress) for _ in range(10)]

    def send(invitee):
        b2b_requests.send_request(
            requester=eager, invitee=invitee, by=eager.registration.user, notify=False
        )

    assert _at_once(send, others).count(True) == 4
    assert MeetingRequest.objects.filter(requester=eager, status=RequestStatus.PENDING).count() == 4
