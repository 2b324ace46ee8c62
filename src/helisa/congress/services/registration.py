"""Registration for a congress: places, the waiting list, cancellation.

Places are counted inside a lock on the category's row, so two people can never take the last
place at once (PostgreSQL: SELECT ... FOR UPDATE; SQLite: writers are serialised by the
IMMEDIATE transactions settings.py asks for).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress.models import Registration, RegistrationCategory
from helisa.congress.models import RegistrationStatus as S

from .registration_mail import send_registration_mail


def register(*, congress, user, category, name_on_badge, organisation=None, language, notify=True):
    """Confirm a place in `category`, or put the person on its waiting list when it is full."""
    if not congress.registration_open:
        raise ValidationError(_("Registration for this congress is closed."), code="closed")
    with transaction.atomic():
        category = RegistrationCategory.objects.select_for_update().get(pk=category.pk)
        if category.congress_id != congress.pk:
            raise ValidationError(
                _("This category belongs to another congress."), code="wrong_congress"
            )
        registration = Registration.objects.filter(congress=congress, user=user).first()
        if registration is not None and registration.status != S.CANCELLED:
            raise ValidationError(
                _("You are already registered for this congress."), code="already_registered"
            )
        if not name_on_badge.strip():
            raise ValidationError(_("A name for the badge is needed."), code="no_name")
        now = timezone.now()
        status = S.CONFIRMED if _has_place(category) else S.WAITING
        registration = registration or Registration(congress=congress, user=user)
        registration.category = category
        registration.status = status
        registration.name_on_badge = name_on_badge.strip()
        registration.organisation = organisation
        registration.language = language
        registration.created_at = now
        registration.confirmed_at = now if status == S.CONFIRMED else None
        registration.cancelled_at = None
        registration.save()
        if notify:
            _notify_after_commit(registration, status)
    return registration


def _has_place(category):
    if category.capacity is None:
        return True
    taken = Registration.objects.filter(category=category, status=S.CONFIRMED).count()
    return taken < category.capacity


def cancel_registration(*, registration, by, notify=True):
    """Cancel a registration; a freed place goes to the first person waiting in its category."""
    with transaction.atomic():
        category = RegistrationCategory.objects.select_for_update().get(pk=registration.category_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == S.CANCELLED:
            raise ValidationError(_("The registration is already cancelled."), code="cancelled")
        if by != registration.user and not by.has_perm("congress.organise", registration.congress):
            raise ValidationError(_("You may not cancel this registration."), code="not_allowed")
        was_confirmed = registration.status == S.CONFIRMED
        registration.status = S.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            _notify_after_commit(registration, S.CANCELLED)
        promoted = _promote_next(category, notify=notify) if was_confirmed else None
    return promoted


def promote_waiting(category, *, notify=True):
    """Give every free place of `category` to the people waiting, first come first served.

    The caller holds the lock on the category's row (select_for_update) in its transaction.
    """
    promoted = []
    while (registration := _promote_next(category, notify=notify)) is not None:
        promoted.append(registration)
    return promoted


def _promote_next(category, *, notify):
    if not _has_place(category):
        return None
    waiting = (
        Registration.objects.select_for_update()
        .filter(category=category, status=S.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = S.CONFIRMED
    waiting.confirmed_at = timezone.now()
    waiting.save(update_fields=["status", "confirmed_at"])
    if notify:
        _notify_after_commit(waiting, "promoted")
    return waiting


def _notify_after_commit(registration, event):
    transaction.on_commit(lambda: send_registration_mail(registration=registration, event=event))
