"""An alliance with an open declaration, and a representative with confirmed authority."""

import pytest
from django.core.files.base import ContentFile

from helisa.alliance.models import Alliance, Declaration
from helisa.alliance.services import signing
from tests.factories import OrganisationFactory, UserFactory, country

PASSWORD = "correct horse battery staple"
PDF = b"%PDF-1.4\n%demo\n"


@pytest.fixture(autouse=True)
def _keys_in_tmp(settings, tmp_path):
    settings.ALLIANCE_SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.ALLIANCE_SIGNING_KEY = ""


def mandate():
    return ContentFile(PDF, name="mandate.pdf")


@pytest.fixture
def alliance(db):
    return Alliance.objects.create(
        slug="eca", name={"en": "European Clusters Alliance", "pl": "Europejski Związek Klastrów"}
    )


@pytest.fixture
def declaration(alliance):
    return Declaration.objects.create(
        alliance=alliance, slug="founding", title={"en": "Founding declaration", "pl": "Deklaracja"}
    )


@pytest.fixture
def version(declaration):
    draft = signing.create_version(
        declaration=declaration,
        texts={"pl": "Współpraca jest silniejsza niż rywalizacja.", "en": "Cooperation wins."},
        authoritative_language="pl",
        by=None,
    )
    return signing.open_version(version=draft, by=None)


def signer_for(organisation, *, confirmed=True):
    user = UserFactory(full_name="Zofia Wiśniewska")
    authority = signing.grant_signing_authority(
        organisation=organisation, user=user, function="Prezes", mandate=mandate(), by=None
    )
    if confirmed:
        signing.confirm_signing_authority(authority=authority, by=None)
    return user


@pytest.fixture
def organisation(db):
    return OrganisationFactory(legal_name="Klaster Łódzki sp. z o.o.", country=country("PL"))


@pytest.fixture
def signer(organisation):
    return signer_for(organisation)
