"""Meetings: the organiser's own and their locks, where a meeting happens, and its outcome."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress import b2b_rules  # noqa: F401  (registers the permissions)
from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import Meeting, MeetingMode, MeetingOutcome
from helisa.congress.slots import parse_slot_id, slot_id

from .b2b_participants import matchmaking_of


def _require(user, permission, obj, message):
    if user is None or not user.has_perm(permission, obj):
        raise PermissionDenied(message)


def _check_place(meeting_congress, slot, table):
    if slot not in {s.id for s in congress_slots(meeting_congress)}:
        raise ValidationError({"slot": _("This is not a slot of the matchmaking.")})
    tables = matchmaking_of(meeting_congress).tables
    if table is None or not 1 <= table <= tables:
        raise ValidationError({"table": _("Tables are numbered 1 to %(n)s.") % {"n": tables}})


def add_meeting(*, congress, participants, by, mode=MeetingMode.TABLE, video_link=""):
    """An organiser's meeting, between any two or more participants of the congress."""
    _require(by, "congress.run_b2b", congress, _("Only organisers add meetings."))
    participants = list(participants)
    if len({p.pk for p in participants}) < 2:
        raise ValidationError({"participants": _("A meeting needs at least two participants.")})
    if any(p.congress_id != congress.pk or p.withdrawn_at for p in participants):
        raise ValidationError(
            {"participants": _("Every participant must take part in this congress.")}
        )
    if mode == MeetingMode.ONLINE and not video_link:
        raise ValidationError({"video_link": _("An online meeting needs a video-call link.")})
    with transaction.atomic():
        meeting = Meeting.objects.create(
            congress=congress, mode=mode, video_link=video_link, added_by=by
        )
        meeting.participants.set(participants)
    return meeting


def lock_meeting(*, meeting, slot, table=None, by):
    """Pin a meeting to a slot (its id) and a table; the scheduler will not move it.

    An online meeting takes no table: it is pinned to its slot only.
    """
    _require(by, "congress.run_b2b", meeting, _("Only organisers lock meetings."))
    if meeting.mode == MeetingMode.ONLINE:
        table = None
        if slot not in {s.id for s in congress_slots(meeting.congress)}:
            raise ValidationError({"slot": _("This is not a slot of the matchmaking.")})
    else:
        _check_place(meeting.congress, slot, table)
        holders = Meeting.objects.filter(
            congress=meeting.congress,
            cancelled_at__isnull=True,
            locked=True,
            table=table,
            slot_start=parse_slot_id(slot),
        )
        if holders.exclude(pk=meeting.pk).exists():
            raise ValidationError({"table": _("Another locked meeting holds this table then.")})
    meeting.slot_start = parse_slot_id(slot)
    meeting.table = table
    meeting.locked = True
    meeting.save(update_fields=["slot_start", "table", "locked"])
    return meeting


def unlock_meeting(*, meeting, by):
    _require(by, "congress.run_b2b", meeting, _("Only organisers unlock meetings."))
    meeting.locked = False
    meeting.save(update_fields=["locked"])
    return meeting


def set_meeting_place(*, meeting, mode, video_link="", by):
    """At a table, or online with the link the participants give."""
    _require(by, "congress.attend_meeting", meeting, _("You do not take part in this meeting."))
    if mode == MeetingMode.ONLINE and not video_link:
        raise ValidationError({"video_link": _("An online meeting needs a video-call link.")})
    meeting.mode = mode
    meeting.video_link = video_link if mode == MeetingMode.ONLINE else ""
    if mode == MeetingMode.ONLINE:
        meeting.table = None  # a video call frees its table; it keeps its time
    meeting.save(update_fields=["mode", "video_link", "table"])
    return meeting


def record_outcome(*, meeting, outcome, by):
    _require(by, "congress.attend_meeting", meeting, _("You do not take part in this meeting."))
    if outcome not in MeetingOutcome.values:
        raise ValidationError({"outcome": _("Unknown outcome.")})
    if outcome and meeting.slot_start is None:
        raise ValidationError({"outcome": _("This meeting was never scheduled.")})
    meeting.outcome = outcome
    meeting.save(update_fields=["outcome"])
    return meeting


def cancel_meeting(*, meeting, by):
    _require(by, "congress.run_b2b", meeting, _("Only organisers cancel meetings."))
    meeting.cancelled_at = timezone.now()
    meeting.save(update_fields=["cancelled_at"])
    return meeting


def slot_of(meeting):
    return slot_id(meeting.slot_start) if meeting.slot_start else ""
