"""Signing authorities through the API: the organisation's manager grants one with a PDF mandate,
the secretariat confirms or revokes it; each list is for those who may read it."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from helisa.alliance.models import SigningAuthority
from helisa.alliance.services import signing
from helisa.alliance.services.signing import MANDATE_MAX_BYTES
from tests.alliance.api_calls import REFUSED, queries_for_one_and_many, refused
from tests.alliance.conftest import PDF, mandate
from tests.alliance.membership_cast import alliance_secretariat, application  # noqa: F401
from tests.api.conftest import client_for, error_of
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def authorities(organisation):
    return f"/api/v1/organisations/{organisation.pk}/signing-authorities"


def form(signer, content=PDF, name="mandate.pdf"):
    return {
        "email": signer.email.upper(),
        "function": "Prezes zarządu",
        "mandate": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }


def pending_for(organisation):
    return signing.grant_signing_authority(
        organisation=organisation,
        user=UserFactory(),
        function="CEO",
        mandate=mandate(),
        by=None,
    )


@pytest.fixture
def applicant(application):
    """The organisation of `owner`'s cluster, which applies to the alliance."""
    return application.cluster.organisation


# Granting


def test_the_manager_grants_authority_with_a_pdf_mandate(applicant, owner, alliance_secretariat):
    signer = UserFactory(full_name="Jan Kowalski")

    response = client_for(owner).post(authorities(applicant), data=form(signer))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["person"], body["function"], body["status"]) == (
        "Jan Kowalski",
        "Prezes zarządu",
        "awaiting",
    )
    authority = SigningAuthority.objects.get(organisation=applicant)
    assert (authority.user, authority.granted_by) == (signer, owner)
    assert authority.mandate.read() == PDF
    assert client_for(owner).get(body["mandate_url"]).getvalue() == PDF


def test_a_second_grant_to_the_same_signer_is_a_conflict(applicant, owner):
    signer = UserFactory()
    first = client_for(owner).post(authorities(applicant), data=form(signer))
    second = client_for(owner).post(authorities(applicant), data=form(signer))
    assert first.status_code == 201
    assert second.status_code == 409 and error_of(second)["code"] == "conflict"
    assert SigningAuthority.objects.filter(organisation=applicant, user=signer).count() == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ not a pdf", "mandate.pdf"),
        (PDF, "mandate.exe"),
        (PDF + b"0" * (MANDATE_MAX_BYTES - len(PDF) + 1), "mandate.pdf"),
    ],
    ids=["content", "extension", "size"],
)
def test_a_mandate_must_be_a_pdf_of_at_most_10_mb(applicant, owner, content, name):
    response = client_for(owner).post(
        authorities(applicant), data=form(UserFactory(), content, name)
    )

    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"][0]["field"] == "mandate"
    assert not SigningAuthority.objects.exists()


def test_the_signer_needs_an_account_and_the_mandate_is_required(applicant, owner):
    client = client_for(owner)
    unknown = client.post(authorities(applicant), data=form(UserFactory.build()))
    missing = client.post(authorities(applicant), data={"email": owner.email, "function": "CEO"})

    assert error_of(unknown)["details"][0]["field"] == "email"
    assert error_of(missing)["details"][0]["field"] == "mandate"
    assert not SigningAuthority.objects.exists()


def test_strangers_and_plain_users_cannot_grant_authority(applicant, outsider):
    signer = UserFactory()

    codes = refused(outsider, "post", authorities(applicant), lambda: form(signer), multipart=True)

    assert codes == REFUSED
    assert not SigningAuthority.objects.exists()


# Reading


def test_the_manager_and_the_secretariats_list_an_organisations_authorities(
    applicant, owner, alliance_secretariat, secretariat
):
    pending_for(applicant)

    for user in (owner, alliance_secretariat, secretariat):
        body = client_for(user).get(authorities(applicant)).json()
        assert [row["function"] for row in body["results"]] == ["CEO"], user


def test_strangers_plain_users_and_other_secretariats_cannot_list_authorities(
    applicant, outsider, alliance_secretariat
):
    pending_for(applicant)
    organisation = pending_for(OrganisationFactory()).organisation

    assert refused(outsider, "get", authorities(applicant)) == REFUSED
    response = client_for(alliance_secretariat).get(authorities(organisation))
    assert error_of(response)["code"] == "permission_denied"


def test_the_authority_list_makes_as_many_queries_for_one_as_for_three(
    applicant, owner, django_assert_num_queries
):
    pending_for(applicant)

    body = queries_for_one_and_many(
        client_for(owner),
        authorities(applicant),
        lambda: [pending_for(applicant) for _ in range(2)],
        django_assert_num_queries,
    )

    assert len(body["results"]) == 3


def test_the_secretariat_lists_the_authorities_awaiting_confirmation(
    applicant, organisation, alliance_secretariat, signer, django_assert_num_queries
):
    first = pending_for(applicant)

    body = queries_for_one_and_many(
        client_for(alliance_secretariat),
        "/api/v1/signing-authorities/awaiting",
        lambda: [pending_for(organisation), pending_for(applicant)],
        django_assert_num_queries,
    )

    assert body["results"][0]["id"] == first.pk
    assert {row["status"] for row in body["results"]} == {"awaiting"}
    assert signer.signing_authorities.get().pk not in {row["id"] for row in body["results"]}


def test_strangers_and_plain_users_cannot_list_the_authorities_awaiting(applicant, owner):
    pending_for(applicant)

    assert refused(owner, "get", "/api/v1/signing-authorities/awaiting") == REFUSED


# Confirming and revoking


def test_the_secretariat_confirms_once_and_then_revokes_once(applicant, alliance_secretariat):
    authority = pending_for(applicant)
    client = client_for(alliance_secretariat)
    base = f"/api/v1/signing-authorities/{authority.pk}"

    confirmed = client.post(f"{base}/confirm")
    again = client.post(f"{base}/confirm")
    revoked = client.post(f"{base}/revoke")
    revoked_again = client.post(f"{base}/revoke")

    assert confirmed.status_code == 204
    assert error_of(again)["code"] == "conflict"
    assert revoked.status_code == 204
    assert error_of(revoked_again)["code"] == "conflict"
    authority.refresh_from_db()
    assert authority.confirmed_by == alliance_secretariat and authority.revoked_at


def test_the_manager_may_revoke_but_not_confirm(applicant, owner):
    authority = pending_for(applicant)
    client = client_for(owner)
    base = f"/api/v1/signing-authorities/{authority.pk}"

    assert error_of(client.post(f"{base}/confirm"))["code"] == "permission_denied"
    assert client.post(f"{base}/revoke").status_code == 204


def test_strangers_and_plain_users_cannot_confirm_revoke_or_read_the_mandate(applicant, outsider):
    authority = pending_for(applicant)
    base = f"/api/v1/signing-authorities/{authority.pk}"

    assert refused(outsider, "post", f"{base}/confirm") == REFUSED
    assert refused(outsider, "post", f"{base}/revoke") == REFUSED
    assert refused(outsider, "get", f"{base}/mandate") == REFUSED
    authority.refresh_from_db()
    assert authority.confirmed_at is None and authority.revoked_at is None
