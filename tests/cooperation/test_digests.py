from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from helisa.cooperation.models import Direction, ProfileKind
from helisa.cooperation.services.digests import save_search, send_saved_search_digests
from helisa.cooperation.services.notifications import set_preferences
from tests.cooperation.conftest import make_profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_digest_lists_exactly_the_new_matches(organisation, representative):
    start = timezone.now()
    reader = UserFactory()
    make_profile(
        organisation, representative, title={"en": "Old hydrogen offer"}, now=start - timedelta(1)
    )
    search = save_search(user=reader, name="Hydrogen", params={"q": "hydrogen", "page": "2"})
    assert search.params == {"q": "hydrogen"}
    new = make_profile(organisation, representative, title={"en": "New hydrogen valves"})
    make_profile(organisation, representative, title={"en": "Solar panels"})
    make_profile(
        organisation,
        representative,
        title={"en": "Hydrogen investment"},
        kind=ProfileKind.INVESTMENT,
        direction=Direction.REQUEST,
        publish=False,
    )

    assert send_saved_search_digests(timezone.now()) == 1

    [message] = mail.outbox
    assert message.to == [reader.email]
    assert "New hydrogen valves" in message.body
    assert f"/cooperation/{new.pk}/" in message.body
    assert "Old hydrogen offer" not in message.body
    assert "Solar" not in message.body
    assert "Hydrogen investment" not in message.body


def test_a_second_run_sends_nothing_until_something_new_matches(organisation, representative):
    reader = UserFactory()
    save_search(user=reader, name="Hydrogen", params={"q": "hydrogen"})
    make_profile(organisation, representative, title={"en": "First hydrogen"})
    send_saved_search_digests(timezone.now())
    assert send_saved_search_digests(timezone.now()) == 0

    make_profile(organisation, representative, title={"en": "Second hydrogen"})
    assert send_saved_search_digests(timezone.now()) == 1
    assert "Second hydrogen" in mail.outbox[-1].body
    assert "First hydrogen" not in mail.outbox[-1].body


def test_no_digest_for_someone_who_stopped_digests(organisation, representative):
    reader = UserFactory()
    save_search(user=reader, name="Everything", params={"kind": ProfileKind.TECHNOLOGY_OFFER})
    set_preferences(user=reader, choices={"saved_search_digest": False})
    make_profile(organisation, representative)

    assert send_saved_search_digests(timezone.now()) == 0
    assert mail.outbox == []
