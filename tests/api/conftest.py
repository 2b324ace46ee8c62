"""Reference rows, a token per member of the cast, and a client that sends it."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from helisa.core.models import ApiToken
from helisa.registry.models import Country, NaceSector, NutsRegion, Topic, TopicScheme


@pytest.fixture
def reference(db):
    poland, _ = Country.objects.get_or_create(
        code="PL", defaults={"eu_code": "PL", "name_en": "Poland"}
    )
    Country.objects.get_or_create(code="GR", defaults={"eu_code": "EL", "name_en": "Greece"})
    region = {}
    for code, level, parent in [("PL", 0, None), ("PL9", 1, "PL"), ("PL91", 2, "PL9")]:
        region[code], _ = NutsRegion.objects.get_or_create(
            code=code,
            defaults={
                "level": level,
                "country": poland,
                "parent_id": parent,
                "name_latin": f"Region {code}",
                "name_native": f"Region {code}",
            },
        )
    region["PL911"], _ = NutsRegion.objects.get_or_create(
        code="PL911",
        defaults={
            "level": 3,
            "country": poland,
            "parent_id": "PL91",
            "name_latin": "Miasto Warszawa",
            "name_native": "Miasto Warszawa",
        },
    )
    section, _ = NaceSector.objects.get_or_create(
        code="C", defaults={"level": 1, "label": {"en": "Manufacturing", "pl": "Przetwórstwo"}}
    )
    division, _ = NaceSector.objects.get_or_create(
        code="26", defaults={"level": 2, "parent": section, "label": {"en": "Computers"}}
    )
    topic, _ = Topic.objects.get_or_create(
        scheme=TopicScheme.EUROSCIVOC,
        code="/api-test/robotics",
        defaults={"label": {"en": "robotics", "pl": "robotyka"}, "path": "api-test/robotics"},
    )
    return {"region": region, "section": section, "division": division, "topic": topic}


def client_for(user):
    """A client calling with a personal token; a secretariat's account has its second factor."""
    if user.is_secretariat:
        Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP, data={})
    _record, token = ApiToken.issue(user=user, name="tests")
    return Client(headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def as_owner(owner):
    return client_for(owner)


@pytest.fixture
def as_outsider(outsider):
    return client_for(outsider)


@pytest.fixture
def as_secretariat(secretariat):
    return client_for(secretariat)


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}, body
    return body["error"]
