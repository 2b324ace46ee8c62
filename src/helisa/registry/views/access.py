"""Small helpers every protected view of the accounts work shares."""

from django.core.exceptions import PermissionDenied


def require(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def first_error(error):
    """The first message of a service's ValidationError, for a flash message."""
    return error.messages[0] if error.messages else str(error)
