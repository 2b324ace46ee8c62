"""Good practices written through the services, for the practice tests."""

from helisa.cooperation.services.practices import create_practice, transition

SECTIONS = {
    "problem": {"en": "Firms could not test prototypes.", "pl": "Firmy nie mogły testować."},
    "solution": {"en": "A shared laboratory.", "pl": "Wspólne laboratorium."},
    "results": {"en": "Tests in days, not months."},
}


def make_practice(cluster, by, *, status="draft", secretariat=None, **values):
    values = {
        "title": {"en": "Shared testing lab", "pl": "Wspólne laboratorium badawcze"},
        **SECTIONS,
        "indicators": [{"name": "Members using the lab", "value": "27", "unit": "firms"}],
        "countries": ["PL"],
        **values,
    }
    practice = create_practice(authors=[cluster], by=by, **values)
    if status in ("in_review", "published"):
        transition(practice=practice, action="submit", by=by)
    if status == "published":
        transition(practice=practice, action="publish", by=secretariat)
    practice.refresh_from_db()
    return practice


def client_of(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
