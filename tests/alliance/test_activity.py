"""The secretariat's activity log shows membership changes and declaration events together,
newest first, in pages; in the UI and the API; outsiders are refused."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from helisa.alliance.models import MembershipEvent
from helisa.alliance.models.declarations import DeclarationEvent
from helisa.alliance.services import signing
from helisa.alliance.services.membership import change_membership_state
from tests.alliance.conftest import PASSWORD, member_organisation, signer_for
from tests.alliance.membership_cast import alliance_secretariat, application  # noqa: F401
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def log_of(client, alliance, page=1):
    url = reverse("alliance:activity", args=[alliance.slug])
    return client.get(url, {"page": page}).content.decode()


def test_the_log_merges_membership_and_declaration_events_newest_first(
    client, alliance, version, application, alliance_secretariat
):
    change_membership_state(
        member=application, to_state="member", by=alliance_secretariat, reason="Welcome aboard"
    )
    organisation = member_organisation(alliance, legal_name="Klaster Śląski")
    signature = signing.sign_declaration(
        version=version,
        organisation=organisation,
        user=signer_for(organisation),
        place="Katowice",
        password_or_code=PASSWORD,
    )
    signing.revoke_signature(signature=signature, by=alliance_secretariat, reason="Signed twice")
    client.force_login(alliance_secretariat)

    page = log_of(client, alliance)

    expected = [
        "Signed twice",  # the revocation, newest
        "Signing authority confirmed",
        "Signing authority granted",
        "Welcome aboard",
        "Opened for signature",
        "Version written",
    ]
    positions = [page.index(text) for text in expected]
    assert positions == sorted(positions)
    assert "Klaster Śląski" in page and application.cluster.name in page
    assert "Founding declaration" in page


def test_events_of_other_alliances_stay_out(client, alliance, alliance_secretariat):
    from helisa.alliance.models import Alliance, Declaration

    other = Alliance.objects.create(slug="other", name={"en": "Other"})
    declaration = Declaration.objects.create(alliance=other, slug="x", title={"en": "Elsewhere"})
    signing.create_version(
        declaration=declaration, texts={"en": "Other text"}, authoritative_language="en", by=None
    )
    client.force_login(alliance_secretariat)
    assert "Elsewhere" not in log_of(client, alliance)


def many_events(alliance, application, by, count):
    for number in range(count):
        DeclarationEvent.objects.create(
            kind="version_created",
            version=signing.create_version(
                declaration=alliance.declarations.get(),
                texts={"en": f"Text {number}"},
                authoritative_language="en",
                by=by,
            ),
            by=by,
        )


def test_the_log_pages(client, alliance, declaration, application, alliance_secretariat):
    many_events(alliance, application, alliance_secretariat, 15)  # 30 events and 1 application
    MembershipEvent.objects.filter(member=application).update(at=timezone.now() - timedelta(days=9))
    client.force_login(alliance_secretariat)
    first, second = log_of(client, alliance), log_of(client, alliance, page=2)
    assert first.count("<tr>") - 1 == 25
    assert second.count("<tr>") - 1 == 6
    assert application.cluster.name in second and application.cluster.name not in first


@pytest.mark.parametrize("count", [1, 3])
def test_the_log_costs_the_same_for_one_event_of_each_kind_as_for_three(
    client, alliance, declaration, alliance_secretariat, count, django_assert_num_queries
):
    from tests.alliance.membership_cast import add_member

    for _number in range(count):
        member = add_member(alliance, code="FR")
        change_membership_state(member=member, to_state="suspended", by=alliance_secretariat)
        organisation = member_organisation(alliance, "ES")
        signer_for(organisation)  # granted and confirmed: two events
    client.force_login(alliance_secretariat)
    url = reverse("alliance:activity", args=[alliance.slug])
    client.get(url)
    # session, user, secretariat and MFA (middleware), alliance, the rule, union page, two loads
    with django_assert_num_queries(9):
        page = client.get(url).content.decode()
    assert page.count("Suspended") == count


def test_the_api_gives_the_log_to_the_secretariat(
    alliance, version, application, alliance_secretariat
):
    change_membership_state(
        member=application, to_state="rejected", by=alliance_secretariat, reason="Not a cluster"
    )
    body = client_for(alliance_secretariat).get("/api/v1/alliances/eca/activity").json()
    assert body["count"] == 4
    changes = [(row["kind"], row["change"]) for row in body["results"]]
    assert changes == [
        ("membership", "rejected"),
        ("membership", "applicant"),
        ("declaration", "version_opened"),
        ("declaration", "version_created"),
    ]
    rejected = body["results"][0]
    assert rejected["reason"] == "Not a cluster" and rejected["from_state"] == "applicant"
    assert rejected["by"] == "Anna Sekretariat"
    assert body["results"][2]["declaration"] == "founding" and body["results"][2]["version"] == 1
    paged = client_for(alliance_secretariat).get("/api/v1/alliances/eca/activity?limit=1&offset=1")
    assert paged.json()["count"] == 4 and paged.json()["results"][0]["change"] == "applicant"


def test_an_outsider_cannot_read_the_log(client, alliance, outsider, application):
    response = client_for(outsider).get("/api/v1/alliances/eca/activity")
    assert response.status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("alliance:activity", args=[alliance.slug])).status_code == 403
