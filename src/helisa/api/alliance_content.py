"""An alliance's documents (statutes, minutes) and news: public reading, the secretariat writes.

Uploads pass the same type and size checks as the UI (alliance/documents.py); a private document
is found only by the secretariat, as on the alliance page.
"""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, UploadedFile
from ninja.pagination import paginate

from helisa.alliance import queries
from helisa.alliance import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.alliance.services import alliance_content as content
from helisa.alliance.services import alliances as alliance_services

from .alliance_access import readers
from .alliance_schemas import DocumentIn, DocumentOut, NewsIn, NewsOut, NewsPatch
from .auth import signed_in
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Alliance documents and news"])

RUN = "alliance.run_alliance"
FILE_RESPONSE = {"responses": {"200": {"description": "The file", "content": {"*/*": {}}}}}


def _runs(request, alliance):
    return request.auth.has_perm(RUN, alliance)


def _run_alliance(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request.auth, RUN, alliance)
    return alliance


def _delete(request, slug, related, pk, delete):
    """`delete` (a service) removes the alliance's item `pk` of `related` (documents, news)."""
    alliance = _run_alliance(request, slug)
    item = get_object_or_404(getattr(alliance, related), pk=pk)
    delete(item, by=request.auth)
    return 204, None


def _document(request, slug, document_id):
    alliance = queries.alliance_by_slug(slug)
    document = get_object_or_404(alliance.documents, pk=document_id)
    if not document.is_public and not _runs(request, alliance):
        raise Http404  # a private document does not show that it exists
    return document


# Documents


@router.get(
    "/alliances/{slug}/documents",
    response={200: list[DocumentOut], **READ_ERRORS},
    auth=readers,
    summary="Documents of an alliance",
    description="Statutes, minutes and other documents, newest first. The alliance's "
    "secretariat also sees the private ones.",
)
@paginate(LimitOffset)
def list_documents(request, slug: str):
    alliance = queries.alliance_by_slug(slug)
    return queries.public_documents(alliance, include_private=_runs(request, alliance)).order_by(
        "-uploaded_at", "-pk"
    )


@router.get(
    "/alliances/{slug}/documents/{int:document_id}/file",
    response={404: READ_ERRORS[404]},
    auth=readers,
    url_name="alliance_document_file",
    openapi_extra=FILE_RESPONSE,
    summary="Download a document",
    description="The file as uploaded. A private document is found only by the secretariat.",
)
def document_file(request, slug: str, document_id: int):
    document = _document(request, slug, document_id)
    extension = document.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        document.file.open("rb"),
        content_type=document.content_type,
        as_attachment=True,
        filename=f"{slug}-{document.kind}-{document.pk}.{extension}",
    )


@router.post(
    "/alliances/{slug}/documents",
    response={201: DocumentOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Upload a document (secretariat)",
    description="A form (multipart/form-data) with `kind`, `title`, `is_public` and the `file`: "
    "PDF, ODT or DOCX of at most 20 MB, whose content matches its extension.",
)
def upload_document(request, slug: str, payload: Form[DocumentIn], file: File[UploadedFile]):
    alliance = _run_alliance(request, slug)
    try:
        document = alliance_services.upload_document(
            alliance=alliance, by=request.auth, file=file, **payload.dict()
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    return 201, document


@router.delete(
    "/alliances/{slug}/documents/{int:document_id}",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Delete a document (secretariat)",
    description="The document and its file.",
)
def delete_document(request, slug: str, document_id: int):
    return _delete(
        request,
        slug,
        "documents",
        document_id,
        lambda document, by: content.delete_document(document=document, by=by),
    )


# News


@router.get(
    "/alliances/{slug}/news",
    response={200: list[NewsOut], **READ_ERRORS},
    summary="News of an alliance",
    description="Newest first, in the language asked for (`lang`) and in every language it has.",
)
@paginate(LimitOffset)
def list_news(request, slug: str):
    return queries.alliance_by_slug(slug).news.order_by("-published_at", "-pk")


@router.post(
    "/alliances/{slug}/news",
    response={201: NewsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish news (secretariat)",
    description="A title in at least one language, and the text per language.",
)
def create_news(request, slug: str, payload: NewsIn):
    alliance = _run_alliance(request, slug)
    return 201, alliance_services.post_news(alliance=alliance, by=request.auth, **payload.dict())


@router.patch(
    "/alliances/{slug}/news/{int:news_id}",
    response={200: NewsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Edit news (secretariat)",
    description="Only the fields sent change; `title` and `body` replace every language.",
)
def update_news(request, slug: str, news_id: int, payload: NewsPatch):
    alliance = _run_alliance(request, slug)
    news = get_object_or_404(alliance.news, pk=news_id)
    changes = {
        field: value
        for field, value in payload.dict(exclude_unset=True).items()
        if value is not None
    }
    return content.edit_news(news=news, by=request.auth, **changes)


@router.delete(
    "/alliances/{slug}/news/{int:news_id}",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Delete news (secretariat)",
    description="It disappears from the alliance's page.",
)
def delete_news(request, slug: str, news_id: int):
    return _delete(
        request, slug, "news", news_id, lambda news, by: content.delete_news(news=news, by=by)
    )
