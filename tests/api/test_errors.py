import json

import pytest

from tests.api.conftest import error_of

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, data=body, content_type="application/json")


def test_unknown_ids_are_structured_404s(client, db):
    for url in [
        "/api/v1/organisations/999999",
        "/api/v1/clusters/999999",
        "/api/v1/clusters/999999/members",
        "/api/v1/regions/XX999",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert error_of(response) == {
            "code": "not_found",
            "message": "Nothing was found with this identifier.",
            "details": [],
        }


def test_unknown_id_on_a_write_is_404(as_secretariat):
    response = as_secretariat.patch(
        "/api/v1/clusters/999999", data="{}", content_type="application/json"
    )

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_missing_and_wrong_fields_are_named(as_outsider):
    response = post(as_outsider, "/api/v1/organisations", json.dumps({"helix_role": "pirate"}))

    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    fields = {detail["field"] for detail in error["details"]}
    assert {"legal_name", "helix_role", "country"} <= fields


def test_unknown_codes_are_field_errors(as_outsider, reference):
    response = post(
        as_outsider,
        "/api/v1/organisations",
        json.dumps(
            {
                "legal_name": "X",
                "helix_role": "business",
                "country": "QQ",
                "sectors": ["26", "99.99"],
            }
        ),
    )

    assert response.status_code == 422
    details = {detail["field"]: detail["message"] for detail in error_of(response)["details"]}
    assert details["country"] == "Unknown country code."
    assert "99.99" in details["sectors"]


def test_model_validation_is_reported_per_field(as_outsider, reference):
    response = post(
        as_outsider,
        "/api/v1/organisations",
        json.dumps(
            {"legal_name": "X", "helix_role": "business", "country": "PL", "website": "not a url"}
        ),
    )

    assert response.status_code == 422
    assert [detail["field"] for detail in error_of(response)["details"]] == ["website"]


def test_required_fields_cannot_be_cleared(as_secretariat, cluster):
    response = as_secretariat.patch(
        f"/api/v1/organisations/{cluster.pk}",
        data=json.dumps({"legal_name": None}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "legal_name"


def test_a_body_that_is_not_json_is_a_bad_request(as_outsider):
    response = post(as_outsider, "/api/v1/organisations", "{not json")

    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_bad_query_values_are_named(client, db):
    response = client.get("/api/v1/clusters", {"validated": "perhaps"})

    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "validated"


def test_a_revoked_token_is_refused_with_a_reason(client, db):
    response = client.get("/api/v1/me", headers={"authorization": "Bearer hel_nope"})

    assert response.status_code == 401
    assert "revoked" in error_of(response)["message"]


@pytest.mark.parametrize("wanted", ["xx", "klingon", "p1", "qqq"])
def test_a_lang_that_names_no_language_is_refused_before_anything_runs(client, wanted):
    response = client.get(f"/api/v1/cooperation/profiles?lang={wanted}")
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert [detail["field"] for detail in error["details"]] == ["lang"]
    assert repr(wanted) in error["message"]


def test_a_lang_the_interface_lacks_still_picks_stored_texts(client):
    """German is a language, though not one of the interface's: the request is answered."""
    for wanted in ("de", "PL", "", "lit"):
        assert client.get(f"/api/v1/cooperation/profiles?lang={wanted}").status_code == 200
