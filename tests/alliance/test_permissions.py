"""Outsiders are refused every secretariat action, in the UI and in the API; the secretariat
and the organisation's manager get through."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from helisa.alliance.models import Signature, SigningAuthority, VersionStatus
from helisa.alliance.services import signing
from tests.alliance.conftest import PASSWORD, mandate, sign
from tests.api.conftest import client_for


@pytest.fixture
def signature(version, organisation, signer):
    return sign(version, organisation, signer)


@pytest.fixture
def pending(organisation, outsider):
    return signing.grant_signing_authority(
        organisation=organisation, user=outsider, function="CEO", mandate=mandate(), by=None
    )


def ui_actions(version, signature, pending):
    args = ["eca", "founding", version.number]
    return [
        reverse("alliance:authority_confirm", args=[pending.pk]),
        reverse("alliance:revoke_signature", args=[signature.pk]),
        reverse("alliance:version_open", args=args),
        reverse("alliance:version_close", args=args),
        reverse("alliance:version_new", args=args[:2]),
    ]


def api_actions(version, signature, pending):
    base = f"/api/v1/alliances/eca/declarations/founding/versions/{version.number}"
    return [
        (f"/api/v1/signing-authorities/{pending.pk}/confirm", {}),
        (f"/api/v1/signatures/{signature.pk}/revoke", {"reason": "x"}),
        (f"{base}/open", {}),
        (f"{base}/close", {}),
    ]


def test_outsiders_are_refused_every_secretariat_action_in_the_ui(
    client, outsider, version, signature, pending
):
    client.force_login(outsider)
    for path in ui_actions(version, signature, pending):
        assert client.post(path, {"reason": "x"}).status_code == 403, path
    version.refresh_from_db()
    assert version.status == VersionStatus.OPEN
    assert not Signature.objects.filter(revoked_at__isnull=False).exists()
    assert not SigningAuthority.objects.get(pk=pending.pk).confirmed_at


def test_outsiders_are_refused_every_secretariat_action_in_the_api(
    outsider, version, signature, pending
):
    api = client_for(outsider)
    for path, body in api_actions(version, signature, pending):
        response = api.post(path, body, content_type="application/json")
        assert response.status_code == 403, path
        assert response.json()["error"]["code"] == "permission_denied"
    assert not Signature.objects.filter(revoked_at__isnull=False).exists()


def test_the_secretariat_confirms_revokes_and_closes_in_the_ui(
    client, secretariat, version, signature, pending
):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretariat)
    client.post(reverse("alliance:authority_confirm", args=[pending.pk]))
    assert SigningAuthority.objects.get(pk=pending.pk).confirmed_by == secretariat
    client.post(reverse("alliance:revoke_signature", args=[signature.pk]), {"reason": "Error"})
    assert Signature.objects.get(pk=signature.pk).revocation_reason == "Error"
    client.post(reverse("alliance:version_close", args=["eca", "founding", version.number]))
    version.refresh_from_db()
    assert version.status == VersionStatus.CLOSED


def test_an_alliance_secretary_may_open_and_close_through_the_api(outsider, alliance, version):
    alliance.secretariat.add(outsider)
    api = client_for(outsider)
    response = api.post(
        f"/api/v1/alliances/eca/declarations/founding/versions/{version.number}/close"
    )
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_the_manager_grants_authority_with_a_pdf_mandate_in_the_ui(
    client, owner, cluster, outsider
):
    client.force_login(owner)
    path = reverse("alliance:authorities", args=[cluster.organisation.pk])
    response = client.post(
        path, {"email": outsider.email, "function": "Prezes", "mandate": mandate()}
    )
    assert response.status_code == 302
    authority = SigningAuthority.objects.get(organisation=cluster.organisation)
    assert authority.user == outsider and authority.confirmed_at is None
    client.force_login(outsider)
    assert client.get(path).status_code == 403


def test_signing_in_the_ui_and_through_the_api(client, version, organisation, signer):
    client.force_login(signer)
    path = reverse("alliance:sign", args=["eca", "founding", version.number])
    page = client.get(path).content.decode()
    assert "Date and time of signing" in page and "Klaster Łódzki" in page
    authority = signer.signing_authorities.get()
    response = client.post(
        path, {"authority": authority.pk, "place": "Kraków", "password_or_code": "wrong"}
    )
    assert "not correct" in response.content.decode()
    assert not Signature.objects.exists()
    api = client_for(signer)
    response = api.post(
        f"/api/v1/alliances/eca/declarations/founding/versions/{version.number}/sign",
        {"organisation_id": organisation.pk, "place": "Kraków", "password_or_code": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["receipt"]["payload"]["place"] == "Kraków"
    again = api.post(
        f"/api/v1/alliances/eca/declarations/founding/versions/{version.number}/sign",
        {"organisation_id": organisation.pk, "place": "Kraków", "password_or_code": PASSWORD},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert Signature.objects.count() == 1


def test_a_stranger_cannot_read_a_mandate(client, outsider, pending, signer):
    client.force_login(signer)
    assert client.get(reverse("alliance:mandate", args=[pending.pk])).status_code == 403


def test_the_declaration_page_and_the_secretariat_list_render(
    client, secretariat, version, pending
):
    page = client.get(reverse("alliance:declaration", args=["eca", "founding"])).content.decode()
    assert version.digest in page and "Open for signature" in page
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretariat)
    page = client.get(reverse("alliance:authorities_awaiting")).content.decode()
    assert "CEO" in page


def test_rotate_signing_key_retires_the_old_key(alliance, version, signature):
    from django.core.management import call_command

    old = alliance.signing_keys.get()
    call_command("rotate_signing_key", "--alliance", "eca")
    old.refresh_from_db()
    assert old.retired_at is not None
    assert alliance.signing_keys.filter(retired_at__isnull=True).count() == 1


def test_an_outsider_cannot_list_the_authorities_awaiting_confirmation(client, outsider, pending):
    client.force_login(outsider)
    response = client.get(reverse("alliance:authorities_awaiting"))
    assert response.status_code == 403
    assert "CEO" not in response.content.decode()


def test_an_outsider_cannot_revoke_a_signing_authority(client, outsider, signer):
    authority = signer.signing_authorities.get()
    client.force_login(outsider)
    response = client.post(reverse("alliance:authority_revoke", args=[authority.pk]))
    assert response.status_code == 403
    assert SigningAuthority.objects.get(pk=authority.pk).revoked_at is None
