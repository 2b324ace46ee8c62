"""The cast of cooperation: a profile's representative, an interested organisation's
representative and an outsider; profiles are written through the services."""

import pytest
from django.utils import timezone

from helisa.cooperation.models import ProfileKind
from helisa.cooperation.services.profiles import create_profile
from tests.factories import RoleFactory, country


@pytest.fixture
def representative(db):
    return RoleFactory().user


@pytest.fixture
def organisation(representative):
    return representative.roles.get().organisation


@pytest.fixture
def interested(db):
    return RoleFactory(organisation__country=country("FR")).user


@pytest.fixture
def interested_organisation(interested):
    return interested.roles.get().organisation


def make_profile(organisation, by, *, publish=True, now=None, **values):
    values = {
        "kind": ProfileKind.TECHNOLOGY_OFFER,
        "title": {"en": "Hydrogen storage tanks", "pl": "Zbiorniki na wodór"},
        "text": {"en": "Composite tanks for trucks."},
        "contact_name": "Anna Nowak",
        "contact_email": "anna@tanks.example",
        "contact_phone": "+48 600 000 000",
        **values,
    }
    profile = create_profile(organisation=organisation, by=by, **values)
    if publish:
        from helisa.cooperation.services.profiles import publish_profile

        publish_profile(profile=profile, by=by, now=now or timezone.now())
    return profile


@pytest.fixture
def profile(organisation, representative):
    return make_profile(organisation, representative)
