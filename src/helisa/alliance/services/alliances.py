"""Writes to an alliance itself: its documents and its news."""

from django.db import transaction
from django.utils import timezone

from helisa.alliance.documents import check_document, read_head
from helisa.alliance.models import AllianceDocument, NewsItem
from helisa.core.translated import clean_translations


@transaction.atomic
def upload_document(*, alliance, kind, title, file, is_public, by):
    content_type = check_document(name=file.name, size=file.size, head=read_head(file))
    return AllianceDocument.objects.create(
        alliance=alliance,
        kind=kind,
        title=title,
        file=file,
        content_type=content_type,
        size=file.size,
        is_public=is_public,
        uploaded_by=by,
    )


def post_news(*, alliance, title, body, by, published_at=None):
    return NewsItem.objects.create(
        alliance=alliance,
        title=clean_translations(title),
        body=clean_translations(body),
        author=by,
        published_at=published_at or timezone.now(),
    )
