"""What the project endpoints take and give."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from helisa.cooperation.models import PartnerRole, ProjectStatus


class PartnerOut(Schema):
    organisation_id: int
    name: str
    country: str
    role: str
    contribution: Decimal | None


class ProjectOut(Schema):
    id: int
    title: str
    acronym: str
    call_id: int | None
    call_topic: str
    theme: str
    status: str
    budget: Decimal | None
    start_date: date | None
    end_date: date | None
    partners: list[PartnerOut]

    @staticmethod
    def resolve_partners(obj):
        return [
            {
                "organisation_id": p.organisation_id,
                "name": str(p.organisation),
                "country": p.organisation.country_id,
                "role": p.role,
                "contribution": p.contribution,
            }
            for p in obj.partners.all()
        ]


class PartnerIn(Schema):
    organisation_id: int
    role: PartnerRole = PartnerRole.PARTNER
    contribution: Decimal | None = Field(None, ge=0)


class ProjectIn(Schema):
    """A project that exists, given with `partners`; or, given with `start_organisation_id` and
    `organisation_ids`, a consortium from the builder saved as an idea of the call."""

    title: str = ""
    acronym: str = ""
    call_id: int | None = None
    call_topic: str = Field("", max_length=120)
    status: ProjectStatus = ProjectStatus.IDEA
    budget: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    partners: list[PartnerIn] | None = Field(
        None, description="Each partner and its role, exactly one coordinator among them"
    )
    start_organisation_id: int | None = Field(
        None, description="The builder's: the organisation that coordinates the consortium"
    )
    organisation_ids: list[int] | None = Field(
        None, description="The builder's: the consortium's organisations"
    )


class ProjectPatch(Schema):
    """The values to change; `partners`, when given, replaces the whole list."""

    title: str | None = None
    acronym: str | None = None
    budget: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    partners: list[PartnerIn] | None = None
