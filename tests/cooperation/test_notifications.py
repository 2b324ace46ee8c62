import re

import pytest
from django.core import mail
from django.test import Client

from helisa.cooperation.notification_kinds import KINDS, register_kind
from helisa.cooperation.services.interest import express_interest
from helisa.cooperation.services.notifications import current_choices, notify, wants
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _unsubscribe_link(message):
    return re.search(r"http://\S+/cooperation/unsubscribe/\S+/", message.body).group(0)


def test_every_email_carries_a_one_click_link_that_stops_that_kind_only(
    profile, representative, interested, interested_organisation
):
    express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hello"
    )
    [message] = mail.outbox
    link = _unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    path = link.removeprefix("http://127.0.0.1:8000")
    assert "Stop these emails" in Client().get(path).content.decode()  # opening only asks
    assert wants(representative, "interest_received")
    response = Client().post(path, {"confirm": "1"})

    assert "no longer receive" in response.content.decode()
    assert not wants(representative, "interest_received")
    assert wants(representative, "renewal_reminder")


def test_a_mail_client_unsubscribes_with_a_post_and_no_session(profile, representative):
    notify(
        user=representative,
        kind="renewal_reminder",
        template="renewal_reminder",
        context={"profile": profile, "url": "http://x"},
    )
    path = _unsubscribe_link(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")

    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 204
    assert not notify(
        user=representative,
        kind="renewal_reminder",
        template="renewal_reminder",
        context={"profile": profile, "url": "http://x"},
    )
    assert len(mail.outbox) == 1


def test_a_forged_link_changes_nothing(representative):
    response = Client().get("/cooperation/unsubscribe/not-a-signed-token/")
    assert response.status_code == 404
    assert wants(representative, "interest_received")


def test_another_app_adds_a_kind_with_its_default(db):
    register_kind("test_congress_news", "Congress news", default=False)
    try:
        user = UserFactory()
        assert current_choices(user)["test_congress_news"] is False
        assert not wants(user, "test_congress_news")
    finally:
        KINDS.pop("test_congress_news")


def test_emails_are_in_the_recipients_language(profile, interested, interested_organisation):
    from helisa.cooperation.services.interest import accept_interest

    interested.language = "pl"
    interested.save()
    interest = express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hej"
    )
    accept_interest(interest=interest, by=profile.created_by)
    assert "Zbiorniki na wodór" in mail.outbox[-1].body
