"""What the partner recommendation endpoints read and write."""

from ninja import Field, Schema

from helisa.registry.models import HelixRole

from .cooperation_schemas import OrganisationRef


class RecommendationIn(Schema):
    text: str = Field("", max_length=4000, description="What is sought, in any language")
    topic_codes: list[str] = Field([], description="Topic codes (EuroSciVoc paths or call codes)")
    sector_codes: list[str] = Field([], description="NACE codes")
    start_organisation_id: int | None = Field(
        None, description="The organisation asking: earlier cooperation counts, it is left out"
    )
    countries: list[str] = Field([], description="Countries sought (ISO alpha-2; EL and UK too)")
    helix_roles: list[HelixRole] = Field([], description="Helix roles sought")
    limit: int = Field(20, ge=1, le=50)


class ReasonOut(Schema):
    kind: str = Field(
        description="earlier_cooperation, partners_of_partners, shared_topics, shared_programme, "
        "shared_sectors, similar_subject, complementary_role, role_sought, country_sought"
    )
    values: list[str | int | float] = Field(
        description="What the reason states: codes, organisation ids, counts or a text and its "
        "similarity"
    )
    text: str = Field(description="The reason in plain words, in the language asked for")


class RecommendationOut(Schema):
    organisation: OrganisationRef
    helix_role: HelixRole
    score: float = Field(
        description="What ranks the list, higher first; it compares partners within one list "
        "only (its zero means nothing)"
    )
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_helix_role(obj):
        return obj.organisation.helix_role
