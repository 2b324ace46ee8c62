"""Editing and removing an alliance's news and documents (posting and uploading are in
services/alliances.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.alliance import rules  # noqa: F401  (registers the permissions)
from helisa.alliance.models import NewsItem
from helisa.core.translated import clean_translations

NEWS_FIELDS = {"title", "body", "published_at"}


def _require(by, alliance):
    if not by.has_perm("alliance.run_alliance", alliance):
        raise PermissionDenied(_("You may not do this."))


@transaction.atomic
def edit_news(*, news, by, **changes):
    """Changes any of title, body (per language) and published_at; what is not given stays."""
    _require(by, news.alliance)
    news = NewsItem.objects.select_for_update().get(pk=news.pk)
    if "title" in changes:
        news.title = clean_translations(changes["title"])
        if not news.title:
            raise ValidationError({"title": _("Give the news a title in at least one language.")})
    if "body" in changes:
        news.body = clean_translations(changes["body"])
    if changes.get("published_at"):
        news.published_at = changes["published_at"]
    news.save(update_fields=sorted(NEWS_FIELDS & set(changes)))
    return news


@transaction.atomic
def delete_news(*, news, by):
    _require(by, news.alliance)
    news.delete()


@transaction.atomic
def delete_document(*, document, by):
    """The row at once; the stored file once the deletion is committed, so that a rollback
    never leaves a row without its file."""
    _require(by, document.alliance)
    storage, name = document.file.storage, document.file.name
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
