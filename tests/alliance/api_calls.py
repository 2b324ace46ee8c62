"""Calls the alliance API tests share: JSON writes, refusals checked for a stranger and a
plain signed-in user, and a list's query count compared between one item and several."""

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import client_for, error_of


def send(client, method, path, payload=None):
    if method == "get":
        return client.get(path)
    return getattr(client, method)(
        path, data=json.dumps(payload or {}), content_type="application/json"
    )


def refused(user, method, path, payload=None, *, multipart=False):
    """The error codes a stranger (no sign-in) and `user` (signed in, without the right) get."""
    codes = []
    for client in (Client(), client_for(user)):
        if multipart:
            response = getattr(client, method)(path, data=payload() if payload else {})
        else:
            response = send(client, method, path, payload)
        codes.append(error_of(response)["code"])
    return codes


REFUSED = ["not_authenticated", "permission_denied"]


def queries_for_one_and_many(client, path, add_more, django_assert_num_queries):
    """Lists `path` with what is there (one item), then after `add_more()`; asserts the same
    number of queries both times and returns the second body."""
    client.get(path)  # a token's last use is written once
    with CaptureQueriesContext(connection) as one:
        first = client.get(path).json()
    add_more()
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(path).json()
    assert _size(first) == 1, first
    assert _size(body) > 1, body
    return body


def _size(body):
    """A page tells its count; an unpaged list is the list itself."""
    return body["count"] if isinstance(body, dict) else len(body)
