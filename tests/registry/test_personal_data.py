"""A user's person record; exporting and erasing their personal data."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from helisa.core.models import ApiToken, User
from helisa.registry.models import Affiliation, ChangeRecord, Person, Role, RoleKind
from helisa.registry.services.claims import claim_organisation
from helisa.registry.services.history import record_change
from helisa.registry.services.invitations import invite
from helisa.registry.services.people import person_for
from tests.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_person_is_created_on_first_visit_and_edited(client):
    user = UserFactory(full_name="Anna Nowak")
    client.force_login(user)
    page = client.get(reverse("registry:personal_data"))
    assert 'value="Anna"' in page.content.decode()
    person = Person.objects.get(user=user)
    assert (person.first_name, person.last_name) == ("Anna", "Nowak")

    client.post(
        reverse("registry:personal_data"),
        {
            "first_name": "Anna",
            "last_name": "Nowak-Kowalska",
            "phone": "+48 600 000 000",
            "visibility": "public",
            "consent": "on",
        },
    )

    person.refresh_from_db()
    assert person.last_name == "Nowak-Kowalska" and person.visibility == "public"
    assert person.consent_given_at is not None
    client.post(
        reverse("registry:personal_data"),
        {"first_name": "Anna", "last_name": "Nowak", "phone": "", "visibility": "members"},
    )
    person.refresh_from_db()
    assert person.consent_given_at is None


def test_affiliation_only_with_my_organisations(client):
    role = RoleFactory(kind=RoleKind.REPRESENTATIVE)
    stranger_organisation = OrganisationFactory()
    client.force_login(role.user)
    url = reverse("registry:add_affiliation")
    client.post(url, {"organisation": role.organisation.pk, "function": "CEO"})
    client.post(url, {"organisation": stranger_organisation.pk, "function": "CEO"})
    assert list(Affiliation.objects.values_list("organisation", "function")) == [
        (role.organisation.pk, "CEO")
    ]
    affiliation = Affiliation.objects.get()
    client.post(reverse("registry:remove_affiliation", args=[affiliation.pk]))
    assert not Affiliation.objects.exists()


def test_someone_elses_affiliation_cannot_be_removed(client, outsider):
    role = RoleFactory()
    affiliation = Affiliation.objects.create(
        person=person_for(role.user), organisation=role.organisation
    )
    client.force_login(outsider)
    response = client.post(reverse("registry:remove_affiliation", args=[affiliation.pk]))
    assert response.status_code == 404
    assert Affiliation.objects.exists()


def _user_with_everything():
    user = UserFactory(email="anna@example.org", full_name="Anna Nowak")
    EmailAddress.objects.create(user=user, email="anna@work.example.org", verified=True)
    role = RoleFactory(user=user, kind=RoleKind.REPRESENTATIVE)
    person = person_for(user)
    person.phone = "+48 600 000 000"
    person.save()
    Affiliation.objects.create(person=person, organisation=role.organisation, function="CEO")
    claim_organisation(organisation=OrganisationFactory(), user=user, message="Mine")
    invite(
        organisation=role.organisation,
        email="colleague@example.org",
        kind=RoleKind.REPRESENTATIVE,
        by=user,
    )
    ApiToken.issue(user=user, name="My script")
    record_change(
        instance=role.organisation,
        action=ChangeRecord.Action.UPDATED,
        by=user,
        changes={"city": ["Kraków", "Warszawa"]},
        organisation=role.organisation,
    )
    return user


def test_export_contains_my_data_and_not_others(client):
    user = _user_with_everything()
    other = UserFactory(email="bob@example.org", full_name="Bob Smith")
    person_for(other)
    ApiToken.issue(user=other, name="Bob's token")
    client.force_login(user)

    response = client.get(reverse("registry:export_personal_data"))

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    text = response.content.decode()
    assert data["user"]["email"] == "anna@example.org"
    assert "password" not in data["user"]
    assert {address["email"] for address in data["email_addresses"]} == {
        "anna@example.org",
        "anna@work.example.org",
    }
    assert data["person"]["phone"] == "+48 600 000 000"
    assert data["person"]["affiliations"][0]["function"] == "CEO"
    assert data["roles"][0]["role"] == RoleKind.REPRESENTATIVE
    assert data["claims"][0]["message"] == "Mine"
    assert data["invitations_sent"][0]["email"] == "colleague@example.org"
    assert data["api_tokens"] == [
        {
            "name": "My script",
            "created_at": data["api_tokens"][0]["created_at"],
            "last_used_at": None,
        }
    ]
    assert any(
        change["changes"] == {"city": ["Kraków", "Warszawa"]} for change in data["changes_made"]
    )
    digest = ApiToken.objects.get(user=user).digest
    assert digest not in text
    assert "bob@example.org" not in text and "Bob" not in text


def test_export_includes_invitations_received(client, owner, cluster):
    invitee = UserFactory(email="invitee@example.org")
    invite(
        organisation=cluster.organisation,
        email="invitee@example.org",
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    client.force_login(invitee)
    data = json.loads(client.get(reverse("registry:export_personal_data")).content)
    assert data["invitations_received"][0]["kind"] == RoleKind.CLUSTER_EDITOR


def test_erase_needs_the_password(client):
    user = _user_with_everything()
    client.force_login(user)
    page = client.post(reverse("registry:erase_personal_data"), {"password": "wrong"})
    assert "not correct" in page.content.decode()
    user.refresh_from_db()
    assert user.is_active and Person.objects.filter(user=user).exists()


def test_erase_removes_personal_data_and_keeps_history(client):
    user = _user_with_everything()
    owned = OrganisationFactory(owner=user)
    change = ChangeRecord.objects.filter(by=user).first()
    client.force_login(user)

    response = client.post(reverse("registry:erase_personal_data"), {"password": PASSWORD})

    assert response.url == reverse("home")
    user = User.objects.get(pk=user.pk)
    assert user.email == f"erased-{user.pk}@invalid"
    assert (user.full_name, user.first_name, user.last_name) == ("", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert not Person.objects.filter(user=user).exists()
    assert not Person.objects.filter(last_name="Nowak").exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not Role.objects.filter(user=user).exists()
    owned.refresh_from_db()
    assert owned.owner is None
    change.refresh_from_db()
    assert change.by == user and str(change.by) == "erased user"
    # Signed out: the workspace now asks to sign in.
    assert client.get(reverse("registry:my_workspace")).status_code == 302
    assert not client.login(email="anna@example.org", password=PASSWORD)
