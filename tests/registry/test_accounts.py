"""Signing up and in, the secretariat's second factor, and who may open which page."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from helisa.core.models import User
from helisa.registry.models import Claim, ClaimStatus, Organisation, RoleKind
from helisa.registry.services.claims import claim_organisation
from tests.factories import ClusterFactory, OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _sign_in_and_reauthenticate(client, user):
    """allauth asks for the password again before any change to the second factor."""
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def _current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_up_verify_and_sign_in(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "new@agh.edu.pl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.url == reverse("account_email_verification_sent")
    assert "new@agh.edu.pl" in client.get(response.url).content.decode()

    message = mail.outbox[0]
    assert message.to == ["new@agh.edu.pl"]
    assert "Helisa" in message.body
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.get("/" + path)
    assert "new@agh.edu.pl" in confirm.content.decode()
    client.post("/" + path)
    client.logout()

    signed_in = client.post(
        reverse("account_login"), {"login": "new@agh.edu.pl", "password": PASSWORD}
    )

    assert signed_in.status_code == 302
    assert client.get(reverse("registry:my_workspace")).context["user"].email == "new@agh.edu.pl"


def test_unverified_user_cannot_sign_in(client):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_sign_up_email_is_in_the_language_of_the_page(client):
    client.post(
        reverse("account_signup"),
        {"email": "nowy@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="pl",
    )
    assert User.objects.get(email="nowy@example.org").language == "pl"
    # allauth's own Polish catalogue translates the body of the verification email.
    assert "You're receiving this email" not in mail.outbox[0].body


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_use_helisa_layout_without_inline_script(client, name):
    response = client.get(reverse(name))
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "<script>" not in html and "style=" not in html and " onclick=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_login_form_has_labels(client):
    html = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login"' in html and '<label for="id_password"' in html


@pytest.mark.parametrize(
    "name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "mfa_index",
        "mfa_activate_totp",
    ],
)
def test_manage_pages_use_helisa_layout(client, name):
    _sign_in_and_reauthenticate(client, UserFactory())
    html = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in html
    assert "<script>" not in html and "style=" not in html


def test_password_reset_all_steps(client):
    user = UserFactory(email="forgot@example.org")
    client.post(reverse("account_reset_password"), {"email": "forgot@example.org"})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    assert 'class="site-header"' in form_page.content.decode()
    new_password = "another long passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
        follow=True,
    )
    assert 'class="site-header"' in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new_password)


# The secretariat's second factor


def test_secretariat_without_totp_is_sent_to_set_it_up(client, secretariat):
    client.force_login(secretariat)
    for name in ["registry:my_workspace", "registry:secretariat", "home"]:
        response = client.get(reverse(name))
        assert response.url == reverse("mfa_activate_totp") + "?required=1"
    # allauth first asks for the password again; that page is reachable too.
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.url.startswith(reverse("account_reauthenticate"))
    assert 'class="site-header"' in client.get(activate.url).content.decode()


def test_other_users_are_not_asked_for_totp(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("registry:my_workspace")).status_code == 200


def test_secretariat_activates_totp_then_needs_it_to_sign_in(client, secretariat):
    _sign_in_and_reauthenticate(client, secretariat)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert Authenticator.objects.filter(user=secretariat, type="totp").exists()
    assert client.get(reverse("registry:secretariat")).status_code == 200
    codes = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert 'class="site-header"' in codes and '<label for="recovery_codes">' in codes

    client.logout()
    cache.clear()
    response = client.post(
        reverse("account_login"), {"login": secretariat.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert 'class="site-header"' in client.get(response.url).content.decode()
    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert client.get(reverse("registry:secretariat")).status_code == 200


# Workspace, claims and the secretariat's pages


def test_workspace_shows_my_organisations_roles_and_claims(client, owner, cluster):
    claim_organisation(organisation=OrganisationFactory(legal_name="Unclaimed Ltd"), user=owner)
    client.force_login(owner)
    html = client.get(reverse("registry:my_workspace")).content.decode()
    assert cluster.name in html
    assert "Cluster manager" in html
    assert "Unclaimed Ltd" in html
    assert reverse("registry:organisation_roles", args=[cluster.organisation.pk]) in html


def test_workspace_links_to_my_projects(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("registry:my_workspace")).content.decode()
    assert f'<a href="{reverse("cooperation:my_projects")}">My projects</a>' in html


def test_claim_button_snippet_posts_a_claim(client, outsider):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    organisation = OrganisationFactory()
    request = RequestFactory().get("/")
    request.user = outsider
    html = render_to_string(
        "registry/partials/claim_button.html", {"organisation": organisation}, request=request
    )
    assert reverse("registry:claim_organisation", args=[organisation.pk]) in html
    assert "csrfmiddlewaretoken" in html

    client.force_login(outsider)
    response = client.post(
        reverse("registry:claim_organisation", args=[organisation.pk]), {"message": "Mine"}
    )
    assert response.url == reverse("registry:my_workspace")
    assert Claim.objects.get().message == "Mine"


def test_claim_page_refuses_an_owned_organisation(client, outsider):
    organisation = OrganisationFactory(owner=UserFactory())
    client.force_login(outsider)
    response = client.post(
        reverse("registry:claim_organisation", args=[organisation.pk]), follow=True
    )
    assert "already has an owner" in response.content.decode()
    assert not Claim.objects.exists()


@pytest.fixture
def secretariat_client(client, secretariat):
    Authenticator.objects.create(user=secretariat, type="totp", data={"secret": "x"})
    client.force_login(secretariat)
    return client


def test_secretariat_page_lists_claims_and_clusters(secretariat_client, outsider):
    claim_organisation(
        organisation=OrganisationFactory(legal_name="Claimed Sp. z o.o."), user=outsider
    )
    ClusterFactory(name="Silesian Aviation Cluster")
    html = secretariat_client.get(reverse("registry:secretariat")).content.decode()
    assert "Claimed Sp. z o.o." in html and outsider.email in html
    assert "Silesian Aviation Cluster" in html


def test_secretariat_accepts_and_rejects_from_the_page(secretariat_client, outsider):
    first = claim_organisation(organisation=OrganisationFactory(), user=outsider)
    second = claim_organisation(organisation=OrganisationFactory(), user=outsider)

    secretariat_client.post(reverse("registry:decide_claim", args=[first.pk]), {"accept": "1"})
    refused = secretariat_client.post(
        reverse("registry:decide_claim", args=[second.pk]), {"accept": "0"}, follow=True
    )
    assert "reason" in refused.content.decode()
    secretariat_client.post(
        reverse("registry:decide_claim", args=[second.pk]), {"accept": "0", "reason": "Unknown"}
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ClaimStatus.CONFIRMED
    assert Organisation.objects.get(pk=first.organisation_id).owner == outsider
    assert (second.status, second.reason) == (ClaimStatus.REJECTED, "Unknown")


def test_secretariat_marks_a_cluster_reviewed(secretariat_client, secretariat):
    cluster = ClusterFactory()
    secretariat_client.post(reverse("registry:review_cluster", args=[cluster.pk]))
    cluster.refresh_from_db()
    assert cluster.reviewed_by == secretariat and cluster.reviewed_at is not None


# Every protected page: an outsider is refused, an anonymous visitor is sent to sign in.


def _protected_pages():
    organisation = OrganisationFactory()
    cluster = ClusterFactory()
    role = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR)
    claim = Claim.objects.create(organisation=organisation, user=UserFactory())
    return [
        ("get", reverse("registry:secretariat")),
        ("post", reverse("registry:decide_claim", args=[claim.pk])),
        ("post", reverse("registry:review_cluster", args=[cluster.pk])),
        ("get", reverse("registry:organisation_roles", args=[cluster.organisation.pk])),
        ("post", reverse("registry:organisation_roles", args=[organisation.pk])),
        ("post", reverse("registry:remove_role", args=[cluster.organisation.pk, role.pk])),
        ("post", reverse("registry:withdraw_invitation", args=[cluster.organisation.pk, 1])),
    ]


def test_outsider_is_refused_every_protected_page(client, outsider):
    pages = _protected_pages()
    client.force_login(outsider)
    for method, url in pages:
        response = getattr(client, method)(url, {"accept": "1", "email": "x@example.org"})
        assert response.status_code == 403, url
    assert Claim.objects.get().status == ClaimStatus.PENDING


def test_cluster_editor_cannot_manage_roles(client, cluster):
    editor = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    client.force_login(editor)
    url = reverse("registry:organisation_roles", args=[cluster.organisation.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "registry:my_workspace",
        "registry:personal_data",
        "registry:export_personal_data",
        "registry:erase_personal_data",
    ],
)
def test_anonymous_is_sent_to_sign_in_for_my_pages(client, name):
    response = client.get(reverse(name))
    assert response.url.startswith(reverse("account_login"))


def test_anonymous_is_sent_to_sign_in_for_every_protected_page(client):
    pages = _protected_pages() + [
        ("get", reverse("registry:claim_organisation", args=[OrganisationFactory().pk])),
        ("post", reverse("registry:claim_organisation", args=[OrganisationFactory().pk])),
        ("get", reverse("registry:accept_invitation", args=["token"])),
        ("post", reverse("registry:add_affiliation")),
        ("post", reverse("registry:remove_affiliation", args=[1])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url
    assert not Claim.objects.exclude(status=ClaimStatus.PENDING).exists()


def test_posts_need_a_csrf_token(outsider):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)
    organisation = OrganisationFactory()
    response = client.post(reverse("registry:claim_organisation", args=[organisation.pk]))
    assert response.status_code == 403
    assert not Claim.objects.exists()
