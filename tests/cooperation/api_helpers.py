"""Calling the API in the cooperation tests: JSON bodies and counting a list's queries."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext


def send(client, method, url, payload=None):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


def queries_for(client, url):
    """The queries one GET makes, after a first call that settles what a token writes once."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.json()
    return len(captured)
