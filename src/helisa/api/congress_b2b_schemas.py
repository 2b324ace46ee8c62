"""What the B2B endpoints read and write (api/b2b.py and the api/congress_b2b_*.py routers)."""

from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from helisa.congress.models import MeetingMode, MeetingOutcome, RequestStatus, ScheduleRunStatus
from helisa.congress.slots import slot_id
from helisa.cooperation.models import Direction, ProfileKind

from .language import label_in


class CooperationProfileRef(Schema):
    id: int = Field(alias="pk")
    kind: ProfileKind
    direction: Direction
    title: str = Field(description="In the language asked for, with a fallback")
    expires_on: date | None
    web_url: str = Field(description="Its page")
    api_url: str = Field(description="Its record in this API")

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)

    @staticmethod
    def resolve_web_url(obj):
        return settings.SITE_URL + obj.get_absolute_url()

    @staticmethod
    def resolve_api_url(obj):
        return f"{settings.SITE_URL}{reverse('api-1.0.0:api-root')}cooperation/profiles/{obj.pk}"


class ParticipantOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="registration.name_on_badge")
    organisation: str | None = None
    helix_role: str | None = Field(None, alias="organisation.helix_role")
    country: str | None = Field(None, alias="organisation.country_id")
    sectors: list[str] = Field(description="NACE codes of the organisation")
    offer: str = Field(description="In the language asked for, with a fallback")
    looking_for: str
    cooperation_profiles: list[CooperationProfileRef] = Field(
        description="The organisation's published, unexpired cooperation offers and requests"
    )

    @staticmethod
    def resolve_cooperation_profiles(obj):
        return getattr(obj.organisation, "active_cooperation_profiles", [])

    @staticmethod
    def resolve_organisation(obj):
        return str(obj.organisation) if obj.organisation else None

    @staticmethod
    def resolve_sectors(obj):
        return [s.code for s in obj.organisation.sectors.all()] if obj.organisation else []

    @staticmethod
    def resolve_offer(obj, context):
        return label_in(obj.offer, context)

    @staticmethod
    def resolve_looking_for(obj, context):
        return label_in(obj.looking_for, context)


class ProfileOut(ParticipantOut):
    offers: dict[str, str] = Field(description="What we offer, in every language it has")
    looking_for_all: dict[str, str] = Field(description="What we look for, in every language")
    available_slots: list[str] = Field(description="Slot ids (start, ISO UTC); empty: every slot")
    max_meetings: int | None
    withdrawn: bool

    @staticmethod
    def resolve_offers(obj):
        return obj.offer

    @staticmethod
    def resolve_looking_for_all(obj):
        return obj.looking_for

    @staticmethod
    def resolve_withdrawn(obj):
        return obj.withdrawn_at is not None


class ProfileIn(Schema):
    offer: dict[str, str] | None = None
    looking_for: dict[str, str] | None = None
    available_slots: list[str] | None = None
    max_meetings: int | None = Field(None, ge=1, le=50)


class RequestIn(Schema):
    invitee: int = Field(description="Id of the participant asked")
    message: str = Field("", max_length=1000)


class AnswerIn(Schema):
    accept: bool


class RequestOut(Schema):
    id: int = Field(alias="pk")
    requester: int = Field(alias="requester_id")
    invitee: int = Field(alias="invitee_id")
    message: str
    status: RequestStatus
    created_at: datetime
    answered_at: datetime | None


class MeetingOut(Schema):
    id: int = Field(alias="pk")
    participants: list[int]
    mode: MeetingMode
    video_link: str
    slot: str | None = Field(description="Slot id (start, ISO UTC) once published")
    table: int | None
    locked: bool
    published: bool
    outcome: MeetingOutcome

    @staticmethod
    def resolve_participants(obj):
        return [p.pk for p in obj.participants.all()]

    @staticmethod
    def resolve_slot(obj):
        return slot_id(obj.slot_start) if obj.published and obj.slot_start else None

    @staticmethod
    def resolve_table(obj):
        return obj.table if obj.published else None


class RunIn(Schema):
    time_limit: int = Field(30, ge=1, le=600, description="Seconds")


class RunOut(Schema):
    id: int = Field(alias="pk")
    status: ScheduleRunStatus
    progress: int = Field(description="Percent")
    time_limit: int
    created_at: datetime
    finished_at: datetime | None
    published_at: datetime | None
    result: dict = Field(description="The schedule, as docs/b2b-scheduling.md defines it")
    error: str


class ParticipantRef(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="registration.name_on_badge")
    organisation: str | None = None

    @staticmethod
    def resolve_organisation(obj):
        return str(obj.organisation) if obj.organisation else None


class OrganiserMeetingOut(Schema):
    """A meeting as its organisers see it: where the scheduler or a lock put it, published or not."""

    id: int = Field(alias="pk")
    participants: list[ParticipantRef]
    mode: MeetingMode
    video_link: str
    slot: str | None = Field(description="Slot id (start, ISO UTC), also in a draft or a lock")
    table: int | None
    locked: bool
    published: bool
    added_by_organiser: bool

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())

    @staticmethod
    def resolve_slot(obj):
        return slot_id(obj.slot_start) if obj.slot_start else None

    @staticmethod
    def resolve_added_by_organiser(obj):
        return obj.request_id is None


VIDEO_LINK = r"^(https?://\S+)?$"


class MeetingIn(Schema):
    participants: list[int] = Field(min_length=2, description="Ids of B2B participants")
    mode: MeetingMode = MeetingMode.TABLE
    video_link: str = Field("", max_length=200, pattern=VIDEO_LINK, description="For online")


class LockIn(Schema):
    slot: str = Field(description="Slot id (start, ISO UTC), e.g. 2025-09-09T07:00:00Z")
    table: int | None = Field(None, ge=1, description="Not needed for an online meeting")


class PlanMeeting(Schema):
    id: int = Field(alias="pk")
    table: int | None = Field(description="null: an online meeting")
    mode: MeetingMode
    participants: list[ParticipantRef]

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())


class PlanSlot(Schema):
    slot: str = Field(description="Slot id (start, ISO UTC)")
    session: str = Field(description="Id of the B2B session")
    starts_at: datetime
    ends_at: datetime
    label: str = Field(description="Start and end in the congress's time zone")
    meetings: list[PlanMeeting] = Field(description="By table")


class PlaceIn(Schema):
    mode: MeetingMode
    video_link: str = Field(
        "", max_length=200, pattern=VIDEO_LINK, description="The video-call link, for online"
    )


class OutcomeIn(Schema):
    outcome: MeetingOutcome = Field(description="Empty: not recorded")
