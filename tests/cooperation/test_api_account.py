"""The caller's own follows, saved searches and notification preferences through the API: each
person reaches only their own, and strangers are refused with a structured error."""

import pytest
from django.test import Client

from helisa.cooperation.models import Follow, SavedSearch
from helisa.cooperation.notification_kinds import INTEREST_RECEIVED, KINDS, SAVED_SEARCH_DIGEST
from helisa.cooperation.services.notifications import current_choices
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import queries_for, send
from tests.cooperation.conftest import make_profile

pytestmark = pytest.mark.django_db
FOLLOWS = "/api/v1/cooperation/follows"
SEARCHES = "/api/v1/cooperation/saved-searches"
PREFERENCES = "/api/v1/cooperation/notification-preferences"


# Follows


def test_follow_list_and_unfollow(profile, interested):
    client = client_for(interested)
    url = f"/api/v1/cooperation/profiles/{profile.pk}/follow"

    response = send(client, "put", url)
    assert response.status_code == 200, response.json()
    assert response.json()["profile"]["id"] == profile.pk
    assert send(client, "put", url).status_code == 200  # twice changes nothing
    assert Follow.objects.filter(user=interested).count() == 1

    body = client.get(FOLLOWS + "?lang=pl").json()
    assert body["count"] == 1
    assert body["results"][0]["profile"]["title"] == "Zbiorniki na wodór"
    assert body["results"][0]["status"] == "published"

    assert send(client, "delete", url).status_code == 204
    assert not Follow.objects.filter(user=interested).exists()
    assert client.get(FOLLOWS).json()["count"] == 0


def test_a_withdrawn_profile_stays_followed_until_unfollowed(profile, representative, interested):
    from helisa.cooperation.services.profiles import withdraw_profile

    client = client_for(interested)
    url = f"/api/v1/cooperation/profiles/{profile.pk}/follow"
    send(client, "put", url)
    withdraw_profile(profile=profile, by=representative)

    assert client.get(FOLLOWS).json()["results"][0]["status"] == "withdrawn"
    assert send(client, "delete", url).status_code == 204
    assert not Follow.objects.exists()


def test_each_person_sees_only_their_own_follows(profile, interested, outsider):
    send(client_for(interested), "put", f"/api/v1/cooperation/profiles/{profile.pk}/follow")
    assert client_for(outsider).get(FOLLOWS).json()["count"] == 0


def test_a_draft_cannot_be_followed_by_a_stranger(organisation, representative, outsider):
    draft = make_profile(organisation, representative, publish=False)
    url = f"/api/v1/cooperation/profiles/{draft.pk}/follow"
    for method in ("put", "delete"):
        response = send(client_for(outsider), method, url)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert not Follow.objects.exists()


def test_following_needs_a_signed_in_caller(profile):
    for method, url in [
        ("put", f"/api/v1/cooperation/profiles/{profile.pk}/follow"),
        ("delete", f"/api/v1/cooperation/profiles/{profile.pk}/follow"),
        ("get", FOLLOWS),
    ]:
        response = send(Client(), method, url)
        assert response.status_code == 401, url
        assert error_of(response)["code"] == "not_authenticated"


def test_the_follow_list_costs_the_same_for_one_and_three(organisation, representative, interested):
    client = client_for(interested)

    def follow_new():
        profile = make_profile(organisation, representative)
        send(client, "put", f"/api/v1/cooperation/profiles/{profile.pk}/follow")

    follow_new()
    one = queries_for(client, FOLLOWS)
    follow_new()
    follow_new()
    assert client.get(FOLLOWS).json()["count"] == 3
    assert queries_for(client, FOLLOWS) == one


# Saved searches


def test_saved_searches_are_created_listed_changed_and_deleted(interested):
    client = client_for(interested)
    response = send(
        client,
        "post",
        SEARCHES,
        {"name": "Hydrogen in France", "filters": {"q": "hydrogen", "kind": "technology_offer"}},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["filters"] == {"q": "hydrogen", "kind": "technology_offer"}
    assert body["results_url"].endswith(
        "/api/v1/cooperation/profiles?q=hydrogen&kind=technology_offer"
    )

    changed = send(
        client, "patch", f"{SEARCHES}/{body['id']}", {"filters": {"sought_country": "FR"}}
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["filters"] == {"sought_country": "FR"}
    assert changed.json()["name"] == "Hydrogen in France"
    renamed = send(client, "patch", f"{SEARCHES}/{body['id']}", {"name": "France"})
    assert renamed.json()["name"] == "France"
    assert SavedSearch.objects.get().params == {"sought_country": "FR"}

    assert [s["name"] for s in client.get(SEARCHES).json()["results"]] == ["France"]
    assert send(client, "delete", f"{SEARCHES}/{body['id']}").status_code == 204
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"name": "Nothing", "filters": {}}, "filters"),
        ({"name": "", "filters": {"q": "x"}}, "name"),
        ({"name": "Bad", "filters": {"kind": "spaceship"}}, "filters.kind"),
    ],
)
def test_a_search_needs_a_name_and_a_known_filter(interested, payload, field):
    response = send(client_for(interested), "post", SEARCHES, payload)
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == field
    assert not SavedSearch.objects.exists()


def test_changing_to_no_filter_is_refused(interested):
    client = client_for(interested)
    search_id = send(client, "post", SEARCHES, {"name": "A", "filters": {"q": "x"}}).json()["id"]
    response = send(client, "patch", f"{SEARCHES}/{search_id}", {"filters": {"q": " "}})
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "filters"
    assert SavedSearch.objects.get().params == {"q": "x"}


def test_another_persons_search_is_not_found(interested, outsider):
    search_id = send(
        client_for(interested), "post", SEARCHES, {"name": "Mine", "filters": {"q": "x"}}
    ).json()["id"]
    stranger = client_for(outsider)
    assert stranger.get(SEARCHES).json()["count"] == 0
    for method, payload in [("patch", {"name": "Stolen"}), ("delete", None)]:
        response = send(stranger, method, f"{SEARCHES}/{search_id}", payload)
        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"
    assert SavedSearch.objects.get().name == "Mine"
    assert send(Client(), "post", SEARCHES, {"name": "A", "filters": {"q": "x"}}).status_code == 401


def test_the_search_list_costs_the_same_for_one_and_three(interested):
    client = client_for(interested)
    send(client, "post", SEARCHES, {"name": "One", "filters": {"q": "a"}})
    one = queries_for(client, SEARCHES)
    send(client, "post", SEARCHES, {"name": "Two", "filters": {"q": "b"}})
    send(client, "post", SEARCHES, {"name": "Three", "filters": {"q": "c"}})
    assert client.get(SEARCHES).json()["count"] == 3
    assert queries_for(client, SEARCHES) == one


# Notification preferences


def test_preferences_list_every_kind_of_the_page(interested):
    body = client_for(interested).get(PREFERENCES + "?lang=pl").json()
    assert [row["kind"] for row in body["kinds"]] == list(KINDS)
    assert all(row["enabled"] == row["default"] for row in body["kinds"])
    received = next(row for row in body["kinds"] if row["kind"] == INTEREST_RECEIVED)
    assert received["label"]


def test_preferences_are_changed_for_the_caller_only(interested, outsider):
    response = send(
        client_for(interested),
        "patch",
        PREFERENCES,
        {"choices": {SAVED_SEARCH_DIGEST: False}},
    )
    assert response.status_code == 200, response.json()
    shown = {row["kind"]: row["enabled"] for row in response.json()["kinds"]}
    assert shown[SAVED_SEARCH_DIGEST] is False and shown[INTEREST_RECEIVED] is True
    assert current_choices(interested)[SAVED_SEARCH_DIGEST] is False
    assert current_choices(outsider)[SAVED_SEARCH_DIGEST] is True

    send(client_for(interested), "patch", PREFERENCES, {"choices": {SAVED_SEARCH_DIGEST: True}})
    assert current_choices(interested)[SAVED_SEARCH_DIGEST] is True


def test_an_unknown_kind_is_refused(interested):
    response = send(
        client_for(interested),
        "patch",
        PREFERENCES,
        {"choices": {"spam": True, INTEREST_RECEIVED: False}},
    )
    assert response.status_code == 422
    assert error_of(response)["details"] == [{"field": "choices", "message": "Unknown: spam."}]
    assert current_choices(interested)[INTEREST_RECEIVED] is True


def test_preferences_need_a_signed_in_caller():
    for method in ("get", "patch"):
        response = send(Client(), method, PREFERENCES, {"choices": {}})
        assert response.status_code == 401
        assert error_of(response)["code"] == "not_authenticated"
