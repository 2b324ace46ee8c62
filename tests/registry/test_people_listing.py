"""An organisation's people on its page: only those who consented, as far as each chose."""

import pytest
from django.utils import timezone

from helisa.registry.models import Affiliation, Person, Visibility
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def listed(organisation, name, visibility, *, consent=True):
    person = Person.objects.create(
        first_name=name,
        last_name="Nowak",
        email=f"{name.lower()}@example.org",
        visibility=visibility,
        consent_given_at=timezone.now() if consent else None,
    )
    Affiliation.objects.create(person=person, organisation=organisation, function="Director")


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(owner=UserFactory())
    listed(organisation, "Publiczna", Visibility.PUBLIC)
    listed(organisation, "Zalogowana", Visibility.MEMBERS)
    listed(organisation, "Prywatna", Visibility.PRIVATE)
    listed(organisation, "Bezzgody", Visibility.PUBLIC, consent=False)
    return organisation


def names_seen(client, organisation):
    html = client.get(organisation.get_absolute_url()).content.decode()
    return {
        name for name in ("Publiczna", "Zalogowana", "Prywatna", "Bezzgody") if name in html
    }, html


def test_a_visitor_sees_only_those_who_chose_everyone_without_their_email(client, organisation):
    seen, html = names_seen(client, organisation)
    assert seen == {"Publiczna"}
    assert "publiczna@example.org" not in html


def test_a_signed_in_user_sees_members_too_with_their_email(client, organisation):
    client.force_login(UserFactory())
    seen, html = names_seen(client, organisation)
    assert seen == {"Publiczna", "Zalogowana"}
    assert "zalogowana@example.org" in html


def test_the_organisations_manager_sees_everyone_who_consented(client, organisation):
    client.force_login(organisation.owner)
    seen, _html = names_seen(client, organisation)
    assert seen == {"Publiczna", "Zalogowana", "Prywatna"}
