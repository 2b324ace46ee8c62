"""Scheduling B2B meetings: build the scheduler's instance from the database, run it in the
background, keep its result as a draft to review, then publish it (or discard it).

The scheduler itself (congress/scheduling.py) knows nothing of models; this module is the
only place that translates between the two. Meeting ids are Meeting pks and participant ids
B2BParticipant pks, as strings; slot ids are start times in ISO UTC (congress/slots.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress import b2b_rules  # noqa: F401  (registers the permissions)
from helisa.congress.b2b_queries import active_meetings, congress_slots
from helisa.congress.models import (
    B2BParticipant,
    MeetingMode,
    RegistrationStatus,
    ScheduleRun,
    ScheduleRunStatus,
)
from helisa.congress.models import Meeting as MeetingRow
from helisa.congress.schedule_check import check
from helisa.congress.scheduling import (
    Assignment,
    Instance,
    Meeting,
    Participant,
    Schedule,
    Slot,
    solve,
)
from helisa.congress.slots import parse_slot_id, slot_id

from .b2b_notify import absolute_url, send_to_participants
from .b2b_participants import matchmaking_of

WORKERS = 2
BUSY = (ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)


def _require_organiser(user, congress):
    if user is None or not user.has_perm("congress.run_b2b", congress):
        raise PermissionDenied(_("Only the congress's organisers schedule its meetings."))


def _active_participants(congress):
    return B2BParticipant.objects.filter(
        congress=congress,
        withdrawn_at__isnull=True,
        registration__status=RegistrationStatus.CONFIRMED,
    ).order_by("pk")


def schedulable_meetings(congress):
    """Meetings whose every participant still takes part; a withdrawal drops the meeting."""
    active = set(_active_participants(congress).values_list("pk", flat=True))
    return [
        meeting
        for meeting in active_meetings(congress)
        if len(meeting.participants.all()) >= 2
        and all(p.pk in active for p in meeting.participants.all())
    ]


def build_instance(*, congress, meetings=None):
    slots = congress_slots(congress)
    slot_ids = {s.id for s in slots}
    meetings = schedulable_meetings(congress) if meetings is None else meetings
    participants = [
        Participant(
            id=str(p.pk),
            available=frozenset(p.available_slots) & slot_ids if p.available_slots else None,
        )
        for p in _active_participants(congress)
    ]
    return Instance(
        slots=tuple(Slot(id=s.id, session=s.session) for s in slots),
        tables=matchmaking_of(congress).tables,
        participants=tuple(participants),
        meetings=tuple(_meeting(m) for m in meetings),
    )


def _meeting(row):
    """An online meeting needs a time but no table, and a lock on it keeps its time only."""
    online = row.mode == MeetingMode.ONLINE
    locked = None
    if row.locked and row.slot_start and (online or row.table):
        locked = (slot_id(row.slot_start), None if online else row.table)
    return Meeting(
        id=str(row.pk),
        participants=tuple(str(p.pk) for p in row.participants.all()),
        locked=locked,
        online=online,
    )


def _placed(row):
    return row.slot_start is not None and (row.mode == MeetingMode.ONLINE or row.table)


def published_schedule(meetings):
    """The schedule participants were told, for re-scheduling: (Schedule, published ids)."""
    placed = [m for m in meetings if m.published and _placed(m)]
    if not placed:
        return None, None
    schedule = Schedule(
        assignments=[
            Assignment(
                meeting=str(m.pk),
                slot=slot_id(m.slot_start),
                table=None if m.mode == MeetingMode.ONLINE else m.table,
            )
            for m in placed
        ],
        unscheduled=[],
        gaps=0,
        idle_slots=0,
        upper_bound_scheduled=0,
        lower_bound_gaps=0,
        optimal=False,
        seconds=0.0,
    )
    return schedule, {str(m.pk) for m in placed}


def start_schedule_run(*, congress, by, time_limit=30):
    """Queue a run of the scheduler; its draft waits for review."""
    from helisa.congress.tasks import run_schedule_task

    _require_organiser(by, congress)
    if ScheduleRun.objects.filter(congress=congress, status__in=BUSY).exists():
        raise ValidationError(_("A schedule is already being computed."), code="busy")
    run = ScheduleRun.objects.create(congress=congress, time_limit=time_limit, created_by=by)
    transaction.on_commit(lambda: run_schedule_task.enqueue(run.pk))
    return run


def run_schedule(*, run, workers=WORKERS):
    """Compute the draft of `run` (called by the task); progress goes to run.progress."""
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRunStatus.RUNNING, progress=0)
    try:
        meetings = schedulable_meetings(run.congress)
        instance = build_instance(congress=run.congress, meetings=meetings)
        previous, published = published_schedule(meetings)
        reported = [0]

        def progress(fraction, scheduled, gaps):
            percent = min(99, int(fraction * 100))
            if percent > reported[0]:
                reported[0] = percent
                ScheduleRun.objects.filter(pk=run.pk).update(progress=percent)

        schedule = solve(
            instance,
            time_limit=run.time_limit,
            progress=progress,
            previous=previous,
            published=published,
            workers=workers,
        )
    except Exception as error:
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    result = schedule.to_dict() | {"moved": schedule.moved}
    ScheduleRun.objects.filter(pk=run.pk).update(
        status=ScheduleRunStatus.DRAFT, progress=100, result=result, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def publish_run(*, run, by, notify=True):
    """Copy the draft's slots and tables into the meetings and tell participants what changed."""
    _require_organiser(by, run.congress)
    return apply_schedule(run=run, notify=notify)


def apply_schedule(*, run, notify=True):
    """publish_run without the permission check, for the demo and other system callers."""
    if run.status != ScheduleRunStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."), code="transition_not_allowed")
    congress = run.congress
    with transaction.atomic():
        meetings = {str(m.pk): m for m in schedulable_meetings(congress)}
        instance = build_instance(congress=congress, meetings=list(meetings.values()))
        schedule = Schedule.from_dict(run.result)
        problems = check(instance, schedule)
        if problems:
            raise ValidationError(
                _("Meetings or availability changed since this draft; schedule again. (%(first)s)")
                % {"first": problems[0]},
                code="stale",
            )
        placed = {a.meeting: a for a in schedule.assignments}
        changed = set()
        for key, meeting in meetings.items():
            before = (meeting.slot_start, meeting.table, meeting.published)
            assignment = placed.get(key)
            if assignment is None:
                meeting.slot_start, meeting.table, meeting.published = None, None, False
            else:
                meeting.slot_start = parse_slot_id(assignment.slot)
                meeting.table = None if meeting.mode == MeetingMode.ONLINE else assignment.table
                meeting.published = True
            if before != (meeting.slot_start, meeting.table, meeting.published):
                changed.update(meeting.participants.all())
        dropped = [
            m for m in active_meetings(congress).filter(published=True) if str(m.pk) not in meetings
        ]
        for meeting in dropped:
            meeting.slot_start, meeting.table, meeting.published = None, None, False
            changed.update(p for p in meeting.participants.all() if p.withdrawn_at is None)
        MeetingRow.objects.bulk_update(
            [*meetings.values(), *dropped], ["slot_start", "table", "published"]
        )
        first = not ScheduleRun.objects.filter(
            congress=congress, status=ScheduleRunStatus.PUBLISHED
        ).exists()
        run.status = ScheduleRunStatus.PUBLISHED
        run.published_at = timezone.now()
        run.save(update_fields=["status", "published_at"])
    if notify and changed:
        recipients = sorted(changed, key=lambda p: p.pk)
        transaction.on_commit(
            lambda: send_to_participants(
                participants=recipients,
                template="schedule_published" if first else "meetings_changed",
                context={
                    "congress": congress,
                    "url": absolute_url("congress:b2b_meetings", congress.slug),
                },
            )
        )
    return run


def discard_run(*, run, by):
    _require_organiser(by, run.congress)
    if run.status not in (ScheduleRunStatus.DRAFT, ScheduleRunStatus.FAILED):
        raise ValidationError(_("Only a draft can be discarded."), code="transition_not_allowed")
    run.status = ScheduleRunStatus.DISCARDED
    run.save(update_fields=["status"])
    return run
