"""Writes to an alliance itself: founding it, editing it, its documents and its news.

The platform secretariat founds an alliance (it hosts every alliance, so it decides which ones
exist); the alliance's secretariat, or the platform's, edits it afterwards.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helisa.alliance import rules  # noqa: F401  (registers the permissions)
from helisa.alliance.documents import check_document, read_head
from helisa.alliance.models import Alliance, AllianceDocument, NewsItem
from helisa.core.models import User
from helisa.core.translated import clean_translations

# First parts of /alliances/<...>/ that are pages of their own, not an alliance's address.
RESERVED_SLUGS = {"new", "receipts", "signatures", "signing-authorities", "organisations"}


def _require(by, permission, obj=None):
    """`by=None` is Helisa itself (the demo), which no permission check applies to."""
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this."))


def _checked(*, name, mission, founded_in):
    name = clean_translations(name)
    if not name:
        raise ValidationError({"name": _("Give the alliance a name in at least one language.")})
    return name, clean_translations(mission), (founded_in or "").strip()[:100]


def _checked_slug(slug, name, *, exclude=None):
    slug = slugify(slug or name.get("en") or next(iter(name.values()), ""))[:50]
    if not slug:
        raise ValidationError({"slug": _("Give the alliance an address.")})
    taken = Alliance.objects.filter(slug=slug).exclude(pk=getattr(exclude, "pk", None))
    if slug in RESERVED_SLUGS or taken.exists():
        raise ValidationError(
            _("This address is taken: choose another one."), code="duplicate_slug"
        )
    return slug


def secretariat_users(emails):
    """The active accounts with these addresses, for an alliance's secretariat; refused when an
    address has none."""
    emails = [email.strip() for email in emails if email.strip()]
    users = list(User.objects.filter(email__in=emails, is_active=True))
    known = {user.email.lower() for user in users}
    unknown = [email for email in emails if email.lower() not in known]
    if unknown:
        raise ValidationError(
            {
                "secretariat": _("No active account has the address %(emails)s.")
                % {"emails": ", ".join(unknown)}
            }
        )
    return users


@transaction.atomic
def found_alliance(
    *, name, mission, founded_on, founded_in, secretariat, by, slug="", is_demo=False
):
    """A new alliance with its secretariat; `slug` empty means from the English name."""
    _require(by, "alliance.found_alliance")
    name, mission, founded_in = _checked(name=name, mission=mission, founded_in=founded_in)
    alliance = Alliance.objects.create(
        slug=_checked_slug(slug, name),
        name=name,
        mission=mission,
        founded_on=founded_on,
        founded_in=founded_in,
        is_demo=is_demo,
    )
    alliance.secretariat.set(secretariat)
    return alliance


@transaction.atomic
def update_alliance(*, alliance, by, **changes):
    """Changes any of name, mission, founded_on, founded_in, slug and secretariat (users)."""
    _require(by, "alliance.change_alliance", alliance)
    alliance = Alliance.objects.select_for_update().get(pk=alliance.pk)
    name, mission, founded_in = _checked(
        name=changes.get("name", alliance.name),
        mission=changes.get("mission", alliance.mission),
        founded_in=changes.get("founded_in", alliance.founded_in),
    )
    if "slug" in changes:
        alliance.slug = _checked_slug(changes["slug"], name, exclude=alliance)
    alliance.name, alliance.mission, alliance.founded_in = name, mission, founded_in
    if "founded_on" in changes:
        alliance.founded_on = changes["founded_on"]
    alliance.save()
    if "secretariat" in changes:
        alliance.secretariat.set(changes["secretariat"])
    return alliance


@transaction.atomic
def upload_document(*, alliance, kind, title, file, is_public, by):
    _require(by, "alliance.run_alliance", alliance)
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
    _require(by, "alliance.run_alliance", alliance)
    title = clean_translations(title)
    if not title:
        raise ValidationError({"title": _("Give the news a title in at least one language.")})
    return NewsItem.objects.create(
        alliance=alliance,
        title=title,
        body=clean_translations(body),
        author=by,
        published_at=published_at or timezone.now(),
    )
