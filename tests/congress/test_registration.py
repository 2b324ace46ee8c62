import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from helisa.congress.models import RegistrationStatus as S
from helisa.congress.services.registration import cancel_registration, register
from tests.congress.programme_cast import category
from tests.factories import UserFactory


def _register(congress, places, user=None, language="en"):
    user = user or UserFactory()
    return register(
        congress=congress,
        user=user,
        category=places,
        name_on_badge=user.full_name or "Someone",
        language=language,
    )


@pytest.fixture
def two_places(open_congress):
    return category(open_congress, capacity=2)


def test_places_are_confirmed_until_full_then_people_wait(open_congress, two_places):
    statuses = [_register(open_congress, two_places).status for _ in range(4)]
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITING, S.WAITING]


def test_cancelling_a_confirmed_place_promotes_the_first_waiting(open_congress, two_places):
    (
        first,
        _,
    ) = (_register(open_congress, two_places) for _ in range(2))
    waiting_first = _register(open_congress, two_places)
    waiting_second = _register(open_congress, two_places)
    promoted = cancel_registration(registration=first, by=first.user, notify=False)
    assert promoted == waiting_first
    waiting_first.refresh_from_db()
    waiting_second.refresh_from_db()
    assert waiting_first.status == S.CONFIRMED and waiting_first.confirmed_at
    assert waiting_second.status == S.WAITING


def test_cancelling_a_waiting_place_promotes_nobody(open_congress, two_places):
    for _ in range(2):
        _register(open_congress, two_places)
    waiting = [_register(open_congress, two_places) for _ in range(2)]
    assert cancel_registration(registration=waiting[0], by=waiting[0].user) is None
    waiting[1].refresh_from_db()
    assert waiting[1].status == S.WAITING


def test_a_person_registers_once_but_may_come_back_after_cancelling(open_congress, two_places):
    registration = _register(open_congress, two_places)
    with pytest.raises(ValidationError) as refused:
        _register(open_congress, two_places, user=registration.user)
    assert refused.value.code == "already_registered"
    cancel_registration(registration=registration, by=registration.user)
    again = _register(open_congress, two_places, user=registration.user)
    assert again.pk == registration.pk and again.status == S.CONFIRMED


def test_registration_is_refused_when_closed(congress):
    with pytest.raises(ValidationError):
        _register(congress, category(congress))


def test_emails_are_in_the_participants_language(
    open_congress, two_places, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        polish = _register(open_congress, two_places, language="pl")
        _register(open_congress, two_places, language="en")
        waiting = _register(open_congress, two_places, language="pl")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=polish, by=polish.user)
    subjects = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(subjects) == 5
    assert "Kongres" in subjects[0][1]  # the Polish name of the congress
    assert "is confirmed" in subjects[1][1] and "Congress" in subjects[1][1]
    promoted = [s for to, s in subjects if to == waiting.user.email]
    assert len(promoted) == 2  # waiting, then the freed place


def test_participant_registers_and_cancels_in_the_ui(client, open_congress, two_places):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("congress:register", args=[open_congress.slug]))
    assert "Name on the badge" in page.content.decode()
    client.post(
        reverse("congress:register", args=[open_congress.slug]),
        {"category": two_places.pk, "name_on_badge": "Ewa Nowak", "language": "pl"},
    )
    registration = user.registrations.get()
    assert registration.status == S.CONFIRMED and registration.language == "pl"
    client.post(reverse("congress:cancel_registration", args=[open_congress.slug]))
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED


def test_an_outsider_cannot_cancel_someone_elses_registration(open_congress, two_places):
    registration = _register(open_congress, two_places)
    with pytest.raises(ValidationError):
        cancel_registration(registration=registration, by=UserFactory())


def test_raising_a_categorys_capacity_promotes_the_waiting_in_order_and_tells_them(
    open_congress, two_places, django_capture_on_commit_callbacks
):
    from helisa.congress.services.programme_admin import save_category

    organiser = UserFactory()
    open_congress.organisers.add(organiser)
    for _ in range(2):
        _register(open_congress, two_places)
    waiting = [_register(open_congress, two_places) for _ in range(3)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        save_category(
            congress=open_congress,
            by=organiser,
            category=two_places,
            kind=two_places.kind,
            name=two_places.name,
            capacity=4,
        )

    for registration in waiting:
        registration.refresh_from_db()
    assert [r.status for r in waiting] == [S.CONFIRMED, S.CONFIRMED, S.WAITING]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in waiting[:2])

    save_category(
        congress=open_congress,
        by=organiser,
        category=two_places,
        kind=two_places.kind,
        name=two_places.name,
        capacity=None,  # no limit: everyone waiting gets a place
    )
    waiting[2].refresh_from_db()
    assert waiting[2].status == S.CONFIRMED
