"""B2B matchmaking: participants, requests, meetings, and the schedules that place them.

Slots are derived from the matchmaking sessions, the meeting length and the breaks; a slot is
named by its start time (ISO 8601, UTC), so a schedule keeps its meaning when settings change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.registry.models import Organisation

from .programme import Congress
from .registration import Registration


class MatchmakingSettings(models.Model):
    congress = models.OneToOneField(Congress, on_delete=models.CASCADE, related_name="matchmaking")
    meeting_minutes = models.PositiveSmallIntegerField(
        _("meeting length (minutes)"), choices=[(15, "15"), (20, "20"), (30, "30")], default=20
    )
    tables = models.PositiveIntegerField(_("tables"), default=20)
    max_requests_per_participant = models.PositiveSmallIntegerField(
        _("requests per participant"), default=20
    )
    default_max_meetings = models.PositiveSmallIntegerField(
        _("meetings per participant"), default=12
    )
    requests_open = models.BooleanField(_("meeting requests open"), default=False)

    def __str__(self):
        return f"Matchmaking of {self.congress}"


class MatchmakingSession(models.Model):
    """A block of B2B meetings (a morning or an afternoon), with its breaks."""

    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="matchmaking_sessions"
    )
    label = models.CharField(_("name"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_('[["10:30", "10:45"], ...] in local time'),
    )

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return self.label


class B2BParticipant(models.Model):
    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="b2b_participants"
    )
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="b2b")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offer = models.JSONField(_("what we offer"), default=dict, blank=True)
    looking_for = models.JSONField(_("what we are looking for"), default=dict, blank=True)
    available_slots = models.JSONField(
        _("available slots"),
        default=list,
        blank=True,
        help_text=_("Slot start times; empty: every slot"),
    )
    max_meetings = models.PositiveSmallIntegerField(_("most meetings"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    opted_in_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["registration__name_on_badge"]

    def __str__(self):
        return self.registration.name_on_badge


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingRequest(models.Model):
    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="meeting_requests"
    )
    requester = models.ForeignKey(
        B2BParticipant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    invitee = models.ForeignKey(
        B2BParticipant, on_delete=models.CASCADE, related_name="requests_received"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=9, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["requester", "invitee"], name="one_request_per_pair"),
        ]

    def __str__(self):
        return f"{self.requester} -> {self.invitee}"


class MeetingMode(models.TextChoices):
    TABLE = "table", _("At a table")
    ONLINE = "online", _("Online")


class MeetingOutcome(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")


class Meeting(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(
        MeetingRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="meeting"
    )
    participants = models.ManyToManyField(B2BParticipant, related_name="meetings")
    mode = models.CharField(
        _("where"), max_length=6, choices=MeetingMode.choices, default=MeetingMode.TABLE
    )
    video_link = models.URLField(_("video-call link"), blank=True)
    slot_start = models.DateTimeField(_("time"), null=True, blank=True)
    table = models.PositiveIntegerField(_("table"), null=True, blank=True)
    locked = models.BooleanField(_("locked by the organiser"), default=False)
    published = models.BooleanField(_("published"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=7, choices=MeetingOutcome.choices, blank=True
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["slot_start", "table"]

    def __str__(self):
        return f"Meeting {self.pk}"


class ScheduleRunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for a worker")
    RUNNING = "running", _("Scheduling")
    DRAFT = "draft", _("Draft to review")
    PUBLISHED = "published", _("Published")
    DISCARDED = "discarded", _("Discarded")
    FAILED = "failed", _("Failed")


class ScheduleRun(models.Model):
    """One run of the scheduler: its draft, its proven bounds, and whether it was published."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="schedule_runs")
    status = models.CharField(
        max_length=9, choices=ScheduleRunStatus.choices, default=ScheduleRunStatus.QUEUED
    )
    time_limit = models.PositiveIntegerField(_("time limit (seconds)"), default=30)
    progress = models.PositiveSmallIntegerField(default=0, help_text=_("Percent"))
    result = models.JSONField(
        default=dict, blank=True, help_text=_("The schedule as docs/b2b-scheduling.md defines it")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Schedule run {self.pk} ({self.status})"


class AgreementType(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial")
    TECHNICAL = "technical", _("Technical")
    RESEARCH = "research", _("Research")
    INVESTMENT = "investment", _("Investment")


class FollowUp(models.Model):
    """What came of a meeting, asked of each side some months later."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    participant = models.ForeignKey(
        B2BParticipant, on_delete=models.CASCADE, related_name="follow_ups"
    )
    asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    negotiation_started = models.BooleanField(_("negotiation started"), default=False)
    agreement_reached = models.BooleanField(_("agreement reached"), default=False)
    agreement_type = models.CharField(
        _("type of agreement"), max_length=10, choices=AgreementType.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="follow_up_once")
        ]

    def __str__(self):
        return f"Follow-up of {self.meeting} by {self.participant}"
