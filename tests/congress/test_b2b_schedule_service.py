import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from helisa.congress.models import Meeting, ScheduleRun, ScheduleRunStatus
from helisa.congress.schedule_check import check
from helisa.congress.scheduling import Schedule
from helisa.congress.services import b2b_meetings, b2b_participants, b2b_requests
from helisa.congress.services.b2b_scheduling import (
    build_instance,
    discard_run,
    publish_run,
    start_schedule_run,
)


def meet(a, b):
    request = b2b_requests.send_request(requester=a, invitee=b, by=a.registration.user)
    b2b_requests.answer_request(request=request, accept=True, by=b.registration.user)
    return request.meeting


def schedule(congress, organiser, capture, time_limit=2):
    with capture(execute=True):
        run = start_schedule_run(congress=congress, by=organiser, time_limit=time_limit)
    run.refresh_from_db()
    return run


@pytest.fixture
def meetings(people):
    a, b, c, d = people
    return [meet(a, b), meet(a, c), meet(b, c), meet(c, d), meet(a, d)]


def test_a_run_computes_a_valid_draft_that_publishing_copies_into_meetings(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    assert run.status == ScheduleRunStatus.DRAFT
    assert run.progress == 100
    instance = build_instance(congress=congress)
    assert check(instance, Schedule.from_dict(run.result)) == []
    assert len(run.result["assignments"]) == 5

    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run, by=organiser)

    placed = Meeting.objects.filter(published=True, slot_start__isnull=False)
    assert placed.count() == 5
    assert len(mail.outbox) >= 4
    assert any("scheduled" in m.subject for m in mail.outbox)
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.PUBLISHED


def test_rescheduling_keeps_published_meetings_where_they_are(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    first = schedule(congress, organiser, django_capture_on_commit_callbacks)
    publish_run(run=first, by=organiser, notify=False)
    before = {m.pk: (m.slot_start, m.table) for m in Meeting.objects.all()}
    late = meet(people[1], people[3])  # accepted after the schedule was published

    second = schedule(congress, organiser, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=second, by=organiser)

    after = {m.pk: (m.slot_start, m.table) for m in Meeting.objects.exclude(pk=late.pk)}
    assert after == before
    late.refresh_from_db()
    assert late.published and late.slot_start is not None
    told = {m.to[0] for m in mail.outbox}
    assert told == {people[1].registration.user.email, people[3].registration.user.email}


def test_a_withdrawn_participant_drops_out_of_the_next_schedule(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    first = schedule(congress, organiser, django_capture_on_commit_callbacks)
    publish_run(run=first, by=organiser, notify=False)
    d = people[3]
    b2b_participants.withdraw(participant=d, by=d.registration.user)

    second = schedule(congress, organiser, django_capture_on_commit_callbacks)
    assert len(second.result["assignments"]) == 3
    publish_run(run=second, by=organiser, notify=False)
    assert not Meeting.objects.filter(participants=d, published=True).exists()


def test_a_locked_meeting_stays_at_its_slot_and_table(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    from helisa.congress.b2b_queries import congress_slots

    last = congress_slots(congress)[-1]
    b2b_meetings.lock_meeting(meeting=meetings[0], slot=last.id, table=3, by=organiser)
    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    publish_run(run=run, by=organiser, notify=False)
    meetings[0].refresh_from_db()
    assert (meetings[0].slot_start, meetings[0].table) == (last.starts_at, 3)


def test_a_draft_is_not_published_after_meetings_changed(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    meet(people[1], people[3])
    with pytest.raises(ValidationError):
        publish_run(run=run, by=organiser)
    discard_run(run=run, by=organiser)
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.DISCARDED


def test_outsiders_cannot_schedule_publish_or_discard(
    congress, organiser, outsider, people, meetings, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        start_schedule_run(congress=congress, by=outsider)
    assert not ScheduleRun.objects.exists()
    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        publish_run(run=run, by=outsider)
    with pytest.raises(PermissionDenied):
        discard_run(run=run, by=outsider)
    with pytest.raises(PermissionDenied):
        b2b_meetings.add_meeting(congress=congress, participants=people[:2], by=outsider)


def test_the_organiser_reviews_the_draft_and_publishes_it_from_the_page(
    client, congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("congress:b2b_run_start", args=[congress.slug]), {"time_limit": 2}
        )
    page = client.get(response["Location"]).content.decode()
    assert "of the best possible" in page or "Optimal" in page
    assert "Table plan" in page
    run = ScheduleRun.objects.get()
    polled = client.get(response["Location"], headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"
    client.post(reverse("congress:b2b_run_publish", args=[congress.slug, run.pk]))
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.PUBLISHED
    home = client.get(reverse("congress:b2b_home", args=[congress.slug])).content.decode()
    assert "Organise" in home


def test_online_meetings_take_no_table_and_keep_their_slot_when_locked_or_published(
    congress, organiser, people, django_capture_on_commit_callbacks
):
    from helisa.congress.b2b_queries import congress_slots
    from helisa.congress.models import MatchmakingSettings, MeetingMode

    MatchmakingSettings.objects.filter(congress=congress).update(tables=1)
    a, b, c, d = people
    at_table, online = meet(a, b), meet(c, d)
    b2b_meetings.set_meeting_place(
        meeting=online,
        mode=MeetingMode.ONLINE,
        video_link="https://meet.example/x",
        by=c.registration.user,
    )
    first_slot = congress_slots(congress)[0]
    b2b_meetings.lock_meeting(meeting=at_table, slot=first_slot.id, table=1, by=organiser)
    # the only table is taken then, but a video call needs none
    b2b_meetings.lock_meeting(meeting=online, slot=first_slot.id, table=None, by=organiser)
    instance = build_instance(congress=congress)
    assert {(m.online, m.locked) for m in instance.meetings} == {
        (False, (first_slot.id, 1)),
        (True, (first_slot.id, None)),
    }

    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    assert run.result["unscheduled"] == []
    publish_run(run=run, by=organiser, notify=False)
    online.refresh_from_db()
    at_table.refresh_from_db()
    assert (online.slot_start, online.table) == (first_slot.starts_at, None)
    assert (at_table.slot_start, at_table.table) == (first_slot.starts_at, 1)

    # unlocked but published, the video call stays at its time when late meetings come
    b2b_meetings.unlock_meeting(meeting=online, by=organiser)
    late = [meet(a, c), meet(b, d), meet(a, d)]
    second = schedule(congress, organiser, django_capture_on_commit_callbacks)
    assert second.result["unscheduled"] == []
    publish_run(run=second, by=organiser, notify=False)
    online.refresh_from_db()
    assert (online.slot_start, online.table) == (first_slot.starts_at, None)
    assert all(m.table == 1 for m in Meeting.objects.filter(pk__in=[m.pk for m in late]))


def test_switching_a_meeting_online_frees_its_table(
    congress, organiser, people, meetings, django_capture_on_commit_callbacks
):
    from helisa.congress.models import MeetingMode

    run = schedule(congress, organiser, django_capture_on_commit_callbacks)
    publish_run(run=run, by=organiser, notify=False)
    meeting = meetings[0]
    meeting.refresh_from_db()
    slot_start = meeting.slot_start

    a = people[0]
    b2b_meetings.set_meeting_place(
        meeting=meeting,
        mode=MeetingMode.ONLINE,
        video_link="https://meet.example/y",
        by=a.registration.user,
    )
    meeting.refresh_from_db()
    assert (meeting.slot_start, meeting.table) == (slot_start, None)
    again = schedule(congress, organiser, django_capture_on_commit_callbacks)
    kept = {a["meeting"]: a for a in again.result["assignments"]}
    assert kept[str(meeting.pk)]["table"] is None
    assert check(build_instance(congress=congress), Schedule.from_dict(again.result)) == []
