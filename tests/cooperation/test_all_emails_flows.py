"""The services of each area send their emails through the preferences: a person who turned a kind
off gets none of it from the real flows, and still gets the rest."""

import pytest
from django.core import mail

from helisa.alliance.models import Alliance, MemberCategory
from helisa.alliance.services.membership import apply_for_membership
from helisa.congress.services.registration import cancel_registration, register
from helisa.cooperation.services.notifications import set_preferences
from helisa.registry.models import RoleKind
from helisa.registry.services.invitations import invite
from tests.congress.factories import CategoryFactory, CongressFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_registering_honours_the_participants_choice(django_capture_on_commit_callbacks):
    congress = CongressFactory(registration_open=True)
    places = CategoryFactory(congress=congress)
    keen, quiet = UserFactory(), UserFactory()
    set_preferences(user=quiet, choices={"congress_registration": False})
    with django_capture_on_commit_callbacks(execute=True):
        for user in (keen, quiet):
            registration = register(
                congress=congress, user=user, category=places, name_on_badge="X", language="en"
            )
        cancel_registration(registration=registration, by=quiet)
    assert [m.to for m in mail.outbox] == [[keen.email]]
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers


def test_an_invitation_to_a_registered_person_honours_their_choice(cluster, owner):
    member = UserFactory()
    set_preferences(user=member, choices={"role_invitation": False})
    invite(
        organisation=cluster.organisation,
        email=member.email,
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    assert mail.outbox == []
    invite(
        organisation=cluster.organisation,
        email="new@example.org",
        kind=RoleKind.CLUSTER_EDITOR,
        by=owner,
    )
    assert [m.to for m in mail.outbox] == [["new@example.org"]]


def test_an_application_honours_each_recipients_choice(
    cluster, owner, django_capture_on_commit_callbacks
):
    alliance = Alliance.objects.create(slug="eca", name={"en": "European Clusters Alliance"})
    secretariat = UserFactory()
    alliance.secretariat.add(secretariat)
    set_preferences(user=owner, choices={"alliance_membership": False})
    with django_capture_on_commit_callbacks(execute=True):
        apply_for_membership(
            cluster=cluster,
            alliance=alliance,
            category=MemberCategory.FULL,
            motivation="Hydrogen valleys.",
            by=owner,
        )
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert "Hydrogen valleys." in mail.outbox[0].body
