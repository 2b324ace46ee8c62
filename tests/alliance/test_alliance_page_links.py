"""The alliance page leads each person to their next step: its declarations and public keys for
everyone, signing authority for the managers of member clusters, confirmations for the secretariat."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.core.cache import cache
from django.urls import reverse

from helisa.alliance.models import MemberState
from helisa.alliance.services import signing
from tests.alliance.conftest import PASSWORD, signer_for
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    manager_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def page_of(client, alliance):
    return client.get(reverse("alliance:detail", args=[alliance.slug])).content.decode()


def test_everyone_finds_the_declarations_and_the_public_keys(client, alliance, declaration):
    html = page_of(client, alliance)
    assert reverse("alliance:declaration", args=[alliance.slug, declaration.slug]) in html
    assert "Founding declaration" in html
    assert "No key yet: it is created with the first signature." in html


def test_the_key_of_a_signature_can_be_downloaded_from_the_page(client, alliance, version):
    organisation = add_member(alliance).cluster.organisation
    signature = signing.sign_declaration(
        version=version,
        organisation=organisation,
        user=signer_for(organisation),
        place="Gdańsk",
        password_or_code=PASSWORD,
    )
    html = page_of(client, alliance)
    assert reverse("alliance:public_key", args=[alliance.slug, signature.key_id]) in html


def test_a_manager_of_a_member_cluster_finds_who_may_sign_for_it(client, alliance):
    member = add_member(alliance)
    applicant = add_member(alliance, state=MemberState.APPLICANT)
    client.force_login(manager_of(member))
    html = page_of(client, alliance)
    organisation = member.cluster.organisation
    assert reverse("alliance:authorities", args=[organisation.pk]) in html
    assert f"Who may sign declarations for {organisation}" in html
    assert reverse("alliance:authorities", args=[applicant.cluster.organisation_id]) not in html


def test_readers_and_outsiders_see_no_signing_authority_link(client, alliance):
    member = add_member(alliance)
    assert "Your clusters in this alliance" not in page_of(client, alliance)
    client.force_login(manager_of(add_member(alliance, state=MemberState.APPLICANT)))
    html = page_of(client, alliance)
    assert "Your clusters in this alliance" not in html
    assert reverse("alliance:authorities", args=[member.cluster.organisation_id]) not in html


def test_the_secretariat_finds_the_authorities_to_confirm(client, alliance, alliance_secretariat):
    client.force_login(alliance_secretariat)
    assert reverse("alliance:authorities_awaiting") in page_of(client, alliance)


def test_the_page_title_is_the_alliance_name_alone(client, alliance):
    import re

    html = page_of(client, alliance)
    head = html[: html.index("</head>")]
    (title,) = re.findall(r"<title>(.*?)</title>", head, flags=re.DOTALL)
    assert title == "European Clusters Alliance · Helisa"
    assert html.count('id="public-keys-heading"') == 1
