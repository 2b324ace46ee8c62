from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(user, permission, obj):
    """The same rule the UI asks (registry/rules.py); a refusal is a structured 403."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied(_("You may not change this record."))
