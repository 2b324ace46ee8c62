"""The expiry date through the API: chosen on writing and renewing, refused with field errors in
the one error shape, and an expired profile gone from the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from helisa.cooperation.services.profiles import VALIDITY, expire_profiles
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import send
from tests.cooperation.conftest import make_profile

pytestmark = pytest.mark.django_db
URL = "/api/v1/cooperation/profiles"


def on(offset):
    return timezone.localdate() + timedelta(days=offset)


def day(offset):
    return on(offset).isoformat()


def new_profile(organisation, **values):
    return {
        "organisation": organisation.pk,
        "kind": "technology_offer",
        "title": {"en": "Hydrogen tanks"},
        **values,
    }


def details_of(response):
    assert response.status_code == 422, response.json()
    error = error_of(response)
    assert error["code"] == "validation_error"
    return {item["field"]: item["message"] for item in error["details"]}


def test_a_profile_is_published_until_the_chosen_date(organisation, representative):
    client = client_for(representative)
    body = send(
        client, "post", URL, new_profile(organisation, expires_on=day(60), publish=True)
    ).json()
    assert (body["status"], body["expires_on"]) == ("published", day(60))

    body = send(client, "patch", f"{URL}/{body['id']}", {"expires_on": day(90)}).json()
    assert body["expires_on"] == day(90)
    body = send(client, "patch", f"{URL}/{body['id']}", {"expires_on": None}).json()
    assert body["expires_on"] == (timezone.localdate() + VALIDITY).isoformat()


def test_wrong_dates_are_field_errors(organisation, representative):
    client = client_for(representative)
    assert details_of(send(client, "post", URL, new_profile(organisation, expires_on=day(0)))) == {
        "expires_on": "The expiry date must be in the future."
    }
    too_far = details_of(send(client, "post", URL, new_profile(organisation, expires_on=day(400))))
    assert too_far["expires_on"].startswith("The expiry date may be at most 12 months ahead")
    late = details_of(
        send(client, "post", URL, new_profile(organisation, expires_on=day(30), deadline=day(40)))
    )
    assert set(late) == {"deadline"}
    assert "must not be after the expiry date" in late["deadline"]
    not_a_date = details_of(send(client, "post", URL, new_profile(organisation, expires_on="soon")))
    assert set(not_a_date) == {"expires_on"}


def test_renewal_with_and_without_a_date(organisation, representative):
    profile = make_profile(organisation, representative, expires_on=on(10))
    client = client_for(representative)
    url = f"{URL}/{profile.pk}/renew"
    assert send(client, "post", url, {"expires_on": day(200)}).json()["expires_on"] == day(200)
    shortening = details_of(send(client, "post", url, {}))
    assert "would shorten that" in shortening["expires_on"]
    assert details_of(send(client, "post", url, {"expires_on": day(-1)})) == {
        "expires_on": "The expiry date must be in the future."
    }
    profile.expires_on = timezone.localdate()
    profile.save()
    # No body at all, as before the date could be chosen: six months from today.
    response = client.post(url, data="", content_type="application/json")
    assert response.json()["expires_on"] == day(VALIDITY.days)


def test_strangers_may_not_choose_the_date(organisation, representative, outsider):
    profile = make_profile(organisation, representative, expires_on=on(10))
    client = client_for(outsider)
    for method, path, payload in [
        ("post", f"{URL}/{profile.pk}/renew", {"expires_on": day(200)}),
        ("patch", f"{URL}/{profile.pk}", {"expires_on": day(200)}),
    ]:
        response = send(client, method, path, payload)
        assert response.status_code == 403
        assert error_of(response)["code"] == "permission_denied"
    profile.refresh_from_db()
    assert profile.expires_on.isoformat() == day(10)


def test_the_list_leaves_out_a_profile_past_its_chosen_date(organisation, representative):
    profile = make_profile(organisation, representative, expires_on=on(1))
    client = client_for(representative)
    assert [row["id"] for row in client.get(URL).json()["results"]] == [profile.pk]
    expire_profiles(now=timezone.now() + timedelta(days=2))
    assert client.get(URL).json()["results"] == []
    assert client.get(f"{URL}/{profile.pk}").json()["status"] == "expired"
