from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.utils import timezone

from helisa.core.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_token_page_needs_a_signed_in_user(client):
    response = client.get("/api/v1/tokens/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_user_creates_a_token_sees_it_once_and_it_works(client, outsider):
    client.force_login(outsider)

    created = client.post("/api/v1/tokens/", {"name": "CRM"})
    token = created.context["new_token"]
    later = client.get("/api/v1/tokens/")
    me = Client().get("/api/v1/me", headers={"authorization": f"Bearer {token}"})

    assert token.startswith("hel_") and token in created.content.decode()
    assert token not in later.content.decode() and "CRM" in later.content.decode()
    assert ApiToken.objects.get(user=outsider).digest == ApiToken.digest_of(token)
    assert me.json() == {
        "email": outsider.email,
        "full_name": outsider.full_name,
        "is_secretariat": False,
        "token": "CRM",
    }


def test_a_token_without_a_name_is_not_created(client, outsider):
    client.force_login(outsider)

    response = client.post("/api/v1/tokens/", {"name": ""})

    assert response.status_code == 200 and response.context["new_token"] is None
    assert not ApiToken.objects.exists()


def test_a_revoked_token_stops_working(client, outsider):
    record, token = ApiToken.issue(user=outsider, name="old")
    client.force_login(outsider)

    client.post(f"/api/v1/tokens/{record.pk}/revoke/")
    response = Client().get("/api/v1/me", headers={"authorization": f"Bearer {token}"})

    assert not ApiToken.objects.filter(pk=record.pk).exists()
    assert response.status_code == 401


def test_nobody_revokes_another_users_token(client, outsider):
    record, _token = ApiToken.issue(user=UserFactory(), name="theirs")
    client.force_login(outsider)

    response = client.post(f"/api/v1/tokens/{record.pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=record.pk).exists()


def test_the_page_lists_only_the_users_own_tokens(client, outsider):
    ApiToken.issue(user=UserFactory(), name="someone else's")
    ApiToken.issue(user=outsider, name="mine")
    client.force_login(outsider)

    page = client.get("/api/v1/tokens/").content.decode()

    assert "mine" in page and "someone else" not in page


def test_last_use_is_written_at_most_once_a_minute(outsider, django_assert_num_queries):
    record, token = ApiToken.issue(user=outsider, name="t")
    client = Client(headers={"authorization": f"Bearer {token}"})

    client.get("/api/v1/me")
    first_use = ApiToken.objects.get(pk=record.pk).last_used_at
    with django_assert_num_queries(1):  # the token lookup, no write
        client.get("/api/v1/me")
    ApiToken.objects.filter(pk=record.pk).update(last_used_at=first_use - timedelta(minutes=2))
    client.get("/api/v1/me")

    assert first_use is not None
    assert ApiToken.objects.get(pk=record.pk).last_used_at > timezone.now() - timedelta(seconds=5)


def test_a_secretariat_token_needs_the_second_factor():
    secretariat = UserFactory(is_secretariat=True)
    _record, token = ApiToken.issue(user=secretariat, name="script")
    client = Client(headers={"authorization": f"Bearer {token}"})

    refused = client.get("/api/v1/me")
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    accepted = client.get("/api/v1/me")

    assert refused.status_code == 401
    assert "two-factor" in refused.json()["error"]["message"]
    assert accepted.status_code == 200 and accepted.json()["is_secretariat"] is True
