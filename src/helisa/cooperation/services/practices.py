"""Every change of a good practice: writing, moderation, adoption and feedback (attachments in
practice_attachments.py)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.models import (
    AdoptionFeedback,
    AdoptionInterest,
    GoodPractice,
    PracticeStatus,
)
from helisa.cooperation.models.practices import SECTIONS
from helisa.cooperation.queries import organisations_represented_by
from helisa.cooperation.queries_practices import clusters_managed_by
from helisa.core.countries import to_iso
from helisa.core.translated import clean_translations
from helisa.registry.models import Country

from .practice_attachments import (  # noqa: F401 (the attachment services, under their old address)
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    add_attachment,
    check_attachment,
    delete_attachment,
    review_attachment,
)
from .practice_coauthors import sync_invitations
from .practice_notify import tell_authors

S = PracticeStatus
TEXTS = ("title", *(name for name, _label in SECTIONS))
_SCALAR = ("contact_name", "contact_email")
_MANY = ("sectors", "topics")


def _require(by, permission, obj, message=None):
    if not by.has_perm(permission, obj):
        raise PermissionDenied(message or _("You may not change this good practice."))


# Writing


def _indicators(rows):
    cleaned, errors = [], []
    for row in rows or []:
        name = str(row.get("name") or "").strip()
        value = str(row.get("value") if row.get("value") is not None else "").strip()
        unit = str(row.get("unit") or "").strip()
        if not (name or value or unit):
            continue
        if not name or not value:
            errors.append(_("Each indicator needs a name and a value."))
            continue
        cleaned.append({"name": name[:200], "value": value[:50], "unit": unit[:50]})
    if errors:
        raise ValidationError({"indicators": errors[0]})
    return cleaned


def _countries(codes):
    try:
        iso = sorted({to_iso(str(code)) for code in codes or []})
    except ValueError:
        raise ValidationError({"countries": _("Unknown country code.")}) from None
    known = set(Country.objects.filter(code__in=iso).values_list("code", flat=True))
    if missing := [code for code in iso if code not in known]:
        raise ValidationError(
            {"countries": _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return iso


def _apply(practice, values):
    for name in TEXTS:
        if name in values:
            setattr(practice, name, clean_translations(values[name]))
    for name in _SCALAR:
        if name in values:
            setattr(practice, name, (values[name] or "").strip())
    if "indicators" in values:
        practice.indicators = _indicators(values["indicators"])
    if "countries" in values:
        practice.countries = _countries(values["countries"])
    if not practice.title:
        raise ValidationError(
            {"title": _("Give the good practice a title in at least one language.")}
        )


def _check_authors(authors, by, *, current=()):
    """(clusters named at once, clusters to invite). The writer names the clusters they manage
    and keeps the authors already named; any other cluster must consent first."""
    authors = list(dict.fromkeys(authors or []))
    if not authors:
        raise ValidationError({"authors": _("Name at least one cluster organisation as author.")})
    # No `by` is a trusted caller (the demo, an import), not a person; the secretariat records
    # authorship as moderator (e.g. a case handed in on paper).
    if by is None or by.is_secretariat:
        return authors, []
    managed = set(
        clusters_managed_by(by).filter(pk__in=[a.pk for a in authors]).values_list("pk", flat=True)
    )
    if not managed:
        raise PermissionDenied(_("You may write good practices only for clusters you manage."))
    keep = managed | {cluster.pk for cluster in current}
    return [a for a in authors if a.pk in keep], [a for a in authors if a.pk not in keep]


def _save(practice, values, authors):
    practice.search_text = practice.folded_text(authors)
    practice.save()
    practice.authors.set(authors)
    for name in _MANY:
        if name in values:
            getattr(practice, name).set(values[name] or [])


@transaction.atomic
def create_practice(*, authors, by, is_demo=False, **values):
    authors, invited = _check_authors(authors, by)
    practice = GoodPractice(created_by=by, is_demo=is_demo)
    _apply(practice, values)
    _save(practice, values, authors)
    sync_invitations(practice=practice, clusters=invited, by=by)
    return practice


@transaction.atomic
def update_practice(*, practice, by, authors=None, **values):
    _require(by, "cooperation.change_practice", practice)
    current = list(practice.authors.select_related("organisation"))
    invited = None
    if authors is not None:
        authors, invited = _check_authors(authors, by, current=current)
    _apply(practice, values)
    _save(practice, values, current if authors is None else authors)
    if invited is not None:
        sync_invitations(practice=practice, clusters=invited, by=by)
    return practice


# Moderation: the one place where a case changes state.

# action -> (states it starts from, state it leads to, permission, needs a reason)
TRANSITIONS = {
    "submit": ((S.DRAFT, S.REJECTED), S.IN_REVIEW, "cooperation.submit_practice", False),
    "publish": ((S.IN_REVIEW,), S.PUBLISHED, "cooperation.moderate_practice", False),
    "return": ((S.IN_REVIEW, S.PUBLISHED), S.DRAFT, "cooperation.moderate_practice", True),
    "reject": ((S.IN_REVIEW,), S.REJECTED, "cooperation.moderate_practice", True),
}


def _check_complete(practice):
    missing = [name for name in ("title", "problem", "solution") if not getattr(practice, name)]
    if missing:
        raise ValidationError(
            {name: _("Write this section before sending the case for review.") for name in missing}
        )


@transaction.atomic
def transition(*, practice, action, by, reason="", now=None):
    """Authors submit; the secretariat publishes, sends back (to draft) or rejects, with a
    reason the authors read. Anything else is refused."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    sources, target, permission, needs_reason = TRANSITIONS[action]
    given, practice = practice, GoodPractice.objects.select_for_update().get(pk=practice.pk)
    # Someone who manages the case but asks at the wrong moment is told why, not just refused.
    manages = by.has_perm("cooperation.manage_practice", practice)
    if not by.has_perm(permission, practice) and (practice.status in sources or not manages):
        raise PermissionDenied(_("You may not do this with this good practice."))
    if practice.status not in sources:
        raise ValidationError(
            _("A good practice that is %(status)s cannot be changed this way.")
            % {"status": practice.get_status_display().lower()}
        )
    reason = (reason or "").strip()
    if needs_reason and not reason:
        raise ValidationError({"reason": _("Tell the authors why.")})
    now = now or timezone.now()
    practice.status = target
    if action == "submit":
        _check_complete(practice)
        practice.submitted_at = now
    else:
        practice.reviewed_by = by
        practice.review_note = reason
    if target == S.PUBLISHED:
        practice.published_at = practice.published_at or now
    changed = ["status", "submitted_at", "published_at", "reviewed_by", "review_note", "updated_at"]
    practice.save(update_fields=changed)
    for name in changed:
        setattr(given, name, getattr(practice, name))
    if action != "submit":
        _tell_authors(practice, action=action, by=by)
    return practice


def _tell_authors(practice, *, action, by):
    tell_authors(
        practice, template="practice_reviewed", by=by, action=action, reason=practice.review_note
    )


def submit_practice(*, practice, by):
    return transition(practice=practice, action="submit", by=by)


def publish_practice(*, practice, by):
    return transition(practice=practice, action="publish", by=by)


def return_practice(*, practice, by, reason, reject=False):
    return transition(
        practice=practice, action="reject" if reject else "return", by=by, reason=reason
    )


# Adoption


def _responding_organisation(practice, organisation, by):
    if not organisations_represented_by(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may not speak for this organisation."))
    if practice.status != S.PUBLISHED:
        raise ValidationError(_("This good practice is not published."))
    if practice.authors.filter(organisation=organisation).exists():
        raise ValidationError(_("The authors cannot answer their own good practice."))


def want_to_adopt(*, practice, organisation, by, message):
    """'We want to adopt this': the authors' cluster managers are emailed."""
    _responding_organisation(practice, organisation, by)
    if not (message or "").strip():
        raise ValidationError({"message": _("Write a few words to the authors.")})
    try:
        with transaction.atomic():
            interest = AdoptionInterest.objects.create(
                practice=practice, organisation=organisation, created_by=by, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError(
            _("This organisation has already told the authors it wants to adopt this.")
        ) from None
    tell_authors(
        practice,
        template="practice_adoption_interest",
        by=by,
        kind=kinds.PRACTICE_ADOPTION_INTEREST,
        interest=interest,
        sender=by,
    )
    return interest


def give_feedback(*, practice, organisation, by, text, adopted_on=None):
    """'We adopted it': shown on the case to every reader."""
    _responding_organisation(practice, organisation, by)
    if not (text or "").strip():
        raise ValidationError({"text": _("Tell the others how you adopted it.")})
    if adopted_on and adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("The date cannot be in the future.")})
    try:
        with transaction.atomic():
            return AdoptionFeedback.objects.create(
                practice=practice,
                organisation=organisation,
                created_by=by,
                text=text.strip(),
                adopted_on=adopted_on,
            )
    except IntegrityError:
        raise ValidationError(
            _("This organisation has already told how it adopted this good practice.")
        ) from None
