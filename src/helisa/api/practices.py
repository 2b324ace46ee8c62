"""Good practices: the public library, writing by the authors' managers, moderation by the
secretariat, and adoption, with the rules of the UI (cooperation/rules_practices.py)."""

from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from helisa.cooperation.models import GoodPractice, PracticeStatus
from helisa.cooperation.queries_practices import filter_practices, practice_for_page
from helisa.cooperation.services import practices as services
from helisa.registry.models import Cluster, Organisation

from .auth import SessionAuth, TokenAuth, signed_in
from .language import label_in
from .pagination import LimitOffset
from .permissions import require
from .references import resolve
from .schemas import READ_ERRORS, WRITE_ERRORS, SectorRef, TopicRef

router = Router(tags=["Good practices"])


def _anonymous(request):
    return AnonymousUser()


maybe_signed_in = [TokenAuth(), SessionAuth(), _anonymous]


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


def _detail(pk, user):
    practice = practice_for_page(pk)
    if practice is None or not user.has_perm("cooperation.view_practice", practice):
        raise Http404
    practice.shows_note = user.has_perm("cooperation.manage_practice", practice)
    return practice


def _values(data):
    authors = data.pop("authors", None)
    values = resolve(data)
    if authors is not None:
        found = Cluster.objects.select_related("organisation").in_bulk(authors)
        missing = [str(pk) for pk in authors if pk not in found]
        if missing:
            raise ValidationError(
                {"authors": _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}}
            )
        values["authors"] = [found[pk] for pk in dict.fromkeys(authors)]
    return values


@router.get(
    "/cooperation/practices",
    response={200: list[PracticeSummary], 422: READ_ERRORS[422]},
    summary="List good practices",
    description="Published cases, newest first. `q` searches titles, sections, indicators and "
    "authors in every language.",
)
@paginate(LimitOffset)
def list_practices(request, filters: Query[PracticeFilters]):
    return filter_practices(filters.dict())


@router.get(
    "/cooperation/practices/{int:practice_id}",
    response={200: PracticeDetail, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One good practice",
    description="Drafts and cases in review are seen only by their authors and the secretariat.",
)
def get_practice(request, practice_id: int):
    return _detail(practice_id, request.auth)


@router.post(
    "/cooperation/practices",
    response={201: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Write a good practice",
    description="A draft, authored by clusters one of which the caller manages.",
)
def create_practice(request, payload: PracticeIn):
    practice = services.create_practice(by=request.auth, **_values(payload.dict()))
    return 201, _detail(practice.pk, request.auth)


@router.patch(
    "/cooperation/practices/{int:practice_id}",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a good practice",
    description="Authors change drafts and rejected cases; the secretariat any case. Changes "
    "only the fields sent.",
)
def change_practice(request, practice_id: int, payload: PracticePatch):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.change_practice", practice)
    services.update_practice(
        practice=practice, by=request.auth, **_values(payload.dict(exclude_unset=True))
    )
    return _detail(practice.pk, request.auth)


def _transition(request, practice_id, action, reason=""):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.manage_practice", practice)
    services.transition(practice=practice, action=action, by=request.auth, reason=reason)
    return _detail(practice.pk, request.auth)


@router.post(
    "/cooperation/practices/{int:practice_id}/submit",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Send a good practice for review",
    description="By the authors, for a draft or rejected case with a title, problem and solution.",
)
def submit_practice(request, practice_id: int):
    return _transition(request, practice_id, "submit")


@router.post(
    "/cooperation/practices/{int:practice_id}/publish",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish a good practice",
    description="By the secretariat, for a case in review.",
)
def publish_practice(request, practice_id: int):
    return _transition(request, practice_id, "publish")


@router.post(
    "/cooperation/practices/{int:practice_id}/return",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Send a good practice back, or reject it",
    description="By the secretariat, with a reason the authors read.",
)
def return_practice(request, practice_id: int, payload: ReturnIn):
    action = "reject" if payload.reject else "return"
    return _transition(request, practice_id, action, payload.reason)


def _visible(request, practice_id):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    if not request.auth.has_perm("cooperation.view_practice", practice):
        raise Http404
    return practice


@router.post(
    "/cooperation/practices/{int:practice_id}/adoption-interests",
    response={201: AdoptionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="We want to adopt this",
    description="Emails the authors' cluster managers, once per organisation.",
)
def adoption_interest(request, practice_id: int, payload: AdoptionIn):
    practice = _visible(request, practice_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    interest = services.want_to_adopt(
        practice=practice, organisation=organisation, by=request.auth, message=payload.message
    )
    return 201, interest


@router.post(
    "/cooperation/practices/{int:practice_id}/feedback",
    response={201: FeedbackOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="We adopted it",
    description="Shown on the case to every reader, once per organisation.",
)
def give_feedback(request, practice_id: int, payload: FeedbackIn):
    practice = _visible(request, practice_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    feedback = services.give_feedback(
        practice=practice,
        organisation=organisation,
        by=request.auth,
        text=payload.text,
        adopted_on=payload.adopted_on,
    )
    return 201, feedback
