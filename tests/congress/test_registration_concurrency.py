"""200 people try for 50 places at once: exactly 50 get one, 150 wait. PostgreSQL only.

On SQLite the test is skipped: its writers are serialised by the database itself, so it would
prove nothing (and an in-memory test database is not shared between connections).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from helisa.congress.models import Registration, RegistrationStatus
from helisa.congress.services.registration import register
from tests.congress.factories import CategoryFactory, CongressFactory
from tests.factories import UserFactory

ATTEMPTS, PLACES, CONNECTIONS = 200, 50, 40

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrency under row locks is tested on PostgreSQL (CI); SQLite serialises writers",
)


def _ensure_reference_data():
    from helisa.registry.models import Country
    from helisa.registry.reference import load_reference_data

    if not Country.objects.exists():
        load_reference_data()


@pytest.fixture
def reference_data_after_flush():
    """The flush of a transactional test empties the reference data the next tests expect."""
    yield
    _ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_no_overbooking_with_concurrent_registrations(reference_data_after_flush):
    congress = CongressFactory(registration_open=True)
    places = CategoryFactory(congress=congress, capacity=PLACES)
    users = [UserFactory() for _ in range(ATTEMPTS)]

    def attempt(user):
        try:
            return register(
                congress=congress,
                user=user,
                category=places,
                name_on_badge=user.full_name,
                language="en",
                notify=False,
            ).status
        finally:
            connections.close_all()  # each thread has its own connection; give it back

    with ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
        statuses = list(pool.map(attempt, users))

    assert statuses.count(RegistrationStatus.CONFIRMED) == PLACES
    stored = Registration.objects.filter(category=places)
    assert stored.filter(status=RegistrationStatus.CONFIRMED).count() == PLACES
    assert stored.filter(status=RegistrationStatus.WAITING).count() == ATTEMPTS - PLACES
