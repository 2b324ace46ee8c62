"""What the organisers' settings and statistics endpoints and the participants' follow-ups read
and write (api/congress_b2b_settings.py, api/congress_b2b_mine.py)."""

from datetime import date, datetime, time
from typing import Literal

from ninja import Field, Schema

from helisa.congress.models import AgreementType


class SessionOut(Schema):
    id: int
    label: str
    day: date = Field(description="Local to the congress's time zone, as are start and end")
    start: time
    end: time
    breaks: list[list[str]] = Field(description='[["10:30", "10:45"], ...] in local time')
    slots: int = Field(description="How many meetings of the set length fit in it")


class TablesHint(Schema):
    fewest: int
    most: int
    rule: str


class SettingsOut(Schema):
    meeting_minutes: Literal[15, 20, 30]
    tables: int
    max_requests_per_participant: int
    default_max_meetings: int
    requests_open: bool
    sessions: list[SessionOut]
    slot_count: int
    expected_meetings: int = Field(description="Meetings not cancelled")
    tables_hint: TablesHint


class SettingsIn(Schema):
    meeting_minutes: Literal[15, 20, 30] | None = None
    tables: int | None = Field(None, ge=1)
    max_requests_per_participant: int | None = Field(None, ge=0)
    default_max_meetings: int | None = Field(None, ge=0)
    requests_open: bool | None = None


class SessionIn(Schema):
    label: str = Field("", max_length=100)
    day: date
    start: time
    end: time
    breaks: list[tuple[str, str]] = Field([], description='[["10:30", "10:45"], ...] local time')


class AgreementCount(Schema):
    type: AgreementType
    label: str
    count: int


class StatisticsOut(Schema):
    requests: int
    accepted: int
    declined: int
    pending: int
    meetings: int
    scheduled: int
    held: int
    no_show: int
    follow_ups_answered: int
    negotiations: int
    agreements: int
    agreements_by_type: list[AgreementCount]


class FollowUpOut(Schema):
    id: int = Field(alias="pk")
    meeting: int = Field(alias="meeting_id")
    asked_at: datetime | None
    answered_at: datetime | None
    negotiation_started: bool
    agreement_reached: bool
    agreement_type: AgreementType | Literal[""]


class FollowUpIn(Schema):
    negotiation_started: bool = False
    agreement_reached: bool = False
    agreement_type: AgreementType | Literal[""] = Field(
        "", description="Required when an agreement was reached"
    )
