"""Redirects stay on the site; an unsubscribe link opened (by a person or a mail scanner) only
asks, a POST stops the emails; interest after the deadline is refused with a clear message; a
digest says how many matches it left out and links to the search; the interested party's
contact stays hidden from the owner until acceptance."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from helisa.cooperation.services import digests
from helisa.cooperation.services.digests import save_search, send_saved_search_digests
from helisa.cooperation.services.interest import accept_interest, express_interest
from helisa.cooperation.services.notifications import notify, wants
from tests.cooperation.conftest import make_profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_answering_an_interest_never_redirects_off_the_site(
    profile, representative, interested, interested_organisation
):
    interest = express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hi"
    )
    client = _client(representative)
    url = f"/cooperation/interests/{interest.pk}/accept/"
    response = client.post(url, {"next": "https://evil.example/phish"})
    assert response.url == "/cooperation/mine/"
    response = client.post(
        f"/cooperation/interests/{interest.pk}/decline/", {"next": f"/cooperation/{profile.pk}/"}
    )
    assert response.url == f"/cooperation/{profile.pk}/"


def test_moderation_never_redirects_off_the_site(db):
    from allauth.mfa.models import Authenticator

    from helisa.registry.models import RoleKind
    from tests.cooperation.practices_helpers import make_practice
    from tests.factories import ClusterFactory, RoleFactory

    cluster = ClusterFactory()
    owner = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    secretariat = UserFactory(is_secretariat=True)
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    practice = make_practice(cluster, owner, status="in_review")
    response = _client(secretariat).post(
        f"/cooperation/practices/{practice.pk}/publish/", {"next": "//evil.example/"}
    )
    assert response.url == practice.get_absolute_url()
    practice.refresh_from_db()
    assert practice.status == "published"


def _link(message):
    return re.search(r"http://\S+/cooperation/unsubscribe/\S+/", message.body).group(0)


def test_opening_the_unsubscribe_link_only_asks(profile, representative):
    notify(
        user=representative,
        kind="renewal_reminder",
        template="renewal_reminder",
        context={"profile": profile, "url": "http://x"},
    )
    path = _link(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    page = Client().get(path).content.decode()
    assert "Stop these emails" in page and 'method="post"' in page
    assert wants(representative, "renewal_reminder")
    done = Client().post(path, {"confirm": "1"}).content.decode()
    assert "no longer receive" in done
    assert not wants(representative, "renewal_reminder")
    Client().post(path, {"undo": "1"})
    assert wants(representative, "renewal_reminder")
    one_click = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 204 and not wants(representative, "renewal_reminder")


def test_interest_after_the_deadline_is_refused_clearly(
    organisation, representative, interested, interested_organisation
):
    today = timezone.localdate()
    profile = make_profile(organisation, representative, deadline=today - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        express_interest(
            profile=profile, organisation=interested_organisation, by=interested, message="Hi"
        )
    assert "The deadline for answers to this profile was" in error.value.messages[0]
    page = _client(interested).get(f"/cooperation/{profile.pk}/").content.decode()
    assert "no longer takes expressions of interest" in page
    assert "Express interest" not in page
    express_interest(
        profile=profile,
        organisation=interested_organisation,
        by=interested,
        message="Hi",
        today=today - timedelta(days=1),  # on the deadline day itself it still takes them
    )


def test_the_digest_says_how_many_more_and_links_to_the_search(
    organisation, representative, monkeypatch
):
    monkeypatch.setattr(digests, "DIGEST_LIMIT", 2)
    reader = UserFactory()
    save_search(user=reader, name="Hydrogen", params={"q": "hydrogen"})
    for number in range(5):
        make_profile(organisation, representative, title={"en": f"Hydrogen offer {number}"})
    send_saved_search_digests(timezone.now())
    [message] = mail.outbox
    assert message.body.count("Hydrogen offer") == 2
    assert "and 3 more match; see them all: http://127.0.0.1:8000/cooperation/?q=hydrogen" in (
        message.body
    )


def test_the_owner_sees_the_interested_contact_only_after_accepting(
    profile, representative, interested, interested_organisation
):
    interested_organisation.email = "office@interested.example"
    interested_organisation.save()
    express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hello"
    )
    client = _client(representative)
    before = client.get(f"/cooperation/{profile.pk}/").content.decode()
    assert "Hello" in before
    assert interested.email not in before and "office@interested.example" not in before
    interest = profile.interests.get()
    accept_interest(interest=interest, by=representative)
    after = client.get(f"/cooperation/{profile.pk}/").content.decode()
    assert interested.email in after
