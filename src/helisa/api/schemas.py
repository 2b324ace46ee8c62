"""What the API reads and writes. Output schemas read model instances; names of countries,
sectors and topics are given in the language asked for with ?lang=."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from helisa.registry.models import (
    BusinessSize,
    ClusterKind,
    EscaLabel,
    HelixRole,
    MembershipStatus,
)

from .language import country_name_in, label_in

# Errors


class ErrorDetail(Schema):
    field: str | None = Field(None, description="The field at fault, if one is")
    message: str


class ErrorBody(Schema):
    code: str = Field(
        description="validation_error, not_found, permission_denied, not_authenticated, "
        "conflict, bad_request, server_error"
    )
    message: str
    details: list[ErrorDetail] = []


class Error(Schema):
    error: ErrorBody


READ_ERRORS = {404: Error, 422: Error}
WRITE_ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


# Reference data


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2")
    eu_code: str = Field(description="The code in EU statistics: UK and EL for GB and GR")
    name: str

    @staticmethod
    def resolve_name(obj, context):
        return country_name_in(obj.code, context)


class RegionOut(Schema):
    code: str
    level: int
    country: str = Field(alias="country_id")
    parent: str | None = Field(alias="parent_id")
    name_latin: str
    name_native: str
    label_lon: float | None
    label_lat: float | None


class RegionDetail(RegionOut):
    bbox: list[float] | None = Field(description="[min_lon, min_lat, max_lon, max_lat]")
    boundary: dict | None = Field(description="GeoJSON geometry (WGS84)")

    @staticmethod
    def resolve_bbox(obj):
        box = [obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat]
        return None if None in box else box


class SectorOut(Schema):
    code: str
    level: int
    parent: str | None = Field(alias="parent_id")
    name: str
    label: dict[str, str] = Field(description="The name in every language it has")

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.label, context)


class TopicOut(Schema):
    id: int
    scheme: str
    code: str
    level: int
    parent: int | None = Field(alias="parent_id")
    path: str
    name: str
    label: dict[str, str]

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.label, context)


class SectorRef(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.label, context)


class TopicRef(Schema):
    id: int
    scheme: str
    code: str
    name: str

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.label, context)


class RegionRef(Schema):
    code: str
    level: int
    name: str = Field(alias="name_latin")


class CountryRef(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj, context):
        return country_name_in(obj.code, context)


# Organisations


class OrganisationSummary(Schema):
    id: int
    legal_name: str
    short_name: str
    helix_role: HelixRole
    country: str = Field(alias="country_id")
    region: str | None = Field(alias="region_id")
    city: str
    website: str
    is_demo: bool = Field(description="Demonstration data, not a real record")


class ClusterRef(Schema):
    id: int = Field(alias="pk")
    name: str


class AffiliateRef(Schema):
    id: int = Field(alias="pk")
    legal_name: str


class MembershipOfOrganisation(Schema):
    cluster: ClusterRef
    since: date | None
    status: MembershipStatus


class OrganisationDetail(Schema):
    id: int
    legal_name: str
    short_name: str
    helix_role: HelixRole
    business_size: str
    country: CountryRef
    region: RegionRef | None
    street: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str
    vat_number: str
    pic: str
    description: dict[str, str] = Field(description="Text per language, keyed by language code")
    sectors: list[SectorRef]
    topics: list[TopicRef]
    cluster: ClusterRef | None = Field(description="Its own cluster profile, if it manages one")
    memberships: list[MembershipOfOrganisation] = Field(description="Clusters it belongs to")
    controlled_by: AffiliateRef | None = Field(
        description="The organisation that controls it: affiliated organisations count as one "
        "independent legal entity in calls such as Horizon Europe"
    )
    controls: list[AffiliateRef] = Field(description="The organisations it controls directly")
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_sectors(obj):
        return list(obj.sectors.all())

    @staticmethod
    def resolve_topics(obj):
        return list(obj.topics.all())

    @staticmethod
    def resolve_memberships(obj):
        return list(obj.memberships.all())

    @staticmethod
    def resolve_cluster(obj):
        return getattr(obj, "cluster", None)

    @staticmethod
    def resolve_controls(obj):
        return list(obj.subsidiaries.all())


_CONTROLLED_BY = (
    "Id of the organisation that controls it or heads its group; it may not be one it controls"
)


class OrganisationIn(Schema):
    legal_name: str = Field(min_length=1, max_length=300)
    short_name: str = Field("", max_length=100)
    helix_role: HelixRole
    business_size: BusinessSize = BusinessSize.UNKNOWN
    country: str = Field(description="ISO 3166-1 alpha-2", min_length=2, max_length=2)
    region: str | None = Field(None, description="NUTS 3 code; derived from coordinates if empty")
    street: str = ""
    postcode: str = ""
    city: str = ""
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    website: str = ""
    vat_number: str = ""
    pic: str = ""
    description: dict[str, str] = {}
    sectors: list[str] = Field([], description="NACE codes")
    topics: list[int] = Field([], description="Topic ids")
    controlled_by: int | None = Field(None, description=_CONTROLLED_BY)
    not_a_duplicate: bool = Field(
        False, description="Register it although similar names are in the same country"
    )


class OrganisationPatch(Schema):
    legal_name: str | None = Field(None, min_length=1, max_length=300)
    short_name: str | None = Field(None, max_length=100)
    helix_role: HelixRole | None = None
    business_size: BusinessSize | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    region: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    website: str | None = None
    vat_number: str | None = None
    pic: str | None = None
    description: dict[str, str] | None = None
    sectors: list[str] | None = None
    topics: list[int] | None = None
    controlled_by: int | None = Field(None, description=_CONTROLLED_BY + "; null: none")
    not_a_duplicate: bool = Field(
        False, description="Rename it although similar names are in the same country"
    )


# Clusters


class ClusterSummary(Schema):
    id: int = Field(alias="pk", description="The same as its organisation's id")
    name: str
    kind: ClusterKind
    organisation: int = Field(alias="organisation_id")
    country: str = Field(alias="organisation.country_id")
    region: str | None = Field(alias="organisation.region_id")
    is_validated: bool
    esca_label: str
    esca_valid_until: date | None
    is_demo: bool = Field(description="Demonstration data, not a real record")


class MembersSummary(Schema):
    active: int
    total: int
    cross_border: int
    by_helix_role: dict[str, int]


class ValidationOut(Schema):
    is_validated: bool
    reviewed: bool
    meets_eccp_rules: bool
    active_members: int
    helix_types: int
    staff_fte: Decimal
    unmet: list[str] = Field(description="Why the cluster is not (yet) validated")


class ClusterDetail(Schema):
    id: int = Field(alias="pk")
    name: str
    kind: ClusterKind
    organisation: OrganisationSummary
    staff_fte: Decimal
    founded_year: int | None
    eccp_url: str
    esca_label: str
    esca_valid_until: date | None
    is_demo: bool
    focus_sectors: list[SectorRef]
    focus_topics: list[TopicRef]
    regions: list[RegionRef]
    members: MembersSummary
    validation: ValidationOut

    @staticmethod
    def resolve_focus_sectors(obj):
        return list(obj.focus_sectors.all())

    @staticmethod
    def resolve_focus_topics(obj):
        return list(obj.focus_topics.all())

    @staticmethod
    def resolve_regions(obj):
        return list(obj.regions.all())

    @staticmethod
    def resolve_members(obj):
        return obj.members_summary

    @staticmethod
    def resolve_validation(obj):
        return obj.validation


class ClusterIn(Schema):
    organisation: int = Field(description="The organisation that manages the cluster")
    name: str = Field(min_length=1, max_length=300)
    kind: ClusterKind = ClusterKind.CLUSTER
    staff_fte: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=2)
    founded_year: int | None = Field(None, ge=1800, le=2100)
    eccp_url: str = ""
    esca_label: EscaLabel = EscaLabel.NONE
    esca_valid_until: date | None = None
    focus_sectors: list[str] = Field([], description="NACE codes")
    focus_topics: list[int] = Field([], description="Topic ids")
    regions: list[str] = Field([], description="NUTS codes")


class ClusterPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    kind: ClusterKind | None = None
    staff_fte: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=2)
    founded_year: int | None = Field(None, ge=1800, le=2100)
    eccp_url: str | None = None
    esca_label: EscaLabel | None = None
    esca_valid_until: date | None = None
    focus_sectors: list[str] | None = None
    focus_topics: list[int] | None = None
    regions: list[str] | None = None


class MemberRef(Schema):
    id: int
    legal_name: str
    short_name: str
    helix_role: HelixRole
    country: str = Field(alias="country_id")


class MembershipOut(Schema):
    member: MemberRef
    since: date | None
    status: MembershipStatus
    is_cross_border: bool


class MembershipIn(Schema):
    member_id: int
    since: date | None = None
    status: MembershipStatus = MembershipStatus.ACTIVE


class MembershipPatch(Schema):
    status: MembershipStatus


# Callers


class MeOut(Schema):
    email: str
    full_name: str
    is_secretariat: bool
    token: str | None = Field(None, description="Name of the token used, if one was")
