"""What the good-practice endpoints read and write."""

from datetime import date, datetime

from ninja import Field, Schema

from helisa.cooperation.models import AttachmentStatus, PracticeStatus

from .language import label_in
from .schemas import SectorRef, TopicRef


class PracticeFilters(Schema):
    q: str = Field("", description="Words searched in every language, accents ignored")
    sector: str = Field("", description="NACE code; a section or division includes its classes")
    topic: str = Field("", description="Topic id or code")
    country: str = Field("", description="ISO alpha-2 code of a country the case was done in")
    cluster: int | None = Field(None, description="Id of an author cluster")


class AuthorRef(Schema):
    id: int = Field(alias="pk")
    name: str
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.organisation.country_id


class Indicator(Schema):
    name: str
    value: str
    unit: str = ""


class PracticeSummary(Schema):
    id: int
    title: str = Field(description="In the language asked for, with a fallback")
    authors: list[AuthorRef]
    countries: list[str]
    published_at: datetime | None

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)

    @staticmethod
    def resolve_authors(obj):
        return list(obj.authors.all())


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    status: AttachmentStatus = Field(
        description="pending: added to a case in review or published, shown to readers once "
        "the secretariat approves it; removal: the authors asked to remove it"
    )
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class FeedbackOut(Schema):
    id: int
    organisation: str
    text: str
    adopted_on: date | None
    created_at: datetime

    @staticmethod
    def resolve_organisation(obj):
        return str(obj.organisation)


class PracticeDetail(PracticeSummary):
    status: PracticeStatus
    titles: dict[str, str] = Field(description="Title per language")
    problem: dict[str, str]
    solution: dict[str, str]
    results: dict[str, str]
    resources: dict[str, str]
    transferability: dict[str, str]
    indicators: list[Indicator]
    contact_name: str
    contact_email: str
    sectors: list[SectorRef]
    topics: list[TopicRef]
    attachments: list[AttachmentOut]
    feedback: list[FeedbackOut] = Field(description="'We adopted it' from other organisations")
    review_note: str = Field(description="The secretariat's reason; only for authors")

    @staticmethod
    def resolve_titles(obj):
        return obj.title

    @staticmethod
    def resolve_sectors(obj):
        return list(obj.sectors.all())

    @staticmethod
    def resolve_topics(obj):
        return list(obj.topics.all())

    @staticmethod
    def resolve_attachments(obj):
        # Files awaiting the secretariat's approval are for the authors only (shows_note).
        return [a for a in obj.attachments.all() if a.is_public or getattr(obj, "shows_note", 0)]

    @staticmethod
    def resolve_feedback(obj):
        return list(obj.adoption_feedback.all())

    @staticmethod
    def resolve_review_note(obj):
        return obj.review_note if getattr(obj, "shows_note", False) else ""


class PracticeIn(Schema):
    authors: list[int] = Field(description="Ids of author clusters; at least one you manage")
    title: dict[str, str] = Field(description="Title per language")
    problem: dict[str, str] = {}
    solution: dict[str, str] = {}
    results: dict[str, str] = {}
    resources: dict[str, str] = {}
    transferability: dict[str, str] = {}
    indicators: list[Indicator] = []
    contact_name: str = ""
    contact_email: str = ""
    sectors: list[str] = Field([], description="NACE codes")
    topics: list[int] = Field([], description="Topic ids")
    countries: list[str] = Field([], description="ISO alpha-2 codes (UK, EL accepted)")


class PracticePatch(Schema):
    authors: list[int] = None
    title: dict[str, str] = None
    problem: dict[str, str] = None
    solution: dict[str, str] = None
    results: dict[str, str] = None
    resources: dict[str, str] = None
    transferability: dict[str, str] = None
    indicators: list[Indicator] = None
    contact_name: str = None
    contact_email: str = None
    sectors: list[str] = None
    topics: list[int] = None
    countries: list[str] = None


class ReturnIn(Schema):
    reason: str
    reject: bool = Field(False, description="Reject rather than send back to draft")


class RejectIn(Schema):
    reason: str = Field(description="Why, for the authors")


class AdoptionIn(Schema):
    organisation: int = Field(description="Id of the organisation the caller speaks for")
    message: str


class AdoptionOut(Schema):
    id: int
    practice: int = Field(alias="practice_id")
    organisation: int = Field(alias="organisation_id")
    message: str
    created_at: datetime


class FeedbackIn(Schema):
    organisation: int = Field(description="Id of the organisation the caller speaks for")
    text: str
    adopted_on: date | None = None
