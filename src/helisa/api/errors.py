"""Every error the API returns has one shape:

    {"error": {"code": "...", "message": "...", "details": [{"field": "...", "message": "..."}]}}

so that a client handles failures in one place, whichever layer refused the request.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "throttled",
}
# Where ninja says a value came from; the field a client knows is what follows.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class Conflict(Exception):
    """The request is valid but clashes with what is stored (a duplicate, for instance)."""

    def __init__(self, message, details=()):
        super().__init__(message)
        self.details = list(details)


def error_body(code, message, details=()):
    return {"error": {"code": code, "message": str(message), "details": list(details)}}


def _field_of(loc):
    parts = [str(part) for part in loc]
    if parts and parts[0] in _SOURCES:
        source, parts = parts[0], parts[1:]
        if source == "body" and len(parts) > 1:
            parts = parts[1:]  # the name of the view's body argument, which clients never see
    return ".".join(parts) or None


def _ninja_details(exc):
    return [
        {"field": _field_of(error.get("loc", ())), "message": error["msg"]} for error in exc.errors
    ]


def _django_details(exc):
    if not hasattr(exc, "error_dict"):
        return [{"field": None, "message": message} for message in exc.messages]
    return [
        {"field": None if field == NON_FIELD_ERRORS else field, "message": message}
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


def install_error_handlers(api):
    def respond(request, status, message, details=(), code=None):
        return api.create_response(
            request, error_body(code or CODES.get(status, "error"), message, details), status=status
        )

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        return respond(request, 422, _("The request has invalid values."), _ninja_details(exc))

    @api.exception_handler(DjangoValidationError)
    def invalid_record(request, exc):
        return respond(request, 422, _("The record would not be valid."), _django_details(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, 404, _("Nothing was found with this identifier."))

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        return respond(request, 403, str(exc) or _("You may not do this."))

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        message = exc.message if exc.message != "Unauthorized" else _("Authentication required.")
        response = respond(request, 401, message)
        response["WWW-Authenticate"] = 'Bearer realm="helisa"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return respond(request, exc.status_code, exc.message)

    @api.exception_handler(Conflict)
    def conflict(request, exc):
        return respond(request, 409, str(exc), exc.details)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, _("Something went wrong on our side."), code="server_error")


def conflicts_as_409(codes):
    """A runner for service calls: a refusal whose code is in `codes` (a clash with what is
    already stored, such as a second application) becomes a 409 instead of a 422."""

    def run(call, **kwargs):
        try:
            return call(**kwargs)
        except DjangoValidationError as error:
            if getattr(error, "code", None) in codes:
                raise Conflict(error.messages[0]) from error
            raise

    return run
