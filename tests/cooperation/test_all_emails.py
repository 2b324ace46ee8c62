"""Every email a person gets, whatever the area, honours their notification preferences and carries
a one-click link that stops exactly its kind; only an invitation to an address with no account
always arrives."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from helisa.alliance.services import notify as alliance_notify
from helisa.congress.services import b2b_notify
from helisa.congress.services.registration_mail import send_registration_mail
from helisa.cooperation.notification_kinds import AREAS, KINDS
from helisa.cooperation.services.notifications import current_choices, set_preferences
from helisa.registry.services import notify as registry_notify
from tests.congress.factories import CongressFactory, ParticipantFactory, RegistrationFactory
from tests.cooperation.practices_helpers import client_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SRC = Path(registry_notify.__file__).parents[2]


def registration(event):
    def send(user):
        send_registration_mail(registration=RegistrationFactory(user=user), event=event)

    return send


def b2b(template):
    def send(user):
        congress = CongressFactory()
        participant = ParticipantFactory(
            congress=congress, registration=RegistrationFactory(congress=congress, user=user)
        )
        b2b_notify.send_to_participants(
            participants=[participant], template=template, context={"congress": congress}
        )

    return send


# What the alliance's templates read; the services pass the real objects.
ALLIANCE_CONTEXT = {
    "authority": SimpleNamespace(user=SimpleNamespace(full_name="Zofia", email=""), function="CEO"),
    "organisation": SimpleNamespace(legal_name="Klaster Łódzki"),
    "signature": SimpleNamespace(signer_name="Zofia", place="Warszawa"),
    "declaration": "Founding declaration",
    "version": SimpleNamespace(number=1),
    "cluster": SimpleNamespace(name="Pôle Demo"),
    "alliance": "European Clusters Alliance",
    "member": SimpleNamespace(get_category_display="Full", get_state_display="Member"),
    "event": SimpleNamespace(from_state=""),
    "ballot": SimpleNamespace(deadline=None),
}


def alliance(template):
    def send(user):
        receipt = [("receipt.json", b"{}", "application/json")] if template == "signed" else ()
        alliance_notify.send_to_users(
            users=[user], template=template, context=ALLIANCE_CONTEXT, attachments=receipt
        )

    return send


def registry(template):
    def send(user):
        registry_notify.send_in_language(
            to=user.email, language=user.language, template=template, context={"valid_days": 14}
        )

    return send


# (kind, how one email of that kind goes out to a user)
SCENARIOS = [
    *[("congress_registration", registration(e)) for e in ("confirmed", "waiting", "promoted")],
    ("congress_registration", registration("cancelled")),
    *[(kind, b2b(t)) for t, kind in b2b_notify.KIND_OF_TEMPLATE.items()],
    *[(kind, alliance(t)) for t, kind in alliance_notify.KIND_OF_TEMPLATE.items()],
    *[(kind, registry(t)) for t, kind in registry_notify.KIND_OF_TEMPLATE.items()],
]
IDS = [f"{kind}-{i}" for i, (kind, _send) in enumerate(SCENARIOS)]


def unsubscribe_path(message):
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    return link.removeprefix("http://127.0.0.1:8000")


@pytest.mark.parametrize(("kind", "send"), SCENARIOS, ids=IDS)
def test_each_kind_is_sent_with_a_link_that_stops_exactly_it(kind, send):
    user = UserFactory()
    send(user)
    assert [m.to for m in mail.outbox] == [[user.email]]
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert str(KINDS[kind].label) in message.body

    response = Client().post(unsubscribe_path(message), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 204
    stopped = {code for code, wanted in current_choices(user).items() if not wanted}
    assert stopped == {kind}
    send(user)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("kind", "send"), SCENARIOS, ids=IDS)
def test_each_kind_respects_the_preference(kind, send):
    user = UserFactory()
    set_preferences(user=user, choices={code: code != kind for code in KINDS})
    send(user)
    assert mail.outbox == []
    set_preferences(user=user, choices={kind: True})
    send(user)
    assert len(mail.outbox) == 1


def test_the_signature_receipt_is_still_attached():
    alliance("signed")(UserFactory())
    assert mail.outbox[0].attachments[0][0] == "receipt.json"


def test_emails_speak_the_participants_language():
    user = UserFactory(language="en")
    send_registration_mail(
        registration=RegistrationFactory(user=user, language="pl"), event="confirmed"
    )
    assert "zostało potwierdzone" in mail.outbox[0].subject
    assert "Wyłącz ten rodzaj wiadomości" in mail.outbox[0].body


def test_an_invitation_to_an_address_without_account_always_arrives():
    registry_notify.send_in_language(
        to="newcomer@example.org", language="en", template="invitation", context={"valid_days": 14}
    )
    assert mail.outbox[0].to == ["newcomer@example.org"]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_an_invitation_goes_to_the_address_as_written():
    user = UserFactory(email="editor@example.org")
    registry_notify.send_in_language(
        to="Editor@example.org", language="en", template="invitation", context={"valid_days": 14}
    )
    assert mail.outbox[0].to == ["Editor@example.org"]
    set_preferences(user=user, choices={"role_invitation": False})
    registry_notify.send_in_language(
        to="EDITOR@example.org", language="en", template="invitation", context={"valid_days": 14}
    )
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("folder", "kinds_of"),
    [
        ("congress/templates/congress/b2b/email", b2b_notify.KIND_OF_TEMPLATE),
        ("alliance/templates/alliance/email", alliance_notify.KIND_OF_TEMPLATE),
        ("registry/templates/registry/email", registry_notify.KIND_OF_TEMPLATE),
    ],
)
def test_no_email_of_these_areas_is_left_without_a_kind(folder, kinds_of):
    templates = {p.name.removesuffix("_message.txt") for p in (SRC / folder).glob("*_message.txt")}
    assert templates == set(kinds_of)
    assert set(kinds_of.values()) <= set(KINDS)


def test_the_preferences_page_shows_every_kind_grouped_by_area():
    user = UserFactory()
    page = client_of(user).get(reverse("cooperation:preferences")).content.decode()
    for heading in AREAS.values():
        assert f"<legend>{heading}</legend>" in page
    for kind in KINDS.values():
        assert str(kind.label) in page
    positions = [page.index(f"<legend>{heading}</legend>") for heading in AREAS.values()]
    assert positions == sorted(positions)


def test_turning_a_kind_off_on_the_page_stops_it():
    user = UserFactory()
    choices = {code: "on" for code in KINDS if code != "claim_decided"}
    client_of(user).post(reverse("cooperation:preferences"), choices)
    assert current_choices(user)["claim_decided"] is False
    registry_notify.send_in_language(
        to=user.email, language="en", template="claim_confirmed", context={}
    )
    registry_notify.send_in_language(
        to=user.email, language="en", template="invitation", context={"valid_days": 14}
    )
    assert [m.subject for m in mail.outbox] and len(mail.outbox) == 1
