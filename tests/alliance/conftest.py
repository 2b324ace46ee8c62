"""An alliance with an open declaration, and a representative with confirmed authority."""

import pytest
from django.core.files.base import ContentFile

from helisa.alliance.models import (
    Alliance,
    AllianceMember,
    Declaration,
    MemberCategory,
    MemberState,
)
from helisa.alliance.services import signing
from tests.factories import ClusterFactory, UserFactory, country

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


def signer_for(organisation, *, confirmed=True, full_name="Zofia Wiśniewska"):
    user = UserFactory(full_name=full_name)
    authority = signing.grant_signing_authority(
        organisation=organisation, user=user, function="Prezes", mandate=mandate(), by=None
    )
    if confirmed:
        signing.confirm_signing_authority(authority=authority, by=None)
    return user


def member_organisation(alliance, code="PL", *, state=MemberState.MEMBER, **organisation):
    """The organisation of a cluster that is in `alliance` (an active member unless `state`):
    only active members sign an alliance's declarations."""
    cluster = ClusterFactory(
        organisation__country=country(code),
        **{f"organisation__{name}": value for name, value in organisation.items()},
    )
    AllianceMember.objects.create(
        alliance=alliance, cluster=cluster, category=MemberCategory.FULL, state=state
    )
    return cluster.organisation


@pytest.fixture
def organisation(alliance):
    return member_organisation(alliance, legal_name="Klaster Łódzki sp. z o.o.")


@pytest.fixture
def signer(organisation):
    return signer_for(organisation)


def sign(version, organisation, user, password=PASSWORD):
    """`user` signs `version` for `organisation` in Warszawa, confirming with `password`."""
    return signing.sign_declaration(
        version=version,
        organisation=organisation,
        user=user,
        place="Warszawa",
        password_or_code=password,
    )


def sign_for(version, code, *, signer_name="Zofia Wiśniewska", **organisation):
    """A signature of `version` by a member organisation from the country `code`."""
    organisation = member_organisation(
        version.declaration.alliance, code, **{"legal_name": f"Association {code}", **organisation}
    )
    return sign(version, organisation, signer_for(organisation, full_name=signer_name))
