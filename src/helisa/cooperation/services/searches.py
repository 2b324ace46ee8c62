"""Changing a saved search (renaming it, or changing its filters), for the API."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from helisa.cooperation.queries import clean_params


def update_search(*, search, user, name=None, params=None):
    """A new name and/or new filters; the digest goes on from its last date, so changing the
    filters does not resend profiles published before it."""
    if search.user_id != user.pk:
        raise PermissionDenied(_("This saved search is not yours."))
    changed = []
    if name is not None:
        if not (name := name.strip()[:100]):
            raise ValidationError({"name": _("Give the search a name.")})
        search.name = name
        changed.append("name")
    if params is not None:
        if not (cleaned := clean_params(params)):
            raise ValidationError(
                {"filters": _("Choose at least one filter before saving the search.")}
            )
        search.params = cleaned
        changed.append("params")
    if changed:
        search.save(update_fields=changed)
    return search
