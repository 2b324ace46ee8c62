"""What the alliance endpoints read and write (api/alliances.py, api/alliance_content.py)."""

from datetime import date, datetime

from django.urls import reverse
from ninja import Field, Schema

from helisa.alliance.models import DocumentKind, MemberCategory, MemberState, VoteChoice
from helisa.alliance.services import membership as services
from helisa.registry.models import ClusterKind

from .language import label_in


class AllianceSummary(Schema):
    slug: str
    name: str = Field(description="In the language asked for, with a fallback")
    names: dict[str, str] = Field(description="Every language it has")
    founded_on: date | None
    founded_in: str
    member_count: int = Field(description="Active members")

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.name, context)

    @staticmethod
    def resolve_names(obj):
        return obj.name


class CountryCount(Schema):
    country: str
    members: int


class HelixCount(Schema):
    helix_role: str
    organisations: int


class AllianceDetail(AllianceSummary):
    mission: str
    missions: dict[str, str]
    members_by_country: list[CountryCount]
    helix_mix: list[HelixCount] = Field(
        description="Organisations in the member clusters (and in the clusters of member "
        "associations), by helix role"
    )

    @staticmethod
    def resolve_mission(obj, context):
        return label_in(obj.mission, context)

    @staticmethod
    def resolve_missions(obj):
        return obj.mission


class MemberOut(Schema):
    id: int = Field(alias="pk")
    cluster: int = Field(alias="cluster_id")
    cluster_name: str = Field(alias="cluster.name")
    cluster_kind: ClusterKind = Field(alias="cluster.kind")
    country: str = Field(alias="cluster.organisation.country_id")
    category: MemberCategory
    state: MemberState
    member_since: date | None
    applied_at: datetime


class ResultOut(Schema):
    in_favour: int
    against: int
    abstentions: int
    cast: int
    eligible: int
    is_open: bool
    outcome: MemberState = Field(description="What the result says: member or rejected")


class BallotOut(Schema):
    id: int = Field(alias="pk")
    application: int = Field(alias="application_id")
    deadline: datetime
    opened_at: datetime
    closed_at: datetime | None
    result: ResultOut

    @staticmethod
    def resolve_result(obj):
        return services.ballot_result(obj)


class ApplicationOut(MemberOut):
    motivation: str
    ballots: list[BallotOut]

    @staticmethod
    def resolve_ballots(obj):
        return list(obj.ballots.all())


class MemberFilters(Schema):
    state: MemberState | None = Field(
        None, description="Only the alliance's secretariat may ask for other states than member"
    )
    category: MemberCategory | None = None
    country: str = Field("", description="ISO 3166-1 alpha-2")


class ApplicationIn(Schema):
    cluster: int = Field(description="Id of the cluster organisation that applies")
    category: MemberCategory = MemberCategory.FULL
    motivation: str = Field(min_length=1)


class TransitionIn(Schema):
    to_state: MemberState
    reason: str = ""


class BallotIn(Schema):
    deadline: datetime


class VoteIn(Schema):
    voter: int | None = Field(
        None,
        description="Id of the member (in this alliance) that votes; may be left out when the "
        "caller manages exactly one active member",
    )
    choice: VoteChoice


class VoteOut(Schema):
    id: int = Field(alias="pk")
    ballot: int = Field(alias="ballot_id")
    voter: int = Field(alias="voter_id")
    choice: VoteChoice
    cast_at: datetime


class AllianceIn(Schema):
    slug: str = Field("", description="Part of the address; left empty, made from the name")
    name: dict[str, str] = Field(description="Name per language code, at least one")
    mission: dict[str, str] = Field(default_factory=dict, description="Mission per language")
    founded_on: date | None = None
    founded_in: str = Field("", description="Place of founding")
    secretariat: list[str] = Field(
        default_factory=list, description="Email addresses of the people who run the alliance"
    )


class AlliancePatch(Schema):
    slug: str | None = None
    name: dict[str, str] | None = None
    mission: dict[str, str] | None = None
    founded_on: date | None = None
    founded_in: str | None = None
    secretariat: list[str] | None = Field(
        None, description="Email addresses; replaces the whole secretariat"
    )


class ActivityOut(Schema):
    kind: str = Field(description="`membership` (a change of state) or `declaration`")
    at: datetime
    change: str = Field(
        description="For a membership, its new state; for a declaration event, its kind "
        "(version_opened, authority_confirmed, signed, signature_revoked...)"
    )
    from_state: str | None = Field(description="For a membership: its state before")
    member: int | None = Field(description="For a membership: the member's id")
    cluster: str | None = Field(description="For a membership: the cluster's name")
    declaration: str | None = Field(description="For a declaration event: the declaration's slug")
    version: int | None = Field(description="For a declaration event: the version's number")
    organisation: int | None = Field(description="The organisation concerned, if one is")
    by: str | None = Field(description="Who did it; empty for Helisa itself")
    reason: str = Field(description="Why: a membership's reason, a revocation's")

    @staticmethod
    def resolve_at(entry):
        return entry.event.at

    @staticmethod
    def resolve_change(entry):
        event = entry.event
        return event.to_state if entry.kind == "membership" else event.kind

    @staticmethod
    def resolve_from_state(entry):
        return entry.event.from_state or None if entry.kind == "membership" else None

    @staticmethod
    def resolve_member(entry):
        return entry.event.member_id if entry.kind == "membership" else None

    @staticmethod
    def resolve_cluster(entry):
        return entry.event.member.cluster.name if entry.kind == "membership" else None

    @staticmethod
    def resolve_declaration(entry):
        version = getattr(entry.event, "version", None)
        return version.declaration.slug if version else None

    @staticmethod
    def resolve_version(entry):
        version = getattr(entry.event, "version", None)
        return version.number if version else None

    @staticmethod
    def resolve_organisation(entry):
        if entry.kind == "membership":
            return entry.event.member.cluster_id
        return entry.event.organisation_id

    @staticmethod
    def resolve_by(entry):
        by = entry.event.by
        return (by.full_name or by.email) if by else None

    @staticmethod
    def resolve_reason(entry):
        event = entry.event
        return event.reason if entry.kind == "membership" else event.detail


class DocumentOut(Schema):
    id: int
    kind: DocumentKind
    title: str
    content_type: str
    size: int = Field(description="In bytes")
    is_public: bool = Field(description="False: only the alliance's secretariat sees it")
    uploaded_at: datetime
    file_url: str = Field(description="Where to download it")

    @staticmethod
    def resolve_file_url(obj):
        return reverse(
            "api-1.0.0:alliance_document_file",
            kwargs={"slug": obj.alliance.slug, "document_id": obj.pk},
        )


class DocumentIn(Schema):
    kind: DocumentKind
    title: str = Field(min_length=1, max_length=200)
    is_public: bool = True


class NewsOut(Schema):
    id: int
    title: str = Field(description="In the language asked for, with a fallback")
    titles: dict[str, str] = Field(description="Every language it has")
    body: str
    bodies: dict[str, str]
    published_at: datetime

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)

    @staticmethod
    def resolve_titles(obj):
        return obj.title

    @staticmethod
    def resolve_body(obj, context):
        return label_in(obj.body, context)

    @staticmethod
    def resolve_bodies(obj):
        return obj.body


class NewsIn(Schema):
    title: dict[str, str] = Field(description="Title per language code, at least one")
    body: dict[str, str] = Field(default_factory=dict, description="Text per language code")
    published_at: datetime | None = Field(None, description="Left out: now")


class NewsPatch(Schema):
    title: dict[str, str] | None = None
    body: dict[str, str] | None = None
    published_at: datetime | None = None
