import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_lists_every_endpoint_with_its_errors(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    for path in [
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/clusters",
        "/api/v1/clusters/{cluster_id}",
        "/api/v1/clusters/{cluster_id}/members",
        "/api/v1/clusters/{cluster_id}/members/{member_id}",
        "/api/v1/countries",
        "/api/v1/regions",
        "/api/v1/regions/{code}",
        "/api/v1/sectors",
        "/api/v1/topics",
    ]:
        assert path in paths, path
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            if method != "get":
                assert {"401", "403", "422"} <= set(operation["responses"]), (method, path)
    assert "Error" in schema["components"]["schemas"]
    bearer = [s for s in schema["components"]["securitySchemes"].values() if s.get("scheme")]
    assert bearer and bearer[0]["scheme"] == "bearer"


def test_the_docs_page_loads_everything_from_our_own_site(client):
    response = client.get("/api/v1/docs")

    html = response.content.decode()
    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert "cdn" not in html.lower()
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy


def test_the_bundled_swagger_files_are_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("ninja/swagger-ui-bundle.js")
    assert finders.find("ninja/swagger-ui.css")
