"""Arrivals at a congress: each confirmed registration is checked in once."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress.models import Registration, RegistrationStatus


def check_in(*, registration, by):
    """Record the arrival; returns True the first time, False when it was already recorded.

    The conditional UPDATE makes two scanners at two doors record one arrival, not two.
    """
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("This registration is not confirmed: %(status)s.")
            % {"status": registration.get_status_display()},
            code="not_confirmed",
        )
    first = bool(
        Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
            checked_in_at=timezone.now(), checked_in_by=by
        )
    )
    registration.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
    return first
