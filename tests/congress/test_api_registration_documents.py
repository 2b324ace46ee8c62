"""The caller's badge and certificate through the API, as from the registration page: only one's
own, a badge once confirmed, a certificate once the arrival is recorded."""

from django.test import Client
from django.utils import timezone

from helisa.congress.models import RegistrationStatus
from tests.congress.factories import RegistrationFactory
from tests.congress.test_b2b_api import API, client_for
from tests.congress.test_b2b_api_actions import _error


def _urls(congress):
    mine = f"{API}/{congress.slug}/registrations/me"
    return f"{mine}/badge.pdf", f"{mine}/certificate.pdf"


def test_a_confirmed_participant_gets_their_badge_then_their_certificate(open_congress):
    registration = RegistrationFactory(congress=open_congress)
    badge, certificate = _urls(open_congress)
    api = client_for(registration.user)
    answer = api.get(badge)
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF") and str(registration.badge_code).encode() in (
        answer.content
    )
    _error(api.get(certificate), 404, "not_found")
    registration.checked_in_at = timezone.now()
    registration.save()
    assert api.get(certificate).content.startswith(b"%PDF")


def test_the_waiting_list_has_no_badge(open_congress):
    registration = RegistrationFactory(congress=open_congress, status=RegistrationStatus.WAITING)
    _error(client_for(registration.user).get(_urls(open_congress)[0]), 404, "not_found")


def test_strangers_get_neither_anyones_badge_nor_certificate(open_congress, outsider):
    RegistrationFactory(congress=open_congress, checked_in_at=timezone.now())
    for url in _urls(open_congress):
        _error(client_for(outsider).get(url), 404, "not_found")
        _error(Client().get(url), 401, "not_authenticated")
