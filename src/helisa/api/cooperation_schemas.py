"""What the cooperation endpoints read and write."""

from datetime import date, datetime

from ninja import Field, Schema

from helisa.cooperation.models import Direction, InterestStatus, ProfileKind, ProfileStatus
from helisa.registry.models import HelixRole

from .language import label_in
from .schemas import CountryRef, SectorRef, TopicRef


class OrganisationRef(Schema):
    id: int
    name: str
    country: str = Field(alias="country_id")

    @staticmethod
    def resolve_name(obj):
        return str(obj)


class ContactOut(Schema):
    name: str
    email: str
    phone: str


class ProfileFilters(Schema):
    q: str = ""
    kind: ProfileKind | None = None
    direction: Direction | None = None
    sector: str = ""
    topic: str = ""
    country: str = ""
    sought_country: str = ""
    helix_role: HelixRole | None = None


class ProfileSummary(Schema):
    id: int
    kind: ProfileKind
    direction: Direction
    title: str = Field(description="In the language asked for, with a fallback")
    organisation: OrganisationRef
    deadline: date | None
    expires_on: date | None
    published_at: datetime | None

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)


class ProfileDetail(ProfileSummary):
    status: ProfileStatus
    titles: dict[str, str] = Field(description="Title per language")
    text: dict[str, str] = Field(description="Text per language")
    sectors: list[SectorRef]
    topics: list[TopicRef]
    countries_sought: list[CountryRef] = Field(description="Empty: partners from anywhere")
    helix_roles_sought: list[HelixRole]
    contact: ContactOut | None = Field(
        description="Only for the profile's organisation and for callers whose expression of "
        "interest was accepted; null for everyone else"
    )
    renewed_at: datetime | None

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
    def resolve_countries_sought(obj):
        return list(obj.countries_sought.all())

    @staticmethod
    def resolve_contact(obj):
        return getattr(obj, "visible_contact", None)


EXPIRES_ON = (
    "The last day the profile is listed, in the future and at most 12 months ahead; null: six "
    "months from publication (from today for a published profile). The owner is reminded two "
    "weeks before."
)


class ProfileIn(Schema):
    organisation: int = Field(description="Id of the organisation the profile speaks for")
    kind: ProfileKind
    direction: Direction | None = Field(
        None, description="Needed unless the kind says it (technology offer or request)"
    )
    title: dict[str, str] = Field(description="Title per language")
    text: dict[str, str] = Field({}, description="Text per language")
    sectors: list[str] = Field([], description="NACE codes")
    topics: list[int] = Field([], description="Topic ids")
    countries_sought: list[str] = Field([], description="ISO alpha-2 codes (UK, EL accepted)")
    helix_roles_sought: list[HelixRole] = []
    deadline: date | None = Field(None, description="Not after the expiry date")
    expires_on: date | None = Field(None, description=EXPIRES_ON)
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    publish: bool = Field(False, description="Publish at once, until `expires_on`")


class ProfilePatch(Schema):
    kind: ProfileKind = None
    direction: Direction | None = None
    title: dict[str, str] = None
    text: dict[str, str] = None
    sectors: list[str] = None
    topics: list[int] = None
    countries_sought: list[str] = None
    helix_roles_sought: list[HelixRole] = None
    deadline: date | None = None
    expires_on: date | None = Field(None, description=EXPIRES_ON)
    contact_name: str = None
    contact_email: str = None
    contact_phone: str = None


class RenewIn(Schema):
    expires_on: date | None = Field(
        None,
        description="Listed until this day, at most 12 months ahead; null or left out: "
        "six months from today",
    )


class InterestIn(Schema):
    organisation: int = Field(description="Id of the organisation the caller speaks for")
    message: str


class InterestOut(Schema):
    id: int
    profile: int = Field(alias="profile_id")
    organisation: OrganisationRef
    message: str
    status: InterestStatus
    created_at: datetime
    answered_at: datetime | None


class InterestView(InterestOut):
    profile_title: str = Field(description="In the language asked for, with a fallback")
    profile_organisation: OrganisationRef

    @staticmethod
    def resolve_profile_title(obj, context):
        return label_in(obj.profile.title, context)

    @staticmethod
    def resolve_profile_organisation(obj):
        return obj.profile.organisation


class InterestReceived(InterestView):
    """An expression of interest seen by the profile's side."""

    contact: ContactOut | None = Field(
        description="The person who wrote, once the interest is accepted; null before"
    )

    @staticmethod
    def resolve_contact(obj):
        person = obj.created_by
        if obj.status != InterestStatus.ACCEPTED or person is None:
            return None
        return {"name": person.full_name, "email": person.email, "phone": ""}


class InterestSent(InterestView):
    """An expression of interest seen by the interested side."""

    contact: ContactOut | None = Field(
        description="The profile's contact, once the interest is accepted; null before"
    )

    @staticmethod
    def resolve_contact(obj):
        if obj.status != InterestStatus.ACCEPTED:
            return None
        profile = obj.profile
        return {
            "name": profile.contact_name,
            "email": profile.contact_email,
            "phone": profile.contact_phone,
        }
