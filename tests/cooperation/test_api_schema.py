"""The cooperation endpoints stand in the published OpenAPI schema with their errors."""

import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/cooperation/follows": {"get"},
    "/api/v1/cooperation/profiles/{profile_id}/follow": {"put", "delete"},
    "/api/v1/cooperation/saved-searches": {"get", "post"},
    "/api/v1/cooperation/saved-searches/{search_id}": {"patch", "delete"},
    "/api/v1/cooperation/notification-preferences": {"get", "patch"},
    "/api/v1/cooperation/interests/received": {"get"},
    "/api/v1/cooperation/interests/sent": {"get"},
    "/api/v1/cooperation/practices/mine": {"get"},
    "/api/v1/cooperation/practices/review-queue": {"get"},
    "/api/v1/cooperation/practices/{practice_id}/reject": {"post"},
    "/api/v1/cooperation/practices/{practice_id}/attachments": {"post"},
    "/api/v1/cooperation/practices/attachments/{attachment_id}": {"delete"},
    "/api/v1/cooperation/practices/attachments/{attachment_id}/review": {"post"},
    "/api/v1/cooperation/practices/attachments/awaiting-review": {"get"},
    "/api/v1/cooperation/practices/{practice_id}/adoption-interests": {"get", "post"},
    "/api/v1/cooperation/practices/{practice_id}/feedback": {"post"},
    "/api/v1/calls/{call_id}/consortia": {"post"},
    "/api/v1/calls/{call_id}/consortia/check": {"post"},
}


def test_every_cooperation_endpoint_is_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, methods in PATHS.items():
        assert methods <= set(paths.get(path, {})), path
        for method in methods:
            assert "401" in paths[path][method]["responses"], (method, path)


def test_an_attachment_is_sent_as_a_form_with_a_file(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    body = paths["/api/v1/cooperation/practices/{practice_id}/attachments"]["post"]["requestBody"]
    [form] = body["content"]
    assert form == "multipart/form-data"
    fields = body["content"][form]["schema"]["properties"]
    assert fields["file"]["format"] == "binary" and "name" in fields
