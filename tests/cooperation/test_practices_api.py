import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from helisa.cooperation.models import GoodPractice, PracticeStatus
from helisa.registry.models import RoleKind
from tests.api.conftest import client_for, error_of
from tests.cooperation.practices_helpers import make_practice
from tests.factories import ClusterFactory, RoleFactory, country

pytestmark = pytest.mark.django_db
URL = "/api/v1/cooperation/practices"


def send(client, method, url, payload=None):
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


@pytest.fixture
def adopter(db):
    return RoleFactory(organisation__country=country("FR")).user


@pytest.fixture
def published(cluster, owner, secretariat):
    return make_practice(cluster, owner, status="published", secretariat=secretariat)


def test_the_list_is_public_and_shows_only_published(cluster, owner, published):
    make_practice(cluster, owner, title={"en": "Secret draft"})
    body = Client().get(f"{URL}?lang=pl").json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Wspólne laboratorium badawcze"
    assert body["results"][0]["authors"][0]["id"] == cluster.pk


def test_search_across_languages(cluster, owner, secretariat):
    make_practice(
        cluster,
        owner,
        title={"pl": "Wodór dla Łodzi", "en": "Hydrogen for the city"},
        status="published",
        secretariat=secretariat,
    )
    for query in ("wodór", "hydrogen", "lodz"):
        assert Client().get(URL, {"q": query}).json()["count"] == 1, query
    assert Client().get(URL, {"q": "vouchers"}).json()["count"] == 0


def test_the_list_costs_the_same_queries_for_one_and_three(cluster, owner, secretariat):
    make_practice(cluster, owner, status="published", secretariat=secretariat)
    with CaptureQueriesContext(connection) as one:
        Client().get(URL)
    other = ClusterFactory()
    manager = RoleFactory(organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    make_practice(other, manager, status="published", secretariat=secretariat)
    make_practice(cluster, owner, status="published", secretariat=secretariat)
    with CaptureQueriesContext(connection) as three:
        assert Client().get(URL).json()["count"] == 3
    assert len(three) == len(one)


def test_a_draft_is_hidden_from_the_public_and_outsiders(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    assert Client().get(f"{URL}/{practice.pk}").status_code == 404
    assert client_for(outsider).get(f"{URL}/{practice.pk}").status_code == 404
    assert client_for(owner).get(f"{URL}/{practice.pk}").json()["status"] == "draft"


def test_the_whole_life_of_a_case(cluster, owner, secretariat, adopter):
    country("PL")
    as_owner = client_for(owner)
    response = send(
        as_owner,
        "post",
        URL,
        {
            "authors": [cluster.pk],
            "title": {"en": "Joint purchasing", "pl": "Wspólne zakupy"},
            "problem": {"en": "Energy prices."},
            "solution": {"en": "Buy together."},
            "indicators": [{"name": "Savings", "value": "12", "unit": "%"}],
            "countries": ["pl"],
        },
    )
    assert response.status_code == 201, response.json()
    practice_id = response.json()["id"]
    assert response.json()["countries"] == ["PL"]

    patched = send(as_owner, "patch", f"{URL}/{practice_id}", {"results": {"en": "-12%"}})
    assert patched.json()["results"] == {"en": "-12%"}
    assert send(as_owner, "post", f"{URL}/{practice_id}/submit").json()["status"] == "in_review"
    as_secretariat = client_for(secretariat)
    returned = send(
        as_secretariat, "post", f"{URL}/{practice_id}/return", {"reason": "Give a year."}
    )
    assert returned.json()["status"] == "draft"
    assert as_owner.get(f"{URL}/{practice_id}").json()["review_note"] == "Give a year."
    send(as_owner, "post", f"{URL}/{practice_id}/submit")
    published = send(as_secretariat, "post", f"{URL}/{practice_id}/publish")
    assert published.json()["status"] == "published"
    assert Client().get(f"{URL}/{practice_id}").json()["review_note"] == ""

    organisation = adopter.roles.get().organisation
    mail.outbox.clear()
    interest = send(
        client_for(adopter),
        "post",
        f"{URL}/{practice_id}/adoption-interests",
        {"organisation": organisation.pk, "message": "We want it."},
    )
    assert interest.status_code == 201, interest.json()
    assert [m.to for m in mail.outbox] == [[owner.email]]

    feedback = send(
        client_for(adopter),
        "post",
        f"{URL}/{practice_id}/feedback",
        {"organisation": organisation.pk, "text": "Adopted in Lyon.", "adopted_on": "2025-01-10"},
    )
    assert feedback.status_code == 201, feedback.json()
    shown = Client().get(f"{URL}/{practice_id}").json()["feedback"]
    assert shown[0]["text"] == "Adopted in Lyon."


# Every protected endpoint refuses an outsider


def test_outsider_may_not_create(cluster, outsider):
    response = send(
        client_for(outsider), "post", URL, {"authors": [cluster.pk], "title": {"en": "Mine"}}
    )
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert not GoodPractice.objects.exists()


def test_anonymous_may_not_create(cluster):
    response = send(Client(), "post", URL, {"authors": [cluster.pk], "title": {"en": "Mine"}})
    assert response.status_code == 401


def test_outsider_may_not_change(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    response = send(client_for(outsider), "patch", f"{URL}/{practice.pk}", {"title": {"en": "X"}})
    assert response.status_code == 403


def test_outsider_may_not_submit(cluster, owner, outsider):
    practice = make_practice(cluster, owner)
    assert send(client_for(outsider), "post", f"{URL}/{practice.pk}/submit").status_code == 403


def test_outsider_and_authors_may_not_publish(cluster, owner, outsider):
    practice = make_practice(cluster, owner, status="in_review")
    for user in (outsider, owner):
        response = send(client_for(user), "post", f"{URL}/{practice.pk}/publish")
        assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW


def test_outsider_and_authors_may_not_return(cluster, owner, outsider):
    practice = make_practice(cluster, owner, status="in_review")
    for user in (outsider, owner):
        response = send(client_for(user), "post", f"{URL}/{practice.pk}/return", {"reason": "No"})
        assert response.status_code == 403


def test_adoption_needs_an_organisation_one_speaks_for(published, outsider, adopter):
    organisation = adopter.roles.get().organisation
    response = send(
        client_for(outsider),
        "post",
        f"{URL}/{published.pk}/adoption-interests",
        {"organisation": organisation.pk, "message": "Hi"},
    )
    assert response.status_code == 403


def test_feedback_needs_an_organisation_one_speaks_for(published, outsider, adopter):
    organisation = adopter.roles.get().organisation
    response = send(
        client_for(outsider),
        "post",
        f"{URL}/{published.pk}/feedback",
        {"organisation": organisation.pk, "text": "Done"},
    )
    assert response.status_code == 403


def test_nobody_answers_a_draft(cluster, owner, adopter):
    practice = make_practice(cluster, owner)
    organisation = adopter.roles.get().organisation
    response = send(
        client_for(adopter),
        "post",
        f"{URL}/{practice.pk}/adoption-interests",
        {"organisation": organisation.pk, "message": "Hi"},
    )
    assert response.status_code == 404
