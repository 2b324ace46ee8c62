import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from helisa.congress.models import Meeting, MeetingRequest, RequestStatus
from helisa.congress.services import b2b_meetings, b2b_participants, b2b_requests
from tests.congress.factories import ParticipantFactory, RegistrationFactory, matchmaking


def ask(a, b, message=""):
    return b2b_requests.send_request(
        requester=a, invitee=b, message=message, by=a.registration.user
    )


def test_a_confirmed_registration_opts_in_with_its_organisation(congress, morning):
    registration = RegistrationFactory(congress=congress)
    participant = b2b_participants.opt_in(registration=registration, by=registration.user)
    assert participant.organisation == registration.organisation
    assert participant.max_meetings == 12


def test_an_accepted_request_becomes_a_meeting_of_both(people):
    a, b, *_ = people
    request = ask(a, b, "Shall we talk about sensors?")
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    assert set(request.meeting.participants.all()) == {a, b}


def test_a_declined_request_makes_no_meeting(people):
    a, b, *_ = people
    request = ask(a, b)
    b2b_requests.answer_request(request=request, accept=False, by=b.registration.user)
    assert MeetingRequest.objects.get().status == RequestStatus.DECLINED
    assert not Meeting.objects.exists()


def test_only_the_invitee_answers_and_only_once(people):
    a, b, c, _ = people
    request = ask(a, b)
    for user in (a.registration.user, c.registration.user):
        with pytest.raises(PermissionDenied):
            b2b_requests.answer_request(request=request, accept=True, by=user)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    with pytest.raises(ValidationError):
        b2b_requests.answer_request(request=request, accept=False, by=b.registration.user)


def test_requests_stop_at_the_cap(congress):
    matchmaking(congress, cap=2)
    me, *others = [ParticipantFactory(congress=congress) for _ in range(4)]
    ask(me, others[0])
    ask(me, others[1])
    with pytest.raises(ValidationError) as refused:
        ask(me, others[2])
    assert refused.value.code == "cap_reached"
    assert MeetingRequest.objects.filter(requester=me).count() == 2
    assert b2b_requests.requests_left(me) == 0


def test_a_pair_is_asked_once_in_either_direction(people):
    a, b, *_ = people
    ask(a, b)
    with pytest.raises(ValidationError):
        ask(a, b)
    with pytest.raises(ValidationError):
        ask(b, a)


def test_requests_are_refused_while_closed(congress):
    matchmaking(congress, requests_open=False)
    a, b = ParticipantFactory(congress=congress), ParticipantFactory(congress=congress)
    with pytest.raises(ValidationError):
        ask(a, b)


def test_no_meeting_beyond_the_most_meetings_a_participant_accepts(people):
    a, b, c, _ = people
    a.max_meetings = 1
    a.save()
    b2b_requests.answer_request(request=ask(a, b), accept=True, by=b.registration.user)
    with pytest.raises(ValidationError):
        b2b_requests.answer_request(request=ask(c, a), accept=True, by=a.registration.user)


def test_contact_goes_only_through_the_platform(client, people, django_capture_on_commit_callbacks):
    a, b, *_ = people
    with django_capture_on_commit_callbacks(execute=True):
        ask(a, b, "Hello")
    (message,) = mail.outbox
    assert message.to == [b.registration.user.email]
    assert a.registration.user.email not in message.body
    assert "/b2b/requests/" in message.body
    client.force_login(b.registration.user)
    pages = [
        reverse("congress:b2b_participants", args=[a.congress.slug]),
        reverse("congress:b2b_participant", args=[a.congress.slug, a.pk]),
        reverse("congress:b2b_requests", args=[a.congress.slug]),
    ]
    for page in pages:
        body = client.get(page).content.decode()
        assert a.registration.name_on_badge in body
        assert a.registration.user.email not in body


def test_the_request_form_sends_a_request(client, people):
    a, b, *_ = people
    client.force_login(a.registration.user)
    url = reverse("congress:b2b_participant", args=[a.congress.slug, b.pk])
    response = client.post(url, {"message": "Sensors?"}, follow=True)
    assert "Your request is sent." in response.content.decode()
    assert MeetingRequest.objects.get().message == "Sensors?"


def test_the_organiser_adds_a_meeting_of_three_and_locks_it(congress, organiser, people):
    from helisa.congress.b2b_queries import congress_slots

    meeting = b2b_meetings.add_meeting(congress=congress, participants=people[:3], by=organiser)
    assert meeting.participants.count() == 3
    slot = congress_slots(congress)[1]
    b2b_meetings.lock_meeting(meeting=meeting, slot=slot.id, table=2, by=organiser)
    meeting.refresh_from_db()
    assert meeting.locked and meeting.table == 2 and meeting.slot_start == slot.starts_at
    with pytest.raises(ValidationError):
        b2b_meetings.lock_meeting(meeting=meeting, slot=slot.id, table=99, by=organiser)


def test_an_online_meeting_needs_the_participants_link(people):
    a, b, *_ = people
    request = ask(a, b)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    meeting = Meeting.objects.get()
    with pytest.raises(ValidationError):
        b2b_meetings.set_meeting_place(meeting=meeting, mode="online", by=a.registration.user)
    b2b_meetings.set_meeting_place(
        meeting=meeting,
        mode="online",
        video_link="https://meet.example.org/x",
        by=a.registration.user,
    )
    assert Meeting.objects.get().video_link == "https://meet.example.org/x"


def test_availability_is_saved_per_slot(client, congress, people):
    from helisa.congress.b2b_queries import congress_slots

    me = people[0]
    slots = congress_slots(congress)
    client.force_login(me.registration.user)
    response = client.post(
        reverse("congress:b2b_profile", args=[congress.slug]),
        {
            "offer_en": "Sensors",
            "looking_for_en": "Pilots",
            "max_meetings": 5,
            f"slots_{slots[0].session}": [slots[0].id, slots[1].id],
        },
    )
    assert response.status_code == 302
    me.refresh_from_db()
    assert me.available_slots == [slots[0].id, slots[1].id]
    assert me.offer == {"en": "Sensors"} and me.max_meetings == 5


ORGANISER_PAGES = [
    ("congress:b2b_organise", ()),
    ("congress:b2b_session_add", ()),
    ("congress:b2b_organise_meetings", ()),
    ("congress:b2b_table_plan", ()),
    ("congress:b2b_table_plan_pdf", ()),
    ("congress:b2b_statistics", ()),
]


@pytest.mark.parametrize(("name", "extra"), ORGANISER_PAGES)
def test_outsiders_are_refused_organiser_pages(client, congress, outsider, morning, name, extra):
    client.force_login(outsider)
    assert client.get(reverse(name, args=[congress.slug, *extra])).status_code == 403
    assert client.post(reverse(name, args=[congress.slug, *extra]), {}).status_code == 403


def test_outsiders_are_refused_organiser_actions(client, congress, outsider, organiser, people):
    from helisa.congress.models import ScheduleRun

    meeting = b2b_meetings.add_meeting(congress=congress, participants=people[:2], by=organiser)
    run = ScheduleRun.objects.create(congress=congress, status="draft")
    client.force_login(outsider)
    slug = congress.slug
    for name, args in [
        ("congress:b2b_run_start", [slug]),
        ("congress:b2b_run", [slug, run.pk]),
        ("congress:b2b_run_publish", [slug, run.pk]),
        ("congress:b2b_run_discard", [slug, run.pk]),
        ("congress:b2b_lock", [slug, meeting.pk]),
        ("congress:b2b_session_delete", [slug, morning_pk(congress)]),
    ]:
        assert client.post(reverse(name, args=args), {"time_limit": 1}).status_code == 403, name
    run.refresh_from_db()
    assert run.status == "draft"
    assert ScheduleRun.objects.count() == 1


def morning_pk(congress):
    return congress.matchmaking_sessions.get().pk


def test_the_organiser_sets_sessions_and_sees_the_table_hint(client, congress, organiser, people):
    client.force_login(organiser)
    response = client.post(
        reverse("congress:b2b_session_add", args=[congress.slug]),
        {
            "label": "Afternoon",
            "day": "2025-09-09",
            "start": "14:00",
            "end": "16:00",
            "breaks": "15:00-15:20",
        },
    )
    assert response.status_code == 302
    session = congress.matchmaking_sessions.get(label="Afternoon")
    assert session.breaks == [["15:00", "15:20"]]
    page = client.get(reverse("congress:b2b_organise", args=[congress.slug])).content.decode()
    assert "plus 10-20%" in page
